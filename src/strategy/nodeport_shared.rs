//! The thread's first answer, generated faithfully so the page can show why it fails: one NodePort
//! Service in front of every broker.

use super::{Explanation, Info, NodePort, Outcome, Strategy, Verdict};
use crate::checks::Finding;
use crate::config::{Config, Field, StrategyId};
use crate::template::Template;
use k8s_openapi::api::core::v1::Service;

pub struct NodeportShared;

const INFO: Info = Info {
    id: StrategyId::NodeportShared,
    title: "One NodePort shared by all brokers",
    verdict: Verdict { outcome: Outcome::Fails, text: "fails: clients reach a random broker" },
    needs: "one NodePort; it looks right, but cannot address a single broker",
    explanation: Explanation {
        flow: "One NodePort Service selects every broker pod. Every broker advertises that one \
               NodePort, on a node's address ({example}). A client's bootstrap connection lands on some broker and gets \
               metadata back, but when it then connects to the leader of a partition, kube-proxy \
               picks a pod at random again.",
        requires: "One NodePort. (The thread proposed turning the headless Service itself into a \
                   NodePort Service; the API server refuses clusterIP: None with type NodePort, so the \
                   headless Service has to stay and this one is added beside it.)",
        costs: "Produce and fetch requests reach the wrong broker most of the time; clients see \
                NOT_LEADER_OR_FOLLOWER errors and retry until they time out.",
        choose_when: "Never for clients; a shared Service is fine for bootstrap only, next to \
                      per-broker Services (as the bootstrap Service of one NodePort per broker).",
        why_it_fails: Some(
            "A Kafka client must reach each partition leader itself, at the address that broker \
             advertises. Here every broker advertises the same port, and that port load-balances on \
             every node: with n brokers a connection reaches the intended one only 1 time in n.",
        ),
    },
};

impl Strategy for NodeportShared {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, config: &Config) -> Template {
        super::advertised_host(config)
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::text(config.node_ports.first.to_string())
    }

    fn node_ports(&self, config: &Config) -> Vec<NodePort> {
        vec![NodePort { field: Field::NodePortsFirst, broker: None, port: config.node_ports.first }]
    }

    fn services(&self, config: &Config) -> Vec<Service> {
        vec![super::shared_node_port(config, None)]
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        let port = config.node_ports.first;
        super::bootstrap_hosts(config).into_iter().map(|host| format!("{host}:{port}")).collect()
    }

    fn check(&self, config: &Config, findings: &mut Vec<Finding>) {
        super::check_advertised_host(config, findings);
        if config.replicas > 1 {
            findings.push(Finding::warning(
                Field::Strategy,
                format!(
                    "One NodePort shared by all brokers does not work: all {} brokers advertise port {} and \
                     that port load-balances on every node, so a client reaches the broker it wants only \
                     1 time in {}. Use One NodePort per broker instead.",
                    config.replicas, config.node_ports.first, config.replicas
                ),
            ));
        }
    }
}
