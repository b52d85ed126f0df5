//! Native timings of validate + generate at 3, 50 and 200 brokers, and of writing out the files.
//!
//! A plain harness rather than criterion (whose dependency tree would double the test build): for
//! each size it warms up, picks a batch size that runs about 20 ms, then times 31 batches and
//! reports the median and the spread per call. Three measures per size, printed as
//! `<measure> <brokers> <median µs> <min µs> <max µs>` lines for the report script:
//! - `core`: validate + generate, what the page does on every change before it draws;
//! - `shown`: that plus the text of `manifests.yaml`, the file the page shows first;
//! - `all`: that plus the text of every file, what "download all" and the command line write;
//! - `doctor`: the doctor reading a deployment's pasted JSON (its brokers, one NodePort Service
//!   each, 300 more Services of other apps: 500 at 200 brokers, and its nodes) and properties, and
//!   diagnosing it, as the page does on every paste.

use kafka_expose::bundle;
use kafka_expose::config::{Config, Node};
use kafka_expose::validate;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn config(brokers: u32) -> Config {
    let mut config = Config { replicas: brokers, ..Config::default() };
    config.node_ports.range = "30000-32767".into();
    config.nodes = (0..brokers.min(50))
        .map(|i| Node::new(format!("node-{i}"), format!("198.51.100.{}", i + 1)))
        .collect();
    config
}

#[derive(Clone, Copy)]
enum Measure {
    Core,
    Shown,
    All,
}

/// One call: validate, generate, then write out the files the measure asks for. Returns the bytes
/// written, so that nothing is optimised away.
fn run(config: &Config, measure: Measure) -> usize {
    let Ok(valid) = validate::validate(config) else { panic!("benchmark config is invalid") };
    let bundle = bundle::generate(&valid);
    let files = match measure {
        Measure::Core => 0,
        Measure::Shown => 1,
        Measure::All => bundle.files.len(),
    };
    bundle.files.iter().take(files).map(|f| f.contents.text().len()).sum::<usize>() + bundle.files.len()
}

fn time_batch(config: &Config, measure: Measure, batch: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        black_box(run(black_box(config), measure));
    }
    start.elapsed()
}

/// What a user pastes for a deployment of `brokers` brokers: kubectl's JSON and the properties.
fn pasted(brokers: u32) -> (String, Vec<String>) {
    use serde_json::json;
    let mut items = Vec::new();
    for i in 0..brokers {
        items.push(json!({"kind": "Service", "metadata": {"name": format!("kafka-{i}-external"), "namespace": "kafka"},
            "spec": {"type": "NodePort", "selector": {"statefulset.kubernetes.io/pod-name": format!("kafka-{i}")},
                     "ports": [{"port": 9094, "targetPort": 9094, "nodePort": 30000 + i}]}}));
        items.push(json!({"kind": "Pod", "metadata": {"name": format!("kafka-{i}"), "namespace": "kafka",
                "labels": {"app": "kafka", "statefulset.kubernetes.io/pod-name": format!("kafka-{i}")}},
            "spec": {"nodeName": format!("node-{}", i % 50), "subdomain": "broker",
                     "containers": [{"ports": [{"containerPort": 9092}, {"containerPort": 9094}]}]},
            "status": {"conditions": [{"type": "Ready", "status": "True"}]}}));
    }
    for i in 0..300 {
        items.push(json!({"kind": "Service", "metadata": {"name": format!("other-{i}"), "namespace": "apps"},
            "spec": {"selector": {"app": format!("other-{i}")}, "ports": [{"port": 80, "targetPort": 8080}]}}));
    }
    for i in 0..50 {
        items.push(json!({"kind": "Node", "metadata": {"name": format!("node-{i}")},
            "status": {"addresses": [{"type": "ExternalIP", "address": format!("198.51.100.{}", i + 1)}]}}));
    }
    let properties = (0..brokers)
        .map(|i| format!("node.id={i}\nlisteners=INTERNAL://:9092,EXTERNAL://:9094\n\
             advertised.listeners=INTERNAL://kafka-{i}.broker.kafka.svc.cluster.local:9092,EXTERNAL://198.51.100.{}:{}\n",
            i % 50 + 1, 30000 + i))
        .collect();
    (json!({"kind": "List", "items": items}).to_string(), properties)
}

fn time_doctor(text: &str, properties: &[String], batch: u32) -> Duration {
    use kafka_expose::doctor::{diagnose, Question};
    let start = Instant::now();
    for _ in 0..batch {
        let objects = kafka_expose::sim::from_objects::objects_from_json(black_box(text)).unwrap_or_default();
        let question = Question {
            objects,
            properties: properties.to_vec(),
            bootstrap: vec!["198.51.100.1:30000".into()],
            ..Question::default()
        };
        black_box(diagnose(&question).healthy());
    }
    start.elapsed()
}

fn main() {
    for brokers in [3, 50, 200] {
        let (text, properties) = pasted(brokers);
        let mut batch = 1;
        while time_doctor(&text, &properties, batch) < Duration::from_millis(20) {
            batch *= 2;
        }
        let mut samples: Vec<f64> = (0..31)
            .map(|_| time_doctor(&text, &properties, batch).as_secs_f64() * 1e6 / f64::from(batch))
            .collect();
        samples.sort_by(f64::total_cmp);
        println!(
            "doctor {brokers} {:.1} {:.1} {:.1}",
            samples[samples.len() / 2],
            samples[0],
            samples[samples.len() - 1]
        );
    }
    for (name, measure) in [("core", Measure::Core), ("shown", Measure::Shown), ("all", Measure::All)] {
        let mut medians = Vec::new();
        for brokers in [3, 50, 200] {
            let config = config(brokers);
            let mut batch = 1;
            while time_batch(&config, measure, batch) < Duration::from_millis(20) {
                batch *= 2;
            }
            let mut samples: Vec<f64> = (0..31)
                .map(|_| time_batch(&config, measure, batch).as_secs_f64() * 1e6 / f64::from(batch))
                .collect();
            samples.sort_by(f64::total_cmp);
            let median = samples[samples.len() / 2];
            println!("{name} {brokers} {median:.1} {:.1} {:.1}", samples[0], samples[samples.len() - 1]);
            medians.push(median);
        }
        println!("{name} growth 3->200 {:.1}x for {:.1}x the brokers", medians[2] / medians[0], 200.0 / 3.0);
    }
}
