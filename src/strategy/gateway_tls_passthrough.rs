//! One address and port for every broker, routed by the TLS server name: a Gateway (the user's
//! implementation: Envoy Gateway, Istio, Cilium, NGINX Gateway Fabric, Traefik, kgateway …) with a
//! TLS listener in `Passthrough` mode, one TLSRoute per broker and one for bootstrap, each to a
//! ClusterIP Service. The broker terminates TLS itself, so the Gateway reads only the ClientHello's
//! server name (SNI). Strimzi's `tlsroute` listener (its proposal 136) is the same design.
//!
//! SNI is sent only for a dotted name that is not an IP literal (JDK `sun.security.ssl.Utilities`
//! `rawToSNIHostName`): bootstrapping by IP or by a single-label name sends none, and the Gateway
//! has no route to choose (strimzi/strimzi-kafka-operator#4082).

use super::{Explanation, Info, Outcome, Strategy, Verdict};
use crate::checks::{self, Finding};
use crate::config::{Config, Field, GatewayApi, GatewayListener, StrategyId};
use crate::naming::Names;
use crate::template::{Part, Template};
use k8s_openapi::api::core::v1::{Service, ServiceSpec};

pub struct GatewayTlsPassthrough;

const INFO: Info = Info {
    id: StrategyId::GatewayTlsPassthrough,
    title: "Gateway TLS passthrough: one address, a name per broker",
    verdict: Verdict { outcome: Outcome::WorksWithLimits, text: "works with TLS and DNS names" },
    needs: "a Gateway API implementation with TLS passthrough, TLS on EXTERNAL, a DNS name per broker",
    explanation: Explanation {
        flow: "Every broker advertises a name of its own on one port of the Gateway ({example}); all \
               the names resolve to the Gateway's address. The client opens TLS with the name it \
               dialled as the server name (SNI); the Gateway's TLS listener, in Passthrough mode, \
               reads it, picks the TLSRoute with that host name and forwards the still-encrypted \
               connection to that broker's ClusterIP Service. The broker terminates TLS with a \
               certificate that lists its name. Bootstrap has a name and a route of its own, to \
               every broker.",
        requires: "A Gateway API implementation whose conformance report has TLS passthrough \
                   (TLSRoute; GATEWAY-TLS): Envoy Gateway, Istio, Cilium, NGINX Gateway Fabric, \
                   Traefik, kgateway, Contour among them; not the GKE gateway nor the AWS load \
                   balancer controller. TLSRoute v1 needs Gateway API 1.5 (standard channel) and \
                   Kubernetes 1.31; v1alpha2 is for the experimental channel before it. TLS on \
                   EXTERNAL, and DNS: each broker's name and bootstrap's pointing at the Gateway (a \
                   wildcard record is enough).",
        costs: "One address, one port, one DNS zone and one firewall rule for every broker; one \
                ClusterIP Service and one TLSRoute per broker. Clients must send SNI: they must \
                dial names, never an IP, and some must be told to (kafka-python sends none without \
                hostname checks). The Gateway carries every byte: size it for the cluster's \
                throughput. ingress-nginx's ssl-passthrough did this before Gateway API; it is \
                retired (no releases after March 2026).",
        choose_when: "A platform that already runs a Gateway, or clients across the internet that \
                      should reach Kafka at one address on 443 without a load balancer per broker.",
        why_it_fails: None,
    },
};

impl Strategy for GatewayTlsPassthrough {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, config: &Config) -> Template {
        let (before, after) = config
            .gateway
            .host_template
            .split_once("{ordinal}")
            .unwrap_or((&config.gateway.host_template, ""));
        Template(vec![Part::Text(before.into()), Part::Ordinal, Part::Text(after.into())])
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::text(config.gateway.port.to_string())
    }

    /// ClusterIP Services: the routes' backends, one per broker and one for bootstrap.
    fn services(&self, config: &Config) -> Vec<Service> {
        let names = Names::new(config);
        let cluster_ip = |name: String, selector: super::Selector| {
            super::service(
                config,
                name,
                ServiceSpec {
                    type_: Some("ClusterIP".into()),
                    selector: Some(selector),
                    ports: Some(vec![super::external_port(config.ports.external, None)]),
                    ..Default::default()
                },
            )
        };
        std::iter::once(cluster_ip(names.bootstrap_service(), super::all_brokers(config)))
            .chain(
                super::ordinals(config)
                    .map(|i| cluster_ip(names.broker_service(i), super::one_broker(config, i))),
            )
            .collect()
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        vec![format!("{}:{}", config.gateway.bootstrap_host, config.gateway.port)]
    }

    fn prerequisites(&self, config: &Config) -> Vec<(String, String)> {
        let gateway = &config.gateway;
        let ns = config.namespace.as_str();
        let gateway_ns = gateway.namespace.as_deref().unwrap_or(ns);
        let at = format!("{gateway_ns}/{}", gateway.name);
        // Gateway API v1.5.0's release notes: TLSRoute and ListenerSet graduate to the standard
        // channel as v1; TLSRoute v1alpha2 stays only in 1.5's experimental channel and leaves it
        // in 1.6; TLSRoute's CEL validation needs Kubernetes 1.31 or later.
        let crds = match gateway.api {
            GatewayApi::V1 => {
                "Gateway API 1.5 or later (standard channel; its TLSRoute v1 needs Kubernetes 1.31), and \
                               an implementation whose conformance report has TLS passthrough (TLSRoute)"
            }
            GatewayApi::V1alpha2 => {
                "Gateway API's experimental channel before 1.5 (TLSRoute v1alpha2), and an \
                                     implementation with TLS passthrough"
            }
        };
        let listener = match gateway.listener {
            GatewayListener::Gateway => (
                format!("The GatewayClass {} of your Gateway API implementation", gateway.class),
                format!("kubectl get gatewayclass {}", gateway.class),
            ),
            GatewayListener::ListenerSet => (
                format!("Gateway {at}, which accepts ListenerSets from namespace {ns} (spec.allowedListeners)"),
                format!("kubectl -n {gateway_ns} get gateway {}", gateway.name),
            ),
            GatewayListener::Existing => (
                format!(
                    "Gateway {at} with a listener {} on port {}: protocol TLS, tls.mode Passthrough, admitting \
                     TLSRoutes from namespace {ns}",
                    gateway.section, gateway.port
                ),
                format!("kubectl -n {gateway_ns} get gateway {} -o yaml", gateway.name),
            ),
        };
        vec![
            (
                crds.into(),
                "kubectl get crd gateways.gateway.networking.k8s.io tlsroutes.gateway.networking.k8s.io".into(),
            ),
            listener,
            (
                format!(
                    "A firewall (security group) rule letting the clients reach TCP {} on the Gateway's address; \
                     for DNS, one wildcard record {} to that address is enough",
                    gateway.port,
                    wildcard(config)
                ),
                String::new(),
            ),
        ]
    }

    fn check(&self, config: &Config, findings: &mut Vec<Finding>) {
        let gateway = &config.gateway;
        if !config.security.tls() {
            findings.push(Finding::error(
                Field::SecurityTls,
                "TLS passthrough routes by the server name in the client's TLS hello: without TLS on \
                 EXTERNAL there is none, and the Gateway cannot tell the brokers apart. Choose \
                 cert-manager or your own Secret",
            ));
        }
        let field = Field::GatewayHostTemplate;
        if config.replicas > 1 && !gateway.host_template.contains("{ordinal}") {
            findings
                .push(Finding::error(field, "must contain {ordinal}, or every broker would have one name"));
        } else {
            for i in [0, config.replicas.saturating_sub(1)] {
                let host = broker_host(config, i);
                if !sends_sni(&host) {
                    findings.push(Finding::error(
                        field,
                        format!("{host} is no dotted name: a client sends no server name (SNI) for it, and the Gateway drops the connection"),
                    ));
                    break;
                }
                let instead = "Enter a DNS name that points at the Gateway, such as broker-{ordinal}.kafka.example.com.";
                if checks::check_outside_host(findings, config, field, &host, instead)
                    != checks::OutsideHost::Fine
                {
                    break;
                }
            }
        }
        let bootstrap = &gateway.bootstrap_host;
        if !sends_sni(bootstrap) {
            findings.push(Finding::error(
                Field::GatewayBootstrapHost,
                "bootstrap by IP or by a one-label name sends no server name (SNI): the Gateway drops it. \
                 Enter a dotted DNS name that points at the Gateway",
            ));
        } else {
            let instead = "Enter a DNS name that points at the Gateway, such as bootstrap.kafka.example.com.";
            checks::check_outside_host(findings, config, Field::GatewayBootstrapHost, bootstrap, instead);
        }
        if gateway.port == 0 || gateway.port > 65535 {
            findings.push(Finding::error(Field::GatewayPort, "a port is 1–65535"));
        }
        checks::check_dns_subdomain(findings, Field::GatewayName, "A Gateway name", &gateway.name);
        checks::check_dns_label(findings, Field::GatewaySection, "A listener name", &gateway.section, 253);
        if let Some(namespace) = &gateway.namespace {
            checks::check_dns_label(findings, Field::GatewayNamespace, "A namespace", namespace, 63);
        }
        if gateway.listener == GatewayListener::Gateway {
            checks::check_dns_subdomain(findings, Field::GatewayClass, "A GatewayClass name", &gateway.class);
        }
        if gateway.listener == GatewayListener::ListenerSet && gateway.api == GatewayApi::V1alpha2 {
            findings.push(Finding::error(
                Field::GatewayApi,
                "ListenerSet is part of Gateway API 1.5, whose TLSRoutes are v1: choose v1",
            ));
        }
        if gateway.api == GatewayApi::V1alpha2 {
            findings.push(Finding::warning(
                Field::GatewayApi,
                "v1alpha2 TLSRoutes are for Gateway API's experimental channel before 1.5 (and are gone \
                 from 1.6's): with 1.5 or later (standard channel, Kubernetes 1.31 or later) choose v1",
            ));
        }
    }
}

/// Broker `i`'s name on the Gateway.
pub fn broker_host(config: &Config, ordinal: u32) -> String {
    config.gateway.host_template.replace("{ordinal}", &ordinal.to_string())
}

/// The one wildcard name over the brokers' names: what follows their first label.
pub fn wildcard(config: &Config) -> String {
    let host = broker_host(config, 0);
    match host.split_once('.') {
        Some((_, domain)) => format!("*.{domain}"),
        None => host,
    }
}

/// Whether a Java client sends SNI for `host`: only for a dotted name that is not an IP (JDK
/// `Utilities.rawToSNIHostName`).
pub fn sends_sni(host: &str) -> bool {
    host.parse::<std::net::IpAddr>().is_err() && host.trim_end_matches('.').contains('.')
}
