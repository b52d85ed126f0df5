//! The connection walkthrough: from outside the cluster every broker is reachable with the working
//! strategies, and the two failing ones fail for the reason a user would see.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::documents;
use common::routing::{Cluster, From, Landing};

use kafka_expose::config::{Config, Node, NodeAddressSource, NodeAddressType, StrategyId};
use kafka_expose::sim::route::{Connection, Failure, Hop, Vantage, Walkthrough};
use kafka_expose::validate::validate;

fn walk(config: &Config, vantage: Vantage) -> Walkthrough {
    let valid = validate(config).expect("valid");
    kafka_expose::bundle::generate_all(&valid).walkthrough(&valid, vantage)
}

#[test]
fn working_strategies_reach_every_broker_from_outside_at_its_own_address() {
    for id in [
        StrategyId::NodeportPerBroker,
        StrategyId::NodeportLocal,
        StrategyId::Hostport,
        StrategyId::LoadbalancerPerBroker,
    ] {
        let w = walk(&Config::example(id), Vantage::Outside);
        assert!(w.all_reachable(), "{id}: {w:#?}");
        assert_eq!(w.metadata.as_ref().unwrap().0, "EXTERNAL", "{id}");
        for i in 0..3 {
            assert_eq!(w.connection(i).unwrap().result, Ok((i, "EXTERNAL".to_string())), "{id}");
        }
    }
}

#[test]
fn per_broker_nodeports_pass_through_the_advertised_node_and_the_brokers_own_service() {
    let w = walk(&Config::default(), Vantage::Outside);
    assert_eq!(w.bootstrap[0].address, "203.0.113.11:30092");
    assert_eq!(w.bootstrap[0].hops[0], Hop::Node { node: 0, port: 30092 });
    assert_eq!(w.bootstrap[0].hops[1], Hop::Service { name: "kafka-bootstrap".into() });
    // Broker 2 advertises node-c, the third of the nodes it is spread over.
    let c = w.connection(2).unwrap();
    assert_eq!(c.address, "203.0.113.13:30095");
    assert_eq!(
        c.hops,
        [
            Hop::Node { node: 2, port: 30095 },
            Hop::Service { name: "kafka-2-external".into() },
            Hop::Pod { ordinal: 2, port: 9094, listener: "EXTERNAL".into() },
            // An IP: only an IP SAN matches it, and a Java client sends no SNI for it.
            Hop::Tls { san: "203.0.113.13".into(), sni: false },
            Hop::Sasl { mechanism: "SCRAM-SHA-512".into() },
        ]
    );
}

#[test]
fn hostport_enters_the_brokers_own_node_without_a_service() {
    let w = walk(&Config::example(StrategyId::Hostport), Vantage::Outside);
    let c = w.connection(1).unwrap();
    assert_eq!(c.address, "203.0.113.12:9094");
    assert_eq!(
        c.hops,
        [
            Hop::Node { node: 1, port: 9094 },
            Hop::Pod { ordinal: 1, port: 9094, listener: "EXTERNAL".into() },
            Hop::Tls { san: "203.0.113.12".into(), sni: false },
            Hop::Sasl { mechanism: "SCRAM-SHA-512".into() },
        ]
    );
}

#[test]
fn a_shared_nodeport_reaches_a_random_broker() {
    let w = walk(&Config::example(StrategyId::NodeportShared), Vantage::Outside);
    assert!(w.bootstrap[0].succeeded(), "any broker will do for bootstrap");
    assert!(!w.all_reachable());
    for i in 0..3 {
        assert_eq!(w.connection(i).unwrap().result, Err(Failure::RandomBroker { brokers: 3 }));
    }
    assert!(Failure::RandomBroker { brokers: 3 }.describe().contains("reaches a random broker"));
    assert_eq!(
        kafka_expose::walkthrough::describe_hops(&w.connection(1).unwrap().hops, &w.places),
        "node node-b (203.0.113.12), port 30093 → Service kafka-external → one of 3 pods (kafka-0 … kafka-2), port 9094 (EXTERNAL)"
    );
    // With one broker there is nothing to confuse it with.
    let single = Config { replicas: 1, ..Config::example(StrategyId::NodeportShared) };
    assert!(walk(&single, Vantage::Outside).all_reachable());
}

#[test]
fn externalname_aliases_do_not_resolve_outside_but_work_inside() {
    let config = Config::example(StrategyId::Externalname);
    let outside = walk(&config, Vantage::Outside);
    assert!(outside.metadata.is_none());
    assert_eq!(
        outside.bootstrap[0].result,
        Err(Failure::DoesNotResolve { name: "kafka-0-external.kafka.svc.cluster.local".into() })
    );
    assert!(outside.connections.iter().all(|c| matches!(c.result, Err(Failure::DoesNotResolve { .. }))));
    let inside = walk(&config, Vantage::InCluster);
    assert!(inside.all_reachable(), "{inside:#?}");
}

#[test]
fn inside_the_cluster_every_strategy_uses_the_headless_names() {
    for id in StrategyId::ALL {
        let w = walk(&Config::example(id), Vantage::InCluster);
        assert!(w.all_reachable(), "{id}: {w:#?}");
        let (listener, addresses) = w.metadata.as_ref().unwrap();
        assert_eq!(listener, "INTERNAL");
        assert_eq!(addresses[1].1, "kafka-1.broker.kafka.svc.cluster.local:9092");
    }
}

#[test]
fn local_traffic_policy_refuses_a_node_without_a_broker() {
    // Four nodes, three brokers: the fourth node's port leads nowhere, so it must not be advertised,
    // and the walkthrough still reaches every broker at its own node.
    let mut config = Config::example(StrategyId::NodeportLocal);
    config.nodes.push(Node::new("node-d", "203.0.113.14"));
    let w = walk(&config, Vantage::Outside);
    assert!(w.all_reachable());
    assert!(!w.bootstrap.iter().any(|c| c.address.starts_with("203.0.113.14")));
}

#[test]
fn minikube_with_one_node_works_for_per_broker_nodeports() {
    let config = Config {
        replicas: 3,
        advertised_host: "192.168.49.2".into(),
        nodes: vec![Node::new("minikube", "192.168.49.2")],
        ..Config::default()
    };
    // minikube's address is private: this machine, on the node's network, reaches it…
    let w = walk(&config, Vantage::NodeNetwork);
    assert!(w.all_reachable(), "{w:#?}");
    // …a client on the internet does not.
    let internet = walk(&config, Vantage::Outside);
    assert!(internet.connections.iter().all(|c| matches!(c.result, Err(Failure::InsideOnly { .. }))));
    assert_eq!(w.connection(0).unwrap().hops[0], Hop::Node { node: 0, port: 30093 });
}

/// The walkthrough against the independent routing checker, which reads only the rendered text:
/// from the internet, the nodes' network or a pod.
fn agrees_with_the_routing_checker(config: &Config, from: From) {
    let valid = validate(config).unwrap_or_else(|f| panic!("valid: {f:#?}"));
    // The walkthrough as the page derives it (no files written), the text as the files are.
    let generated = kafka_expose::bundle::model(&valid);
    let bundle = &kafka_expose::bundle::generate(&valid);
    let text = |name: &str| bundle.file(name).unwrap().contents.text().into_owned();
    let properties: Vec<String> =
        (0..config.replicas).map(|i| text(&kafka_expose::bundle::server_properties_name(i))).collect();
    // With k3s ServiceLB the shared address is a node's, or something in front of them all.
    let service_lb = config.strategy == StrategyId::LoadbalancerSharedIp
        && config.shared_ip.provider == kafka_expose::config::SharedIpProvider::K3s;
    let in_front = if service_lb { &config.shared_ip.address } else { &config.advertised_host };
    let cluster = Cluster::new(
        documents(&text("manifests.yaml")),
        &properties,
        config.nodes.iter().map(|n| n.address.clone()).collect(),
        in_front,
        &config.cluster_domain,
    )
    .with_internal(config.nodes.iter().map(|n| n.internal.clone()).collect())
    .with_service_lb(service_lb);
    let (servers, listener, vantage) = match from {
        From::Pod => {
            let headless = format!(
                "{}.{}.svc.{}:{}",
                config.headless_service, config.namespace, config.cluster_domain, config.ports.internal
            );
            (headless, "INTERNAL", Vantage::InCluster)
        }
        _ => {
            let client = text("client.properties");
            let servers =
                client.lines().find_map(|l| l.strip_prefix("bootstrap.servers=")).unwrap_or_default();
            let vantage = if from == From::Internet { Vantage::Outside } else { Vantage::NodeNetwork };
            (servers.to_string(), "EXTERNAL", vantage)
        }
    };
    let bootstrap_ok = servers.split(',').any(|server| {
        let (host, port) = server.rsplit_once(':').unwrap();
        matches!(cluster.dial(host, port.parse().unwrap(), from), Landing::Brokers(b) if !b.is_empty())
    });
    let w = generated.walkthrough(&valid, vantage);
    let id = config.strategy;
    assert_eq!(w.metadata.is_some(), bootstrap_ok, "{id} {from:?}: bootstrap {servers}: {w:#?}");
    for i in 0..config.replicas {
        let expected = bootstrap_ok && cluster.reaches(i, listener, from);
        let c = w.connection(i).unwrap();
        assert_eq!(c.succeeded(), expected, "{id} {from:?} broker {i} at {}: {:?}", c.address, c.result);
    }
}

#[test]
fn the_walkthrough_agrees_with_an_independent_routing_checker() {
    let mut cases = Vec::new();
    for id in StrategyId::ALL {
        for replicas in [1, 3, 5] {
            let mut config = Config { replicas, ..Config::example(id) };
            config.nodes =
                (0..5).map(|i| Node::new(format!("w{i}"), format!("198.51.100.{}", 11 + i))).collect();
            config.advertised_host = "198.51.100.11".into();
            cases.push(config.clone());
            for host in [
                "kafka-0.broker.kafka.svc.cluster.local",
                "broker.kafka.svc",
                "kafka-1.broker",
                "localhost",
                "127.0.0.1",
                "kafka.example.com",
                "192.0.2.7",
            ] {
                cases.push(Config { advertised_host: host.into(), ..config.clone() });
            }
            let mut loopback_node = config.clone();
            loopback_node.nodes[1].address = "localhost".into();
            cases.push(loopback_node);
            let mut internal_lb = config.clone();
            internal_lb.load_balancer.host_template = "kafka-{ordinal}.broker.kafka.svc.cluster.local".into();
            internal_lb.load_balancer.bootstrap_host = None;
            cases.push(internal_lb);
            let mut three_nodes = config.clone();
            three_nodes.nodes.truncate(3);
            cases.push(three_nodes);
            let mut no_bootstrap = config.clone();
            no_bootstrap.node_ports.bootstrap = None;
            cases.push(no_bootstrap);
        }
    }
    for config in &cases {
        agrees_with_the_routing_checker(config, From::Internet);
    }
}

/// Addresses as networks are: every strategy and node-address source, with public, private,
/// example and NATed node addresses, from the internet, the nodes' network and a pod.
#[test]
fn the_walkthrough_agrees_with_the_checker_on_address_classes_and_where_the_client_is() {
    let sources = [
        (NodeAddressSource::StaticMap, NodeAddressType::ExternalIp),
        (NodeAddressSource::HostIp, NodeAddressType::ExternalIp),
        (NodeAddressSource::Kubectl, NodeAddressType::ExternalIp),
        (NodeAddressSource::Kubectl, NodeAddressType::InternalIp),
    ];
    /// Node `i`'s (address clients use, InternalIP).
    type Addresses = fn(usize) -> (String, String);
    let classes: [(&str, Addresses); 4] = [
        ("public", |i| (format!("34.120.0.{}", 11 + i), String::new())),
        ("private", |i| (format!("10.20.0.{}", 11 + i), String::new())),
        ("example", |i| (format!("198.51.100.{}", 11 + i), String::new())),
        ("nat", |i| (format!("34.120.0.{}", 11 + i), format!("10.20.0.{}", 11 + i))),
    ];
    let mut checked = 0;
    let mut reached = std::collections::BTreeMap::<(&str, String), usize>::new();
    for id in StrategyId::ALL {
        for (source, kind) in sources {
            for (class, addresses) in classes {
                let mut config = common::tls_where_required(Config {
                    node_address_source: source,
                    node_address_type: kind,
                    security: kafka_expose::config::Security::plaintext(),
                    ..Config::example(id)
                });
                for (i, node) in config.nodes.iter_mut().enumerate() {
                    (node.address, node.internal) = addresses(i);
                }
                for from in [From::Internet, From::NodeNetwork, From::Pod] {
                    agrees_with_the_routing_checker(&config, from);
                    let vantage = match from {
                        From::Internet => Vantage::Outside,
                        From::NodeNetwork => Vantage::NodeNetwork,
                        From::Pod => Vantage::InCluster,
                    };
                    // Load balancers advertise addresses of their own, whatever the nodes'.
                    let own = matches!(
                        id,
                        StrategyId::LoadbalancerPerBroker
                            | StrategyId::LoadbalancerSharedIp
                            | StrategyId::GatewayTlsPassthrough
                    );
                    if !own && walk(&config, vantage).all_reachable() {
                        *reached.entry((class, format!("{from:?}"))).or_default() += 1;
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, StrategyId::ALL.len() * 4 * 4 * 3);
    // The checker is not vacuous: private addresses reach no one on the internet, and a pod or
    // the nodes' network reach what the working strategies advertise.
    assert_eq!(reached.get(&("private", "Internet".into())), None, "{reached:?}");
    assert!(reached[&("private", "NodeNetwork".into())] > 0, "{reached:?}");
    assert!(reached[&("nat", "Internet".into())] > 0, "{reached:?}");
    assert!(reached[&("public", "Pod".into())] > 0, "{reached:?}");
}

#[test]
fn addresses_no_client_outside_can_reach_fail_with_their_reason() {
    for (host, why) in [
        ("kafka-0.broker.kafka.svc.cluster.local", "does not resolve outside the cluster"),
        ("kafka-0.broker", "does not resolve outside the cluster"),
        ("localhost", "the client's own machine"),
        ("127.0.0.1", "the client's own machine"),
        ("::1", "the client's own machine"),
    ] {
        let config = Config { advertised_host: host.into(), ..Config::default() };
        let w = walk(&config, Vantage::Outside);
        assert!(!w.all_reachable(), "{host}: {w:#?}");
        let failure = w.bootstrap[0].result.clone().unwrap_err();
        assert!(failure.describe().contains(why), "{host}: {}", failure.describe());
        assert!(w.connections.iter().all(|c| !c.succeeded()), "{host}");
        // Inside the cluster nothing changes: clients there use the INTERNAL listener.
        assert!(walk(&config, Vantage::InCluster).all_reachable(), "{host}");
    }
    // A bootstrap that works does not hide brokers that advertise their own node's loopback name.
    let mut config = Config::example(StrategyId::Hostport);
    config.nodes[1].address = "localhost".into();
    let w = walk(&config, Vantage::Outside);
    assert!(w.metadata.is_some());
    assert!(w.connection(0).unwrap().succeeded());
    assert_eq!(w.connection(1).unwrap().result, Err(Failure::OwnMachine { name: "localhost".into() }));
}

#[test]
fn brokers_with_no_node_left_stay_pending_and_are_shown_so() {
    let config = Config { replicas: 5, ..Config::example(StrategyId::Hostport) };
    let w = walk(&config, Vantage::Outside);
    for i in 0..3 {
        assert!(w.connection(i).unwrap().succeeded(), "broker {i}");
    }
    for i in 3..5 {
        let c = w.connection(i).unwrap();
        assert_eq!(c.result, Err(Failure::Pending { pod: format!("kafka-{i}") }));
        assert!(c.result.as_ref().unwrap_err().describe().contains("never starts"));
    }
    // Inside the cluster a Pending pod has no DNS record either.
    let inside = walk(&config, Vantage::InCluster);
    assert!(!inside.connection(4).unwrap().succeeded());
    assert!(inside.connection(2).unwrap().succeeded());
    let valid = validate(&config).unwrap();
    let generated = kafka_expose::bundle::generate_all(&valid);
    let diagram =
        kafka_expose::diagram::layout(&valid, &generated, &w, kafka_expose::diagram::Orientation::Wide);
    let pending = diagram.boxes.iter().find(|b| b.id == "pending").expect("a box for the Pending pods");
    let pods: Vec<_> = diagram.boxes.iter().filter(|b| b.id == "pod-3" || b.id == "pod-4").collect();
    assert_eq!(pods.len(), 2);
    assert!(pods
        .iter()
        .all(|p| p.y > pending.y && p.y < pending.y + pending.h && p.note == Some("✗ Pending: no node")));
    // No broker-to-broker path reaches a pod that has no address.
    let internal: Vec<_> =
        diagram.paths.iter().filter(|p| p.kind == kafka_expose::diagram::PathKind::Internal).collect();
    assert_eq!(internal.iter().filter_map(|p| p.broker).collect::<Vec<_>>(), [0, 1, 2]);
}

#[test]
fn each_connection_checks_the_certificate_for_the_host_it_dialed() {
    // A DNS name: a DNS SAN, sent as SNI.
    let lb = walk(&Config::example(StrategyId::LoadbalancerPerBroker), Vantage::Outside);
    assert!(lb.all_reachable());
    assert!(lb
        .connection(1)
        .unwrap()
        .hops
        .contains(&Hop::Tls { san: "kafka-1.example.com".into(), sni: true }));
    let described = kafka_expose::walkthrough::describe_hops(&lb.connection(1).unwrap().hops, &lb.places);
    assert!(described.ends_with("→ TLS: the certificate lists DNS name kafka-1.example.com (the name the client sends: SNI) → SASL SCRAM-SHA-512 login"), "{described}");
    // Plaintext: no handshake; inside the cluster, INTERNAL is plaintext behind the policy.
    let plain = Config { security: kafka_expose::config::Security::plaintext(), ..Config::default() };
    assert!(walk(&plain, Vantage::Outside)
        .connections
        .iter()
        .all(|c| !c.hops.iter().any(|h| matches!(h, Hop::Tls { .. } | Hop::Sasl { .. }))));
    assert!(walk(&Config::default(), Vantage::InCluster)
        .connections
        .iter()
        .all(|c| !c.hops.iter().any(|h| matches!(h, Hop::Tls { .. }))));
    // A certificate without an address a broker advertises fails that broker, with the reason.
    let config = Config::example(StrategyId::Hostport);
    let valid = validate(&config).unwrap();
    let generated = kafka_expose::bundle::generate_all(&valid);
    let mut manifests = (*generated.manifests).clone();
    manifests.sans.as_mut().unwrap().ips.retain(|ip| ip != "203.0.113.13");
    let w = kafka_expose::bundle::walk_manifests(&valid, &manifests, &generated.preview, Vantage::Outside);
    assert!(w.connection(0).unwrap().succeeded() && w.connection(1).unwrap().succeeded());
    let failure = w.connection(2).unwrap().result.clone().unwrap_err();
    assert_eq!(failure, Failure::NotInCertificate { host: "203.0.113.13".into() });
    assert!(failure.describe().contains("does not list 203.0.113.13 as an IP SAN"), "{}", failure.describe());
}

#[test]
fn names_the_simulation_cannot_look_up_are_said_to_be_assumed() {
    let lb = walk(&Config::example(StrategyId::LoadbalancerPerBroker), Vantage::Outside);
    let said = lb.assumed_names().expect("names were dialed");
    assert!(said.contains("kafka-bootstrap.example.com, kafka-0.example.com"), "{said}");
    assert!(said.contains("resolve as the config says"), "{said}");
    // Addresses need no lookup; a pod's names the cluster's DNS answers.
    assert_eq!(walk(&Config::example(StrategyId::Hostport), Vantage::Outside).assumed_names(), None);
    assert_eq!(
        walk(&Config::example(StrategyId::LoadbalancerPerBroker), Vantage::InCluster).assumed_names(),
        None
    );
}

#[test]
fn the_primer_tells_the_nat_story_in_the_users_values() {
    use kafka_expose::walkthrough::your_node_addresses;
    let mut config =
        Config { node_address_source: NodeAddressSource::HostIp, ..Config::example(StrategyId::Hostport) };
    config.nodes[0].address = "34.120.0.11".into();
    config.nodes[0].internal = "10.20.0.11".into();
    let text = your_node_addresses(&config).unwrap();
    assert!(
        text.contains("Your node node-a is 10.20.0.11 inside (its InternalIP) and 34.120.0.11 to clients"),
        "{text}"
    );
    assert!(text.contains("from status.hostIP, so they advertise 10.20.0.11: a private address"), "{text}");
    let listed =
        your_node_addresses(&Config { node_address_source: NodeAddressSource::StaticMap, ..config.clone() })
            .unwrap();
    assert!(
        listed.contains("so they advertise 34.120.0.11, which clients on the internet reach"),
        "{listed}"
    );
    // The defaults' example address is said to be one.
    let example = your_node_addresses(&Config::default()).unwrap();
    assert!(example.contains("advertises the node list's 203.0.113.11: an example address"), "{example}");
}

/// One address for every broker: the walkthrough and the independent checker agree that each
/// broker is reached on its own port of the shared address, with MetalLB and with k3s ServiceLB;
/// and that a Service without the sharing key (MetalLB leaves it pending) or one that has the same
/// port as another (ServiceLB leaves the second pending) cuts its broker off, and that broker
/// only.
#[test]
fn a_shared_address_reaches_each_broker_on_its_port_and_a_pending_service_cuts_one_off() {
    use kafka_expose::config::SharedIpProvider;
    use kafka_expose::sim::route::Failure;
    for provider in [SharedIpProvider::Metallb, SharedIpProvider::K3s] {
        let mut config = Config {
            security: kafka_expose::config::Security::plaintext(),
            ..Config::example(StrategyId::LoadbalancerSharedIp)
        };
        config.shared_ip.provider = provider;
        if provider == SharedIpProvider::K3s {
            config.shared_ip.address = config.nodes[1].address.clone();
        }
        let valid = validate(&config).unwrap();
        let generated = kafka_expose::bundle::generate_all(&valid);
        let bundle = kafka_expose::bundle::generate(&valid);
        let properties = brokers_properties(&bundle, 3);
        let address = config.shared_ip.address.clone();
        // Broken: MetalLB, broker 1's Service without the key; ServiceLB, broker 2's Service on
        // broker 1's port (its broker still advertises its own).
        type Break = fn(&mut k8s_openapi::api::core::v1::Service);
        let (broken, mutate): (u32, Break) = match provider {
            SharedIpProvider::K3s => (1, |s| s.spec.as_mut().unwrap().ports.as_mut().unwrap()[0].port = 9095),
            _ => (1, |s| {
                s.metadata.annotations.as_mut().unwrap().retain(|k, _| !k.ends_with("/allow-shared-ip"));
            }),
        };
        for broken in [None, Some(broken)] {
            let mut manifests = (*generated.manifests).clone();
            if let Some(b) = broken {
                let name = format!("kafka-{b}-external");
                mutate(
                    manifests
                        .services
                        .iter_mut()
                        .find(|s| s.metadata.name.as_deref() == Some(&name))
                        .unwrap(),
                );
            }
            let w = kafka_expose::bundle::walk_manifests(
                &valid,
                &manifests,
                &generated.preview,
                Vantage::Outside,
            );
            let checker = Cluster::new(
                documents(&manifests.to_yaml()),
                &properties,
                config.nodes.iter().map(|n| n.address.clone()).collect(),
                &address,
                &config.cluster_domain,
            )
            .with_service_lb(provider == SharedIpProvider::K3s);
            assert!(w.metadata.is_some(), "{provider:?}: bootstrap {:#?}", w.bootstrap);
            for i in 0..3u32 {
                let c = w.connection(i).unwrap();
                assert_eq!(c.address, format!("{address}:{}", 9095 + i));
                let reaches = matches!(checker.dial(&address, 9095 + i, From::Internet), Landing::Brokers(b) if b == [i]);
                if broken == Some(i) {
                    assert!(!reaches, "{provider:?}: the checker reaches broker {i}");
                    // MetalLB: its Service is pending; ServiceLB: its port is broker 1's, and 9096
                    // is no Service's.
                    match provider {
                        SharedIpProvider::K3s => {}
                        _ => assert!(
                            matches!(&c.result, Err(Failure::NoAddress { why, .. }) if why.contains("without the same metallb.io/allow-shared-ip key")),
                            "{c:#?}"
                        ),
                    }
                    assert!(!c.succeeded(), "{provider:?} {c:#?}");
                } else {
                    assert!(c.succeeded() && reaches, "{provider:?} broker {i}: {c:#?}");
                }
            }
        }
    }
}

/// One address and port for every broker, routed by the server name: each broker at its own name
/// through its TLSRoute, agreed by the independent checker; bootstrap by IP sends no SNI, a name
/// without a route and a certificate without the name fail; the checker agrees on each.
#[test]
fn a_gateway_routes_each_broker_by_its_name_and_fails_without_sni_route_or_san() {
    use kafka_expose::config::Security;
    let config = Config {
        security: Security {
            authentication: kafka_expose::config::Authentication::None,
            ..Security::default()
        },
        ..Config::example(StrategyId::GatewayTlsPassthrough)
    };
    let valid = validate(&config).unwrap();
    let w = walk(&config, Vantage::Outside);
    assert!(w.all_reachable(), "{w:#?}");
    for i in 0..3u32 {
        let c = w.connection(i).unwrap();
        assert_eq!(c.address, format!("broker-{i}.kafka.example.com:443"));
        assert!(
            matches!(&c.hops[0], Hop::Gateway { sni: Some(name), .. } if *name == format!("broker-{i}.kafka.example.com")),
            "{c:#?}"
        );
    }
    let generated = kafka_expose::bundle::generate_all(&valid);
    let bundle = kafka_expose::bundle::generate(&valid);
    let properties = brokers_properties(&bundle, 3);
    let checker = |manifests: &kafka_expose::k8s::Manifests| {
        Cluster::new(
            documents(&manifests.to_yaml()),
            &properties,
            config.nodes.iter().map(|n| n.address.clone()).collect(),
            "",
            &config.cluster_domain,
        )
    };
    let cluster = checker(&generated.manifests);
    for i in 0..3u32 {
        assert!(
            matches!(cluster.dial(&format!("broker-{i}.kafka.example.com"), 443, From::Internet), Landing::Brokers(b) if b == [i])
        );
    }
    // By the Gateway's IP no server name is sent: nothing to route by. (The walkthrough's Gateway
    // answers the names pointed at it; an IP of its own is what the no-SNI case stands for.)
    let model = kafka_expose::sim::from_bundle::cluster(&valid, &generated.manifests, &generated.preview);
    let by_name =
        kafka_expose::sim::route::walk(&model, &["bootstrap.kafka.example.com:443".into()], Vantage::Outside);
    assert!(by_name.metadata.is_some());
    assert!(!kafka_expose::strategy::sends_sni("192.0.2.10") && !kafka_expose::strategy::sends_sni("kafka"));
    // broker 1's route gone: its name reaches no broker, in the walkthrough and in the checker.
    let mut manifests = (*generated.manifests).clone();
    manifests.gateway.routes.retain(|r| r.metadata.name.as_deref() != Some("kafka-1-external"));
    let w = kafka_expose::bundle::walk_manifests(&valid, &manifests, &generated.preview, Vantage::Outside);
    let c = w.connection(1).unwrap();
    assert!(
        matches!(&c.result, Err(Failure::NoRoute { host }) if host == "broker-1.kafka.example.com"),
        "{c:#?}"
    );
    assert!(w.connection(0).unwrap().succeeded() && w.connection(2).unwrap().succeeded());
    assert!(matches!(
        checker(&manifests).dial("broker-1.kafka.example.com", 443, From::Internet),
        Landing::Nowhere(_)
    ));
    // A certificate without broker 2's name: its handshake fails, the others' do not.
    let mut manifests = (*generated.manifests).clone();
    if let Some(sans) = manifests.sans.as_mut() {
        sans.dns.retain(|d| d != "broker-2.kafka.example.com");
    }
    let w = kafka_expose::bundle::walk_manifests(&valid, &manifests, &generated.preview, Vantage::Outside);
    assert!(matches!(&w.connection(2).unwrap().result, Err(Failure::NotInCertificate { .. })), "{w:#?}");
    assert!(w.connection(1).unwrap().succeeded());
    // A wildcard certificate covers every broker.
    let wildcard = Config {
        gateway: kafka_expose::config::Gateway { wildcard_san: true, ..config.gateway.clone() },
        ..config.clone()
    };
    assert!(walk(&wildcard, Vantage::Outside).all_reachable());
    let mut narrow = config.clone();
    narrow.gateway.host_template = "kafka-{ordinal}.other.example.com".into();
    narrow.gateway.wildcard_san = true;
    let w = walk(&narrow, Vantage::Outside);
    assert!(
        w.connections.iter().all(Connection::succeeded),
        "the wildcard follows the brokers' domain: {w:#?}"
    );
}

/// The first `n` brokers' server.properties, as the routing checker reads them.
fn brokers_properties(bundle: &kafka_expose::bundle::Bundle, n: u32) -> Vec<String> {
    (0..n)
        .map(|i| common::file(bundle, &kafka_expose::bundle::server_properties_name(i)).into_owned())
        .collect()
}
