//! One NodePort Service per broker pod: the thread's accepted answer, without its label script.

use super::{Explanation, Info, Outcome, Strategy, Verdict};
use crate::checks::Finding;
use crate::config::{Config, StrategyId};
use crate::kafka::template::{Part, Template};
use crate::naming::Names;
use k8s_openapi::api::core::v1::{Service, ServiceSpec};

pub struct NodeportPerBroker;

const INFO: Info = Info {
    id: StrategyId::NodeportPerBroker,
    title: "One NodePort per broker",
    verdict: Verdict { outcome: Outcome::Works, text: "works" },
    needs: "one free NodePort per broker, and one address that reaches the nodes",
    explanation: Explanation {
        flow: "Each broker gets a NodePort Service of its own that selects only its pod, by the \
               statefulset.kubernetes.io/pod-name label the StatefulSet controller sets. Each \
               broker advertises the advertised host and its own NodePort on its EXTERNAL listener \
               ({example}). A client that dials that port on any node is forwarded by kube-proxy to that broker's EXTERNAL container \
               port, whichever node the pod runs on. Brokers keep talking to each other on the \
               INTERNAL listener through the headless Service's DNS names.",
        requires: "NodePorts {node_ports} free in the cluster's NodePort range; an \
                   address (a node IP, a DNS name over the nodes, or a TCP load balancer in front of \
                   them) that clients can reach; firewalls open on those ports.",
        costs: "One Service per broker. Traffic may take an extra hop between nodes (and loses the \
                client's source address) because externalTrafficPolicy is Cluster. Adding a broker \
                takes the next NodePort, so leave room in the range. With TLS every broker and \
                bootstrap share one address, so the certificate needs a single SAN for it.",
        choose_when: "The default for bare metal, on-premises and development clusters: it works on \
                      any cluster, survives pods moving between nodes, and needs no cloud integration.",
        why_it_fails: None,
    },
};

impl Strategy for NodeportPerBroker {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, config: &Config) -> Template {
        Template::text(config.advertised_host.clone())
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::part(Part::OrdinalPlus(config.node_ports.first))
    }

    fn node_ports(&self, config: &Config) -> Vec<(String, u32)> {
        let mut ports: Vec<(String, u32)> = super::ordinals(config)
            .map(|i| (format!("nodePorts.first (broker {i})"), config.node_ports.first + i))
            .collect();
        if let Some(bootstrap) = config.node_ports.bootstrap {
            ports.push(("nodePorts.bootstrap".into(), bootstrap));
        }
        ports
    }

    fn services(&self, config: &Config) -> Vec<Service> {
        let names = Names::new(config);
        let bootstrap = config.node_ports.bootstrap.map(|node_port| {
            super::service(
                config,
                names.bootstrap_service(),
                ServiceSpec {
                    type_: Some("NodePort".into()),
                    selector: Some(super::all_brokers(config)),
                    ports: Some(vec![super::external_port(config.ports.external, Some(node_port))]),
                    ..Default::default()
                },
            )
        });
        let per_broker = super::ordinals(config).map(|i| {
            super::service(
                config,
                names.broker_service(i),
                ServiceSpec {
                    type_: Some("NodePort".into()),
                    selector: Some(super::one_broker(config, i)),
                    ports: Some(vec![super::external_port(
                        config.ports.external,
                        Some(config.node_ports.first + i),
                    )]),
                    ..Default::default()
                },
            )
        });
        bootstrap.into_iter().chain(per_broker).collect()
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        match config.node_ports.bootstrap {
            Some(port) => vec![format!("{}:{port}", config.advertised_host)],
            None => super::each_broker(
                config,
                |_| config.advertised_host.clone(),
                |i| config.node_ports.first + i,
            ),
        }
    }

    fn check(&self, config: &Config, findings: &mut Vec<Finding>) {
        super::check_advertised_host(config, findings);
    }
}
