//! A hostPort on every broker's EXTERNAL container port, one broker per node: the Yolean "outside"
//! listener.

use super::{Explanation, Info, Outcome, Placement, Strategy, Verdict};
use crate::checks::Finding;
use crate::config::{Config, Field, StrategyId};
use crate::template::{Part, Template};
use k8s_openapi::api::core::v1::Service;

pub struct Hostport;

const INFO: Info = Info {
    id: StrategyId::Hostport,
    title: "hostPort on every node",
    verdict: Verdict { outcome: Outcome::WorksWithLimits, text: "works with limits: one broker per node" },
    needs:
        "at least as many nodes as brokers, each reachable at its own address; the port free on every node",
    explanation: Explanation {
        // hostPort is a DNAT rule on the node set up by the CNI portmap plugin, not a socket the
        // node opens (Kubernetes docs, "Network Plugins": "Support hostPort"). Pod Security
        // admission exempts by username, runtime class or namespace (Kubernetes docs, "Pod
        // Security Admission": "Exemptions").
        flow: "The broker container's EXTERNAL port is also a hostPort: the node forwards that port \
               on its own addresses straight to the pod (a port-mapping rule that the container \
               network's portmap plugin sets up), with no Service and no kube-proxy. \
               Each broker advertises its node's address and that port ({example}); a required anti-affinity \
               keeps one broker per node, since two pods cannot hold the same hostPort.",
        requires: "One broker per node; the port free on every node that may run a broker; each \
                   node reachable at the address its pod looks up at start (its ExternalIP with \
                   kubectl and RBAC, its InternalIP from the downward API, or a fixed map).",
        costs: "As with externalTrafficPolicy: Local, the advertised address follows the node, not \
                the pod's volume. Some CNI plugins need the portmap plugin for hostPort. Pod \
                Security's baseline and restricted levels forbid hostPort: the namespace must \
                enforce the privileged level (the generated Namespace says so), or the cluster's \
                admission configuration must exempt it: Pod Security exempts by namespace, user or \
                runtime class, never a single pod.",
        choose_when: "Bare metal with one dedicated node per broker, when you want the shortest path \
                      and no Services at all.",
        why_it_fails: None,
    },
};

impl Strategy for Hostport {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn external_host(&self, _config: &Config) -> Template {
        Template::part(Part::NodeAddress)
    }

    fn external_port(&self, config: &Config) -> Template {
        Template::text(config.ports.external.to_string())
    }

    fn placement(&self) -> Placement {
        Placement::OneBrokerPerNode
    }

    fn uses_host_port(&self) -> bool {
        true
    }

    fn services(&self, _config: &Config) -> Vec<Service> {
        Vec::new()
    }

    fn bootstrap_servers(&self, config: &Config) -> Vec<String> {
        super::nodes_with_brokers(config)
            .iter()
            .map(|node| format!("{}:{}", node.address, config.ports.external))
            .collect()
    }

    fn check(&self, _config: &Config, findings: &mut Vec<Finding>) {
        findings.push(Finding::warning(
            Field::Strategy,
            "hostPort on every node needs a namespace that allows Pod Security's privileged level: \
             baseline and restricted forbid hostPort, and a cluster that enforces either refuses \
             these pods. The generated Namespace is labelled privileged; your cluster's policy may \
             still forbid it.",
        ));
        findings.push(Finding::warning(
            Field::Strategy,
            "hostPort on every node: a broker advertises its node's address, but its volume follows the pod; if a \
             pod moves to another node its external address changes with it.",
        ));
    }
}
