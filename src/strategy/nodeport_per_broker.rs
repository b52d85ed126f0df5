//! One NodePort Service per broker pod: the thread's accepted answer, without its label script.

use super::{Explanation, Info, NodePort, Outcome, Strategy, Verdict};
use crate::checks::Finding;
use crate::config::{Config, Field, StrategyId};
use crate::naming::Names;
use crate::template::{Part, Template};
use k8s_openapi::api::core::v1::{Service, ServiceSpec};

pub struct NodeportPerBroker;

const INFO: Info = Info {
    id: StrategyId::NodeportPerBroker,
    title: "One NodePort per broker",
    verdict: Verdict { outcome: Outcome::Works, text: "works" },
    needs: "one free NodePort per broker, and the nodes' addresses (or one address in front of them)",
    explanation: Explanation {
        flow: "Each broker gets a NodePort Service of its own that selects only its pod, by the \
               statefulset.kubernetes.io/pod-name label the StatefulSet controller sets. Each \
               broker advertises its own NodePort on its EXTERNAL listener, at one of the listed \
               nodes' addresses, spread over them, or at the one address you put in front of them \
               ({example}). Any node forwards a NodePort: kube-proxy sends a connection to that port \
               on any node to that broker's EXTERNAL container port, whichever node the pod runs on. \
               A node that is down cuts clients off from the brokers that advertise its address, \
               one in every n, not from all of them; an address in front of every node avoids \
               even that. \
               Brokers keep talking to each other on the INTERNAL listener through the headless \
               Service's DNS names.",
        requires: "NodePorts {node_ports} free in the cluster's NodePort range; the nodes' addresses, \
                   or an address in front of all of them (a DNS name that lists them, a virtual IP, \
                   a TCP load balancer), reachable from the clients; firewalls open on those ports.",
        costs: "One Service per broker. Traffic may take an extra hop between nodes (and loses the \
                client's source address) because externalTrafficPolicy is Cluster. Adding a broker \
                takes the next NodePort, so leave room in the range. With TLS the certificate lists \
                the nodes' addresses the brokers advertise, or the one address in front of them. \
                Advertising one node's address for every broker makes that node carry every \
                client: while it is down, no client outside reaches any broker.",
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
        super::advertised_host(config)
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::part(Part::OrdinalPlus(config.node_ports.first))
    }

    fn node_ports(&self, config: &Config) -> Vec<NodePort> {
        let first = config.node_ports.first;
        let mut ports: Vec<NodePort> = super::ordinals(config)
            .map(|i| NodePort { field: Field::NodePortsFirst, broker: Some(i), port: first + i })
            .collect();
        if let Some(port) = config.node_ports.bootstrap {
            ports.push(NodePort { field: Field::NodePortsBootstrap, broker: None, port });
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
            Some(port) => {
                super::bootstrap_hosts(config).into_iter().map(|host| format!("{host}:{port}")).collect()
            }
            None => {
                let host = super::advertised_host(config);
                super::each_broker(config, |i| super::by_ordinal(&host, i), |i| config.node_ports.first + i)
            }
        }
    }

    fn check(&self, config: &Config, findings: &mut Vec<Finding>) {
        super::check_advertised_host(config, findings);
    }
}
