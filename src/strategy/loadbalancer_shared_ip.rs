//! One address for every broker, a port each: per-broker LoadBalancer Services that share one IP
//! (MetalLB's sharing key), or that k3s ServiceLB serves on the nodes' own addresses.
//!
//! MetalLB (`controller/service.go`; its docs, "Usage"): Services with the same
//! `metallb.io/allow-shared-ip` key share an address when their ports differ and, since they select
//! different pods, when every one of them has `externalTrafficPolicy: Cluster`; to get one address,
//! each asks for it with `metallb.io/loadBalancerIPs`. MetalLB v0.14.9 renamed the annotations from
//! `metallb.universe.tf/…`, which it still reads when the new name is absent: the files carry both.
//! k3s ServiceLB (k3s docs, networking-services; k3s-io/klipper-lb): a DaemonSet per Service binds
//! its port on every node, so Services on different ports share every node's address, and a second
//! Service asking a port already taken stays pending.

use super::{Explanation, Info, Outcome, Strategy, Verdict};
use crate::checks::{self, Finding};
use crate::config::{Config, Field, SharedIpProvider, StrategyId};
use crate::naming::{self, Names};
use crate::template::{Part, Template};
use k8s_openapi::api::core::v1::{Service, ServiceSpec};
use std::collections::BTreeMap;

pub struct LoadbalancerSharedIp;

const INFO: Info = Info {
    id: StrategyId::LoadbalancerSharedIp,
    title: "One shared load-balancer IP, a port per broker",
    verdict: Verdict { outcome: Outcome::WorksWithLimits, text: "works with MetalLB or k3s, not a cloud's" },
    needs: "MetalLB with a free address, or k3s ServiceLB; one port per broker",
    explanation: Explanation {
        flow: "Each broker gets a LoadBalancer Service of its own, selecting only its pod, and a \
               bootstrap one selects them all: every one on the same address, each on its own \
               port ({example}). With MetalLB every Service asks for that one IP and carries the \
               same sharing key (metallb.io/allow-shared-ip), so MetalLB gives them all the one \
               address; with k3s ServiceLB each Service's port opens on every node's own address. \
               The load balancer forwards each port to its broker's EXTERNAL container port. \
               Brokers keep talking to each other on the INTERNAL listener through the headless \
               Service's DNS names.",
        requires: "MetalLB (v0.14.9 or later reads the metallb.io/ annotations; older releases read \
                   the metallb.universe.tf/ names, which the files carry too) with the address in one \
                   of its pools, or k3s with ServiceLB. Every Service keeps externalTrafficPolicy: \
                   Cluster: MetalLB shares an address between Services that select different pods \
                   only then. One free port per broker on the address, plus bootstrap's; a firewall \
                   open on them. Not a cloud's load balancers: they give each Service an address of \
                   its own (one AWS NLB per Service), so the brokers could not share one.",
        costs: "One Service per broker, but one address, one DNS record and one firewall rule for \
                all of them. Traffic may take an extra hop between nodes and loses the client's \
                source address (externalTrafficPolicy: Cluster). Adding a broker takes the next port. \
                In MetalLB's layer-2 mode one node answers for the address: it carries every client. \
                With TLS the certificate lists the one address.",
        choose_when: "Bare metal or a homelab with MetalLB, or k3s: one address to publish and to \
                      open, without a load balancer per broker or the NodePort range.",
        why_it_fails: None,
    },
};

/// The MetalLB annotations a Service of this config carries: the sharing key, the one address and
/// the pool, each under its name since v0.14.9 and under the one before.
fn metallb_annotations(config: &Config) -> BTreeMap<String, String> {
    let shared = &config.shared_ip;
    let key = Names::new(config).shared_service();
    let mut annotations = BTreeMap::new();
    for prefix in [naming::METALLB, naming::METALLB_BEFORE_0_14_9] {
        annotations.insert(format!("{prefix}/allow-shared-ip"), key.clone());
        annotations.insert(format!("{prefix}/loadBalancerIPs"), shared.address.clone());
        if let Some(pool) = &shared.pool {
            annotations.insert(format!("{prefix}/address-pool"), pool.clone());
        }
    }
    annotations
}

impl LoadbalancerSharedIp {
    fn load_balancer(config: &Config, name: String, port: u32, selector: super::Selector) -> Service {
        let mut service = super::service(
            config,
            name,
            ServiceSpec {
                type_: Some("LoadBalancer".into()),
                // Services that select different pods share an address only with Cluster.
                external_traffic_policy: Some("Cluster".into()),
                selector: Some(selector),
                ports: Some(vec![super::external_port(port, None)]),
                ..Default::default()
            },
        );
        if config.shared_ip.provider == SharedIpProvider::Metallb {
            service.metadata.annotations = Some(metallb_annotations(config));
        }
        service
    }
}

impl Strategy for LoadbalancerSharedIp {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, config: &Config) -> Template {
        Template::text(config.shared_ip.address.clone())
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::part(Part::OrdinalPlus(config.shared_ip.first_port))
    }

    fn services(&self, config: &Config) -> Vec<Service> {
        let names = Names::new(config);
        let bootstrap = Self::load_balancer(
            config,
            names.bootstrap_service(),
            config.ports.external,
            super::all_brokers(config),
        );
        let per_broker = super::ordinals(config).map(|i| {
            Self::load_balancer(
                config,
                names.broker_service(i),
                config.shared_ip.first_port + i,
                super::one_broker(config, i),
            )
        });
        std::iter::once(bootstrap).chain(per_broker).collect()
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        vec![format!("{}:{}", config.shared_ip.address, config.ports.external)]
    }

    fn prerequisites(&self, config: &Config) -> Vec<(String, String)> {
        let shared = &config.shared_ip;
        let ports: Vec<String> = std::iter::once(config.ports.external)
            .chain(super::ordinals(config).map(|i| shared.first_port + i))
            .map(|p| p.to_string())
            .collect();
        let implementation = match shared.provider {
            SharedIpProvider::K3s => (
                "k3s with its ServiceLB (not started with --disable=servicelb): it serves each Service's port \
                 on every node"
                    .into(),
                String::new(),
            ),
            _ => (
                format!(
                    "MetalLB with {} in one of its address pools (v0.14.9 or later reads the metallb.io/ \
                     annotations; an older one the metallb.universe.tf/ names the files carry too)",
                    shared.address
                ),
                "kubectl get ipaddresspools.metallb.io -A".into(),
            ),
        };
        let firewall = format!(
            "A firewall (security group) rule letting the clients reach TCP {} on {}",
            ports.join(", "),
            shared.address
        );
        vec![implementation, (firewall, String::new())]
    }

    fn check(&self, config: &Config, findings: &mut Vec<Finding>) {
        let shared = &config.shared_ip;
        if shared.provider == SharedIpProvider::Cloud {
            findings.push(Finding::error(
                Field::SharedIpProvider,
                "not for a cloud's load balancers: each Service gets an address of its own (an AWS NLB \
                 cannot be shared by two Services), so the brokers would not share one and the files \
                 would fail quietly. Choose one LoadBalancer per broker, or NodePorts behind one load \
                 balancer of your own with a listener per broker port",
            ));
        }
        let metallb = shared.provider == SharedIpProvider::Metallb;
        let field = Field::SharedIpAddress;
        if metallb && shared.address.parse::<std::net::IpAddr>().is_err() {
            findings.push(Finding::error(
                field,
                "MetalLB gives a Service an IP address, not a name: enter the IP every Service asks for, \
                 one from a MetalLB pool",
            ));
        } else {
            let instead = if metallb {
                "Enter the IP, from one of MetalLB's pools, that every Service asks for."
            } else {
                "Enter a node's address, or a DNS name for the nodes: ServiceLB serves on each of them."
            };
            checks::check_outside_host(findings, config, field, &shared.address, instead);
        }
        let last = u64::from(shared.first_port) + u64::from(config.replicas.saturating_sub(1));
        if shared.first_port == 0 || last > 65535 {
            findings.push(Finding::error(
                Field::SharedIpFirstPort,
                format!(
                    "the brokers' ports run from {} to {last}: they must lie within 1–65535",
                    shared.first_port
                ),
            ));
        } else if (u64::from(shared.first_port)..=last).contains(&u64::from(config.ports.external)) {
            // Two Services asking one port of the address: the second stays pending (MetalLB and
            // ServiceLB alike), and its broker has no address.
            findings.push(Finding::error(
                Field::SharedIpFirstPort,
                format!(
                    "bootstrap has port {} on the address, which is also a broker's ({}–{last}): the \
                     second Service asking for it stays pending. Start the brokers' ports after it",
                    config.ports.external, shared.first_port
                ),
            ));
        }
        if shared.provider == SharedIpProvider::K3s {
            let taken = [80, 443].into_iter().find(|p| {
                *p == config.ports.external || (u64::from(shared.first_port)..=last).contains(&u64::from(*p))
            });
            if let Some(port) = taken {
                findings.push(Finding::warning(
                    Field::SharedIpFirstPort,
                    format!(
                        "k3s's bundled Traefik already holds port {port} on every node: the Service that \
                         asks for it stays pending unless Traefik is disabled"
                    ),
                ));
            }
        }
        if let Some(pool) = &shared.pool {
            checks::check_dns_subdomain(findings, Field::SharedIpPool, "A MetalLB pool name", pool);
        }
    }
}
