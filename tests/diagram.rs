//! The diagram's layout: what a user finds in it, and that it stays readable as brokers grow.
#![cfg(not(target_arch = "wasm32"))]

use kafka_expose::config::{Config, StrategyId};
use kafka_expose::diagram::{layout, BoxKind, Diagram, Orientation, PathKind};
use kafka_expose::validate::validate;
use kafka_expose::walkthrough::{walkthrough, Vantage};

fn diagram(config: &Config) -> Diagram {
    oriented(config, Orientation::Wide)
}

fn oriented(config: &Config, orientation: Orientation) -> Diagram {
    let valid = validate(config).unwrap();
    let generated = kafka_expose::bundle::generate_all(&valid);
    layout(&valid, &generated, &walkthrough(&valid, &generated, Vantage::Outside), orientation)
}

fn all_text(d: &Diagram) -> String {
    d.boxes
        .iter()
        .flat_map(|b| std::iter::once(b.title.clone()).chain(b.lines.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_default_diagram_shows_pods_dns_names_and_nodeports() {
    let d = diagram(&Config::default());
    let text = all_text(&d);
    for i in 0..3 {
        assert!(text.contains(&format!("kafka-{i}.broker.kafka.svc.cluster.local")), "{text}");
        assert!(text.contains(&format!("NodePort {}", 30093 + i)), "{text}");
    }
    let pods: Vec<&str> =
        d.boxes.iter().filter(|b| b.kind == BoxKind::Pod).map(|b| b.title.as_str()).collect();
    assert_eq!(pods, ["kafka-0", "kafka-1", "kafka-2"]);
    assert_eq!(d.boxes.iter().filter(|b| b.kind == BoxKind::Node).count(), 3);
    assert!(d.paths.iter().filter(|p| p.kind == PathKind::Client).all(|p| p.ok));
    assert!(d.boxes.iter().all(|b| b.note.is_none()));
    assert!(d.summary.contains("3 of 3 brokers are reachable"));
}

#[test]
fn pods_sit_inside_their_node_and_nothing_overlaps() {
    for (id, orientation) in
        StrategyId::ALL.into_iter().flat_map(|id| [(id, Orientation::Wide), (id, Orientation::Narrow)])
    {
        for replicas in [1, 3, 7, 50] {
            let mut config = Config { replicas, ..Config::example(id) };
            while config.nodes.len() < replicas as usize {
                let n = config.nodes.len();
                config.nodes.push(kafka_expose::config::Node {
                    name: format!("n{n}"),
                    address: format!("10.0.{}.{}", n / 200, n % 200 + 1),
                });
            }
            let d = oriented(&config, orientation);
            let nodes: Vec<_> = d.boxes.iter().filter(|b| b.kind == BoxKind::Node).collect();
            for pod in d.boxes.iter().filter(|b| b.kind == BoxKind::Pod) {
                assert!(
                    nodes.iter().any(|n| pod.x >= n.x
                        && pod.y >= n.y
                        && pod.x + pod.w <= n.x + n.w
                        && pod.y + pod.h <= n.y + n.h),
                    "{id} {replicas}: {} is outside every node",
                    pod.title
                );
            }
            let flat: Vec<_> =
                d.boxes.iter().filter(|b| b.kind != BoxKind::Node && b.kind != BoxKind::Boundary).collect();
            for (i, a) in flat.iter().enumerate() {
                for b in &flat[i + 1..] {
                    let overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
                    assert!(!overlap, "{id} {replicas}: {} overlaps {}", a.title, b.title);
                }
            }
            assert!(d.boxes.iter().all(|b| b.y + b.h <= d.height && b.x + b.w <= d.width));
            assert_eq!(d.compact, replicas >= 13);
        }
    }
}

#[test]
fn failing_strategies_draw_failing_paths_with_the_reason() {
    let d = diagram(&Config::example(StrategyId::NodeportShared));
    let client: Vec<_> = d.paths.iter().filter(|p| p.kind == PathKind::Client).collect();
    // Each broker's connection fans out to all three pods.
    assert_eq!(client.len(), 9);
    assert!(client.iter().all(|p| !p.ok && p.label.contains("reaches a random broker")));
    let notes: Vec<_> = d.boxes.iter().filter(|b| b.kind == BoxKind::Pod).map(|b| b.note).collect();
    assert_eq!(notes, [Some("✗ reaches a random broker"); 3]);
    let d = diagram(&Config::example(StrategyId::Externalname));
    assert!(d
        .paths
        .iter()
        .filter(|p| p.kind == PathKind::Client)
        .all(|p| !p.ok && p.label.contains("does not resolve outside the cluster")));
    assert!(d.summary.contains("0 of 3 brokers"));
}

#[test]
fn the_narrow_diagram_is_one_column_a_phone_shows_whole() {
    for id in StrategyId::ALL {
        let d = oriented(&Config::example(id), Orientation::Narrow);
        assert_eq!(d.width, 350.0);
        // Top to bottom: the client, the external Services, the nodes, the headless Service.
        let top =
            |kind: BoxKind| d.boxes.iter().filter(|b| b.kind == kind).map(|b| b.y).fold(f32::MAX, f32::min);
        let bottom =
            |kind: BoxKind| d.boxes.iter().filter(|b| b.kind == kind).map(|b| b.y + b.h).fold(0.0, f32::max);
        assert!(bottom(BoxKind::Client) < top(BoxKind::Node), "{id}");
        if d.boxes.iter().any(|b| b.kind == BoxKind::ExternalService) {
            assert!(bottom(BoxKind::Client) < top(BoxKind::ExternalService), "{id}");
            assert!(bottom(BoxKind::ExternalService) < top(BoxKind::Node), "{id}");
        }
        assert!(bottom(BoxKind::Node) < top(BoxKind::Headless), "{id}");
        // Every path stays inside the drawing, and the DNS names are whole.
        assert!(
            d.paths
                .iter()
                .flat_map(|p| &p.points)
                .all(|&(x, y)| (0.0..=d.width).contains(&x) && y <= d.height),
            "{id}"
        );
        for i in 0..3 {
            let fqdn = format!("kafka-{i}.broker.kafka.svc.cluster.local");
            assert!(d.boxes.iter().any(|b| b.lines.contains(&fqdn)), "{id}: {fqdn} cut");
        }
        // A longer name breaks after a dot instead of losing its end.
        let long = Config { name: "events-archive".into(), ..Config::example(id) };
        let wrapped = oriented(&long, Orientation::Narrow);
        let pod = wrapped.boxes.iter().find(|b| b.id == "pod-2").unwrap();
        assert_eq!(
            pod.lines[..2].concat(),
            "events-archive-2.broker.kafka.svc.cluster.local",
            "{id}: {:?}",
            pod.lines
        );
        assert!(!pod.lines.iter().any(|l| l.ends_with('…')), "{id}: {:?}", pod.lines);
        // Headings sit above their band.
        let heading = |text: &str| d.headings.iter().find(|h| h.text == text).map(|h| h.y).unwrap();
        assert!(heading("Nodes and broker pods") < top(BoxKind::Node), "{id}");
        assert!(heading("Headless Service") < top(BoxKind::Headless), "{id}");
    }
}
