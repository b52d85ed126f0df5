//! What a user who typed something wrong is told, and on which field.
#![cfg(not(target_arch = "wasm32"))]

use kafka_expose::config::{Config, Node, StrategyId};
use kafka_expose::format::{parse_config, ParseError};
use kafka_expose::validate::{findings, validate, Finding, Severity};

fn errors(config: &Config) -> Vec<Finding> {
    findings(config).into_iter().filter(Finding::is_error).collect()
}

fn error_on(config: &Config, field: &str) -> String {
    let errors = errors(config);
    errors
        .iter()
        .find(|f| f.field.path() == field)
        .unwrap_or_else(|| panic!("no error on {field}; got {errors:#?}"))
        .message
        .clone()
}

#[test]
fn the_default_config_and_every_example_are_valid() {
    for id in StrategyId::ALL {
        assert!(validate(&Config::example(id)).is_ok(), "{id}: {:#?}", findings(&Config::example(id)));
    }
    // The defaults' node addresses are examples, each said beside its field; and without a cluster
    // id of its own a config derives one, which another deployment with the same names shares. New
    // configs get their own; with real addresses nothing is said.
    let said: Vec<String> = findings(&Config::default()).into_iter().map(|f| f.to_string()).collect();
    assert_eq!(said.len(), 4, "{said:#?}");
    assert!(said[..3].iter().all(|s| s.contains("is an example address")), "{said:#?}");
    assert!(said[3].starts_with("warning: kafka.clusterId: derived from the namespace and the name"));
    let mut config = Config::default();
    config.kafka.cluster_id = Some(kafka_expose::kafka::properties::new_cluster_id([7; 16]));
    for (i, node) in config.nodes.iter_mut().enumerate() {
        node.address = format!("34.120.0.{}", 11 + i);
    }
    assert!(findings(&config).is_empty(), "{:#?}", findings(&config));
}

#[test]
fn names_follow_kubernetes_rules() {
    let message = error_on(&Config { name: "Kafka".into(), ..Config::default() }, "name");
    assert!(message.contains("use lower case"), "{message}");
    assert!(error_on(&Config { name: "1kafka".into(), ..Config::default() }, "name")
        .contains("start with a letter"));
    let long = "k".repeat(53);
    assert!(error_on(&Config { name: long, ..Config::default() }, "name").contains("longer than 52"));
    // 51 characters fit the StatefulSet, but not `<name>-199-external` for the last broker's Service
    // (with dedicated controllers, `<name>-controller` must fit too: see below).
    let combined = kafka_expose::config::Topology::combined();
    assert!(errors(&Config {
        name: "k".repeat(50),
        replicas: 200,
        topology: combined.clone(),
        ..Config::default()
    })
    .is_empty());
    let message = error_on(
        &Config { name: "k".repeat(51), replicas: 200, topology: combined, ..Config::default() },
        "name",
    );
    assert!(message.contains("per-broker Service"), "{message}");
    assert!(
        error_on(&Config { namespace: "my_ns".into(), ..Config::default() }, "namespace").contains("\"_\"")
    );
    assert!(error_on(
        &Config { headless_service: "kafka-bootstrap".into(), ..Config::default() },
        "headlessService"
    )
    .contains("external Service"));
    assert!(error_on(
        &Config { cluster_domain: "cluster..local".into(), ..Config::default() },
        "clusterDomain"
    )
    .contains("empty"));
}

#[test]
fn replicas_are_bounded_and_large_quorums_are_warned_about() {
    assert!(error_on(&Config { replicas: 0, ..Config::default() }, "replicas").contains("at least 1"));
    assert!(error_on(&Config { replicas: 201, ..Config::default() }, "replicas").contains("at most 200"));
    // A huge number is refused with its message, for every strategy (it used to walk that many
    // brokers first).
    for id in StrategyId::ALL {
        let config = Config { replicas: u32::MAX, ..Config::example(id) };
        assert!(error_on(&config, "replicas").contains("at most 200"));
    }
    let warnings = findings(&Config {
        replicas: 12,
        topology: kafka_expose::config::Topology::combined(),
        ..Config::default()
    });
    assert!(warnings.iter().any(|f| f.severity == Severity::Warning
        && f.field.path() == "replicas"
        && f.message.contains("12 voters")));
}

#[test]
fn ports_must_be_valid_and_distinct() {
    let mut config = Config::default();
    config.ports.external = 9092;
    // Both fields are marked: either may be the one just edited.
    assert!(error_on(&config, "ports.external").contains("also ports.internal"));
    assert!(error_on(&config, "ports.internal").contains("also ports.external"));
    config.ports.external = 70000;
    assert!(error_on(&config, "ports.external").contains("1 to 65535"));
}

#[test]
fn node_ports_stay_inside_the_range_and_do_not_collide() {
    let mut config = Config { replicas: 5, ..Config::default() };
    config.node_ports.first = 32765;
    let message = error_on(&config, "nodePorts.first");
    assert!(message.contains("32767") || message.contains("outside the NodePort range"), "{message}");
    let mut config = Config::default();
    config.node_ports.bootstrap = Some(30094);
    assert!(error_on(&config, "nodePorts.bootstrap").contains("already used by nodePorts.first (broker 1)"));
    assert!(error_on(&config, "nodePorts.first").contains("also used by nodePorts.bootstrap"));
    let mut config = Config::default();
    config.node_ports.range = "32767-30000".into();
    assert!(error_on(&config, "nodePorts.range").contains("low-high"));
    let mut config = Config::default();
    config.node_ports.range = "30000-40000".into();
    config.node_ports.first = 35000;
    config.node_ports.bootstrap = Some(35010);
    assert!(errors(&config).is_empty(), "a wider range allows it");
}

#[test]
fn addresses_must_be_routable_ips_or_dns_names() {
    for (bad, hint) in [
        ("0.0.0.0", "not an address a client can connect to"),
        ("300.1.2.3", "not a valid IPv4"),
        ("my host", "not allowed"),
        ("http://x", "not an IP address or a DNS name"),
    ] {
        let config = Config { advertised_host: bad.into(), ..Config::default() };
        let message = error_on(&config, "advertisedHost");
        assert!(message.contains(hint), "{bad:?}: {message}");
    }
    assert!(errors(&Config { advertised_host: "kafka.example.com".into(), ..Config::default() }).is_empty());
    assert!(errors(&Config { advertised_host: "2001:db8::1".into(), ..Config::default() }).is_empty());
    // Empty spreads the brokers over the nodes, which then must be listed.
    assert!(errors(&Config { advertised_host: String::new(), ..Config::default() }).is_empty());
    let nowhere = Config { advertised_host: String::new(), nodes: Vec::new(), ..Config::default() };
    assert!(error_on(&nowhere, "advertisedHost").contains("list the nodes below"));
}

#[test]
fn nodes_are_unique_and_enough_for_one_broker_per_node() {
    let mut config = Config::example(StrategyId::Hostport);
    config.nodes[2].name = "node-a".into();
    assert!(error_on(&config, "nodes[2].name").contains("already node 1"));
    let mut config = Config::example(StrategyId::NodeportLocal);
    config.replicas = 4;
    // Kubernetes takes the files; the fourth pod stays Pending, which the page shows.
    assert!(validate(&config).is_ok());
    let message = warnings_on(&config, "nodes");
    assert!(message.contains("4 brokers need 4 nodes, and there are 3"), "{message}");
    assert!(message.contains("1 broker(s) (kafka-3) will stay Pending"), "{message}");
    // Per-broker NodePorts do not care how many nodes there are.
    let config =
        Config { replicas: 4, nodes: vec![Node::new("minikube", "192.168.49.2")], ..Config::default() };
    assert!(errors(&config).is_empty());
    assert!(error_on(&Config { nodes: vec![], ..Config::default() }, "nodes").contains("at least one node"));
    let many =
        (0..251).map(|i| Node::new(format!("n{i}"), format!("10.0.{}.{}", i / 200, i % 200 + 1))).collect();
    assert!(error_on(&Config { nodes: many, ..Config::default() }, "nodes").contains("at most 250"));
}

#[test]
fn image_cluster_id_and_storage_are_checked() {
    let mut config = Config::default();
    config.kafka.image = "Apache/Kafka:4".into();
    assert!(error_on(&config, "kafka.image").contains("not a valid image name"));
    config.kafka.image = "registry.example.com:5000/team/kafka:4.1.1@sha256:abc".into();
    assert_eq!(errors(&config), []);
    config.kafka.cluster_id = Some("short".into());
    assert!(error_on(&config, "kafka.clusterId").contains("22 characters"));
    config.kafka.cluster_id = Some("MkU3OEVBNTcwNTJENDM2Qk".into());
    assert!(errors(&config).is_empty());
    config.storage.size = "ten gigs".into();
    assert!(error_on(&config, "storage.size").contains("10Gi"));
}

#[test]
fn load_balancer_names_need_the_ordinal() {
    let mut config = Config::example(StrategyId::LoadbalancerPerBroker);
    config.load_balancer.host_template = "kafka.example.com".into();
    assert!(error_on(&config, "loadBalancer.hostTemplate").contains("{ordinal}"));
    config.load_balancer.host_template = "kafka_{ordinal}.example.com".into();
    assert!(error_on(&config, "loadBalancer.hostTemplate").contains("\"_\""));
    config.load_balancer.host_template = "b{ordinal}.kafka.example.com".into();
    config.load_balancer.source_ranges = vec!["10.0.0.0/33".into()];
    assert!(error_on(&config, "loadBalancer.sourceRanges").contains("not a network"));
}

#[test]
fn documents_are_read_strictly_with_positions() {
    match parse_config("{\n  \"replicas\": 3,\n  \"nodePorts\": {\"frist\": 1}\n}") {
        Err(ParseError::Invalid { message, line, .. }) => {
            assert!(message.contains("unknown field `frist`"), "{message}");
            assert_eq!(line, Some(3));
        }
        other => panic!("{other:?}"),
    }
    match parse_config("strategy: teleport\n") {
        Err(e) => assert!(e.to_string().contains("unknown variant `teleport`"), "{e}"),
        Ok(_) => panic!("accepted an unknown strategy"),
    }
    assert_eq!(parse_config("  \n"), Err(ParseError::Empty));
    assert_eq!(parse_config("version: 3\nnewThing: 1\n"), Err(ParseError::UnsupportedVersion { found: 3 }));
    let yaml = parse_config("replicas: 5\nnodes:\n  - name: n1\n    address: 10.0.0.1\n").unwrap();
    assert_eq!(yaml.replicas, 5);
    assert_eq!(yaml.nodes.len(), 1);
    assert_eq!(yaml.namespace, "kafka", "missing fields take their defaults");
}

/// A value of the wrong kind, a missing field and an unknown one are named by their path in the
/// document, and by their line where the document writes that key once.
#[test]
fn documents_name_the_field_at_fault() {
    let message = |text: &str| parse_config(text).unwrap_err().to_string();
    assert_eq!(
        message("{\n  \"kafka\": {\n    \"memory\": 4\n  }\n}"),
        "line 3, column 5: kafka.memory: expected a string, found the number 4"
    );
    assert_eq!(
        message("nodes:\n  - name: a\n  - name: b\n    adress: 10.0.0.2\n"),
        "line 4, column 5: nodes[1].adress: unknown field `adress`, expected one of `name`, `address`, `internal`"
    );
    // `name` is written twice: the path alone, no guessed line.
    assert_eq!(
        message("{\"name\": \"k\", \"nodes\": [{\"name\": 7}]}"),
        "nodes[0].name: expected a string, found the number 7"
    );
    assert_eq!(
        message("{\"security\": {\"issuer\": {\"kind\": \"Issuer\"}}}"),
        "line 1, column 15: security.issuer: missing field `name`"
    );
    assert_eq!(
        message("{\"replicas\": -1}"),
        "line 1, column 2: replicas: expected a whole number from 0 to 4294967295, found the number -1"
    );
    assert_eq!(message("[1]"), "the document: expected a map, found a list");
    // A key written twice in one object: a reader keeps one, so neither is taken silently.
    assert_eq!(
        message("{\n  \"nodes\": [{\"name\": \"a\"}, {\"name\": \"b\", \"address\": \"x\",\n    \"address\" : \"y\"}]\n}"),
        "line 3, column 5: nodes[1].address: written twice in the same object (a reader would keep only the last); keep one"
    );
    assert_eq!(
        message("{\"name\": \"a\\\"b\", \"name\": \"c\"}"),
        "line 1, column 18: name: written twice in the same object (a reader would keep only the last); keep one"
    );
    // The same key in two objects, and a value that looks like a key, are no repetition.
    assert!(parse_config("{\"name\": \"name\\\": \", \"nodes\": [{\"name\": \"name\"}, {\"name\": \"b\"}]}")
        .is_ok());
    assert_eq!(
        message("nodePorts:\n  first: 30000\n  first: 31000\n"),
        "line 2, column 3: nodePorts: duplicate entry with key \"first\""
    );
    // A section that is there takes its own defaults for what it leaves out (new configs are
    // secure); a document without it means what it meant when it was written (plaintext).
    let partial = parse_config("{\"security\": {\"tls\": \"none\"}}").unwrap();
    assert_eq!(partial.security.authentication, kafka_expose::config::Security::default().authentication);
    assert_eq!(parse_config("{}").unwrap().security, kafka_expose::config::Security::plaintext());
}

/// A config with every field of the format off its default reads back to itself: a field the reader
/// spells other than the writer, or forgets, fails here (the drawn configs leave whole sections at
/// their defaults, which the file leaves out). A field added to the format and not set below fails
/// too, so that this stays a config of every field.
#[test]
fn a_config_with_every_field_set_reads_back_to_itself() {
    use kafka_expose::config::*;
    use std::collections::BTreeMap;
    let labels = BTreeMap::from([("app".to_string(), "clients".to_string())]);
    let config = Config {
        version: CONFIG_VERSION,
        strategy: StrategyId::GatewayTlsPassthrough,
        namespace: "events".into(),
        name: "log".into(),
        headless_service: "log-brokers".into(),
        replicas: 5,
        cluster_domain: "corp.local".into(),
        ports: Ports { internal: 19092, controller: 19093, external: 19094 },
        node_ports: NodePorts { first: 31000, bootstrap: None, range: "31000-31999".into() },
        advertised_host: "kafka.corp.example".into(),
        nodes: vec![Node { name: "n1".into(), address: "198.51.100.1".into(), internal: "10.0.0.1".into() }],
        node_address_source: NodeAddressSource::Kubectl,
        node_address_type: NodeAddressType::InternalIp,
        client_network: ClientNetwork::Nodes,
        load_balancer: LoadBalancer {
            host_template: "k{ordinal}.corp.example".into(),
            bootstrap_host: None,
            class: Some("lb".into()),
            annotations: labels.clone(),
            source_ranges: vec!["10.0.0.0/8".into()],
        },
        shared_ip: SharedIp {
            provider: SharedIpProvider::K3s,
            address: "198.51.100.9".into(),
            first_port: 9200,
            pool: Some("public".into()),
        },
        gateway: Gateway {
            listener: GatewayListener::ListenerSet,
            name: "edge".into(),
            namespace: Some("infra".into()),
            class: "envoy".into(),
            section: "kafka-tls".into(),
            port: 8443,
            host_template: "b{ordinal}.kafka.corp.example".into(),
            bootstrap_host: "all.kafka.corp.example".into(),
            api: GatewayApi::V1alpha2,
            wildcard_san: !Gateway::default().wildcard_san,
        },
        kafka: Kafka {
            image: "apache/kafka:4.1.1".into(),
            kubectl_image: "k:1".into(),
            cluster_id: Some("MkU3OEVBNTcwNTJENDM2Qg".into()),
            memory: "8Gi".into(),
            cpu: "2".into(),
        },
        storage: Storage { size: "1Ti".into(), class_name: Some("fast".into()) },
        security: Security {
            tls: TlsMode::Secret,
            issuer: Some(IssuerRef { kind: IssuerKind::ClusterIssuer, name: "corp-ca".into() }),
            tls_secret: Some("log-tls".into()),
            extra_sans: vec!["kafka.corp.example".into()],
            authentication: Authentication::None,
            users: vec!["app".into(), "ops".into()],
            internal_clients: Some(InternalClients { namespaces: vec!["apps".into()], pod_labels: labels }),
        },
        topology: Topology {
            roles: Roles::Combined,
            controllers: 5,
            controller_memory: "1Gi".into(),
            controller_storage: "2Gi".into(),
        },
    };
    let json = kafka_expose::format::to_json(&config);
    assert_eq!(parse_config(&json), Ok(config.clone()));
    assert_eq!(parse_config(&serde_yaml::to_string(&config).unwrap()), Ok(config.clone()));
    // Every leaf differs from the default's (the version aside): none is left at its default.
    fn leaves(value: &serde_json::Value, at: String, out: &mut Vec<(String, serde_json::Value)>) {
        match value {
            serde_json::Value::Object(map) => {
                map.iter().for_each(|(k, v)| leaves(v, format!("{at}.{k}"), out))
            }
            other => out.push((at, other.clone())),
        }
    }
    let (mut set, mut default) = (Vec::new(), Vec::new());
    leaves(&serde_json::to_value(&config).unwrap(), String::new(), &mut set);
    leaves(&serde_json::to_value(Config::default()).unwrap(), String::new(), &mut default);
    let default: BTreeMap<_, _> = default.into_iter().collect();
    for (at, value) in set.iter().filter(|(at, _)| at != ".version") {
        assert_ne!(default.get(at), Some(value), "{at} is at its default: set it off its default above");
    }
}

#[test]
fn the_json_form_reads_back_to_the_same_config() {
    for id in StrategyId::ALL {
        let config = Config { replicas: 4, ..Config::example(id) };
        assert_eq!(parse_config(&kafka_expose::format::to_json(&config)), Ok(config));
    }
}

/// The messages of one severity about `field`, joined.
fn said_on(config: &Config, field: &str, severity: Severity) -> String {
    findings(config)
        .into_iter()
        .filter(|f| f.field.path() == field && f.severity == severity)
        .map(|f| f.message)
        .collect::<Vec<_>>()
        .join("; ")
}

fn warnings_on(config: &Config, field: &str) -> String {
    said_on(config, field, Severity::Warning)
}

fn errors_on(config: &Config, field: &str) -> String {
    said_on(config, field, Severity::Error)
}

#[test]
fn addresses_no_client_outside_can_reach_are_warned_about_beside_their_field() {
    for (host, why) in [
        ("kafka-0.broker.kafka.svc.cluster.local", "cluster's DNS"),
        ("broker.kafka.svc", "cluster's DNS"),
        ("kafka-0.broker", "cluster's DNS"),
        ("kafka-bootstrap", "cluster's DNS"),
        ("localhost", "own machine"),
        ("kafka.localhost", "own machine"),
        ("127.0.0.1", "own machine"),
        ("::1", "own machine"),
    ] {
        let config = Config { advertised_host: host.into(), ..Config::default() };
        assert!(validate(&config).is_ok(), "{host}: the files are valid, the address is not reachable");
        let message = warnings_on(&config, "advertisedHost");
        assert!(
            message.contains(why) && message.contains("Enter an address that reaches the nodes"),
            "{host}: {message}"
        );
    }
    for fine in ["kafka.streams.io", "kafka-0.streams.io", "broker.kafka.io", ""] {
        let config = Config { advertised_host: fine.into(), ..Config::default() };
        assert_eq!(warnings_on(&config, "advertisedHost"), "", "{fine}");
    }
    // Example names reach nothing either, but for another reason, said as such.
    for example in ["kafka.example.com", "broker.example.com"] {
        let message =
            warnings_on(&Config { advertised_host: example.into(), ..Config::default() }, "advertisedHost");
        assert!(message.contains("is an example address") && !message.contains("cluster's DNS"), "{message}");
    }
    let mut config = Config::example(StrategyId::Hostport);
    config.nodes[1].address = "localhost".into();
    assert!(warnings_on(&config, "nodes[1].address").contains("own machine"));
    let mut config = Config::example(StrategyId::LoadbalancerPerBroker);
    config.load_balancer.host_template = "kafka-{ordinal}.broker.kafka.svc.cluster.local".into();
    config.load_balancer.bootstrap_host = Some("localhost".into());
    assert!(warnings_on(&config, "loadBalancer.hostTemplate").contains("cluster's DNS"));
    assert!(warnings_on(&config, "loadBalancer.bootstrapHost").contains("own machine"));
}

#[test]
fn an_advertised_ip_that_is_none_of_the_nodes_is_warned_about_and_follows_the_node_it_names() {
    let config = Config { advertised_host: "198.51.100.11".into(), ..Config::default() };
    assert!(warnings_on(&config, "advertisedHost").contains("none of the nodes"));
    // One node's address for every broker (an old link's default): that node carries every client.
    let one_node = Config { advertised_host: "203.0.113.12".into(), ..Config::default() };
    assert!(warnings_on(&one_node, "advertisedHost").contains("every broker is reached through node-b"));
    // The advertised host follows the node it names while the user types the node's address…
    let mut config = Config { advertised_host: "203.0.113.11".into(), ..Config::default() };
    for (i, address) in ["10.20.30.41", "10.20.30.42", "10.20.30.43"].into_iter().enumerate() {
        config.set_node_address(i, address.into());
    }
    assert_eq!(config.advertised_host, "10.20.30.41");
    assert!(!warnings_on(&config, "advertisedHost").contains("none of the nodes"));
    // …and stays once the user has chosen another address.
    config.advertised_host = "kafka.example.com".into();
    config.set_node_address(0, "10.20.30.44".into());
    assert_eq!(config.advertised_host, "kafka.example.com");
}

#[test]
fn empty_fields_say_what_to_enter_and_messages_name_strategies_as_the_cards_do() {
    assert_eq!(
        error_on(&Config { namespace: String::new(), ..Config::default() }, "namespace"),
        "Enter a namespace, such as kafka"
    );
    assert!(error_on(&Config { cluster_domain: String::new(), ..Config::default() }, "clusterDomain")
        .starts_with("Enter the cluster's DNS domain"));
    assert!(error_on(
        &Config { cluster_domain: "cluster..local".into(), ..Config::default() },
        "clusterDomain"
    )
    .contains("empty part"));
    let config = Config { replicas: 5, ..Config::example(StrategyId::Hostport) };
    let message = warnings_on(&config, "nodes");
    assert!(message.starts_with("hostPort on every node runs one broker per node"), "{message}");
    assert!(message.contains("2 broker(s) (kafka-3 … kafka-4) will stay Pending"), "{message}");
    let everything: Vec<String> = StrategyId::ALL
        .into_iter()
        .flat_map(|id| findings(&Config { replicas: 5, ..Config::example(id) }))
        .map(|f| f.message)
        .collect();
    for id in StrategyId::ALL {
        assert!(!everything.iter().any(|m| m.contains(id.as_str())), "{id} in {everything:#?}");
    }
}

#[test]
fn brokers_get_enough_memory_and_a_cpu_request_that_kubernetes_reads() {
    let mut config = Config::default();
    config.kafka.memory = "512Mi".into();
    assert!(error_on(&config, "kafka.memory").contains("at least 1Gi"));
    config.kafka.memory = "lots".into();
    assert!(error_on(&config, "kafka.memory").contains("4Gi"));
    config.kafka.memory = "2048Mi".into();
    config.kafka.cpu = "1.5m".into();
    assert!(error_on(&config, "kafka.cpu").contains("500m"));
    for cpu in ["1", "0.5", "500m", "2"] {
        config.kafka.cpu = cpu.into();
        assert!(errors(&config).is_empty(), "{cpu}");
    }
    // Half the memory is the heap.
    let sts = kafka_expose::yaml::to_yaml(
        &kafka_expose::bundle::generate_all(&validate(&config).unwrap()).manifests.statefulset,
    );
    assert!(sts.contains("-Xms1024m -Xmx1024m"), "{sts}");
}

#[test]
fn dedicated_controllers_are_an_odd_quorum_sized_and_named_apart_from_the_brokers() {
    use kafka_expose::config::Topology;
    let mut config = Config::default();
    assert!(errors(&config).is_empty());
    for bad in [0, 2, 4, 11] {
        config.topology.controllers = bad;
        assert!(error_on(&config, "topology.controllers").contains("must be 3 or 5"), "{bad}");
    }
    config.topology.controllers = 1;
    assert!(errors(&config).is_empty());
    assert!(warnings_on(&config, "topology.controllers").contains("tolerates no failure"));
    // Five controllers on three nodes share them 2/2/1: a node's loss takes two, which five
    // tolerate. On two nodes one holds three, the majority.
    config.topology.controllers = 5;
    assert!(warnings_on(&config, "topology.controllers").is_empty());
    let three_nodes = config.nodes.clone();
    config.nodes.truncate(2);
    let said = warnings_on(&config, "topology.controllers");
    assert!(said.contains("5 controllers on 2 nodes: one node holds 3 of them"), "{said}");
    assert!(said.contains("5 tolerate 2 failures"), "{said}");
    config.topology.controllers = 3;
    assert!(warnings_on(&config, "topology.controllers").contains("3 controllers on 2 nodes"));
    config.nodes = three_nodes;
    assert!(warnings_on(&config, "topology.controllers").is_empty());
    config.topology.controller_memory = "512Mi".into();
    assert!(error_on(&config, "topology.controllerMemory").contains("at least 1Gi"));
    config.topology.controller_memory = "lots".into();
    assert!(error_on(&config, "topology.controllerMemory").contains("such as 2Gi"));
    config.topology.controller_memory = "2Gi".into();
    config.topology.controller_storage = "5 GB".into();
    assert!(error_on(&config, "topology.controllerStorage").contains("such as 5Gi"));
    config.topology.controller_storage = "5Gi".into();
    // The controllers' StatefulSet is the name plus `-controller`: at most 52 characters.
    config.name = "k".repeat(42);
    assert!(error_on(&config, "name").contains("too long"));
    config.name = "k".repeat(41);
    assert!(errors(&config).is_empty(), "{:#?}", errors(&config));
    config.name = "kafka".into();
    config.headless_service = "kafka-controller".into();
    assert!(error_on(&config, "headlessService").contains("controllers' headless Service"));
    // Combined mode checks none of it, and warns about a large quorum.
    let combined = Config {
        topology: Topology { controllers: 4, ..Topology::combined() },
        replicas: 11,
        ..Config::default()
    };
    assert!(errors(&combined).is_empty());
    assert!(warnings_on(&combined, "replicas").contains("11 voters"));
    assert!(warnings_on(&Config { replicas: 11, ..Config::default() }, "replicas").is_empty());
}

/// How many failures a quorum of n controllers tolerates, ⌊(n − 1)/2⌋, as the message says it for
/// every count a user can type up to 9 and beyond.
#[test]
fn the_controller_count_message_says_how_many_failures_that_count_tolerates() {
    use kafka_expose::plan::topology::tolerated_failures;
    let expected = [(1, 0), (2, 0), (3, 1), (4, 1), (5, 2), (6, 2), (7, 3), (8, 3), (9, 4), (10, 4), (11, 5)];
    for (n, k) in expected {
        assert_eq!(tolerated_failures(n), k, "{n} controllers");
    }
    let said = |k: u32| match k {
        0 => "no failure".to_string(),
        1 => "one failure".to_string(),
        k => format!("{k} failures"),
    };
    let mut config = Config::default();
    for n in 1..=9 {
        config.topology.controllers = n;
        let k = tolerated_failures(n);
        if n % 2 == 0 {
            let message = error_on(&config, "topology.controllers");
            assert!(
                message.contains(&format!("{n} controllers tolerate {}, no more than {} do", said(k), n - 1)),
                "{n}: {message}"
            );
            // The odd count below tolerates just as many.
            assert_eq!(tolerated_failures(n - 1), k);
        } else {
            assert!(errors(&config).iter().all(|f| f.field.path() != "topology.controllers"), "{n}");
        }
    }
    config.topology.controllers = 11;
    let message = error_on(&config, "topology.controllers");
    assert!(message.contains("11 controllers tolerate 5 failures"), "{message}");
    config.topology.controllers = 0;
    let message = error_on(&config, "topology.controllers");
    assert!(!message.contains("2 controllers"), "{message}");
    assert!(message.contains("at least one controller"), "{message}");
}

/// Plaintext with SCRAM gives an eavesdropper the login exchange, never the password.
#[test]
fn a_plaintext_warning_says_what_an_eavesdropper_gets() {
    use kafka_expose::config::{Authentication, TlsMode};
    let mut config = Config::default();
    config.security.tls = TlsMode::None;
    let message = warnings_on(&config, "security.tls");
    assert!(!message.contains("password, in transit") && !message.contains("every password"), "{message}");
    assert!(message.contains("every SCRAM login: not the password"), "{message}");
    assert!(message.contains("offline"), "{message}");
    config.security.authentication = Authentication::None;
    let message = warnings_on(&config, "security.tls");
    assert!(message.contains("can read every message in transit. Turn on TLS"), "{message}");
    assert!(!message.contains("SCRAM"), "{message}");
}

/// Source ranges limit the load balancer's address, not the NodePorts behind it.
#[test]
fn load_balancer_source_ranges_say_the_node_ports_stay_open() {
    let mut config = Config::example(StrategyId::LoadbalancerPerBroker);
    assert!(warnings_on(&config, "loadBalancer.sourceRanges").is_empty());
    config.load_balancer.source_ranges = vec!["192.0.2.0/24".into()];
    let message = warnings_on(&config, "loadBalancer.sourceRanges");
    assert!(message.contains("NodePort still accepts any client"), "{message}");
}

/// Example addresses are placeholders: documentation ranges and names reserved for examples are
/// flagged beside the field that holds them, and nothing else is.
#[test]
fn example_addresses_are_flagged_beside_their_field() {
    use kafka_expose::checks::example_address;
    for example in [
        "192.0.2.5",
        "198.51.100.11",
        "203.0.113.13",
        "2001:db8::1",
        "[2001:db8::7]",
        "example.com",
        "kafka-0.example.net",
        "b.example.org",
        "broker.example",
        "kafka.test",
        "x.invalid",
        "KAFKA.EXAMPLE.COM.",
    ] {
        assert!(example_address(example).is_some(), "{example}");
    }
    for real in [
        "192.0.3.5",
        "198.51.101.1",
        "203.0.114.1",
        "10.0.0.1",
        "2001:db9::1",
        "example.co",
        "notexample.com",
        "kafka.examples.com",
        "testing.io",
        "kafka.streams.io",
    ] {
        assert!(example_address(real).is_none(), "{real}");
    }
    let warnings = |config: &Config| -> Vec<String> {
        findings(config)
            .into_iter()
            .filter(|f| f.message.contains("is an example address"))
            .map(|f| f.field.to_string())
            .collect()
    };
    // The defaults' three nodes, each on its own field.
    assert_eq!(warnings(&Config::default()), ["nodes[0].address", "nodes[1].address", "nodes[2].address"]);
    let mut real = Config::default();
    for (i, node) in real.nodes.iter_mut().enumerate() {
        node.address = format!("34.120.0.{}", 11 + i);
    }
    assert_eq!(warnings(&real), Vec::<String>::new());
    // The load balancers' names.
    let cloud = Config::example(StrategyId::LoadbalancerPerBroker);
    let said = warnings(&cloud);
    assert!(said.contains(&"loadBalancer.hostTemplate".to_string()), "{said:?}");
}

/// With status.hostIP a broker advertises its node's InternalIP: a listed address that is no
/// inside address is said to be the wrong one for it, naming the nodes; private ones are not.
#[test]
fn the_node_address_source_says_what_the_brokers_will_advertise() {
    use kafka_expose::config::{ClientNetwork, NodeAddressSource, NodeAddressType};
    let said = |config: &Config| warnings_on(config, "nodeAddressSource");
    // One NodePort per node, Local: each broker advertises the node it runs on, as it learns it.
    let local = Config { client_network: ClientNetwork::Nodes, ..Config::example(StrategyId::NodeportLocal) };
    let mut config = Config { node_address_source: NodeAddressSource::HostIp, ..local };
    for (i, node) in config.nodes.iter_mut().enumerate() {
        node.address = format!("10.20.0.{}", 11 + i);
    }
    assert_eq!(said(&config), "");
    // A public address with no InternalIP beside it: the page cannot know what status.hostIP is.
    config.nodes[1].address = "34.120.0.12".into();
    let message = said(&config);
    assert!(message.contains("The page takes it to be the address listed for node-b;"), "{message}");
    // A name is no InternalIP: the InternalIP is asked for, beside the node.
    config.nodes[2].address = "kafka-c.streams.io".into();
    assert!(errors_on(&config, "nodes[2].internal").contains("enter node-c's InternalIP"));
    config.nodes[2].internal = "10.20.0.13".into();
    assert_eq!(errors_on(&config, "nodes[2].internal"), "");
    // Behind NAT, status.hostIP advertises the inside address, said naming the nodes.
    config.nodes[1].internal = "10.20.0.12".into();
    let message = said(&config);
    assert!(
        message.starts_with("status.hostIP gives each broker its node's InternalIP: the brokers on node-b advertise 10.20.0.12, not 34.120.0.12; on node-c advertise 10.20.0.13, not kafka-c.streams.io."),
        "{message}"
    );
    // kubectl, ExternalIP first: a public IP is taken to be the node's ExternalIP, and said so.
    let kubectl = Config { node_address_source: NodeAddressSource::Kubectl, ..config.clone() };
    let message = said(&kubectl);
    assert!(message.contains("takes the address listed for node-b to be its ExternalIP"), "{message}");
    assert!(message.contains("node-c advertise 10.20.0.13, not kafka-c.streams.io"), "{message}");
    // InternalIP first: every broker advertises the inside address.
    let internal = Config { node_address_type: NodeAddressType::InternalIp, ..kubectl.clone() };
    assert!(said(&internal).contains("node-b advertise 10.20.0.12"));
    // An InternalIP is an IP.
    let mut named = config.clone();
    named.nodes[0].internal = "node-a.lan".into();
    assert!(errors_on(&named, "nodes[0].internal").contains("an InternalIP is an IP address"));
    // From the node list, or where brokers do not advertise their node: nothing to say.
    assert_eq!(said(&Config { node_address_source: NodeAddressSource::StaticMap, ..config.clone() }), "");
    assert_eq!(said(&Config { strategy: StrategyId::LoadbalancerPerBroker, ..config.clone() }), "");
}

#[test]
fn private_addresses_are_unreachable_from_the_internet_beside_their_field() {
    use kafka_expose::config::ClientNetwork;
    let mut config = Config::default();
    config.nodes[0].address = "10.20.0.11".into();
    config.nodes[1].address = "fd00::12".into();
    for i in 0..2 {
        let message = warnings_on(&config, &format!("nodes[{i}].address"));
        assert!(
            message.contains("is a private address") && message.contains("Where the client runs"),
            "{message}"
        );
    }
    // A client on the nodes' network reaches them: nothing to say.
    let lan = Config { client_network: ClientNetwork::Nodes, ..config.clone() };
    assert_eq!(warnings_on(&lan, "nodes[0].address"), "");
    // Public addresses and names are no private addresses.
    assert!(!warnings_on(&config, "nodes[2].address").contains("private"));
}

#[test]
fn inside_addresses_are_the_private_shared_link_local_and_local_ranges() {
    // Shared, link-local and IPv6's local ranges are inside addresses too.
    for inside in ["100.64.0.9", "169.254.1.1", "fd00::1", "fe80::1", "192.168.49.2", "172.16.5.4"] {
        assert!(kafka_expose::checks::is_inside_address(inside), "{inside}");
    }
    for outside in ["100.128.0.1", "34.120.0.1", "2600::1", "kafka.streams.io"] {
        assert!(!kafka_expose::checks::is_inside_address(outside), "{outside}");
    }
}

/// Messages are plain text beside their fields, on the page and on the command line: no Markdown
/// (backticks, asterisks) in any of them.
#[test]
fn messages_carry_no_markdown() {
    use kafka_expose::config::{Authentication, NodeAddressSource};
    let mut configs = vec![
        Config {
            namespace: "my_ns".into(),
            name: "K".into(),
            headless_service: "a..b".into(),
            ..Config::default()
        },
        Config { advertised_host: "localhost".into(), ..Config::default() },
        Config { advertised_host: "kafka-0.broker.kafka.svc.cluster.local".into(), ..Config::default() },
        Config { advertised_host: "10.0.0.1".into(), cluster_domain: "-bad-".into(), ..Config::default() },
        Config {
            node_address_source: NodeAddressSource::HostIp,
            strategy: StrategyId::Hostport,
            ..Config::default()
        },
    ];
    let mut c = Config::example(StrategyId::LoadbalancerPerBroker);
    c.load_balancer.host_template = "kafka_{ordinal}.example.com".into();
    c.load_balancer.source_ranges = vec!["nope".into()];
    c.kafka.image = "Bad Image:".into();
    c.kafka.cluster_id = Some("!!".into());
    c.security.authentication = Authentication::ScramSha512;
    c.security.users = vec!["a b".into(), "x".into(), "x".into()];
    configs.push(c);
    let mut c = Config::default();
    c.nodes[0].address = "bad..name".into();
    c.nodes[1].internal = "not-an-ip".into();
    c.nodes[2].name = c.nodes[1].name.clone();
    configs.push(c);
    let mut said = 0;
    for config in &configs {
        for f in findings(config) {
            assert!(!f.message.contains('`') && !f.message.contains("**"), "{}: {}", f.field, f.message);
            said += 1;
        }
    }
    assert!(said > 20, "the configs say enough to look at: {said}");
}

/// The page shows how a pod learns its node's address only where a broker advertises it (the
/// strategy's host reads the node's address): no finding may stand beside that choice elsewhere,
/// where it is hidden and its message could not be reached.
#[test]
fn no_finding_points_at_the_node_address_choice_where_it_is_hidden() {
    use kafka_expose::config::{Field, NodeAddressSource, Security};
    use kafka_expose::strategy;
    let mut shown = 0;
    for id in StrategyId::ALL {
        for source in [NodeAddressSource::StaticMap, NodeAddressSource::HostIp, NodeAddressSource::Kubectl] {
            for security in [Security::default(), Security::plaintext()] {
                let mut config = Config::example(id);
                config.node_address_source = source;
                config.security = security;
                config.nodes[0].internal = "10.0.0.7".into();
                let findings = match validate(&config) {
                    Ok(valid) => valid.warnings().to_vec(),
                    Err(findings) => findings,
                };
                let uses = strategy::strategy(id).external_host(&config).uses_node_address();
                let about = findings.iter().filter(|f| f.field == Field::NodeAddressSource).count();
                shown += usize::from(uses && about > 0);
                assert!(uses || about == 0, "{id} {source:?}: {findings:?}");
            }
        }
    }
    // The choice does have findings where it is shown.
    assert!(shown > 0);
}
