//! Starting points for common clusters.

use crate::config::{ClientNetwork, Config, Node, NodeAddressSource, StrategyId};

/// A named starting config.
pub struct Preset {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub config: fn() -> Config,
}

/// The presets, in the order the page shows them.
pub const PRESETS: [Preset; 3] = [
    Preset {
        id: "minikube",
        title: "minikube",
        description: "One node at minikube's usual address, reached from this machine (the node's network), plaintext, every broker also a controller: a lab. Per-broker NodePorts work, one-broker-per-node strategies cannot.",
        config: minikube,
    },
    Preset {
        id: "bare-metal",
        title: "Three-node bare metal",
        description: "Three nodes with public addresses and one NodePort per broker, the default for bare metal: it works under Pod Security's baseline level, which forbids hostPort, and survives pods moving between nodes. The addresses are examples: replace them with your nodes'.",
        config: bare_metal,
    },
    Preset {
        id: "cloud",
        title: "Cloud with load balancers",
        description: "One LoadBalancer per broker and one for bootstrap, with DNS names from external-dns. The names are examples: replace them with your own domain's.",
        config: cloud,
    },
];

fn minikube() -> Config {
    let mut config = Config::example(StrategyId::NodeportPerBroker);
    config.advertised_host = "192.168.49.2".into();
    config.nodes = vec![Node::new("minikube", "192.168.49.2")];
    config.node_address_source = NodeAddressSource::HostIp;
    // minikube's node is a VM or container on this machine, at a private address that only this
    // machine reaches: the client runs here, on the node's network.
    config.client_network = ClientNetwork::Nodes;
    config.storage.size = "1Gi".into();
    // A lab on one laptop: plaintext, as it always was.
    config.security = crate::config::Security::plaintext();
    // One node: controllers apart from the brokers would share it anyway.
    config.topology = crate::config::Topology::combined();
    config
}

fn bare_metal() -> Config {
    let mut config = Config::example(StrategyId::NodeportPerBroker);
    config.nodes =
        (1..=3).map(|i| Node::new(format!("worker-{i}"), format!("198.51.100.{}", 10 + i))).collect();
    // The brokers spread over the three workers: none carries every client.
    config.advertised_host = String::new();
    config
}

fn cloud() -> Config {
    let mut config = Config::example(StrategyId::LoadbalancerPerBroker);
    config.load_balancer.host_template = "kafka-{ordinal}.example.com".into();
    config.load_balancer.bootstrap_host = Some("kafka.example.com".into());
    config.storage.size = "100Gi".into();
    config
}
