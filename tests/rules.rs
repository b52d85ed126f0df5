//! Property tests: whatever config validation accepts generates files that Kafka (Part B of the rules)
//! and the Kubernetes API server (Part A) accept; whatever garbage comes in, nothing panics.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::configs::{plausible, source, strategy_id};
use common::{documents, file, k8s_rules, kafka_rules, properties};
use kafka_expose::bundle;
use kafka_expose::config::{Config, Node, StrategyId, Topology};
use kafka_expose::format::parse_config;
use kafka_expose::validate::{parse_port_range, validate};
use proptest::prelude::*;

/// Configs with anything in them.
fn wild() -> impl Strategy<Value = Config> {
    (
        (
            strategy_id(),
            source(),
            0u32..260,
            "[a-zA-Z0-9._-]{0,70}",
            "[a-z0-9.-]{0,20}",
            "[a-zA-Z0-9_.-]{0,12}",
        ),
        (0u32..70000, 0u32..70000, 0u32..70000, 0u32..70000, prop::option::of(0u32..70000), "[0-9 -]{0,12}"),
        ("[a-zA-Z0-9.:_ -]{0,30}", prop::collection::vec(("[a-z0-9.-]{0,12}", "[a-z0-9.:]{0,16}"), 0..6)),
        (
            "[a-zA-Z0-9/:._@-]{0,30}",
            prop::option::of("[a-zA-Z0-9_-]{20,23}"),
            "[0-9.a-zA-Z]{0,6}",
            "[a-z{}0-9.-]{0,25}",
        ),
    )
        .prop_map(|(a, b, c, d)| {
            let mut config = Config::example(a.0);
            config.node_address_source = a.1;
            config.replicas = a.2;
            config.name = a.3;
            config.cluster_domain = a.4;
            config.headless_service = a.5;
            config.ports.internal = b.0;
            config.ports.controller = b.1;
            config.ports.external = b.2;
            config.node_ports.first = b.3;
            config.node_ports.bootstrap = b.4;
            config.node_ports.range = b.5;
            config.advertised_host = c.0;
            config.nodes = c.1.into_iter().map(|(name, address)| Node::new(name, address)).collect();
            config.kafka.image = d.0;
            config.kafka.cluster_id = d.1;
            config.storage.size = d.2;
            config.load_balancer.host_template = d.3;
            config
        })
}

/// A valid config with one field set to anything `wild` draws: at the edge of what validation
/// accepts, where a rule it lets through but Kafka or Kubernetes refuses would show.
fn one_field_off() -> impl Strategy<Value = Config> {
    (plausible(), wild(), 0usize..16).prop_map(|(mut config, wild, field)| {
        match field {
            0 => config.replicas = wild.replicas,
            1 => config.name = wild.name,
            2 => config.cluster_domain = wild.cluster_domain,
            3 => config.headless_service = wild.headless_service,
            4 => config.ports.internal = wild.ports.internal,
            5 => config.ports.controller = wild.ports.controller,
            6 => config.ports.external = wild.ports.external,
            7 => config.node_ports.first = wild.node_ports.first,
            8 => config.node_ports.bootstrap = wild.node_ports.bootstrap,
            9 => config.node_ports.range = wild.node_ports.range,
            10 => config.advertised_host = wild.advertised_host,
            11 => config.nodes = wild.nodes,
            12 => config.kafka.image = wild.kafka.image,
            13 => config.kafka.cluster_id = wild.kafka.cluster_id,
            14 => config.storage.size = wild.storage.size,
            _ => config.load_balancer.host_template = wild.load_balancer.host_template,
        }
        config
    })
}

/// Every Kafka and Kubernetes rule, on every generated file of a valid config; whether there was
/// one to check.
fn assert_accepted(config: &Config) -> bool {
    let valid = match validate(config) {
        Ok(valid) => valid,
        Err(_) => return false,
    };
    let bundle = bundle::generate(&valid);
    let controllers = if config.topology.dedicated() { config.topology.controllers } else { 0 };
    for i in 0..controllers {
        let props = properties(&file(&bundle, &bundle::controller_properties_name(i)));
        let errors = kafka_rules::check(&props);
        assert!(errors.is_empty(), "controller {i} of {config:#?}: {errors:#?}");
    }
    for i in 0..config.replicas {
        let props = properties(&file(&bundle, &bundle::server_properties_name(i)));
        let errors = kafka_rules::check(&props);
        assert!(errors.is_empty(), "broker {i} of {config:#?}: {errors:#?}");
        // Brokers talk to each other at the names the headless Service gives them.
        let internal = format!(
            "INTERNAL://{}-{i}.{}.{}.svc.{}:{}",
            config.name,
            config.headless_service,
            config.namespace,
            config.cluster_domain,
            config.ports.internal
        );
        assert!(props["advertised.listeners"].split(',').any(|l| l == internal), "{props:#?}");
    }
    let range = parse_port_range(&config.node_ports.range).unwrap();
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let errors = k8s_rules::check(&docs, (range.0.into(), range.1.into()));
    assert!(errors.is_empty(), "{config:#?}: {errors:#?}");
    true
}

/// Whatever validation accepts, Kafka and Kubernetes accept, over configs one field off a valid
/// one (deterministic draws). A share of them must be accepted, or the test checks nothing (as it
/// did when it drew wholly random configs: 0 of 2,000 passed validation), and a share refused, or
/// the draws test no edge.
#[test]
fn whatever_validation_accepts_kafka_and_kubernetes_accept() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let draws = one_field_off();
    let total = 600;
    let mut accepted = 0;
    for _ in 0..total {
        let config = draws.new_tree(&mut runner).unwrap().current();
        if assert_accepted(&config) {
            accepted += 1;
        }
    }
    assert!(accepted * 3 >= total, "only {accepted} of {total} accepted: too few to check anything");
    assert!(accepted * 20 <= total * 19, "{accepted} of {total} accepted: the draws test no edge");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn plausible_configs_are_valid_and_accepted_by_kafka_and_kubernetes(config in plausible()) {
        let result = validate(&config);
        prop_assert!(result.is_ok(), "{:#?}", result.err());
        prop_assert!(assert_accepted(&config));
    }

    /// The one reader of the format reads back every config the page and the command line write,
    /// as JSON and as YAML, field for field (a field the reader names other than the writer is
    /// refused as unknown here).
    #[test]
    fn every_config_reads_back_from_its_json_and_its_yaml(config in prop_oneof![plausible(), one_field_off()]) {
        prop_assert_eq!(parse_config(&kafka_expose::format::to_json(&config)), Ok(config.clone()));
        prop_assert_eq!(parse_config(&serde_yaml::to_string(&config).unwrap()), Ok(config));
    }

    #[test]
    fn garbage_text_is_a_parse_error_or_a_config_never_a_panic(text in "\\PC{0,200}") {
        if let Ok(config) = parse_config(&text) {
            let _ = assert_accepted(&config);
        }
    }

    #[test]
    fn json_shaped_garbage_never_panics(
        key in prop::sample::select(vec!["replicas", "name", "nodes", "ports", "nodePorts", "version", "strategy", "kafka"]),
        value in prop::sample::select(vec!["-1", "1e9", "null", "\"x\"", "[]", "{}", "[{\"name\":1}]", "4294967296", "true"]),
    ) {
        let text = format!("{{\"{key}\": {value}}}");
        if let Ok(config) = parse_config(&text) {
            let _ = assert_accepted(&config);
        }
    }
}

/// Every strategy × every security setting × both topologies: Kafka accepts every node's
/// properties, and the quorum is what the topology says.
#[test]
fn every_strategy_security_setting_and_topology_is_accepted_by_kafka() {
    for id in StrategyId::ALL {
        for (name, security) in common::security_variants() {
            for topology in [Topology::combined(), Topology::default()] {
                let config =
                    Config { topology, ..common::with_security(Config::example(id), security.clone()) };
                let bundle = common::generate(&config);
                let dedicated = config.topology.dedicated();
                let mut ids = std::collections::BTreeSet::new();
                let voters = |props: &std::collections::BTreeMap<String, String>| {
                    props["controller.quorum.voters"].split(',').map(str::to_string).collect::<Vec<_>>()
                };
                let mut quorum = None;
                let files = (0..config.replicas).map(|i| (false, bundle::server_properties_name(i))).chain(
                    (0..if dedicated { config.topology.controllers } else { 0 })
                        .map(|i| (true, bundle::controller_properties_name(i))),
                );
                for (controller, file_name) in files {
                    let props = properties(&file(&bundle, &file_name));
                    let errors = kafka_rules::check(&props);
                    assert!(errors.is_empty(), "{id} {name} {file_name}: {errors:#?}");
                    assert!(ids.insert(props["node.id"].clone()), "{id} {file_name}: node id repeated");
                    let roles = match (dedicated, controller) {
                        (false, _) => "broker,controller",
                        (true, false) => "broker",
                        (true, true) => "controller",
                    };
                    assert_eq!(props["process.roles"], roles, "{file_name}");
                    // Every node has the same voters.
                    assert_eq!(quorum.get_or_insert_with(|| voters(&props)), &voters(&props));
                    if controller {
                        assert!(!props["listeners"].contains("EXTERNAL"), "a controller is never exposed");
                    }
                }
                // The voters are the controllers, at their own headless Service's names.
                let expected: Vec<String> = if dedicated {
                    (0..3)
                        .map(|i| {
                            format!("{i}@kafka-controller-{i}.kafka-controller.kafka.svc.cluster.local:9093")
                        })
                        .collect()
                } else {
                    (0..3).map(|i| format!("{i}@kafka-{i}.broker.kafka.svc.cluster.local:9093")).collect()
                };
                assert_eq!(quorum.unwrap(), expected, "{id} {name}");
                if dedicated {
                    assert_eq!(properties(&file(&bundle, "server-2.properties"))["node.id"], "102");
                }
            }
        }
    }
}

/// The checkers above must be able to fail: each breaks one rule in a good bundle.
#[test]
fn the_kafka_checker_catches_what_kafka_refuses() {
    let bundle = common::generate(&Config { topology: Topology::combined(), ..Config::default() });
    let good = properties(&file(&bundle, "server-0.properties"));
    assert_eq!(kafka_rules::check(&good), Vec::<String>::new());
    for (key, value, complaint) in [
        ("advertised.listeners", "INTERNAL://0.0.0.0:9092,EXTERNAL://h:1", "0.0.0.0"),
        ("advertised.listeners", "INTERNAL://a:9092,INTERNAL://b:9092", "different name"),
        ("inter.broker.listener.name", "REPLICATION", "not found in listener.security.protocol.map"),
        ("inter.broker.listener.name", "CONTROLLER", "must not contain the inter-broker listener"),
        ("listeners", "INTERNAL://:9092,CONTROLLER://:9092,EXTERNAL://:9094", "different port"),
        ("listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT", "CONTROLLER"),
        (
            "listener.security.protocol.map",
            "INTERNAL:PLAIN,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "Invalid security protocol",
        ),
        ("node.id", "7", "controller.quorum.voters"),
        ("process.roles", "broker,zookeeper", "Unknown process role"),
        ("controller.quorum.voters", "0@0.0.0.0:9093", "not routeable"),
        // TLS and SASL, on the secure default's EXTERNAL listener.
        ("listener.name.external.ssl.keystore.password", "changeit", "cannot be specified with PEM"),
        ("listener.name.external.sasl.enabled.mechanisms", "GSSAPI", "GSSAPI needs"),
        ("listener.name.externl.ssl.keystore.type", "PEM", "there is no listener EXTERNL"),
        ("sasl.mechanism.controller.protocol", "SCRAM-SHA-512", "cannot be SCRAM"),
    ] {
        let mut broken = good.clone();
        broken.insert(key.into(), value.into());
        let errors = kafka_rules::check(&broken);
        assert!(errors.iter().any(|e| e.contains(complaint)), "{key}={value}: {errors:?}");
    }
    // A TLS listener without its keystore, a SCRAM listener without its login module.
    for key in [
        "listener.name.external.ssl.keystore.location",
        "listener.name.external.scram-sha-512.sasl.jaas.config",
    ] {
        let mut broken = good.clone();
        broken.remove(key);
        assert!(!kafka_rules::check(&broken).is_empty(), "without {key}");
    }
    // SCRAM on the controller listener (KAFKA-15513).
    let mut broken = good.clone();
    broken.insert(
        "listener.security.protocol.map".into(),
        "INTERNAL:PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,EXTERNAL:SASL_SSL".into(),
    );
    broken.insert("listener.name.controller.sasl.enabled.mechanisms".into(), "SCRAM-SHA-512".into());
    assert!(kafka_rules::check(&broken).iter().any(|e| e.contains("KAFKA-15513")));
    let mut no_inter_broker = good.clone();
    no_inter_broker.remove("inter.broker.listener.name");
    assert!(kafka_rules::check(&no_inter_broker)
        .iter()
        .any(|e| e.contains("inter.broker.listener.name must be")));
}

/// The rules of broker-only and controller-only nodes can fail too.
#[test]
fn the_kafka_checker_catches_what_kafka_refuses_of_each_role() {
    let bundle = common::generate(&Config::default());
    let broker = properties(&file(&bundle, "server-0.properties"));
    let controller = properties(&file(&bundle, "controller-0.properties"));
    assert_eq!(kafka_rules::check(&broker), Vec::<String>::new());
    assert_eq!(kafka_rules::check(&controller), Vec::<String>::new());
    let cases: [(&std::collections::BTreeMap<String, String>, &str, &str, &str); 6] = [
        (&broker, "node.id", "1", "must not be included in controller.quorum.voters"),
        (
            &broker,
            "listeners",
            "INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093,EXTERNAL://0.0.0.0:9094",
            "must not contain a controller listener",
        ),
        (
            &broker,
            "listener.security.protocol.map",
            "INTERNAL:PLAINTEXT,EXTERNAL:SASL_SSL",
            "not found in listener.security.protocol.map",
        ),
        (&controller, "node.id", "100", "must be included in controller.quorum.voters"),
        (
            &controller,
            "listeners",
            "CONTROLLER://0.0.0.0:9093,INTERNAL://0.0.0.0:9092",
            "must only contain KRaft controller listeners",
        ),
        (
            &controller,
            "inter.broker.listener.name",
            "CONTROLLER",
            "must not contain the inter-broker listener",
        ),
    ];
    for (good, key, value, complaint) in cases {
        let mut broken = good.clone();
        broken.insert(key.into(), value.into());
        let errors = kafka_rules::check(&broken);
        assert!(errors.iter().any(|e| e.contains(complaint)), "{key}={value}: {errors:?}");
    }
}

#[test]
fn the_kubernetes_checker_catches_what_the_api_server_refuses() {
    let bundle = common::generate(&Config::default());
    let good = documents(&file(&bundle, "manifests.yaml"));
    assert_eq!(k8s_rules::check(&good, (30000, 32767)), Vec::<String>::new());
    assert!(k8s_rules::check(&good, (30000, 30094)).iter().any(|e| e.contains("not in the valid range")));
    type Edit = fn(&mut serde_yaml::Value);
    let edits: [(&str, Edit, &str); 4] = [
        ("broker", |s| s["spec"]["type"] = "NodePort".into(), "may not be set to 'None' for NodePort"),
        ("kafka-1-external", |s| s["spec"]["ports"][0]["nodePort"] = 30093.into(), "already allocated"),
        (
            "kafka-1-external",
            |s| s["spec"]["selector"]["statefulset.kubernetes.io/pod-name"] = "kafka-9".into(),
            "selects 0 pods",
        ),
        ("kafka-2-external", |s| s["spec"]["type"] = "ClusterIP".into(), "nodePort may not be used"),
    ];
    for (name, edit, complaint) in edits {
        let mut docs = good.clone();
        edit(docs.iter_mut().find(|d| d["metadata"]["name"] == name).unwrap());
        let errors = k8s_rules::check(&docs, (30000, 32767));
        assert!(errors.iter().any(|e| e.contains(complaint)), "{name}: {errors:?}");
    }
    let mut docs = good.clone();
    let sts = docs.iter_mut().find(|d| d["kind"] == "StatefulSet").unwrap();
    sts["spec"]["serviceName"] = "kafka-bootstrap".into();
    assert!(k8s_rules::check(&docs, (30000, 32767)).iter().any(|e| e.contains("not a headless Service")));
    // Brokers selected without their component label would take the controllers' pods too.
    let mut docs = good.clone();
    let brokers =
        docs.iter_mut().find(|d| d["kind"] == "StatefulSet" && d["metadata"]["name"] == "kafka").unwrap();
    brokers["spec"]["selector"]["matchLabels"]
        .as_mapping_mut()
        .unwrap()
        .remove("app.kubernetes.io/component");
    let errors = k8s_rules::check(&docs, (30000, 32767));
    assert!(errors.iter().any(|e| e.contains("matches pods of StatefulSet kafka-controller")), "{errors:?}");
}

/// The rules checker reads a keystore's type against its file and its password: the generated PEM
/// keystore read as PKCS12 or JKS (no password, a PEM file) is refused, as Kafka refuses it.
#[test]
fn a_keystore_type_that_is_not_its_files_format_is_refused() {
    let config = Config::default();
    let props = properties(&file(&common::generate(&config), "server-0.properties"));
    assert_eq!(kafka_rules::check(&props), Vec::<String>::new());
    for kind in ["PKCS12", "JKS"] {
        let mut wrong = props.clone();
        wrong.insert("listener.name.external.ssl.keystore.type".into(), kind.into());
        let errors = kafka_rules::check(&wrong);
        assert!(
            errors.iter().any(|e| e.contains("key store password is not specified")),
            "{kind}: {errors:#?}"
        );
        assert!(errors.iter().any(|e| e.contains("is a PEM file, read as")), "{kind}: {errors:#?}");
    }
    let mut p12 = props.clone();
    p12.insert("listener.name.external.ssl.keystore.location".into(), "/etc/kafka/keystore.p12".into());
    assert!(kafka_rules::check(&p12).iter().any(|e| e.contains("is no PEM file")));
}
