//! The doctor on deployments written as their users have them (kubectl's JSON, hand-written
//! properties): it names the classic failure of the right broker, and applying its fix to the
//! fixture makes the diagnosis pass. And on any generated bundle, it agrees with the generator's
//! own walkthrough: one simulation, two sources.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::configs::plausible;
use kafka_expose::config::{Config, StrategyId, TlsMode};
use kafka_expose::doctor::{diagnose, Cause, Fix, Question};
use kafka_expose::sim::from_objects::{objects_from_json, properties, Input};
use kafka_expose::sim::route::{Failure, Vantage};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A three-broker StatefulSet `kafka` in `default` behind headless `kafka-headless`, on three nodes
/// with public addresses 198.51.100.1-3, as `kubectl get services,pods,nodes -o json` lists it.
fn cluster(services: Vec<Value>, pod_ports: Value, host_port: bool) -> Vec<Value> {
    let mut items = vec![json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "kafka-headless", "namespace": "default"},
        "spec": {"clusterIP": "None", "type": "ClusterIP",
                 "selector": {"app.kubernetes.io/name": "kafka"},
                 "ports": [{"name": "client", "port": 9092, "targetPort": "client"}]}
    })];
    items.extend(services);
    for i in 0..3 {
        let mut ports = pod_ports.clone();
        if host_port {
            ports[1]["hostPort"] = json!(9094);
        }
        items.push(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("kafka-{i}"), "namespace": "default",
                         "labels": {"app.kubernetes.io/name": "kafka",
                                    "statefulset.kubernetes.io/pod-name": format!("kafka-{i}")}},
            "spec": {"nodeName": format!("node-{}", i + 1), "hostname": format!("kafka-{i}"),
                     "subdomain": "kafka-headless",
                     "containers": [{"name": "kafka", "ports": ports}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
        }));
        items.push(json!({
            "apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("node-{}", i + 1)},
            "status": {"addresses": [{"type": "InternalIP", "address": format!("10.0.0.{}", i + 1)},
                                     {"type": "ExternalIP", "address": format!("198.51.100.{}", i + 1)}]}
        }));
    }
    vec![json!({"apiVersion": "v1", "kind": "List", "items": items})]
}

fn one_listener_ports() -> Value {
    json!([{"name": "client", "containerPort": 9092}, {"name": "controller", "containerPort": 9093}])
}

fn two_listener_ports() -> Value {
    json!([{"name": "client", "containerPort": 9092}, {"name": "external", "containerPort": 9094},
           {"name": "controller", "containerPort": 9093}])
}

/// Each broker's file, as a combined-mode broker with one listener would have it.
fn one_listener_properties() -> Vec<String> {
    (0..3)
        .map(|i| {
            format!(
                "process.roles=broker,controller\nnode.id={i}\n\
             listeners=CLIENT://:9092,CONTROLLER://:9093\n\
             advertised.listeners=CLIENT://kafka-{i}.kafka-headless.default.svc.cluster.local:9092\n\
             listener.security.protocol.map=CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT\n\
             controller.listener.names=CONTROLLER\ninter.broker.listener.name=CLIENT\n"
            )
        })
        .collect()
}

/// Each broker's file with a second listener EXTERNAL on 9094, advertised as `external(i)`.
fn two_listener_properties(external: impl Fn(u32) -> String) -> Vec<String> {
    (0..3)
        .map(|i| format!(
            "node.id={i}\nlisteners=CLIENT://:9092,EXTERNAL://:9094,CONTROLLER://:9093\n\
             advertised.listeners=CLIENT://kafka-{i}.kafka-headless.default.svc.cluster.local:9092,EXTERNAL://{}\n\
             listener.security.protocol.map=CLIENT:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT\n",
            external(i)
        ))
        .collect()
}

fn node_port(name: &str, selector: Value, port: u32, target: Value, node_port: u32, local: bool) -> Value {
    let mut spec = json!({"type": "NodePort", "selector": selector,
        "ports": [{"name": "external", "port": port, "targetPort": target, "nodePort": node_port}]});
    if local {
        spec["externalTrafficPolicy"] = "Local".into();
    }
    json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": "default"}, "spec": spec})
}

/// One NodePort Service per broker, `kafka-<i>-external`, on port 9094: its targetPort and its
/// NodePort per broker.
fn per_broker(target: impl Fn(u32) -> Value, node_port_of: impl Fn(u32) -> u32) -> Vec<Value> {
    (0..3)
        .map(|i| node_port(&format!("kafka-{i}-external"), pod(i), 9094, target(i), node_port_of(i), false))
        .collect()
}

fn pod(i: u32) -> Value {
    json!({"statefulset.kubernetes.io/pod-name": format!("kafka-{i}")})
}

fn all() -> Value {
    json!({"app.kubernetes.io/name": "kafka"})
}

fn question(objects: Vec<Value>, properties: Vec<String>, bootstrap: &str) -> Question {
    Question {
        objects,
        properties,
        kcat: String::new(),
        vantage: Vantage::Outside,
        bootstrap: vec![bootstrap.to_string()],
        ..Question::default()
    }
}

/// Applies every fix the doctor proposes: properties lines, Services, the bootstrap address.
fn apply(question: &Question, fixes: &[Fix]) -> Question {
    let mut q = question.clone();
    for fix in fixes {
        match fix {
            Fix::Properties { broker, lines } => {
                let file = &mut q.properties[*broker as usize];
                for line in lines {
                    let key = line.split_once('=').unwrap().0;
                    let kept: Vec<&str> =
                        file.lines().filter(|l| l.split_once('=').map(|(k, _)| k) != Some(key)).collect();
                    *file = format!("{}\n{line}\n", kept.join("\n"));
                }
            }
            Fix::AddService { object, yaml, .. } => {
                assert!(yaml.contains("kind: Service") && yaml.contains("type: NodePort"), "{yaml}");
                let items = q.objects[0]["items"].as_array_mut().unwrap();
                items.push(object.clone());
            }
            Fix::Bootstrap(address) => q.bootstrap = vec![address.clone()],
            // A change to the software that made the deployment: these fixtures are plain ones.
            Fix::Snippet { intro, .. } => panic!("a plain deployment's fix in another's terms: {intro}"),
            Fix::AddSan { san, ip } => {
                let field = if *ip { "ipAddresses" } else { "dnsNames" };
                for item in q.objects[0]["items"].as_array_mut().unwrap() {
                    if item["kind"] == "Certificate" {
                        item["spec"][field].as_array_mut().unwrap().push(san.as_str().into());
                    }
                }
            }
            Fix::Advice(_) => {}
        }
    }
    q
}

/// The doctor names `cause` for `broker` (None: bootstrap), and its fixes make every broker
/// reachable.
fn names_and_fixes(q: &Question, broker: Option<u32>, cause: fn(&Cause) -> bool) {
    let d = diagnose(q);
    assert!(!d.healthy(), "it fails first: {:#?}", d.walkthrough);
    let problem =
        d.problems.iter().find(|p| p.broker == broker).unwrap_or_else(|| panic!("{:#?}", d.problems));
    assert!(cause(&problem.cause), "{:?}: {}", problem.cause, problem.why);
    let fixes: Vec<Fix> = d.problems.iter().flat_map(|p| p.fixes.clone()).collect();
    let fixed = diagnose(&apply(q, &fixes));
    assert!(fixed.healthy(), "after {fixes:#?}: {:#?} {:#?}", fixed.problems, fixed.walkthrough);
}

#[test]
fn the_question_itself_bootstrap_works_then_the_internal_name_fails() {
    // One listener for everyone, a NodePort in front of every broker: bootstrap reaches one, the
    // metadata names kafka-0.kafka-headless.default.svc.cluster.local, which nothing outside resolves.
    let objects = cluster(
        vec![node_port("kafka-external", all(), 9092, json!(9092), 30092, false)],
        one_listener_ports(),
        false,
    );
    let q = question(objects, one_listener_properties(), "198.51.100.1:30092");
    let d = diagnose(&q);
    assert!(d.walkthrough.metadata.is_some(), "bootstrap works");
    for broker in 0..3 {
        let p = d.problems.iter().find(|p| p.broker == Some(broker)).unwrap();
        assert_eq!(p.cause, Cause::OneListener);
        assert_eq!(p.address, format!("kafka-{broker}.kafka-headless.default.svc.cluster.local:9092"));
        assert!(p.why.contains("does not resolve outside the cluster"), "{}", p.why);
    }
    names_and_fixes(&q, Some(1), |c| *c == Cause::OneListener);
    // The second listener it proposes is plaintext, and the fix says what that costs.
    let p = d.problems.iter().find(|p| p.broker == Some(0)).unwrap();
    assert!(
        p.fixes.iter().any(|f| matches!(f, Fix::Advice(a) if a.contains("exposes a listener without TLS"))),
        "{:#?}",
        p.fixes
    );
}

#[test]
fn an_internal_name_on_the_outside_listener_gets_the_address_that_reaches_the_broker() {
    // Per-broker NodePorts exist and work; EXTERNAL advertises the headless name by mistake.
    let services = per_broker(|_| json!("external"), |i| 31000 + i);
    let objects = cluster(services, two_listener_ports(), false);
    let props =
        two_listener_properties(|i| format!("kafka-{i}.kafka-headless.default.svc.cluster.local:9094"));
    let q = question(objects, props, "198.51.100.1:31000");
    names_and_fixes(&q, Some(2), |c| *c == Cause::InternalName);
    // The fix is the exact line, with the node and NodePort that reach broker 2.
    let d = diagnose(&q);
    let p = d.problems.iter().find(|p| p.broker == Some(2)).unwrap();
    assert_eq!(
        p.fixes,
        [Fix::Properties {
            broker: 2,
            lines: vec!["advertised.listeners=CLIENT://kafka-2.kafka-headless.default.svc.cluster.local:9092,EXTERNAL://198.51.100.3:31002".into()]
        }]
    );
}

#[test]
fn localhost_or_0_0_0_0_advertised() {
    let services = per_broker(|_| json!(9094), |i| 31000 + i);
    let objects = cluster(services, two_listener_ports(), false);
    for bad in ["localhost:9094", "0.0.0.0:9094"] {
        let props = two_listener_properties(|i| {
            if i == 1 {
                bad.to_string()
            } else {
                format!("198.51.100.{}:{}", i + 1, 31000 + i)
            }
        });
        let q = question(objects.clone(), props, "198.51.100.1:31000");
        names_and_fixes(&q, Some(1), |c| *c == Cause::Unroutable);
    }
}

#[test]
fn a_service_that_selects_every_broker() {
    // One NodePort for all brokers, each advertising it: every connection lands on a random broker.
    let objects = cluster(
        vec![node_port("kafka-external", all(), 9094, json!(9094), 30094, false)],
        two_listener_ports(),
        false,
    );
    let props = two_listener_properties(|_| "198.51.100.1:30094".into());
    let q = question(objects, props, "198.51.100.1:30094");
    names_and_fixes(
        &q,
        Some(0),
        |c| matches!(c, Cause::SelectsEveryBroker { service } if service == "kafka-external"),
    );
}

#[test]
fn a_target_port_that_misses_the_listener() {
    let services = per_broker(|i| json!(if i == 1 { 9095 } else { 9094 }), |i| 31000 + i);
    let objects = cluster(services, two_listener_ports(), false);
    let props = two_listener_properties(|i| format!("198.51.100.{}:{}", i + 1, 31000 + i));
    let q = question(objects, props, "198.51.100.1:31000");
    names_and_fixes(
        &q,
        Some(1),
        |c| matches!(c, Cause::TargetPortMisses { service } if service == "kafka-1-external"),
    );
}

#[test]
fn external_traffic_policy_local_on_a_node_without_that_broker() {
    // One NodePort with Local: each node reaches its own broker; broker 2 advertises node-1.
    let objects = cluster(
        vec![node_port("kafka-external", all(), 9094, json!(9094), 30094, true)],
        two_listener_ports(),
        false,
    );
    let props = two_listener_properties(|i| format!("198.51.100.{}:30094", if i == 2 { 1 } else { i + 1 }));
    let q = question(objects, props, "198.51.100.1:30094");
    let d = diagnose(&q);
    // Node 1 runs broker 0, so broker 2's address reaches broker 0 there.
    assert!(d.problems.iter().any(|p| p.broker == Some(2)), "{:#?}", d.problems);
    names_and_fixes(&q, Some(2), |c| *c == Cause::WrongBroker);
    // A node with no broker at all: Local drops the connection.
    let mut objects = cluster(
        vec![node_port("kafka-external", all(), 9094, json!(9094), 30094, true)],
        two_listener_ports(),
        false,
    );
    objects[0]["items"].as_array_mut().unwrap().push(json!({"kind": "Node", "metadata": {"name": "node-4"},
        "status": {"addresses": [{"type": "ExternalIP", "address": "198.51.100.4"}]}}));
    let props = two_listener_properties(|i| format!("198.51.100.{}:30094", if i == 2 { 4 } else { i + 1 }));
    let q = question(objects, props, "198.51.100.1:30094");
    names_and_fixes(&q, Some(2), |c| matches!(c, Cause::LocalOnWrongNode { node } if node == "node-4"));
}

#[test]
fn external_name_used_as_exposure() {
    let aliases: Vec<Value> = (0..3)
        .map(|i| json!({"kind": "Service", "metadata": {"name": format!("kafka-{i}-external"), "namespace": "default"},
            "spec": {"type": "ExternalName", "externalName": format!("kafka-{i}.kafka-headless.default.svc.cluster.local")}}))
        .chain([node_port("kafka-bootstrap", all(), 9094, json!(9094), 30094, false)])
        .collect();
    let objects = cluster(aliases, two_listener_ports(), false);
    let props = two_listener_properties(|i| format!("kafka-{i}-external.default.svc.cluster.local:9094"));
    let q = question(objects, props, "198.51.100.1:30094");
    names_and_fixes(
        &q,
        Some(0),
        |c| matches!(c, Cause::ExternalName { service } if service == "kafka-0-external"),
    );
}

#[test]
fn an_advertised_port_that_is_not_the_node_port() {
    // The Service opens NodePort 31001 for broker 1, which advertises the container port instead.
    let services = per_broker(|_| json!(9094), |i| 31000 + i);
    let objects = cluster(services, two_listener_ports(), false);
    let props = two_listener_properties(|i| {
        if i == 1 {
            "198.51.100.2:9094".into()
        } else {
            format!("198.51.100.{}:{}", i + 1, 31000 + i)
        }
    });
    let q = question(objects, props, "198.51.100.1:31000");
    names_and_fixes(&q, Some(1), |c| *c == Cause::PortMismatch);
}

/// The question's working answers as existing deployments (2 hostPort, 3 one NodePort per broker,
/// 5 one NodePort with Local; and one LoadBalancer per broker, and NodePorts at InternalIPs, from
/// the nodes' network): each works, and the doctor says so and finds the strategy it is. Answer 1 (a NodePort in front of
/// every broker, which keep advertising in-cluster names) is `the_question_itself…`, answer 4
/// (ExternalName aliases) is `external_name_used_as_exposure`: both fail, are named, and are fixed.
#[test]
fn the_five_answers_as_existing_deployments_are_healthy_and_recognised() {
    let per_broker = |kind: &str| -> Vec<Value> {
        (0..3).map(|i| {
            let mut s = node_port(&format!("kafka-{i}-external"), pod(i), 9094, json!(9094), 31000 + i, false);
            if kind == "LoadBalancer" {
                s["spec"]["type"] = "LoadBalancer".into();
                s["status"] = json!({"loadBalancer": {"ingress": [{"hostname": format!("kafka-{i}.example.com")}]}});
            }
            s
        }).collect()
    };
    /// The strategy, the Services, whether pods open a hostPort, each broker's EXTERNAL address,
    /// and the bootstrap address.
    type Answer = (StrategyId, Vec<Value>, bool, Box<dyn Fn(u32) -> String>, &'static str);
    let cases: Vec<Answer> = vec![
        (
            StrategyId::NodeportPerBroker,
            per_broker("NodePort"),
            false,
            Box::new(|i| format!("198.51.100.{}:{}", i + 1, 31000 + i)),
            "198.51.100.1:31000",
        ),
        (
            StrategyId::LoadbalancerPerBroker,
            per_broker("LoadBalancer"),
            false,
            Box::new(|i| format!("kafka-{i}.example.com:9094")),
            "kafka-0.example.com:9094",
        ),
        (
            StrategyId::Hostport,
            Vec::new(),
            true,
            Box::new(|i| format!("198.51.100.{}:9094", i + 1)),
            "198.51.100.1:9094",
        ),
        (
            StrategyId::NodeportLocal,
            vec![node_port("kafka-external", all(), 9094, json!(9094), 30094, true)],
            false,
            Box::new(|i| format!("198.51.100.{}:30094", i + 1)),
            "198.51.100.2:30094",
        ),
        (
            StrategyId::NodeportPerBroker,
            per_broker("NodePort"),
            false,
            Box::new(|i| format!("10.0.0.{}:{}", i + 1, 31000 + i)),
            "10.0.0.1:31000",
        ),
    ];
    for (strategy, services, host_port, external, bootstrap) in cases {
        let q = question(
            cluster(services, two_listener_ports(), host_port),
            two_listener_properties(external),
            bootstrap,
        );
        let mut d = diagnose(&q);
        if bootstrap.starts_with("10.") {
            // InternalIPs are private: a client on the internet reaches none of them, and the doctor
            // says why; on the nodes' network the same deployment works.
            assert!(d.problems.iter().all(|p| p.cause == Cause::InsideOnly), "{:#?}", d.problems);
            // Each broker's fix advertises its node's ExternalIP, which the internet reaches.
            let fixes: Vec<&Fix> = d.problems.iter().flat_map(|p| &p.fixes).collect();
            assert!(
                fixes.iter().any(|f| matches!(f, Fix::Properties { lines, .. } if lines.iter().any(|l| l.contains("198.51.100.1:31000")))),
                "{fixes:#?}"
            );
            d = diagnose(&Question { vantage: Vantage::NodeNetwork, ..q });
        }
        assert!(d.healthy(), "{strategy}: {:#?}", d.problems);
        let (found, config) = d.closest.clone().unwrap();
        assert_eq!(found, strategy);
        // The configurator opens with the deployment's names, nodes and ports, and it validates.
        assert_eq!(
            (config.name.as_str(), config.headless_service.as_str(), config.namespace.as_str()),
            ("kafka", "kafka-headless", "default")
        );
        assert_eq!(config.replicas, 3);
        assert_eq!(config.nodes[2].address, "198.51.100.3");
        assert_eq!((config.ports.internal, config.ports.external), (9092, 9094));
        kafka_expose::validate::validate(&config).unwrap_or_else(|e| panic!("{strategy}: {e:#?}"));
    }
}

/// Bad input gets a message next to its box, never a panic; missing pieces lower confidence.
#[test]
fn garbage_truncated_json_other_kinds_and_many_services_get_messages_never_a_panic() {
    let cut = objects_from_json("{\"kind\": \"List\", \"items\": [").unwrap_err();
    assert_eq!(cut.input, Input::Objects);
    assert!(cut.message.contains("cut short"), "{}", cut.message);
    let garbage = objects_from_json("kind: List\nitems: []").unwrap_err();
    assert_eq!(garbage.at, Some((1, 1)));
    assert!(garbage.to_string().starts_with("objects line 1, column 1: not JSON"), "{garbage}");
    // Other kinds are named and ignored; properties without listeners are refused by number.
    let objects = objects_from_json(r#"{"kind": "List", "items": [{"kind": "Deployment", "metadata": {"name": "x"}}, {"kind": "ConfigMap"}]}"#).unwrap();
    let d = diagnose(&Question {
        objects,
        properties: vec!["# nothing here\nfoo=bar".into()],
        ..Question::default()
    });
    assert!(d.reading.notes.iter().any(|n| n.contains("1 ConfigMap, 1 Deployment")), "{:?}", d.reading.notes);
    assert!(d
        .reading
        .errors
        .iter()
        .any(|e| e.input == Input::Properties && e.message.contains("file 1: no listeners")));
    assert!(!d.healthy());
    // kcat output that is not kcat's.
    let d = diagnose(&Question { kcat: "hello".into(), ..Question::default() });
    assert!(d.reading.errors.iter().any(|e| e.input == Input::Kcat));
    // Every value of the wrong type, everywhere: read as missing.
    let weird = json!([{"kind": "Service", "metadata": 7, "spec": {"ports": [{"port": "x", "nodePort": -1, "targetPort": []}], "selector": [1]}},
                       {"kind": "Pod", "spec": {"containers": [{"ports": [{"containerPort": 1e30}]}]}, "status": "?"},
                       {"kind": "Node", "status": {"addresses": "none"}}]);
    let d = diagnose(&Question {
        objects: kafka_expose::sim::from_objects::flatten(weird),
        properties: one_listener_properties(),
        ..Question::default()
    });
    assert!(!d.healthy());
    // 500 Services and 200 brokers: read and diagnosed in well under a second (debug build).
    let mut items: Vec<Value> = (0..500)
        .map(|i| node_port(&format!("s{i}"), pod(i % 200), 9094, json!(9094), 30000 + i, false))
        .collect();
    for i in 0..200 {
        items.push(json!({"kind": "Pod", "metadata": {"name": format!("kafka-{i}"), "namespace": "default", "labels": {"statefulset.kubernetes.io/pod-name": format!("kafka-{i}")}},
            "spec": {"nodeName": "node-1", "containers": [{"ports": [{"containerPort": 9094}]}]}}));
    }
    items.push(json!({"kind": "Node", "metadata": {"name": "node-1"}, "status": {"addresses": [{"type": "ExternalIP", "address": "198.51.100.1"}]}}));
    let props: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "node.id={i}\nlisteners=EXTERNAL://:9094\nadvertised.listeners=EXTERNAL://198.51.100.1:{}\n",
                30000 + i
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let d = diagnose(&Question {
        objects: items,
        properties: props,
        bootstrap: vec!["198.51.100.1:30000".into()],
        ..Question::default()
    });
    assert!(d.healthy(), "{:#?}", d.problems.first());
    assert!(started.elapsed().as_millis() < 3000, "{:?}", started.elapsed());
}

/// kcat's answer is the strongest evidence: without properties the brokers are read from it, and
/// when the files say otherwise the doctor says the files are not what runs.
#[test]
fn kcat_output_stands_in_for_the_files_and_shows_when_they_are_stale() {
    let services = per_broker(|_| json!(9094), |i| 31000 + i);
    let objects = cluster(services, two_listener_ports(), false);
    let kcat = "Metadata for all topics (from broker 0: 198.51.100.1:31000/0):\n 3 brokers:\n  broker 0 at 198.51.100.1:31000 (controller)\n  broker 1 at 198.51.100.2:31001\n  broker 2 at kafka-2.kafka-headless.default.svc.cluster.local:9094\n";
    let d = diagnose(&Question {
        objects: objects.clone(),
        kcat: kcat.into(),
        bootstrap: vec!["198.51.100.1:31000".into()],
        ..Question::default()
    });
    assert_eq!(d.reading.kcat.len(), 3);
    let p = d.problems.iter().find(|p| p.broker == Some(2)).unwrap_or_else(|| panic!("{:#?}", d.problems));
    assert_eq!(p.cause, Cause::InternalName);
    assert!(d.problems.iter().all(|p| p.broker == Some(2)), "{:#?}", d.problems);
    let props = two_listener_properties(|i| format!("198.51.100.{}:{}", i + 1, 31000 + i));
    let d = diagnose(&Question {
        objects,
        properties: props,
        kcat: kcat.into(),
        bootstrap: vec!["198.51.100.1:31000".into()],
        ..Question::default()
    });
    assert!(
        d.reading
            .notes
            .iter()
            .any(|n| n.contains("kcat says broker 2 advertises")
                && n.contains("not what the broker runs with")),
        "{:?}",
        d.reading.notes
    );
}

/// The generated bundle of `config` fed back to the doctor as kubectl would list it, beside the
/// generator's own walkthrough: the verdicts agree, connection by connection, and so does the
/// metadata. A broker whose certificate is the user's own Secret (no Certificate object to read)
/// is the one difference allowed: the doctor cannot check names it cannot see, and says so.
fn agrees_with_the_generator(config: &Config) -> Result<(), TestCaseError> {
    // Every config drawn here is valid (`plausible`, the examples): one that is not is a broken
    // generator of test cases, never a case to skip.
    let valid = kafka_expose::validate::validate(config)
        .map_err(|findings| TestCaseError::fail(format!("an invalid config was drawn: {findings:#?}")))?;
    let generated = kafka_expose::bundle::model(&valid);
    let bundle = kafka_expose::bundle::generate(&valid);
    let objects = as_kubectl_lists_them(config, &bundle);
    let props: Vec<String> = (0..config.replicas)
        .map(|i| common::file(&bundle, &kafka_expose::bundle::server_properties_name(i)).into_owned())
        .collect();
    let d = diagnose(&Question {
        objects,
        properties: props,
        vantage: Vantage::Outside,
        bootstrap: valid.strategy().bootstrap_servers(config),
        // What the config says reaches every node, which the objects cannot show.
        any_node: config.advertised_host.clone(),
        ..Question::default()
    });
    let own_secret = config.security.tls == TlsMode::Secret;
    let doctor: Vec<_> = d.walkthrough.connections.iter().map(|c| c.result.as_ref().err()).collect();
    let generator: Vec<_> = generated
        .outside
        .connections
        .iter()
        .map(|c| {
            c.result.as_ref().err().filter(|f| !(own_secret && matches!(f, Failure::NotInCertificate { .. })))
        })
        .collect();
    prop_assert_eq!(
        doctor.iter().map(Option::is_none).collect::<Vec<_>>(),
        generator.iter().map(Option::is_none).collect::<Vec<_>>(),
        "{:#?}\n{:#?}\n{:#?}",
        config,
        d.walkthrough.connections,
        generated.outside.connections
    );
    // Where both fail, they fail for the same reason.
    for (a, b) in doctor.iter().zip(&generator) {
        if let (Some(a), Some(b)) = (a, b) {
            prop_assert_eq!(std::mem::discriminant(*a), std::mem::discriminant(*b), "{:#?}", config);
        }
    }
    prop_assert_eq!(d.walkthrough.metadata.is_some(), generated.outside.metadata.is_some(), "{:#?}", config);
    if config.security.tls() {
        let checked = d.reading.cluster.certificate.is_some();
        prop_assert_eq!(checked, !own_secret, "{:#?}", d.reading.notes);
        prop_assert!(
            checked || d.reading.notes.iter().any(|n| n.contains("Certificate")),
            "{:#?}",
            d.reading.notes
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// For any plausible config (every strategy, node address source, topology and security
    /// setting), advertising a good address, a cluster DNS name or localhost, its own objects and
    /// properties fed to the doctor give the same verdicts as the generator's walkthrough: one
    /// simulation, two sources.
    #[test]
    fn the_doctor_agrees_with_the_generators_walkthrough_on_any_generated_bundle(
        config in plausible(),
        advertised in prop::sample::select(vec!["", "kafka-0.broker.kafka.svc.cluster.local", "localhost"]),
    ) {
        let mut config = config;
        if !advertised.is_empty() {
            config.advertised_host = advertised.into();
        }
        agrees_with_the_generator(&config)?;
    }
}

/// The same, on every strategy × security setting with 1, 3 and 5 brokers: the cases a random draw
/// might miss.
#[test]
fn the_doctor_agrees_with_the_generators_walkthrough_on_every_strategy_and_security_setting() {
    for id in StrategyId::ALL {
        for (_, security) in common::security_variants() {
            for replicas in [1, 3, 5] {
                let config =
                    common::with_security(Config { replicas, ..Config::example(id) }, security.clone());
                agrees_with_the_generator(&config).unwrap();
            }
        }
    }
}

/// `kubectl get services,pods,nodes -o json` of a generated bundle once applied: its Services, one
/// pod per broker on its preview node (the StatefulSet's template, named and labelled as the
/// controller does), and the config's nodes.
fn as_kubectl_lists_them(config: &Config, bundle: &kafka_expose::bundle::Bundle) -> Vec<Value> {
    let docs = common::documents(&common::file(bundle, "manifests.yaml"));
    let as_json = |d: &serde_yaml::Value| serde_json::to_value(d).unwrap();
    let mut items: Vec<Value> = docs
        .iter()
        .filter(|d| {
            ["Service", "Certificate", "Gateway", "ListenerSet", "TLSRoute"].iter().any(|k| d["kind"] == *k)
        })
        .map(as_json)
        .collect();
    // The shared address, in each load balancer's status as the cluster writes it: MetalLB's IP, or
    // (k3s ServiceLB) every node's address.
    if config.strategy == StrategyId::LoadbalancerSharedIp {
        let ingress: Vec<Value> = match config.shared_ip.provider {
            kafka_expose::config::SharedIpProvider::K3s => {
                config.nodes.iter().map(|n| json!({"ip": n.address, "ipMode": "VIP"})).collect()
            }
            _ => vec![json!({"ip": config.shared_ip.address, "ipMode": "VIP"})],
        };
        for item in items.iter_mut().filter(|i| i["spec"]["type"] == "LoadBalancer") {
            item["status"] = json!({"loadBalancer": {"ingress": ingress}});
        }
    }
    let sts = docs
        .iter()
        .find(|d| d["kind"] == "StatefulSet" && d["metadata"]["name"] == config.name.as_str())
        .unwrap();
    let template = as_json(&sts["spec"]["template"]);
    for i in 0..config.replicas {
        let mut labels = template["metadata"]["labels"].clone();
        labels["statefulset.kubernetes.io/pod-name"] = format!("{}-{i}", config.name).into();
        let node = kafka_expose::strategy::preview_node(config, i).map(|n| config.nodes[n].name.clone());
        items.push(json!({"kind": "Pod",
            "metadata": {"name": format!("{}-{i}", config.name), "namespace": config.namespace, "labels": labels},
            "spec": {"nodeName": node, "subdomain": config.headless_service, "containers": template["spec"]["containers"],
                "volumes": template["spec"]["volumes"]},
            "status": {"conditions": [{"type": "Ready", "status": "True"}]}}));
    }
    for node in &config.nodes {
        items.push(json!({"kind": "Node", "metadata": {"name": node.name},
            "status": {"addresses": [{"type": "ExternalIP", "address": node.address}]}}));
    }
    items
}

/// EXTERNAL with TLS, the certificate cert-manager issued into the Secret the pods mount: it
/// lists brokers 0 and 1 and the bootstrap, not broker 2's node. Broker 2's connection fails its
/// hostname check, the fix is the missing IP SAN, and a Certificate the pods do not mount is not
/// the one read.
#[test]
fn an_address_missing_from_the_certificate() {
    let services = per_broker(|_| json!("external"), |i| 31000 + i);
    let mut objects = cluster(services, two_listener_ports(), false);
    let items = objects[0]["items"].as_array_mut().unwrap();
    let certificate = |name: &str, secret: &str, ips: Value| {
        json!({"apiVersion": "cert-manager.io/v1", "kind": "Certificate",
               "metadata": {"name": name, "namespace": "default"},
               "spec": {"secretName": secret, "issuerRef": {"name": "ca"}, "dnsNames": [], "ipAddresses": ips}})
    };
    let mut ca = certificate("kafka-ca", "kafka-ca", json!([]));
    ca["spec"]["isCA"] = json!(true);
    items.push(ca);
    items.push(certificate("other-app", "other-app-tls", json!(["198.51.100.3"])));
    items.push(certificate("kafka-external", "kafka-external-tls", json!(["198.51.100.1", "198.51.100.2"])));
    for item in items.iter_mut().filter(|i| i["kind"] == "Pod") {
        item["spec"]["volumes"] = json!([{"name": "tls", "secret": {"secretName": "kafka-external-tls"}}]);
    }
    let props: Vec<String> = two_listener_properties(|i| format!("198.51.100.{}:{}", i + 1, 31000 + i))
        .into_iter()
        .map(|p| p.replace("EXTERNAL:PLAINTEXT", "EXTERNAL:SSL"))
        .collect();
    let q = question(objects, props, "198.51.100.1:31000");
    names_and_fixes(&q, Some(2), |c| *c == Cause::NotInCertificate);
    let d = diagnose(&q);
    assert_eq!(d.problems.len(), 1, "{:#?}", d.problems);
    assert_eq!(d.problems[0].fixes, [Fix::AddSan { san: "198.51.100.3".into(), ip: true }]);
    assert!(d.problems[0].fixes[0].sentence().unwrap().contains("spec.ipAddresses"));
    // Without any Certificate, names go unchecked and the notes say so.
    let mut bare = q.clone();
    bare.objects[0]["items"].as_array_mut().unwrap().retain(|i| i["kind"] != "Certificate");
    let d = diagnose(&bare);
    assert!(d.healthy());
    assert!(d.reading.notes.iter().any(|n| n.contains("no Certificate")), "{:#?}", d.reading.notes);
}

/// A client pod in another namespace: short Service names complete in its own namespace, where
/// the brokers' Services are not; their full names work from anywhere.
#[test]
fn an_in_cluster_client_in_another_namespace() {
    let objects = cluster(Vec::new(), one_listener_ports(), false);
    let inside = |bootstrap: &str, namespace: &str| Question {
        vantage: Vantage::InCluster,
        client_namespace: namespace.into(),
        ..question(objects.clone(), one_listener_properties(), bootstrap)
    };
    assert!(diagnose(&inside("kafka-headless:9092", "")).healthy());
    assert!(diagnose(&inside("kafka-headless:9092", "default")).healthy());
    let d = diagnose(&inside("kafka-headless:9092", "apps"));
    assert!(!d.healthy());
    assert_eq!(d.problems[0].broker, None, "{:#?}", d.problems);
    assert!(diagnose(&inside("kafka-headless.default:9092", "apps")).healthy());
    assert!(diagnose(&inside("kafka-headless.default.svc.cluster.local:9092", "apps")).healthy());
}

/// A DNS name the user says reaches every node (round-robin over them): the objects cannot show
/// it, so without being told, the doctor finds nothing that answers for it.
#[test]
fn an_address_in_front_of_every_node() {
    let services = vec![node_port("kafka-bootstrap", all(), 9094, json!("external"), 30900, false)];
    let objects = cluster(
        [services, per_broker(|_| json!("external"), |i| 31000 + i)].concat(),
        two_listener_ports(),
        false,
    );
    let props = two_listener_properties(|i| format!("198.51.100.{}:{}", i + 1, 31000 + i));
    let q = question(objects, props, "kafka.example.com:30900");
    let d = diagnose(&q);
    assert_eq!(d.problems.first().map(|p| &p.cause), Some(&Cause::Unresolvable), "{:#?}", d.problems);
    let told = Question { any_node: "kafka.example.com".into(), ..q };
    let d = diagnose(&told);
    assert!(d.healthy(), "{:#?}", d.problems);
}

#[test]
fn properties_read_as_java_reads_them() {
    let p = properties("# comment\n! also\nnode.id = 3\nlisteners: PLAINTEXT://:9092\nlog.dirs /data\n");
    assert_eq!(p["node.id"], "3");
    assert_eq!(p["listeners"], "PLAINTEXT://:9092");
    assert_eq!(p["log.dirs"], "/data");
}

#[test]
fn a_node_port_outside_the_range_is_named() {
    let services = per_broker(|_| json!(9094), |i| if i == 1 { 9094 } else { 31000 + i });
    let objects = cluster(services, two_listener_ports(), false);
    let props = two_listener_properties(|i| {
        format!("198.51.100.{}:{}", i + 1, if i == 1 { 9094 } else { 31000 + i })
    });
    let d = diagnose(&question(objects, props, "198.51.100.1:31000"));
    let p = d
        .problems
        .iter()
        .find(|p| matches!(p.cause, Cause::NodePortOutOfRange { .. }))
        .unwrap_or_else(|| panic!("{:#?}", d.problems));
    assert_eq!(p.cause, Cause::NodePortOutOfRange { service: "kafka-1-external".into(), node_port: 9094 });
    assert!(p.why.contains("outside the default range 30000-32767"), "{}", p.why);
}

/// A pod that is not Ready has no name under its headless Service, unless the Service publishes
/// not-ready addresses: an in-cluster client cannot resolve that broker, and the doctor says why.
#[test]
fn a_broker_pod_that_is_not_ready_has_no_dns_name() {
    let mut objects = cluster(Vec::new(), one_listener_ports(), false);
    let items = objects[0]["items"].as_array_mut().unwrap();
    let pod = items.iter_mut().find(|i| i["metadata"]["name"] == "kafka-1").unwrap();
    pod["status"]["conditions"] = json!([{"type": "Ready", "status": "False"}]);
    let q = Question {
        vantage: Vantage::InCluster,
        client_namespace: "default".into(),
        ..question(objects, one_listener_properties(), "kafka-headless.default:9092")
    };
    let d = diagnose(&q);
    let problem = d.problems.iter().find(|p| p.broker == Some(1)).expect("broker 1 fails");
    assert_eq!(problem.cause, Cause::NotReady { pod: "kafka-1".into() }, "{:#?}", d.problems);
    assert!(problem.why.contains("publishNotReadyAddresses"), "{}", problem.why);
    assert!(
        d.problems.iter().all(|p| p.broker == Some(1)),
        "only broker 1 is unresolvable: {:#?}",
        d.problems
    );
    let c = d.walkthrough.connections.iter().find(|c| c.broker == Some(1)).unwrap();
    assert!(matches!(c.result, Err(Failure::NotReady { .. })), "{:?}", c.result);
    // The headless Service publishes it anyway: the name resolves, the broker answers.
    let mut publishing = q.clone();
    let items = publishing.objects[0]["items"].as_array_mut().unwrap();
    items[0]["spec"]["publishNotReadyAddresses"] = json!(true);
    assert!(diagnose(&publishing).healthy(), "{:#?}", diagnose(&publishing).problems);
}

/// Nodes with only InternalIPs (bare metal without a cloud provider): a client on the internet
/// reaches no broker, and the doctor says which and why; on the nodes' network all of them; and
/// an address kcat got its metadata through is reachable from where kcat ran.
#[test]
fn nodes_with_only_internal_ips_are_reachable_only_from_the_nodes_network() {
    let mut objects = cluster(per_broker(|_| json!(9094), |i| 31000 + i), two_listener_ports(), false);
    for item in objects[0]["items"].as_array_mut().unwrap() {
        if item["kind"] == "Node" {
            item["status"]["addresses"].as_array_mut().unwrap().retain(|a| a["type"] == "InternalIP");
        }
    }
    let q = question(
        objects,
        two_listener_properties(|i| format!("10.0.0.{}:{}", i + 1, 31000 + i)),
        "10.0.0.1:31000",
    );
    let d = diagnose(&q);
    assert!(!d.healthy());
    assert!(d.problems.iter().all(|p| p.cause == Cause::InsideOnly), "{:#?}", d.problems);
    assert!(d.problems.iter().any(|p| p.why.contains("only a client on the nodes' network")));
    // No address of the deployment's reaches a broker from the internet: the fix says what to do
    // instead of proposing a Service at a private address.
    assert!(d.problems.iter().filter(|p| p.broker.is_some()).all(|p| matches!(p.fixes.as_slice(), [Fix::Advice(a)] if a.contains("run the client on the nodes' network"))), "{:#?}", d.problems);
    let report = kafka_expose::doctor::report::markdown(&d);
    assert!(report.contains("a private address, reachable only from the nodes' network"), "{report}");
    let lan = diagnose(&Question { vantage: Vantage::NodeNetwork, ..q.clone() });
    assert!(lan.healthy(), "{:#?}", lan.problems);
    // kcat, run where the client runs, got its metadata through 10.0.0.1: that address reaches.
    let kcat = "Metadata for all topics (from broker 0: 10.0.0.1:31000/0):\n 3 brokers:\n  broker 0 at 10.0.0.1:31000\n  broker 1 at 10.0.0.2:31001\n  broker 2 at 10.0.0.3:31002\n";
    let seen = diagnose(&Question { kcat: kcat.into(), ..q });
    assert!(
        seen.reading.notes.iter().any(|n| n.contains("kcat got its metadata through 10.0.0.1")),
        "{:#?}",
        seen.reading.notes
    );
    assert!(
        seen.walkthrough.metadata.is_some(),
        "bootstrap through 10.0.0.1 worked: {:#?}",
        seen.walkthrough
    );
}

/// One shared load-balancer address, as a MetalLB cluster lists it, broken two ways: a broker's
/// Service without the sharing key, and one on the port another has. Each is left pending (an
/// empty status), and the doctor names that Service and what gives it the address.
#[test]
fn a_shared_address_with_a_service_left_pending() {
    let config = Config {
        security: kafka_expose::config::Security::plaintext(),
        ..Config::example(StrategyId::LoadbalancerSharedIp)
    };
    let valid = kafka_expose::validate::validate(&config).unwrap();
    let bundle = kafka_expose::bundle::generate(&valid);
    let props: Vec<String> = (0..3)
        .map(|i| common::file(&bundle, &kafka_expose::bundle::server_properties_name(i)).into_owned())
        .collect();
    let ask = |objects: Vec<Value>| {
        diagnose(&Question {
            objects,
            properties: props.clone(),
            bootstrap: vec!["192.0.2.10:9094".into()],
            ..Question::default()
        })
    };
    let healthy = as_kubectl_lists_them(&config, &bundle);
    assert!(ask(healthy.clone()).healthy(), "{:#?}", ask(healthy.clone()).problems);
    let service = |items: &mut Vec<Value>, name: &str| -> usize {
        items.iter().position(|i| i["kind"] == "Service" && i["metadata"]["name"] == name).unwrap()
    };
    // Broker 1's Service without the key: pending; its broker cannot be reached.
    let mut objects = healthy.clone();
    let at = service(&mut objects, "kafka-1-external");
    for key in ["metallb.io/allow-shared-ip", "metallb.universe.tf/allow-shared-ip"] {
        objects[at]["metadata"]["annotations"].as_object_mut().unwrap().remove(key);
    }
    objects[at]["status"] = json!({"loadBalancer": {}});
    let d = ask(objects);
    let p = d.problems.iter().find(|p| p.broker == Some(1)).unwrap_or_else(|| panic!("{:#?}", d.problems));
    assert_eq!(p.cause, Cause::NoLoadBalancerAddress { service: "kafka-1-external".into() });
    assert!(p.why.contains("without the same metallb.io/allow-shared-ip key"), "{}", p.why);
    assert!(
        matches!(&p.fixes[..], [Fix::Snippet { code, .. }] if code.contains("kubectl -n kafka annotate service kafka-1-external --overwrite")
            && code.contains("metallb.io/allow-shared-ip=kafka-external")),
        "{:#?}",
        p.fixes
    );
    assert!(d.problems.iter().all(|p| p.broker == Some(1)), "{:#?}", d.problems);
    // Broker 2's Service on broker 1's port: the second to ask is pending, and named.
    let mut objects = healthy;
    let at = service(&mut objects, "kafka-2-external");
    objects[at]["spec"]["ports"][0]["port"] = json!(9096);
    objects[at]["status"] = json!({"loadBalancer": {}});
    let d = ask(objects);
    let p = d
        .problems
        .iter()
        .find(|p| p.cause == Cause::NoLoadBalancerAddress { service: "kafka-2-external".into() })
        .unwrap_or_else(|| panic!("{:#?}", d.problems));
    assert!(
        p.why.contains("asks for port 9096 on 192.0.2.10, which Service kafka-1-external has"),
        "{}",
        p.why
    );
    assert!(
        matches!(&p.fixes[..], [Fix::Advice(a)] if a.contains("a port no other Service has")),
        "{:#?}",
        p.fixes
    );
    assert!(d.problems.iter().any(|p| p.broker == Some(2)), "broker 2 is cut off: {:#?}", d.problems);
}
