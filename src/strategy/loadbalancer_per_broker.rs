//! One LoadBalancer Service per broker, plus one for bootstrap: the cloud answer.

use super::{Explanation, Info, Outcome, Strategy, Verdict};
use crate::checks::{self, Finding};
use crate::config::{Config, Field, StrategyId};
use crate::naming::{self, Names};
use crate::template::Template;
use k8s_openapi::api::core::v1::{Service, ServiceSpec};
use std::collections::BTreeMap;

pub struct LoadbalancerPerBroker;

impl LoadbalancerPerBroker {
    /// A LoadBalancer Service; `host` is the DNS name clients use for it, which external-dns (when the
    /// cluster runs it) points at the load balancer's address.
    fn load_balancer(&self, config: &Config, name: String, host: &str, selector: super::Selector) -> Service {
        let lb = &config.load_balancer;
        let mut service = super::service(
            config,
            name,
            ServiceSpec {
                type_: Some("LoadBalancer".into()),
                load_balancer_class: lb.class.clone(),
                load_balancer_source_ranges: (!lb.source_ranges.is_empty()).then(|| lb.source_ranges.clone()),
                selector: Some(selector),
                ports: Some(vec![super::external_port(config.ports.external, None)]),
                ..Default::default()
            },
        );
        let mut annotations = BTreeMap::from([(naming::EXTERNAL_DNS_HOSTNAME.to_string(), host.to_string())]);
        annotations.extend(lb.annotations.clone());
        service.metadata.annotations = Some(annotations);
        service
    }

    /// The host broker `i` advertises.
    fn host(config: &Config, ordinal: u32) -> String {
        super::by_ordinal(&Template::from_pattern(&config.load_balancer.host_template), ordinal)
    }
}

const INFO: Info = Info {
    id: StrategyId::LoadbalancerPerBroker,
    title: "One LoadBalancer per broker",
    verdict: Verdict { outcome: Outcome::Works, text: "works" },
    needs: "a cloud or MetalLB load balancer per broker, and a DNS name for each",
    explanation: Explanation {
        flow: "Each broker gets a LoadBalancer Service of its own, selecting only its pod; a bootstrap \
               LoadBalancer selects them all. Each broker advertises the DNS name made from \
               the broker host name template ({example}), which you (or external-dns) point at that broker's load \
               balancer address. The load balancer forwards to the broker's EXTERNAL port.",
        // k3s ServiceLB (klipper-lb) serves a LoadBalancer on a host port of the nodes' own
        // addresses, and leaves the Service pending when no node has that port free (k3s-io/
        // klipper-lb README): these Services all ask for the same port, so only one would get an
        // address there.
        requires: "A load-balancer implementation that gives every Service an address of its own (a \
                   cloud provider, MetalLB), one address per broker plus one, and DNS records for the \
                   names the brokers advertise. Not k3s ServiceLB: it serves each LoadBalancer on the \
                   nodes' own addresses at the Service's port, and every one of these uses the same \
                   port, so all but one stay pending; on k3s choose one NodePort per broker.",
        costs: "{load_balancers} load balancers, often billed per hour each. Addresses are assigned by the \
                provider: until DNS points at them, clients cannot connect. With TLS the certificate lists \
                every broker's name and the bootstrap name: names, not the providers' addresses, \
                so the certificate can be made before the load balancers exist.",
        choose_when: "Managed clouds, or clients across the internet or other networks: stable \
                      addresses that do not depend on nodes, and standard ports.",
        why_it_fails: None,
    },
};

impl Strategy for LoadbalancerPerBroker {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, config: &Config) -> Template {
        Template::from_pattern(&config.load_balancer.host_template)
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::text(config.ports.external.to_string())
    }

    fn services(&self, config: &Config) -> Vec<Service> {
        let names = Names::new(config);
        let bootstrap = config.load_balancer.bootstrap_host.as_ref().map(|host| {
            self.load_balancer(config, names.bootstrap_service(), host, super::all_brokers(config))
        });
        let per_broker = super::ordinals(config).map(|i| {
            self.load_balancer(
                config,
                names.broker_service(i),
                &Self::host(config, i),
                super::one_broker(config, i),
            )
        });
        bootstrap.into_iter().chain(per_broker).collect()
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        match &config.load_balancer.bootstrap_host {
            Some(host) => vec![format!("{host}:{}", config.ports.external)],
            None => super::each_broker(config, |i| Self::host(config, i), |_| config.ports.external),
        }
    }

    fn prerequisites(&self, _config: &Config) -> Vec<(String, String)> {
        vec![(
            "Something that gives Services of type LoadBalancer an address: your cloud's controller, or \
             MetalLB on machines of your own; external-dns, where it runs, makes the DNS records from the \
             Services' annotation"
                .into(),
            String::new(),
        )]
    }

    fn check(&self, config: &Config, findings: &mut Vec<Finding>) {
        let lb = &config.load_balancer;
        let field = Field::LoadBalancerHostTemplate;
        if config.replicas > 1 && !lb.host_template.contains("{ordinal}") {
            findings.push(Finding::error(
                field,
                "must contain {ordinal}, or every broker would advertise the same name",
            ));
        } else {
            // Every broker's name must be valid; checking the first and the last covers the lengths.
            // One finding is enough: the last broker's name says nothing the first's has not.
            for i in [0, config.replicas.saturating_sub(1)] {
                let instead = "Enter a DNS name that you point at each broker's load balancer, such as kafka-{ordinal}.example.com.";
                let said =
                    checks::check_outside_host(findings, config, field, &Self::host(config, i), instead);
                if said != checks::OutsideHost::Fine {
                    break;
                }
            }
        }
        if let Some(host) = &lb.bootstrap_host {
            let instead =
                "Enter a DNS name that you point at the bootstrap load balancer, or leave it empty.";
            checks::check_outside_host(findings, config, Field::LoadBalancerBootstrapHost, host, instead);
        }
        if let Some(class) = &lb.class {
            checks::check_qualified_name(findings, Field::LoadBalancerClass, class);
        }
        for key in lb.annotations.keys() {
            checks::check_qualified_name(findings, Field::LoadBalancerAnnotations, key);
        }
        for range in &lb.source_ranges {
            checks::check_cidr(findings, Field::LoadBalancerSourceRanges, range);
        }
        // `loadBalancerSourceRanges` filters traffic to the load balancer's address only (the
        // cloud's load balancer, or kube-proxy's rules for that address); the Service's NodePort on
        // every node is not filtered (kubernetes/kubernetes#33586, cilium/cilium#17440), and the
        // NetworkPolicy admits EXTERNAL from anywhere.
        if !lb.source_ranges.is_empty() {
            findings.push(Finding::warning(
                Field::LoadBalancerSourceRanges,
                "only the load balancer's address is limited to these networks: each Service's \
                 NodePort still accepts any client that can reach a node, and the NetworkPolicy admits \
                 EXTERNAL from anywhere. Close the NodePorts (30000–32767) in the nodes' firewall too",
            ));
        }
    }
}
