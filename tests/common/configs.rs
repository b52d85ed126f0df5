//! Configs for property tests: what a user could plausibly write.

use kafka_expose::config::{Config, Node, NodeAddressSource, StrategyId, Topology};
use proptest::prelude::*;

pub fn strategy_id() -> impl Strategy<Value = StrategyId> {
    prop::sample::select(StrategyId::ALL.to_vec())
}

pub fn source() -> impl Strategy<Value = NodeAddressSource> {
    prop::sample::select(NodeAddressSource::ALL.to_vec())
}

/// Configs a user could plausibly write: valid by construction.
pub fn plausible() -> impl Strategy<Value = Config> {
    (
        strategy_id(),
        source(),
        1u32..=12,
        "[a-z][a-z0-9-]{0,10}[a-z0-9]",
        "[a-z][a-z0-9]{0,8}",
        "[a-z]{2,10}",
        prop::sample::subsequence(vec![9092u32, 9093, 9094, 9095, 19092, 29092, 443, 8443], 3),
        30000u32..32000,
        prop::option::of(32100u32..32767),
        any::<bool>(),
        0..super::security_variants().len(),
        prop::sample::select(vec![0u32, 1, 3, 5]),
    )
        .prop_map(
            |(
                strategy,
                source,
                replicas,
                name,
                headless,
                namespace,
                ports,
                first,
                bootstrap,
                dns,
                security,
                controllers,
            )| {
                let mut config = Config::example(strategy);
                config.node_address_source = source;
                config.replicas = replicas;
                config.name = name;
                config.headless_service = format!("{headless}-hl");
                config.namespace = namespace;
                config.ports.internal = ports[0];
                config.ports.controller = ports[1];
                config.ports.external = ports[2];
                config.node_ports.first = first;
                config.node_ports.bootstrap = bootstrap;
                if dns {
                    config.advertised_host = "kafka.example.com".into();
                }
                config.nodes = (0..replicas.max(3))
                    .map(|i| Node::new(format!("worker-{i}"), format!("198.51.100.{}", 10 + i)))
                    .collect();
                // One shared address: MetalLB's IP, or (k3s ServiceLB) the first node's; the
                // brokers' ports clear of the listeners'.
                config.shared_ip.first_port = 20000 + first % 1000;
                if first % 2 == 1 {
                    config.shared_ip.provider = kafka_expose::config::SharedIpProvider::K3s;
                    config.shared_ip.address = config.nodes[0].address.clone();
                }
                // 0: combined; else that many dedicated controllers.
                config.topology = match controllers {
                    0 => Topology::combined(),
                    n => Topology { controllers: n, ..Topology::default() },
                };
                super::with_security(config, super::security_variants().swap_remove(security).1)
            },
        )
}
