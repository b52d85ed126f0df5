//! The doctor on deployments it did not make, as other software lays them out.
//!
//! The Strimzi fixtures follow strimzi/strimzi-kafka-operator 1.2.0, KRaft with node pools:
//! - pods `<cluster>-<pool>-<node id>` and their labels: `operator-common/.../model/Labels.java`
//!   (`strimzi.io/cluster`, `strimzi.io/name`, `strimzi.io/kind`, `strimzi.io/pool-name`,
//!   `strimzi.io/pod-name`, `strimzi.io/broker-role`, `strimzi.io/controller-role`);
//! - the headless Service `<cluster>-kafka-brokers`, the external bootstrap Service
//!   `<cluster>-kafka-<listener>-bootstrap` and one Service per broker, named
//!   `<cluster>-<pool>-<node id>` for a listener `external` on 9094, port name `tcp-external`,
//!   selecting `strimziSelectorLabels()` plus `strimzi.io/pod-name`:
//!   `cluster-operator/.../model/KafkaCluster.java` (`generatePerPodServices`) and
//!   `cluster-operator/.../model/ListenersUtils.java` (`backwardsCompatiblePerBrokerServiceName`,
//!   `backwardsCompatiblePortName`);
//! - the broker's file: `cluster-operator/.../model/KafkaBrokerConfigurationBuilder.java` (its
//!   header, listeners `REPLICATION-9091` and `<NAME>-<PORT>`, `CONTROLPLANE-9090` for the
//!   controllers, `inter.broker.listener.name`, `controller.listener.names`);
//! - a nodeport listener's advertised host, filled in by Kafka at start:
//!   `cluster-operator/.../operator/assembly/KafkaListenersReconciler.java` (`nodePortAddressEnvVar`)
//!   and `kafka-init/.../InitWriter.java` (`writeExternalAddress`), in the order of
//!   `operator-common/.../model/NodeUtils.java` (`findAddress`: ExternalDNS, ExternalIP,
//!   InternalDNS, InternalIP, Hostname, unless a type is preferred).
//!
//! The Bitnami fixtures follow bitnami/charts, chart `bitnami/kafka` 32.4.4 (appVersion 4.0.0),
//! release `kafka`, combined controller-eligible brokers:
//! - the StatefulSet's pods `kafka-controller-<i>`, headless `kafka-controller-headless`, and with
//!   `externalAccess.enabled` one Service per pod `kafka-controller-<i>-external`, port `tcp-kafka`,
//!   `targetPort: external`, selecting `statefulset.kubernetes.io/pod-name`, with
//!   `loadBalancerIP` set from `externalAccess.controller.service.loadBalancerIPs[i]`:
//!   `templates/controller-eligible/svc-external-access.yaml`, `svc-headless.yaml`;
//! - the labels `helm.sh/chart: kafka-32.4.4`, `app.kubernetes.io/*`: `bitnami/common`
//!   `templates/_labels.tpl`;
//! - listeners CLIENT 9092, CONTROLLER 9093, INTERNAL 9094 (inter-broker), EXTERNAL 9095, and the
//!   advertised EXTERNAL address written at start (the pod's `status.hostIP` with autoDiscovery on
//!   a NodePort, else `loadBalancerIPs[i]`): `values.yaml` (`listeners`),
//!   `templates/_init_containers.tpl`; `sasl.enabled.mechanisms` broker-wide, as `key: value`:
//!   `templates/_helpers.tpl` (`kafka.commonConfig`). A value repeated for every broker:
//!   bitnami/charts#30661.
//!
//! The hand-rolled StatefulSet follows no project: names, label keys and port names of its own,
//! node ids from 1 (as confluentinc/cp-kafka images are often given them).
#![cfg(not(target_arch = "wasm32"))]

use kafka_expose::doctor::{diagnose, report, Cause, Fix, Maker, Question};
use kafka_expose::sim::route::Vantage;
use serde_json::{json, Value};

const NS: &str = "kafka";

/// Strimzi's labels for a pod of pool `pool` of cluster `my-cluster`.
fn strimzi_labels(pool: &str, id: u32, broker: bool) -> Value {
    json!({
        "strimzi.io/cluster": "my-cluster",
        "strimzi.io/name": "my-cluster-kafka",
        "strimzi.io/kind": "Kafka",
        "strimzi.io/component-type": "kafka",
        "strimzi.io/pool-name": pool,
        "strimzi.io/pod-name": format!("my-cluster-{pool}-{id}"),
        "strimzi.io/broker-role": broker.to_string(),
        "strimzi.io/controller-role": (!broker).to_string(),
        "app.kubernetes.io/managed-by": "strimzi-cluster-operator",
        "app.kubernetes.io/name": "kafka",
    })
}

fn strimzi_selector(pool: &str) -> Value {
    json!({"strimzi.io/cluster": "my-cluster", "strimzi.io/name": "my-cluster-kafka",
           "strimzi.io/kind": "Kafka", "strimzi.io/pool-name": pool})
}

/// Three nodes; `external`: whether each has an ExternalIP beside its InternalIP.
fn nodes(external: bool) -> Vec<Value> {
    (0..3)
        .map(|i| {
            let mut addresses = vec![
                json!({"type": "InternalIP", "address": format!("10.20.0.{}", 11 + i)}),
                json!({"type": "Hostname", "address": format!("worker-{i}")}),
            ];
            if external {
                addresses.push(json!({"type": "ExternalIP", "address": format!("34.120.0.{}", 11 + i)}));
            }
            json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("worker-{i}")},
                   "status": {"addresses": addresses}})
        })
        .collect()
}

/// Strimzi 1.2 with a `broker` pool (node ids 0-2) and a `controller` pool (3-5), and a nodeport
/// listener `external` on 9094: the objects `kubectl get services,pods,nodes -o json` lists.
fn strimzi_nodeport_objects(external_ips: bool) -> Vec<Value> {
    let mut items = vec![json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "my-cluster-kafka-brokers", "namespace": NS},
        "spec": {"clusterIP": "None", "publishNotReadyAddresses": true,
                 "selector": {"strimzi.io/cluster": "my-cluster", "strimzi.io/name": "my-cluster-kafka", "strimzi.io/kind": "Kafka"},
                 "ports": [{"name": "tcp-ctrlplane", "port": 9090, "targetPort": 9090},
                           {"name": "tcp-replication", "port": 9091, "targetPort": 9091},
                           {"name": "tcp-clients", "port": 9092, "targetPort": 9092}]}
    })];
    items.push(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "my-cluster-kafka-external-bootstrap", "namespace": NS},
        "spec": {"type": "NodePort",
                 "selector": {"strimzi.io/cluster": "my-cluster", "strimzi.io/name": "my-cluster-kafka", "strimzi.io/kind": "Kafka", "strimzi.io/broker-role": "true"},
                 "ports": [{"name": "tcp-external", "port": 9094, "targetPort": "tcp-external", "nodePort": 31092}]}
    }));
    for id in 0..3u32 {
        let mut selector = strimzi_selector("broker");
        selector["strimzi.io/pod-name"] = json!(format!("my-cluster-broker-{id}"));
        items.push(json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": format!("my-cluster-broker-{id}"), "namespace": NS, "labels": strimzi_labels("broker", id, true)},
            "spec": {"type": "NodePort", "selector": selector,
                     "ports": [{"name": "tcp-external", "port": 9094, "targetPort": "tcp-external", "nodePort": 31864 + id}]}
        }));
        items.push(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("my-cluster-broker-{id}"), "namespace": NS, "labels": strimzi_labels("broker", id, true)},
            "spec": {"nodeName": format!("worker-{id}"), "hostname": format!("my-cluster-broker-{id}"), "subdomain": "my-cluster-kafka-brokers",
                     "containers": [{"name": "kafka", "ports": [
                         {"name": "tcp-replication", "containerPort": 9091},
                         {"name": "tcp-clients", "containerPort": 9092},
                         {"name": "tcp-external", "containerPort": 9094}]}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
        }));
        let c = id + 3;
        items.push(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("my-cluster-controller-{c}"), "namespace": NS, "labels": strimzi_labels("controller", c, false)},
            "spec": {"nodeName": format!("worker-{id}"), "hostname": format!("my-cluster-controller-{c}"), "subdomain": "my-cluster-kafka-brokers",
                     "containers": [{"name": "kafka", "ports": [{"name": "tcp-ctrlplane", "containerPort": 9090}]}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
        }));
    }
    items.extend(nodes(external_ips));
    vec![json!({"apiVersion": "v1", "kind": "List", "items": items})]
}

const STRIMZI_HEADER: &str = "##############################\n##############################\n# This file is automatically generated by the Strimzi Cluster Operator\n# Any changes to this file will be ignored and overwritten!\n##############################\n##############################\n\n";

/// `/tmp/strimzi.properties` of each broker and controller, as `kubectl exec … cat` shows it.
fn strimzi_files() -> Vec<String> {
    let voters = "3@my-cluster-controller-3.my-cluster-kafka-brokers.kafka.svc:9090,4@my-cluster-controller-4.my-cluster-kafka-brokers.kafka.svc:9090,5@my-cluster-controller-5.my-cluster-kafka-brokers.kafka.svc:9090";
    let mut files: Vec<String> = (0..3)
        .map(|id| format!(
            "{STRIMZI_HEADER}node.id={id}\nprocess.roles=broker\ncontroller.listener.names=CONTROLPLANE-9090\ncontroller.quorum.voters={voters}\n\
             listener.name.replication-9091.ssl.keystore.type=PEM\n\
             listeners=REPLICATION-9091://0.0.0.0:9091,PLAIN-9092://0.0.0.0:9092,EXTERNAL-9094://0.0.0.0:9094\n\
             advertised.listeners=REPLICATION-9091://my-cluster-broker-{id}.my-cluster-kafka-brokers.kafka.svc:9091,PLAIN-9092://my-cluster-broker-{id}.my-cluster-kafka-brokers.kafka.svc:9092,EXTERNAL-9094://${{strimzifile:/opt/kafka/init/external.address:nodeport.default.address}}:{}\n\
             listener.security.protocol.map=CONTROLPLANE-9090:SSL,REPLICATION-9091:SSL,PLAIN-9092:PLAINTEXT,EXTERNAL-9094:PLAINTEXT\n\
             inter.broker.listener.name=REPLICATION-9091\n",
            31864 + id
        ))
        .collect();
    files.extend((3..6).map(|id| format!(
        "{STRIMZI_HEADER}node.id={id}\nprocess.roles=controller\ncontroller.listener.names=CONTROLPLANE-9090\ncontroller.quorum.voters={voters}\n\
         listeners=CONTROLPLANE-9090://0.0.0.0:9090\n\
         listener.security.protocol.map=CONTROLPLANE-9090:SSL\n"
    )));
    files
}

fn question(objects: Vec<Value>, properties: Vec<String>, bootstrap: &str) -> Question {
    Question {
        objects,
        properties,
        vantage: Vantage::Outside,
        bootstrap: vec![bootstrap.into()],
        ..Question::default()
    }
}

#[test]
fn strimzi_nodeport_with_external_ips_is_recognised_and_working() {
    let d = diagnose(&question(strimzi_nodeport_objects(true), strimzi_files(), "34.120.0.11:31092"));
    assert_eq!(d.reading.maker, Maker::Strimzi);
    assert!(d.healthy(), "{:#?}\n{:#?}", d.problems, d.walkthrough);
    // Three brokers, by node id; the controllers are no brokers.
    assert_eq!(d.walkthrough.connections.len(), 3);
    assert_eq!(d.reading.controllers, vec![3, 4, 5]);
    let (_, addresses) = d.walkthrough.metadata.as_ref().unwrap();
    assert_eq!(addresses[1].1, "34.120.0.12:31865", "the placeholder, filled in as Kafka would");
    let report = report::markdown(&d);
    assert!(report.contains("Made by Strimzi"), "{report}");
    assert!(report.contains("Strimzi's placeholder"), "{report}");
    assert!(!report.contains("is not what the broker runs with"), "{report}");
    // Only the replication listener has TLS, which no client is given: nothing to say of certificates.
    assert!(!report.contains("no Certificate"), "{report}");
}

#[test]
fn strimzi_nodeport_on_nodes_with_only_internal_ips_is_fixed_in_the_kafka_resource() {
    let d = diagnose(&question(strimzi_nodeport_objects(false), strimzi_files(), "10.20.0.11:31092"));
    assert_eq!(d.reading.maker, Maker::Strimzi);
    assert!(!d.healthy());
    assert!(d.problems.iter().all(|p| p.cause == Cause::InsideOnly), "{:#?}", d.problems);
    // The fix goes where Strimzi reads it: the Kafka resource's listener, never the generated file.
    let report = report::markdown(&d);
    assert!(report.contains("spec.kafka.listeners"), "{report}");
    assert!(report.contains("advertisedHost"), "{report}");
    assert!(!report.contains("Set in its server.properties"), "{report}");
    // Without Node objects, kcat's answer fills the placeholder in, with a note.
    let objects = strimzi_nodeport_objects(true);
    let mut without_nodes = objects.clone();
    without_nodes[0]["items"].as_array_mut().unwrap().retain(|o| o["kind"] != "Node");
    let kcat = "Metadata for all topics (from broker 0: 34.120.0.11:31864/0):\n 3 brokers:\n  broker 0 at 34.120.0.11:31864\n  broker 1 at 34.120.0.12:31865\n  broker 2 at 34.120.0.13:31866 (controller)\n";
    let q = Question { kcat: kcat.into(), ..question(without_nodes, strimzi_files(), "34.120.0.11:31864") };
    let d = diagnose(&q);
    let (_, addresses) = d.walkthrough.metadata.as_ref().unwrap();
    assert_eq!(addresses[2].1, "34.120.0.13:31866");
    assert!(d.reading.notes.iter().any(|n| n.contains("kcat")), "{:#?}", d.reading.notes);
}

/// A StatefulSet of its own style: `mq-*` names, `component` labels, port names of its own, node
/// ids from 1 (pod mq-0 is node 1), a hostPort for outside clients.
fn mq_objects() -> Vec<Value> {
    let mut items = vec![json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "mq-hl", "namespace": NS},
        "spec": {"clusterIP": "None", "selector": {"component": "mq"}, "ports": [{"name": "broker", "port": 29092}]}})];
    for i in 0..3u32 {
        items.push(json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("mq-{i}"), "namespace": NS, "labels": {"component": "mq", "statefulset.kubernetes.io/pod-name": format!("mq-{i}")}},
            "spec": {"nodeName": format!("worker-{i}"), "subdomain": "mq-hl",
                     "containers": [{"name": "broker", "ports": [{"name": "broker", "containerPort": 29092}, {"name": "outside", "containerPort": 9094, "hostPort": 9094}]}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}));
    }
    items.extend(nodes(true));
    vec![json!({"apiVersion": "v1", "kind": "List", "items": items})]
}

fn mq_files() -> Vec<String> {
    (1..=3)
        .map(|id| format!(
            "node.id={id}\nprocess.roles=broker\nlisteners=BROKER://:29092,OUTSIDE://:9094\n\
             advertised.listeners=BROKER://mq-{}.mq-hl.kafka.svc.cluster.local:29092,OUTSIDE://34.120.0.{}:9094\n\
             listener.security.protocol.map=BROKER:PLAINTEXT,OUTSIDE:PLAINTEXT,CONTROLLER:PLAINTEXT\n\
             inter.broker.listener.name=BROKER\ncontroller.listener.names=CONTROLLER\n",
            id - 1,
            10 + id
        ))
        .collect()
}

#[test]
fn a_hand_rolled_statefulset_numbers_brokers_by_node_id() {
    let d = diagnose(&question(mq_objects(), mq_files(), "34.120.0.11:9094"));
    assert_eq!(d.reading.maker, Maker::Plain);
    assert!(d.healthy(), "{:#?}", d.problems);
    // kcat alone: broker 1 is pod mq-0, whose node is worker-0.
    let kcat = " 3 brokers:\n  broker 1 at 34.120.0.11:9094\n  broker 2 at 34.120.0.12:9094\n  broker 3 at 34.120.0.13:9094\n";
    let d =
        diagnose(&Question { kcat: kcat.into(), ..question(mq_objects(), Vec::new(), "34.120.0.11:9094") });
    assert!(d.healthy(), "{:#?}", d.problems);
    let report = report::markdown(&d);
    assert!(report.contains("Broker 1 at `34.120.0.11:9094`"), "{report}");
    assert!(!report.contains("Broker 0"), "{report}");
}

/// A bootstrap NodePort whose targetPort is the brokers' own listener: the fix retargets it,
/// rather than advertising an outside address on the brokers' listener.
#[test]
fn a_service_aimed_at_the_brokers_own_listener_is_retargeted() {
    let mut objects = mq_objects();
    let bootstrap = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "mq-bootstrap", "namespace": NS},
        "spec": {"type": "NodePort", "selector": {"component": "mq"},
                 "ports": [{"name": "kafka", "port": 29092, "targetPort": 29092, "nodePort": 30000}]}});
    objects[0]["items"].as_array_mut().unwrap().push(bootstrap);
    let q = question(objects.clone(), mq_files(), "34.120.0.11:30000");
    let d = diagnose(&q);
    assert!(!d.healthy());
    assert_eq!(d.problems[0].cause, Cause::TargetsBrokersOwn { service: "mq-bootstrap".into() });
    let Fix::Snippet { code, .. } = &d.problems[0].fixes[0] else { panic!("{:#?}", d.problems) };
    assert!(code.contains("\"path\": \"/spec/ports/0/targetPort\", \"value\": 9094"), "{code}");
    let report = report::markdown(&d);
    assert!(!report.contains("Set in its server.properties"), "{report}");
    // Applied, the client gets the outside addresses.
    let last = objects[0]["items"].as_array().unwrap().len() - 1;
    objects[0]["items"][last]["spec"]["ports"][0]["targetPort"] = json!(9094);
    let fixed = diagnose(&Question { objects, ..q });
    assert!(fixed.healthy(), "{:#?}", fixed.problems);
}

/// Strimzi renders a listener's `configuration.brokers[]` into each broker's file
/// (`advertisedHost`, `advertisedPort` in its advertised address): the snippet, applied as the
/// operator would.
fn apply_kafka_resource(files: &mut [String], snippet: &str) {
    let mut broker = None;
    let mut host = None;
    for line in snippet.lines().map(str::trim) {
        if let Some(id) = line.strip_prefix("- broker: ") {
            broker = id.parse::<usize>().ok();
        } else if let Some(h) = line.strip_prefix("advertisedHost: ") {
            host = Some(h.to_string());
        } else if let Some(port) = line.strip_prefix("advertisedPort: ") {
            let (id, h) = (broker.unwrap(), host.take().unwrap());
            let file = &mut files[id];
            let line = file.find("advertised.listeners=").unwrap();
            let start = line + file[line..].find("EXTERNAL-9094://").unwrap() + "EXTERNAL-9094://".len();
            let end = file[start..].find('\n').map_or(file.len(), |e| start + e);
            file.replace_range(start..end, &format!("{h}:{port}"));
        }
    }
}

#[test]
fn strimzi_preferring_internal_ips_gets_each_brokers_reachable_address_in_one_kafka_resource_change() {
    // preferredNodePortAddressType: InternalIP on nodes that have an ExternalIP too.
    let mut files = strimzi_files();
    for file in &mut files {
        *file = file.replace("nodeport.default.address", "nodeport.internalip.address");
    }
    let q = question(strimzi_nodeport_objects(true), files.clone(), "34.120.0.11:31092");
    let d = diagnose(&q);
    assert_eq!(d.walkthrough.metadata.as_ref().unwrap().1[0].1, "10.20.0.11:31864");
    assert!(!d.healthy());
    let snippets: Vec<&str> = d
        .problems
        .iter()
        .flat_map(|p| &p.fixes)
        .filter_map(|f| if let Fix::Snippet { code, .. } = f { Some(code.as_str()) } else { None })
        .collect();
    assert_eq!(snippets.len(), 1, "one change for every broker: {:#?}", d.problems);
    assert!(
        snippets[0].contains(
            "- broker: 2\n              advertisedHost: 34.120.0.13\n              advertisedPort: 31866"
        ),
        "{}",
        snippets[0]
    );
    apply_kafka_resource(&mut files, snippets[0]);
    let fixed = diagnose(&Question { properties: files, ..q });
    assert!(fixed.healthy(), "{:#?}", fixed.problems);
}

#[test]
fn the_configurator_opens_beside_strimzi_without_clashes_and_says_what_to_do_instead() {
    let d = diagnose(&question(strimzi_nodeport_objects(true), strimzi_files(), "34.120.0.11:31092"));
    let (strategy, config) = d.closest.clone().unwrap();
    // Per-broker Services select on strimzi.io/pod-name: one NodePort per broker.
    assert_eq!(strategy, kafka_expose::config::StrategyId::NodeportPerBroker);
    // The replication listener is the brokers' own (inter.broker.listener.name), EXTERNAL-9094 the outside one.
    assert_eq!((config.ports.internal, config.ports.external), (9091, 9094));
    let taken = [31092, 31864, 31865, 31866];
    let ours: Vec<u32> = (config.node_ports.first..config.node_ports.first + config.replicas)
        .chain(config.node_ports.bootstrap)
        .collect();
    assert!(ours.iter().all(|p| !taken.contains(p)), "{ours:?} clash with {taken:?}");
    kafka_expose::validate::validate(&config).unwrap_or_else(|e| panic!("{e:#?}"));
    let report = report::markdown(&d);
    assert!(report.contains("to keep Strimzi, make the change in the Kafka resource instead"), "{report}");
}

fn bitnami_labels(i: u32) -> Value {
    json!({"app.kubernetes.io/instance": "kafka", "app.kubernetes.io/managed-by": "Helm",
           "app.kubernetes.io/name": "kafka", "helm.sh/chart": "kafka-32.4.4",
           "app.kubernetes.io/component": "controller-eligible", "app.kubernetes.io/part-of": "kafka",
           "statefulset.kubernetes.io/pod-name": format!("kafka-controller-{i}")})
}

/// The chart's objects with `externalAccess` of `kind`: `service(i)` completes each broker's
/// external Service (its type, NodePort or load-balancer IP and status).
fn bitnami_objects(service: impl Fn(u32, &mut Value), nodes_of: Vec<Value>) -> Vec<Value> {
    let mut items = vec![json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "kafka-controller-headless", "namespace": NS, "labels": {"helm.sh/chart": "kafka-32.4.4"}},
        "spec": {"clusterIP": "None", "publishNotReadyAddresses": true,
                 "selector": {"app.kubernetes.io/instance": "kafka", "app.kubernetes.io/name": "kafka", "app.kubernetes.io/component": "controller-eligible", "app.kubernetes.io/part-of": "kafka"},
                 "ports": [{"name": "tcp-interbroker", "port": 9094, "targetPort": "interbroker"},
                           {"name": "tcp-client", "port": 9092, "targetPort": "client"},
                           {"name": "tcp-controller", "port": 9093, "targetPort": "controller"}]}})];
    for i in 0..3u32 {
        let mut external = json!({"apiVersion": "v1", "kind": "Service",
            "metadata": {"name": format!("kafka-controller-{i}-external"), "namespace": NS, "labels": {"helm.sh/chart": "kafka-32.4.4", "pod": format!("kafka-controller-{i}")}},
            "spec": {"selector": {"app.kubernetes.io/instance": "kafka", "app.kubernetes.io/name": "kafka", "app.kubernetes.io/part-of": "kafka",
                                  "app.kubernetes.io/component": "controller-eligible", "statefulset.kubernetes.io/pod-name": format!("kafka-controller-{i}")},
                     "ports": [{"name": "tcp-kafka", "port": 9094, "targetPort": "external"}]}});
        service(i, &mut external);
        items.push(external);
        items.push(json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("kafka-controller-{i}"), "namespace": NS, "labels": bitnami_labels(i)},
            "spec": {"nodeName": format!("worker-{i}"), "hostname": format!("kafka-controller-{i}"), "subdomain": "kafka-controller-headless",
                     "containers": [{"name": "kafka", "ports": [
                         {"name": "controller", "containerPort": 9093}, {"name": "client", "containerPort": 9092},
                         {"name": "interbroker", "containerPort": 9094}, {"name": "external", "containerPort": 9095}]}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}));
    }
    items.extend(nodes_of);
    vec![json!({"apiVersion": "v1", "kind": "List", "items": items})]
}

/// `/opt/bitnami/kafka/config/server.properties` of each pod once the init step has written it,
/// EXTERNAL advertised at `external(i)`.
fn bitnami_files(external: impl Fn(u32) -> String) -> Vec<String> {
    (0..3)
        .map(|i| format!(
            "node.id={i}\nprocess.roles=controller,broker\ncontroller.listener.names=CONTROLLER\n\
             listeners=CLIENT://:9092,INTERNAL://:9094,EXTERNAL://:9095,CONTROLLER://:9093\n\
             advertised.listeners=CLIENT://kafka-controller-{i}.kafka-controller-headless.kafka.svc.cluster.local:9092,INTERNAL://kafka-controller-{i}.kafka-controller-headless.kafka.svc.cluster.local:9094,EXTERNAL://{}\n\
             listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT\n\
             inter.broker.listener.name=INTERNAL\nsasl.enabled.mechanisms: PLAIN,SCRAM-SHA-256,SCRAM-SHA-512\n",
            external(i)
        ))
        .collect()
}

/// Nodes whose InternalIP is public, as on many bare-metal hosts: `status.hostIP` is what clients use.
fn public_internal_nodes() -> Vec<Value> {
    (0..3)
        .map(|i| json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("worker-{i}")},
                        "status": {"addresses": [{"type": "InternalIP", "address": format!("34.120.0.{}", 11 + i)}]}}))
        .collect()
}

#[test]
fn the_bitnami_chart_with_node_ports_and_auto_discovery_is_recognised_and_working() {
    let objects = bitnami_objects(
        |i, s| {
            s["spec"]["type"] = json!("NodePort");
            s["spec"]["ports"][0]["nodePort"] = json!(30150 + i);
        },
        public_internal_nodes(),
    );
    let d = diagnose(&question(
        objects,
        bitnami_files(|i| format!("34.120.0.{}:{}", 11 + i, 30150 + i)),
        "34.120.0.11:30150",
    ));
    assert_eq!(d.reading.maker, Maker::BitnamiChart);
    assert!(d.healthy(), "{:#?}", d.problems);
    let report = report::markdown(&d);
    assert!(report.contains("Made by the Bitnami chart"), "{report}");
    // The brokers enable PLAIN and SCRAM, not GSSAPI.
    assert!(report.contains("SASL PLAIN,SCRAM-SHA-256,SCRAM-SHA-512 login"), "{report}");
    let (_, config) = d.closest.unwrap();
    assert_eq!((config.ports.internal, config.ports.external), (9094, 9095), "INTERNAL is the brokers' own");
}

#[test]
fn the_bitnami_chart_with_one_load_balancer_ip_for_every_broker_gets_one_per_broker_in_its_values() {
    let ip = "34.120.5.5";
    let objects = bitnami_objects(
        |i, s| {
            s["spec"]["type"] = json!("LoadBalancer");
            s["spec"]["loadBalancerIP"] = json!(ip);
            if i == 0 {
                s["status"] = json!({"loadBalancer": {"ingress": [{"ip": ip}]}});
            }
        },
        public_internal_nodes(),
    );
    let d = diagnose(&question(objects, bitnami_files(|_| format!("{ip}:9094")), &format!("{ip}:9094")));
    assert!(!d.healthy());
    let shared = d
        .problems
        .iter()
        .find(|p| matches!(p.cause, Cause::SharedLoadBalancerIp { .. }))
        .expect("the shared address is named");
    assert!(
        shared.why.contains("kafka-controller-1-external, kafka-controller-2-external stay pending"),
        "{}",
        shared.why
    );
    let Fix::Snippet { code, .. } = &shared.fixes[0] else { panic!("{:#?}", shared.fixes) };
    assert!(
        code.contains(
            "--set 'externalAccess.controller.service.loadBalancerIPs={<address 0>,<address 1>,<address 2>}'"
        ),
        "{code}"
    );
    // The brokers' own problems point there, never into a file the chart rewrites.
    let report = report::markdown(&d);
    assert!(!report.contains("Set in its server.properties"), "{report}");
    assert!(!report.contains("Apply this Service"), "{report}");
    // The values applied, as the chart renders them: each Service asks for its own address and
    // gets it, and each broker advertises its own (`_init_containers.tpl`, EXTERNAL_ACCESS_HOSTS_LIST).
    let own = |i: u32| format!("34.120.5.{}", 10 + i);
    let set = code.split('{').nth(1).unwrap().split('}').next().unwrap().split(',').count();
    assert_eq!(set, 3, "one address per broker");
    let objects = bitnami_objects(
        |i, s| {
            s["spec"]["type"] = json!("LoadBalancer");
            s["spec"]["loadBalancerIP"] = json!(own(i));
            s["status"] = json!({"loadBalancer": {"ingress": [{"ip": own(i)}]}});
        },
        public_internal_nodes(),
    );
    let fixed = diagnose(&question(
        objects,
        bitnami_files(|i| format!("{}:9094", own(i))),
        &format!("{}:9094", own(0)),
    ));
    assert!(fixed.healthy(), "{:#?}", fixed.problems);
}

/// Strimzi's loadbalancer listener with TLS: one LoadBalancer per broker, selected by
/// strimzi.io/pod-name, whose address the operator writes into the broker's advertised listener
/// once the Service has it (`KafkaListenersReconciler`); the certificate is Strimzi's own, not a
/// cert-manager Certificate.
#[test]
fn strimzi_load_balancers_with_tls_are_recognised_and_working() {
    let mut objects = strimzi_nodeport_objects(true);
    let ip = |id: u32| format!("34.120.7.{}", 10 + id);
    for item in objects[0]["items"].as_array_mut().unwrap() {
        let name = item["metadata"]["name"].as_str().unwrap_or_default().to_string();
        if item["kind"] != "Service" || item["spec"]["type"] != "NodePort" {
            continue;
        }
        item["spec"]["type"] = json!("LoadBalancer");
        let address = match name.strip_prefix("my-cluster-broker-").and_then(|id| id.parse::<u32>().ok()) {
            Some(id) => ip(id),
            None => "34.120.7.9".into(),
        };
        item["status"] = json!({"loadBalancer": {"ingress": [{"ip": address}]}});
    }
    let files: Vec<String> = strimzi_files()
        .into_iter()
        .enumerate()
        .map(|(id, f)| {
            let f = f.replace("EXTERNAL-9094:PLAINTEXT", "EXTERNAL-9094:SSL");
            match f.find("${strimzifile") {
                Some(start) => {
                    let end = start + f[start..].find('\n').unwrap();
                    format!("{}{}:9094{}", &f[..start], ip(id as u32), &f[end..])
                }
                None => f,
            }
        })
        .collect();
    let d = diagnose(&question(objects, files, "34.120.7.9:9094"));
    assert_eq!(d.reading.maker, Maker::Strimzi);
    assert!(d.healthy(), "{:#?}", d.problems);
    assert_eq!(d.closest.as_ref().unwrap().0, kafka_expose::config::StrategyId::LoadbalancerPerBroker);
    // Its certificate is Strimzi's own: the names clients dial are not checked, and it says so.
    assert!(
        d.reading.notes.iter().any(|n| n.contains("no Certificate is among the objects")),
        "{:#?}",
        d.reading.notes
    );
}

/// `kubectl get kafka -o json` among the objects: Strimzi's status.listeners names the bootstrap
/// servers of each listener (`api/.../listener/ListenerStatus.java`: name, addresses,
/// bootstrapServers), and the doctor bootstraps from the outside listener's when not told.
#[test]
fn strimzi_status_listeners_give_the_bootstrap_servers() {
    let mut objects = strimzi_nodeport_objects(true);
    objects.push(json!({"apiVersion": "kafka.strimzi.io/v1", "kind": "Kafka",
        "metadata": {"name": "my-cluster", "namespace": NS},
        "status": {"listeners": [
            {"name": "plain", "addresses": [{"host": "my-cluster-kafka-bootstrap.kafka.svc", "port": 9092}],
             "bootstrapServers": "my-cluster-kafka-bootstrap.kafka.svc:9092"},
            {"name": "external", "addresses": [{"host": "34.120.0.12", "port": 31092}],
             "bootstrapServers": "34.120.0.12:31092"}]}}));
    let q = Question { bootstrap: Vec::new(), ..question(objects, strimzi_files(), "") };
    let d = diagnose(&q);
    assert_eq!(d.walkthrough.bootstrap[0].address, "34.120.0.12:31092");
    assert!(d.healthy(), "{:#?}", d.problems);
    assert!(
        d.reading.notes.iter().any(|n| n.contains("status.listeners for listener external")),
        "{:#?}",
        d.reading.notes
    );
    assert!(!d.reading.notes.iter().any(|n| n.contains("Ignored objects")), "{:#?}", d.reading.notes);
}
