//! What each strategy generates, as a user reads it: the exact advertised addresses, the Services,
//! the placement rules, and a reviewed snapshot of each default bundle.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{documents, file, generate, properties};
use kafka_expose::config::{Config, Node, NodeAddressSource, StrategyId, Topology};
use serde_yaml::Value;

fn advertised(config: &Config, ordinal: u32) -> String {
    let bundle = generate(config);
    properties(&file(&bundle, &format!("server-{ordinal}.properties")))["advertised.listeners"].clone()
}

fn external_of(config: &Config, ordinal: u32) -> String {
    advertised(config, ordinal).split(',').find_map(|l| l.strip_prefix("EXTERNAL://")).unwrap().to_string()
}

/// (kind, name, type) of every Service in manifests.yaml.
fn services(config: &Config) -> Vec<(String, String)> {
    let bundle = generate(config);
    documents(&file(&bundle, "manifests.yaml"))
        .iter()
        .filter(|d| d["kind"] == "Service")
        .map(|d| {
            (
                d["metadata"]["name"].as_str().unwrap().to_string(),
                d["spec"]["type"].as_str().unwrap_or("ClusterIP").to_string(),
            )
        })
        .collect()
}

/// The brokers' StatefulSet.
fn statefulset(config: &Config) -> Value {
    let bundle = generate(config);
    documents(&file(&bundle, "manifests.yaml"))
        .into_iter()
        .find(|d| d["kind"] == "StatefulSet" && d["metadata"]["name"] == config.name.as_str())
        .unwrap()
}

#[test]
fn default_brokers_advertise_their_headless_name_and_their_own_nodeport() {
    let config = Config::default();
    let bundle = generate(&config);
    let props = properties(&file(&bundle, "server-1.properties"));
    // Broker-only beside dedicated controllers: no CONTROLLER listener of its own, but mapped.
    assert_eq!(props["listeners"], "INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:9094");
    assert_eq!(
        props["advertised.listeners"],
        "INTERNAL://kafka-1.broker.kafka.svc.cluster.local:9092,EXTERNAL://203.0.113.12:30094"
    );
    // New configs are secure: TLS and SCRAM on EXTERNAL only, set for that listener alone.
    assert_eq!(
        props["listener.security.protocol.map"],
        "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:SASL_SSL"
    );
    assert_eq!(props["listener.name.external.ssl.keystore.type"], "PEM");
    assert_eq!(
        props["listener.name.external.ssl.keystore.location"],
        "/etc/kafka-expose/external-keystore.pem"
    );
    assert_eq!(props["listener.name.external.sasl.enabled.mechanisms"], "SCRAM-SHA-512");
    assert_eq!(
        props["listener.name.external.scram-sha-512.sasl.jaas.config"],
        "org.apache.kafka.common.security.scram.ScramLoginModule required;"
    );
    assert!(!props.keys().any(|k| k.contains("password") || k.starts_with("listener.name.internal")));
    let plain =
        generate(&Config { security: kafka_expose::config::Security::plaintext(), ..Config::default() });
    let plain = properties(&file(&plain, "server-1.properties"));
    assert_eq!(
        plain["listener.security.protocol.map"],
        "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:PLAINTEXT"
    );
    assert!(!plain.keys().any(|k| k.starts_with("listener.name.")));
    assert_eq!(props["inter.broker.listener.name"], "INTERNAL");
    assert_eq!(props["process.roles"], "broker");
    assert_eq!(props["node.id"], "101");
    assert_eq!(
        props["controller.quorum.voters"],
        "0@kafka-controller-0.kafka-controller.kafka.svc.cluster.local:9093,\
         1@kafka-controller-1.kafka-controller.kafka.svc.cluster.local:9093,\
         2@kafka-controller-2.kafka-controller.kafka.svc.cluster.local:9093"
    );
    assert_eq!(external_of(&config, 0), "203.0.113.11:30093");
    assert_eq!(external_of(&config, 2), "203.0.113.13:30095");
    assert_eq!(
        properties(&file(&bundle, "client.properties"))["bootstrap.servers"],
        "203.0.113.11:30092,203.0.113.12:30092,203.0.113.13:30092"
    );
}

/// Combined mode (old links, the minikube preset): every broker is a voter, on its own headless name.
#[test]
fn combined_brokers_are_also_the_controllers() {
    let config = Config { topology: Topology::combined(), ..Config::default() };
    let bundle = generate(&config);
    let props = properties(&file(&bundle, "server-1.properties"));
    assert_eq!(
        props["listeners"],
        "INTERNAL://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093,EXTERNAL://0.0.0.0:9094"
    );
    assert_eq!(
        props["advertised.listeners"],
        "INTERNAL://kafka-1.broker.kafka.svc.cluster.local:9092,\
         CONTROLLER://kafka-1.broker.kafka.svc.cluster.local:9093,EXTERNAL://203.0.113.12:30094"
    );
    assert_eq!(props["process.roles"], "broker,controller");
    assert_eq!(props["node.id"], "1");
    assert_eq!(
        props["controller.quorum.voters"],
        "0@kafka-0.broker.kafka.svc.cluster.local:9093,1@kafka-1.broker.kafka.svc.cluster.local:9093,\
         2@kafka-2.broker.kafka.svc.cluster.local:9093"
    );
    assert!(bundle.file("controller-0.properties").is_none() && bundle.file("start-controller.sh").is_none());
    let docs = documents(&file(&bundle, "manifests.yaml"));
    // The brokers, and the users' one-replica StatefulSet (SCRAM).
    assert_eq!(docs.iter().filter(|d| d["kind"] == "StatefulSet").count(), 2);
    // The selector an existing combined StatefulSet was created with, which cannot change.
    let sts = statefulset(&config);
    assert_eq!(
        serde_yaml::to_string(&sts["spec"]["selector"]).unwrap(),
        "matchLabels:\n  app.kubernetes.io/instance: kafka\n  app.kubernetes.io/name: kafka\n"
    );
}

/// Dedicated controllers: their own StatefulSet, headless Service and budget, never exposed, and
/// nothing of the brokers' selects them.
#[test]
fn dedicated_controllers_are_a_quorum_of_their_own_that_no_exposure_reaches() {
    let config = Config { replicas: 5, ..Config::default() };
    let bundle = generate(&config);
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let named = |kind: &str, name: &str| {
        docs.iter()
            .find(|d| d["kind"] == kind && d["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("{kind} {name}"))
    };
    let controllers = named("StatefulSet", "kafka-controller");
    assert_eq!(controllers["spec"]["replicas"], 3);
    assert_eq!(controllers["spec"]["serviceName"], "kafka-controller");
    let labels = &controllers["spec"]["template"]["metadata"]["labels"];
    assert_eq!(labels["app.kubernetes.io/component"], "controller");
    let container = &controllers["spec"]["template"]["spec"]["containers"][0];
    let ports: Vec<&str> =
        container["ports"].as_sequence().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(ports, ["controller"]);
    assert_eq!(container["command"][1], "/opt/kafka-expose/start-controller.sh");
    assert_eq!(container["resources"]["limits"]["memory"], "2Gi");
    assert_eq!(
        controllers["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"],
        "5Gi"
    );
    // One controller per node where the listed nodes allow it.
    assert_eq!(
        controllers["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]
            ["requiredDuringSchedulingIgnoredDuringExecution"][0]["labelSelector"]["matchLabels"]
            ["app.kubernetes.io/component"],
        "controller"
    );
    let headless = named("Service", "kafka-controller");
    assert_eq!(headless["spec"]["clusterIP"], "None");
    assert_eq!(headless["spec"]["ports"].as_sequence().unwrap().len(), 1);
    assert_eq!(named("PodDisruptionBudget", "kafka-controller")["spec"]["maxUnavailable"], 1);
    // Every other Service selects brokers only; the brokers' StatefulSet is broker-only.
    for service in
        docs.iter().filter(|d| d["kind"] == "Service" && d["metadata"]["name"] != "kafka-controller")
    {
        if let Some(selector) = service["spec"]["selector"].as_mapping() {
            assert_eq!(
                selector["app.kubernetes.io/component"], "broker",
                "{:?}",
                service["metadata"]["name"]
            );
        }
    }
    let brokers = statefulset(&config);
    let ports: Vec<&str> = brokers["spec"]["template"]["spec"]["containers"][0]["ports"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(ports, ["internal", "external"]);
    // No broker or controller sees a password, nor needs the users' Secret to start: the users'
    // StatefulSet alone mounts it.
    let manifests = file(&bundle, "manifests.yaml");
    let users = |d: &&Value| d["metadata"]["name"] == "kafka-users";
    for sts in documents(&manifests).iter().filter(|d| d["kind"] == "StatefulSet" && !users(d)) {
        let pod = serde_yaml::to_string(&sts["spec"]["template"]).unwrap();
        assert!(!pod.contains("scram-users") && !pod.contains("secretKeyRef"), "{pod}");
    }
    let docs = documents(&manifests);
    let sync = docs.iter().find(|d| d["kind"] == "StatefulSet" && users(d)).expect("the users' StatefulSet");
    assert_eq!(sync["spec"]["replicas"], 1);
    let pod = serde_yaml::to_string(&sync["spec"]["template"]).unwrap();
    assert!(pod.contains("secretName: kafka-scram-users") && pod.contains("optional: true"), "{pod}");
    // The files: one script and one preview per role.
    let names: Vec<&str> = bundle.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "manifests.yaml",
            "start.sh",
            "start-controller.sh",
            "users.sh",
            "server-0.properties",
            "server-1.properties",
            "server-2.properties",
            "server-3.properties",
            "server-4.properties",
            "controller-0.properties",
            "controller-1.properties",
            "controller-2.properties",
            "client.properties",
            "client-librdkafka.properties",
            "verify.sh"
        ]
    );
    // Scaling the brokers touches no voter: the controllers' objects are the same bytes.
    let more = generate(&Config { replicas: 9, ..config.clone() });
    let controller_docs = |bundle: &kafka_expose::bundle::Bundle| -> Vec<String> {
        documents(&file(bundle, "manifests.yaml"))
            .into_iter()
            .filter(|d| d["metadata"]["name"] == "kafka-controller")
            .map(|d| serde_yaml::to_string(&d).unwrap())
            .collect()
    };
    assert_eq!(controller_docs(&bundle), controller_docs(&more));
    assert_eq!(file(&bundle, "controller-1.properties"), file(&more, "controller-1.properties"));
    assert_eq!(file(&bundle, "start-controller.sh"), file(&more, "start-controller.sh"));
}

#[test]
fn nodeport_per_broker_adds_a_bootstrap_and_one_nodeport_service_per_pod() {
    let config = Config { replicas: 5, ..Config::default() };
    let names: Vec<String> = services(&config).into_iter().map(|(n, t)| format!("{n}:{t}")).collect();
    assert_eq!(
        names,
        [
            "kafka-controller:ClusterIP",
            "broker:ClusterIP",
            "kafka-bootstrap:NodePort",
            "kafka-0-external:NodePort",
            "kafka-1-external:NodePort",
            "kafka-2-external:NodePort",
            "kafka-3-external:NodePort",
            "kafka-4-external:NodePort"
        ]
    );
    let bundle = generate(&config);
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let broker3 = docs.iter().find(|d| d["metadata"]["name"] == "kafka-3-external").unwrap();
    assert_eq!(broker3["spec"]["selector"]["statefulset.kubernetes.io/pod-name"], "kafka-3");
    assert_eq!(broker3["spec"]["ports"][0]["nodePort"], 30096);
    assert_eq!(broker3["spec"]["ports"][0]["targetPort"], "external");
    let headless = docs.iter().find(|d| d["metadata"]["name"] == "broker").unwrap();
    assert_eq!(headless["spec"]["clusterIP"], "None");
    assert_eq!(headless["spec"]["publishNotReadyAddresses"], true);
}

#[test]
fn without_a_bootstrap_nodeport_clients_list_every_broker() {
    let mut config = Config::default();
    config.node_ports.bootstrap = None;
    let bundle = generate(&config);
    assert_eq!(
        properties(&file(&bundle, "client.properties"))["bootstrap.servers"],
        "203.0.113.11:30093,203.0.113.12:30094,203.0.113.13:30095"
    );
    assert!(!services(&config).iter().any(|(n, _)| n == "kafka-bootstrap"));
}

#[test]
fn nodeport_local_advertises_each_node_and_pins_one_broker_per_node() {
    let config = Config::example(StrategyId::NodeportLocal);
    assert_eq!(external_of(&config, 0), "203.0.113.11:30093");
    assert_eq!(external_of(&config, 2), "203.0.113.13:30093");
    let bundle = generate(&config);
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let shared = docs.iter().find(|d| d["metadata"]["name"] == "kafka-external").unwrap();
    assert_eq!(shared["spec"]["externalTrafficPolicy"], "Local");
    assert_eq!(shared["spec"]["type"], "NodePort");
    let sts = statefulset(&config);
    let term = &sts["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]
        ["requiredDuringSchedulingIgnoredDuringExecution"][0];
    assert_eq!(term["topologyKey"], "kubernetes.io/hostname");
    assert_eq!(
        properties(&file(&bundle, "client.properties"))["bootstrap.servers"],
        "203.0.113.11:30093,203.0.113.12:30093,203.0.113.13:30093"
    );
}

#[test]
fn hostport_opens_the_external_port_on_the_node_and_needs_no_service() {
    let config = Config::example(StrategyId::Hostport);
    assert_eq!(external_of(&config, 1), "203.0.113.12:9094");
    assert_eq!(
        services(&config),
        [
            ("kafka-controller".to_string(), "ClusterIP".to_string()),
            ("broker".to_string(), "ClusterIP".to_string())
        ]
    );
    let sts = statefulset(&config);
    let ports = &sts["spec"]["template"]["spec"]["containers"][0]["ports"];
    let external = ports.as_sequence().unwrap().iter().find(|p| p["name"] == "external").unwrap();
    assert_eq!(external["hostPort"], 9094);
    assert_eq!(external["containerPort"], 9094);
    assert!(sts["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"].is_mapping());
}

#[test]
fn loadbalancer_per_broker_advertises_the_host_template_per_broker() {
    let mut config = Config::example(StrategyId::LoadbalancerPerBroker);
    config.load_balancer.class = Some("service.k8s.aws/nlb".into());
    config.load_balancer.source_ranges = vec!["192.0.2.0/24".into()];
    assert_eq!(external_of(&config, 0), "kafka-0.example.com:9094");
    assert_eq!(external_of(&config, 2), "kafka-2.example.com:9094");
    let names: Vec<String> = services(&config).into_iter().map(|(n, t)| format!("{n}:{t}")).collect();
    assert_eq!(
        names,
        [
            "kafka-controller:ClusterIP",
            "broker:ClusterIP",
            "kafka-bootstrap:LoadBalancer",
            "kafka-0-external:LoadBalancer",
            "kafka-1-external:LoadBalancer",
            "kafka-2-external:LoadBalancer"
        ]
    );
    let bundle = generate(&config);
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let lb = docs.iter().find(|d| d["metadata"]["name"] == "kafka-1-external").unwrap();
    assert_eq!(lb["spec"]["loadBalancerClass"], "service.k8s.aws/nlb");
    assert_eq!(
        lb["metadata"]["annotations"]["external-dns.alpha.kubernetes.io/hostname"],
        "kafka-1.example.com"
    );
    assert_eq!(lb["spec"]["loadBalancerSourceRanges"][0], "192.0.2.0/24");
    assert!(lb["spec"]["ports"][0].get("nodePort").is_none());
    assert_eq!(
        properties(&file(&bundle, "client.properties"))["bootstrap.servers"],
        "kafka-bootstrap.example.com:9094"
    );
}

#[test]
fn nodeport_shared_advertises_one_port_for_every_broker_and_says_it_fails() {
    let config = Config::example(StrategyId::NodeportShared);
    for i in 0..3 {
        assert_eq!(external_of(&config, i), format!("203.0.113.{}:30093", 11 + i));
    }
    assert_eq!(
        services(&config),
        [
            ("kafka-controller".to_string(), "ClusterIP".to_string()),
            ("broker".to_string(), "ClusterIP".to_string()),
            ("kafka-external".to_string(), "NodePort".to_string())
        ]
    );
    let valid = kafka_expose::validate::validate(&config).unwrap();
    assert!(valid
        .warnings()
        .iter()
        .any(|w| w.field.path() == "strategy" && w.message.contains("1 time in 3")));
    let bundle = generate(&config);
    let client = file(&bundle, "client.properties");
    assert!(client.contains("# Warning: with these settings a client outside the cluster cannot use Kafka. 3 of 3 brokers cannot be reached: reaches a random broker"), "{client}");
}

#[test]
fn externalname_generates_aliases_that_advertise_in_cluster_names_only() {
    let config = Config::example(StrategyId::Externalname);
    assert_eq!(external_of(&config, 1), "kafka-1-external.kafka.svc.cluster.local:9094");
    let bundle = generate(&config);
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let alias = docs.iter().find(|d| d["metadata"]["name"] == "kafka-1-external").unwrap();
    assert_eq!(alias["spec"]["type"], "ExternalName");
    assert_eq!(alias["spec"]["externalName"], "kafka-1.broker.kafka.svc.cluster.local");
    assert!(alias["spec"].get("clusterIP").is_none());
    assert!(alias["spec"].get("ports").is_none());
    let valid = kafka_expose::validate::validate(&config).unwrap();
    assert!(valid.warnings().iter().any(|w| w.message.contains("exposes nothing outside the cluster")));
}

#[test]
fn kubectl_address_source_adds_read_only_node_access_and_a_kubectl_init_container() {
    // Without TLS: a certificate could not list addresses found at start.
    let config = Config {
        node_address_source: NodeAddressSource::Kubectl,
        security: kafka_expose::config::Security::plaintext(),
        ..Config::example(StrategyId::Hostport)
    };
    let bundle = generate(&config);
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let kinds: Vec<&str> = docs.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds[..6],
        ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "ConfigMap", "Service"]
    );
    assert_eq!(*kinds.last().unwrap(), "PodDisruptionBudget");
    let role = docs.iter().find(|d| d["kind"] == "ClusterRole").unwrap();
    assert_eq!(role["rules"][0]["resources"][0], "nodes");
    assert_eq!(role["rules"][0]["verbs"].as_sequence().unwrap().len(), 1);
    assert_eq!(role["rules"][0]["verbs"][0], "get");
    let pod = &statefulset(&config)["spec"]["template"]["spec"];
    assert_eq!(pod["serviceAccountName"], "kafka-node-reader");
    assert_eq!(pod["initContainers"][0]["image"], "alpine/k8s:1.33.4");

    // A strategy that advertises one fixed host never looks nodes up, so it needs no RBAC.
    let fixed = Config { node_address_source: NodeAddressSource::Kubectl, ..Config::default() };
    let docs = documents(&file(&generate(&fixed), "manifests.yaml"));
    assert!(!docs.iter().any(|d| d["kind"] == "ClusterRole"));
}

#[test]
fn a_single_broker_uses_replication_factor_one() {
    let config = Config { replicas: 1, ..Config::default() };
    let props = properties(&file(&generate(&config), "server-0.properties"));
    assert_eq!(props["offsets.topic.replication.factor"], "1");
    assert_eq!(props["transaction.state.log.min.isr"], "1");
    let combined = Config { topology: Topology::combined(), ..config };
    let props = properties(&file(&generate(&combined), "server-0.properties"));
    assert_eq!(props["controller.quorum.voters"], "0@kafka-0.broker.kafka.svc.cluster.local:9093");
}

/// Every min-ISR stays below its replication factor, so one broker down (a drain the budget allows)
/// stops no write; the rules checker says so, and catches what two brokers had before (min-ISR 2
/// of 2).
#[test]
fn every_min_isr_stays_below_its_replication_factor() {
    for replicas in 1..=5 {
        let config = Config { replicas, ..Config::default() };
        let props = properties(&file(&generate(&config), "server-0.properties"));
        let number = |key: &str| props[key].parse::<u32>().unwrap();
        let rf = number("default.replication.factor");
        assert_eq!(rf, replicas.min(3));
        for min in [number("min.insync.replicas"), number("transaction.state.log.min.isr")] {
            assert!(min < rf || rf == 1, "{replicas} brokers: min-ISR {min} of {rf}");
            assert!(min >= 1);
        }
        assert_eq!(common::kafka_rules::check(&props), Vec::<String>::new(), "{replicas} brokers");
    }
    let mut two =
        properties(&file(&generate(&Config { replicas: 2, ..Config::default() }), "server-0.properties"));
    two.insert("transaction.state.log.min.isr".into(), "2".into());
    let errors = common::kafka_rules::check(&two);
    assert!(
        errors.iter().any(|e| e.starts_with("transaction.state.log.min.isr=2 is not below")),
        "{errors:?}"
    );
}

#[test]
fn the_same_config_gives_byte_identical_files() {
    let texts = |config: &Config| -> Vec<(String, String)> {
        generate(config).files.iter().map(|f| (f.name.clone(), f.contents.text().into_owned())).collect()
    };
    for id in StrategyId::ALL {
        let config = Config::example(id);
        assert_eq!(texts(&config), texts(&config.clone()), "{id}");
    }
}

/// The walkthrough reads single properties of a broker without writing its whole file; what it
/// reads must be what the file says.
#[test]
fn a_brokers_properties_read_one_by_one_match_its_file() {
    for id in StrategyId::ALL {
        let config = Config::example(id);
        let valid = kafka_expose::validate::validate(&config).unwrap();
        let generated = kafka_expose::bundle::model(&valid);
        let bundle = kafka_expose::bundle::generate(&valid);
        for i in 0..config.replicas {
            let props = properties(&file(&bundle, &format!("server-{i}.properties")));
            assert!(props.contains_key("advertised.listeners"), "{id}");
            for (key, value) in props {
                assert_eq!(generated.preview.property(i, &key), Some(value), "{id} broker {i} {key}");
            }
        }
    }
}

/// Reviewed snapshots: `tests/snapshots/<strategy>.txt` holds every file of the default bundle.
/// Set UPDATE_SNAPSHOTS=1 to rewrite them, then read the diff before committing.
#[test]
fn default_bundles_match_their_reviewed_snapshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for id in StrategyId::ALL {
        let bundle = generate(&Config::example(id));
        let text: String =
            bundle.files.iter().map(|f| format!("==> {} <==\n{}\n", f.name, f.contents.text())).collect();
        let path = dir.join(format!("{id}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "bundles differ from their snapshots (UPDATE_SNAPSHOTS=1 to review): {stale:?}"
    );
}

#[test]
fn the_files_say_how_to_apply_them_and_warn_when_they_expose_nothing() {
    for id in StrategyId::ALL {
        let bundle = generate(&Config::example(id));
        let manifests = file(&bundle, "manifests.yaml");
        // First what must exist before the apply, then the steps.
        let header: Vec<&str> = manifests.lines().take_while(|l| l.starts_with('#')).collect();
        assert_eq!(header[0], "# Before you apply:", "{id}");
        let then = header.iter().position(|l| *l == "# Then:").unwrap();
        let before = &header[1..then];
        // The examples' outside addresses are documentation ones: replacing them comes first
        // (ExternalName's client is given an in-cluster name instead).
        assert_eq!(
            before[0].contains(" example address"),
            id != StrategyId::Externalname,
            "{id}: {before:?}"
        );
        let has = |text: &str| before.iter().any(|l| l.contains(text));
        // The examples take their certificate from cert-manager, and their volumes from the default class.
        assert!(has("cert-manager 1.0 or later, installed first"), "{id}");
        assert!(has("A default StorageClass"), "{id}");
        let level = if id == StrategyId::Hostport { "enforce privileged" } else { "enforce restricted" };
        assert!(has(level), "{id}: {before:?}");
        let ports = match id {
            StrategyId::Hostport => Some("reach TCP 9094 on node-a, node-b and node-c"),
            StrategyId::NodeportPerBroker => Some("reach TCP 30092, 30093, 30094, 30095 on"),
            StrategyId::NodeportLocal | StrategyId::NodeportShared => Some("reach TCP 3009"),
            StrategyId::LoadbalancerSharedIp => Some("reach TCP 9094, 9095, 9096, 9097 on 192.0.2.10"),
            StrategyId::GatewayTlsPassthrough => Some("reach TCP 443 on the Gateway's address"),
            _ => None,
        };
        assert_eq!(ports.is_some_and(has), ports.is_some(), "{id}: {before:?}");
        assert_eq!(has("firewall"), ports.is_some(), "{id}: {before:?}");
        let load_balancer = id == StrategyId::LoadbalancerPerBroker;
        assert_eq!(has("Services of type LoadBalancer an address"), load_balancer, "{id}");
        assert_eq!(
            has("MetalLB with 192.0.2.10 in one of its address pools"),
            id == StrategyId::LoadbalancerSharedIp,
            "{id}"
        );
        assert_eq!(
            has("DNS records that resolve, where the clients run, kafka-0.example.com"),
            load_balancer,
            "{id}"
        );
        let manifests = header[then + 1..].join("\n");
        assert!(manifests.starts_with("# 1. Apply: kubectl apply -f manifests.yaml\n# 2. Create the SCRAM users' passwords, in the cluster only: kubectl -n kafka create secret generic kafka-scram-users --from-literal=client=\"$(openssl rand -base64 24)\"\n# 3. Wait for the controllers: kubectl -n kafka rollout status statefulset/kafka-controller\n# 4. Wait for the brokers: kubectl -n kafka rollout status statefulset/kafka\n"), "{id}: {manifests}");
        let manifests = manifests.as_str();
        let works = !matches!(id, StrategyId::NodeportShared | StrategyId::Externalname);
        let warned = |text: &str| {
            text.contains("# Warning: with these settings a client outside the cluster cannot use Kafka.")
        };
        assert_eq!(warned(manifests), !works, "{id}");
        assert_eq!(warned(&file(&bundle, "client.properties")), !works, "{id}");
    }
    // The warning follows the simulation, not the strategy's name.
    let config = Config { advertised_host: "localhost".into(), ..Config::default() };
    let manifests = file(&generate(&config), "manifests.yaml").into_owned();
    assert!(
        manifests.contains(
            "cannot use Kafka. 3 of 3 brokers cannot be reached: \"localhost\" is the client's own machine"
        ),
        "{manifests}"
    );
    // Kafka 4's console tools need --bootstrap-server.
    let client = file(&generate(&Config::default()), "client.properties").into_owned();
    assert!(client.contains(
        "kafka-console-producer.sh --bootstrap-server 203.0.113.11:30092 --producer.config client.properties"
    ));
}

#[test]
fn teaching_text_speaks_in_the_users_own_values() {
    use kafka_expose::strategy::{self, in_your_values, placement_summary};
    let text = |config: &Config| {
        let e = strategy::strategy(config.strategy).info().explanation;
        [e.flow, e.requires, e.costs, e.choose_when].map(|t| in_your_values(t, config)).join("\n")
    };
    let default = text(&Config::default());
    assert!(default.contains("kafka-1 advertises 203.0.113.12:30094"), "{default}");
    assert!(default.contains("NodePorts 30093 … 30095 (and 30092 for bootstrap) free"), "{default}");
    let lb = text(&Config { replicas: 5, ..Config::example(StrategyId::LoadbalancerPerBroker) });
    assert!(lb.contains("kafka-1 advertises kafka-1.example.com:9094"), "{lb}");
    assert!(lb.contains("6 load balancers"), "{lb}");
    assert!(text(&Config::example(StrategyId::Hostport)).contains("kafka-1 advertises 203.0.113.12:9094"));
    for id in StrategyId::ALL {
        let filled = text(&Config::example(id));
        assert!(
            !filled.contains('{') && !filled.contains("Broker i ") && !filled.contains("first + "),
            "{id}: {filled}"
        );
    }
    assert_eq!(
        placement_summary(&Config::default()),
        "kafka-0 on node-a, kafka-1 on node-b, kafka-2 on node-c"
    );
    let pending = Config { replicas: 5, ..Config::example(StrategyId::Hostport) };
    assert_eq!(
        placement_summary(&pending),
        "kafka-0 on node-a, kafka-1 on node-b, kafka-2 on node-c, kafka-3 Pending (no node left), …"
    );
}

#[test]
fn brokers_spread_over_nodes_required_where_their_address_is_their_node_and_preferred_elsewhere() {
    for id in StrategyId::ALL {
        let sts = statefulset(&Config::example(id));
        let anti = &sts["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"];
        let one_per_node = matches!(id, StrategyId::Hostport | StrategyId::NodeportLocal);
        let required = &anti["requiredDuringSchedulingIgnoredDuringExecution"][0]["topologyKey"];
        let preferred = &anti["preferredDuringSchedulingIgnoredDuringExecution"][0];
        if one_per_node {
            assert_eq!(required, "kubernetes.io/hostname", "{id}");
            assert!(preferred.is_null(), "{id}");
        } else {
            assert!(required.is_null(), "{id}");
            assert_eq!(preferred["podAffinityTerm"]["topologyKey"], "kubernetes.io/hostname", "{id}");
            assert_eq!(preferred["weight"], 100, "{id}");
        }
    }
}

/// What the primer says a certificate must list, per strategy, is what the SAN plan lists: for one
/// NodePort per broker, the nodes the brokers advertise (spread) or the one address in front of
/// them, wherever the pods run; every listed node where a broker advertises its own node's address.
#[test]
fn the_certificate_lists_what_the_primer_says_each_strategy_needs() {
    use kafka_expose::plan::sans::SanPlan;
    let primer = kafka_expose::primer::SECURITY[0].1;
    let nodes: Vec<Node> =
        (0..5).map(|i| Node::new(format!("w{i}"), format!("198.51.100.{}", 20 + i))).collect();
    assert!(primer.contains(
        "With one NodePort per broker the brokers advertise the listed nodes, spread over them, or the one \
         address you put in front of the nodes, so those addresses are all the certificate lists"
    ));
    for replicas in [1, 3, 5] {
        let mut config = Config::example(StrategyId::NodeportPerBroker);
        config.replicas = replicas;
        config.nodes = nodes.clone();
        assert!(kafka_expose::validate::validate(&config).is_ok());
        let sans = |config: &Config| {
            let (plan, unknown) = SanPlan::of(config);
            assert_eq!(unknown, None);
            let mut sans: Vec<String> = plan.dns.iter().chain(&plan.ips).cloned().collect();
            sans.sort();
            sans
        };
        // Spread: every listed node (bootstrap lists them all), however many brokers.
        let every_node: Vec<String> = nodes.iter().map(|n| n.address.clone()).collect();
        assert_eq!(sans(&config), every_node, "{replicas} brokers, spread");
        // One address in front of the nodes: that one alone.
        config.advertised_host = "kafka.example.com".into();
        assert_eq!(sans(&config), ["kafka.example.com"], "{replicas} brokers");
    }
    assert!(primer.contains(
        "With externalTrafficPolicy: Local or a hostPort a broker advertises its own node's address, so \
         the certificate must list every node a broker may run on"
    ));
    for id in [StrategyId::NodeportLocal, StrategyId::Hostport] {
        let mut config = Config::example(id);
        config.node_address_source = NodeAddressSource::StaticMap;
        config.replicas = 3;
        config.nodes = nodes.clone();
        assert!(kafka_expose::validate::validate(&config).is_ok(), "{id}");
        let (plan, _) = SanPlan::of(&config);
        let mut sans: Vec<&String> = plan.dns.iter().chain(&plan.ips).collect();
        sans.sort();
        let every_node: Vec<&String> = nodes.iter().map(|n| &n.address).collect();
        assert_eq!(sans, every_node, "{id}: 3 brokers on any of 5 nodes");
    }
}

/// The pods write no GC log into the container (kafka-server-start.sh's `-loggc` is off) and have
/// time for a clean stop: brokers two minutes, controllers one, not Kubernetes' 30 seconds.
#[test]
fn pods_log_no_gc_to_disk_and_stop_cleanly() {
    for config in [Config::default(), Config { topology: Topology::combined(), ..Config::default() }] {
        let docs = documents(&file(&generate(&config), "manifests.yaml"));
        for sts in
            docs.iter().filter(|d| d["kind"] == "StatefulSet" && d["metadata"]["name"] != "kafka-users")
        {
            let name = sts["metadata"]["name"].as_str().unwrap();
            let pod = &sts["spec"]["template"]["spec"];
            let grace = pod["terminationGracePeriodSeconds"].as_i64().unwrap_or(30);
            assert_eq!(grace, if name.ends_with("-controller") { 60 } else { 120 }, "{name}");
            let kafka =
                pod["containers"].as_sequence().unwrap().iter().find(|c| c["name"] == "kafka").unwrap();
            let extra = kafka["env"]
                .as_sequence()
                .unwrap()
                .iter()
                .find(|e| e["name"] == "EXTRA_ARGS")
                .and_then(|e| e["value"].as_str());
            assert_eq!(
                extra,
                Some("-name kafkaServer"),
                "{name}: without it kafka-server-start.sh adds -loggc"
            );
        }
    }
}

/// One NodePort per broker spreads the brokers' addresses over the listed nodes, so that no node
/// carries every client; one node's address for all of them is allowed (an old link's choice) and
/// warned about; a name in front of every node is not.
#[test]
fn nodeport_per_broker_spreads_the_brokers_over_the_nodes() {
    let config = Config::default();
    assert_eq!(config.advertised_host, "");
    let externals: Vec<String> = (0..3).map(|i| external_of(&config, i)).collect();
    assert_eq!(externals, ["203.0.113.11:30093", "203.0.113.12:30094", "203.0.113.13:30095"]);
    let bundle = generate(&config);
    assert_eq!(
        properties(&file(&bundle, "client.properties"))["bootstrap.servers"],
        "203.0.113.11:30092,203.0.113.12:30092,203.0.113.13:30092"
    );
    // More brokers than nodes: round the nodes again.
    let five = Config { replicas: 5, ..Config::default() };
    assert_eq!(external_of(&five, 4), "203.0.113.12:30097");
    let warning = |config: &Config| {
        kafka_expose::validate::findings(config)
            .into_iter()
            .filter(|f| f.field.path() == "advertisedHost")
            .map(|f| f.message)
            .collect::<Vec<_>>()
            .join("; ")
    };
    assert_eq!(warning(&config), "");
    let one_node = Config { advertised_host: "203.0.113.11".into(), ..Config::default() };
    let said = warning(&one_node);
    assert!(said.contains("every broker is reached through node-a (203.0.113.11)"), "{said}");
    assert!(said.contains("Leave this empty to spread the brokers"), "{said}");
    assert_eq!(external_of(&one_node, 2), "203.0.113.11:30095");
    // A name in front of every node is no one node: only that it is an example is said.
    let example = warning(&Config { advertised_host: "kafka.example.com".into(), ..Config::default() });
    assert!(
        example.starts_with("\"kafka.example.com\" is an example address")
            && !example.contains("every broker"),
        "{example}"
    );
    assert_eq!(warning(&Config { advertised_host: "kafka.streams.io".into(), ..Config::default() }), "");
    let no_nodes = Config { nodes: Vec::new(), ..Config::default() };
    assert!(warning(&no_nodes).contains("list the nodes below"));
}

/// Replacing a node (a node pool's upgrade): the certificate first, then the files, then the pod
/// the old node held, which stays Pending on a node that is gone; brokers that are not pinned have
/// no such pod.
#[test]
fn a_replaced_node_is_applied_certificate_first_then_files_then_its_stranded_pod() {
    use kafka_expose::bundle::replace_node_steps;
    let mut config = Config::example(StrategyId::Hostport);
    let old = config.nodes[1].clone();
    config.nodes[1] = Node::new("node-d", "203.0.113.14");
    let valid = kafka_expose::validate::validate(&config).unwrap();
    let steps = replace_node_steps(&valid, &old, 1);
    let commands: Vec<&str> = steps.iter().map(|s| s.command.as_str()).collect();
    assert!(
        commands[0].starts_with("kubectl -n kafka patch certificate kafka-external-tls --type merge"),
        "{commands:#?}"
    );
    assert!(
        commands[0].contains("\"203.0.113.14\"") && !commands[0].contains("203.0.113.12"),
        "{}",
        commands[0]
    );
    assert!(
        commands[0].contains("kubectl -n kafka wait certificate/kafka-external-tls --for=condition=Ready")
    );
    assert_eq!(commands[1], "kubectl apply -f manifests.yaml");
    assert!(steps[1].what.contains("node-d replaces node-b") && steps[1].what.contains("node affinity"));
    assert_eq!(commands[2], "kubectl -n kafka delete pod kafka-1");
    assert_eq!(commands[3], "kubectl -n kafka rollout status statefulset/kafka");
    assert!(steps.last().unwrap().what.contains("Clients that bootstrap from 203.0.113.12 use 203.0.113.14"));
    // The patch's JSON is what the Certificate in the files holds.
    let patch = commands[0].split('\'').nth(1).unwrap();
    let patch: serde_json::Value = serde_json::from_str(patch).unwrap();
    let docs = documents(&file(&generate(&config), "manifests.yaml"));
    let certificate =
        docs.iter().find(|d| d["kind"] == "Certificate" && d["spec"]["isCA"].is_null()).unwrap();
    let ips: Vec<&str> = certificate["spec"]["ipAddresses"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let patched: Vec<&str> =
        patch["spec"]["ipAddresses"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(patched, ips);
    // One NodePort per broker, spread: nothing pinned, no pod to delete.
    let mut spread = Config::default();
    let old = spread.nodes[2].clone();
    spread.nodes[2] = Node::new("node-e", "203.0.113.15");
    let steps = replace_node_steps(&kafka_expose::validate::validate(&spread).unwrap(), &old, 2);
    assert!(steps.iter().all(|s| !s.command.contains("delete pod")), "{steps:#?}");
    assert!(!steps[1].what.contains("node affinity"));
}

/// The page derives its picture from `bundle::model`, which builds only the objects a client's
/// connections go through (`k8s::model`), and the files from `bundle::generate`: the two agree on
/// everything a client's connections, the diagram and the steps depend on. The model's pods carry
/// their labels and ports, and nothing else of the files' pod template.
#[test]
fn the_pages_model_is_what_the_files_route_through() {
    use k8s_openapi::api::apps::v1::StatefulSet;
    use kafka_expose::bundle::{generate, generate_all, model};
    use kafka_expose::sim::route::Vantage;
    fn routed(
        set: &StatefulSet,
    ) -> (
        Option<std::collections::BTreeMap<String, String>>,
        String,
        Option<Vec<k8s_openapi::api::core::v1::ContainerPort>>,
    ) {
        let template = &set.spec.as_ref().unwrap().template;
        let container = &template.spec.as_ref().unwrap().containers[0];
        (template.metadata.as_ref().unwrap().labels.clone(), container.name.clone(), container.ports.clone())
    }
    let mut configs: Vec<Config> = StrategyId::ALL.iter().map(|&id| Config::example(id)).collect();
    let combined = Topology { roles: kafka_expose::config::Roles::Combined, ..Topology::default() };
    configs.push(Config { topology: combined, ..Config::default() });
    configs.push(Config { security: kafka_expose::config::Security::plaintext(), ..Config::default() });
    for config in configs {
        let valid = kafka_expose::validate::validate(&config).unwrap();
        let (page, files) = (model(&valid), generate_all(&valid));
        let (p, f) = (&page.manifests, &files.manifests);
        assert!(p.config_map.data.is_none() && p.user_sync.is_none(), "the page's module writes no script");
        assert!(p.statefulset.spec.as_ref().unwrap().template.spec.as_ref().unwrap().containers[0]
            .command
            .is_none());
        assert!(f.config_map.data.as_ref().unwrap().contains_key("start.sh"));
        assert_eq!(
            (&p.services, &p.network_policy, &p.sans),
            (&f.services, &f.network_policy, &f.sans),
            "{}",
            config.strategy
        );
        assert_eq!(routed(&p.statefulset), routed(&f.statefulset), "{}", config.strategy);
        assert_eq!(p.statefulset.metadata, f.statefulset.metadata);
        assert_eq!(
            (&page.outside, &page.before, &page.steps, &page.later),
            (&files.outside, &files.before, &files.steps, &files.later)
        );
        for vantage in [Vantage::InCluster, Vantage::NodeNetwork] {
            assert_eq!(page.walkthrough(&valid, vantage), files.walkthrough(&valid, vantage));
        }
        for orientation in
            [kafka_expose::diagram::Orientation::Wide, kafka_expose::diagram::Orientation::Narrow]
        {
            assert_eq!(
                kafka_expose::diagram::layout(&valid, &page, &page.outside, orientation),
                kafka_expose::diagram::layout(&valid, &files, &files.outside, orientation)
            );
        }
        let names: Vec<String> = generate(&valid).files.into_iter().map(|f| f.name).collect();
        assert_eq!(page.files, names, "{}", config.strategy);
    }
}
