//! One NodePort Service with `externalTrafficPolicy: Local` and one broker per node: a node's port
//! reaches only the broker on that node.

use super::{Explanation, Info, NodePort, Outcome, Placement, Strategy, Verdict};
use crate::checks::Finding;
use crate::config::{Config, Field, StrategyId};
use crate::template::{Part, Template};
use k8s_openapi::api::core::v1::Service;

pub struct NodeportLocal;

const INFO: Info = Info {
    id: StrategyId::NodeportLocal,
    title: "NodePort with externalTrafficPolicy: Local",
    verdict: Verdict { outcome: Outcome::WorksWithLimits, text: "works with limits: one broker per node" },
    needs: "at least as many nodes as brokers, each reachable at its own address; one NodePort",
    explanation: Explanation {
        flow: "One NodePort Service selects every broker, but with externalTrafficPolicy: Local \
               kube-proxy forwards a node's port only to a pod on that same node. A required pod \
               anti-affinity keeps one broker per node, so nodeX:nodePort reaches exactly the broker \
               on nodeX, and each broker advertises its own node's address and the NodePort ({example}).",
        requires: "One broker per node (the anti-affinity leaves extra brokers Pending); each node \
                   reachable from the clients at the address its pod looks up at start; one free \
                   NodePort.",
        // kube-proxy in iptables or nftables mode drops traffic for a Local Service on a node without
        // its pod (Kubernetes docs, "Using Source IP"); in IPVS mode it has used the other nodes'
        // endpoints then since kubernetes/kubernetes#97081 (reported as a bug in #125167).
        costs: "A broker's external identity follows its node while its volume follows the pod: when \
                a pod is rescheduled to another node its advertised address changes (clients \
                recover from fresh metadata, but firewall rules and certificates must cover every \
                node). On a node without a broker, kube-proxy in its iptables or nftables mode drops \
                connections to the port and the client waits out its connection timeout; in IPVS mode \
                it sends them on to a broker on another node, any of them. Keeps the client's source \
                address.",
        choose_when: "Clusters with a dedicated node per broker, when you want no per-broker \
                      Services and want to keep client source addresses.",
        why_it_fails: None,
    },
};

impl Strategy for NodeportLocal {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, _config: &Config) -> Template {
        Template::part(Part::NodeAddress)
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::text(config.node_ports.first.to_string())
    }

    fn placement(&self) -> Placement {
        Placement::OneBrokerPerNode
    }

    fn node_ports(&self, config: &Config) -> Vec<NodePort> {
        vec![NodePort { field: Field::NodePortsFirst, broker: None, port: config.node_ports.first }]
    }

    fn services(&self, config: &Config) -> Vec<Service> {
        vec![super::shared_node_port(config, Some("Local"))]
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        super::nodes_with_brokers(config)
            .iter()
            .map(|node| format!("{}:{}", node.address, config.node_ports.first))
            .collect()
    }

    fn check(&self, _config: &Config, findings: &mut Vec<Finding>) {
        findings.push(Finding::warning(
            Field::Strategy,
            "NodePort with externalTrafficPolicy: Local: a broker advertises its node's address, but its volume follows the pod; \
             if a pod moves to another node its external address changes with it.",
        ));
    }
}
