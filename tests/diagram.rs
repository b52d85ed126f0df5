//! The diagram's layout: what a user finds in it, and that it stays readable as brokers grow.
#![cfg(not(target_arch = "wasm32"))]

use kafka_expose::config::{Config, StrategyId};
use kafka_expose::diagram::{layout, BoxKind, Diagram, Orientation, PathKind};
use kafka_expose::sim::route::Vantage;
use kafka_expose::validate::validate;

fn diagram(config: &Config) -> Diagram {
    oriented(config, Orientation::Wide)
}

fn oriented(config: &Config, orientation: Orientation) -> Diagram {
    let valid = validate(config).unwrap();
    // What the page lays out: the model, with no file written.
    let generated = kafka_expose::bundle::model(&valid);
    layout(&valid, &generated, &generated.walkthrough(&valid, Vantage::Outside), orientation)
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
                config.nodes.push(kafka_expose::config::Node::new(
                    format!("n{n}"),
                    format!("10.0.{}.{}", n / 200, n % 200 + 1),
                ));
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
            // Controllers sit inside the quorum's box, as pods inside their node.
            if let Some(quorum) = d.boxes.iter().find(|b| b.kind == BoxKind::Quorum) {
                for c in d.boxes.iter().filter(|b| b.kind == BoxKind::Controller) {
                    assert!(
                        c.x >= quorum.x
                            && c.y >= quorum.y
                            && c.x + c.w <= quorum.x + quorum.w
                            && c.y + c.h <= quorum.y + quorum.h,
                        "{id} {replicas}: {} outside the quorum",
                        c.title
                    );
                }
            }
            let flat: Vec<_> = d
                .boxes
                .iter()
                .filter(|b| ![BoxKind::Node, BoxKind::Boundary, BoxKind::Quorum].contains(&b.kind))
                .collect();
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

/// Dedicated controllers are drawn as the quorum, apart from the exposure: their boxes, one path
/// from the brokers on CONTROLLER, and no client path near them. Combined mode draws none.
#[test]
fn dedicated_controllers_are_drawn_as_a_quorum_no_client_reaches() {
    for orientation in [Orientation::Wide, Orientation::Narrow] {
        let config = Config {
            topology: kafka_expose::config::Topology { controllers: 5, ..Default::default() },
            nodes: (0..5)
                .map(|i| kafka_expose::config::Node::new(format!("n{i}"), format!("203.0.113.{}", 11 + i)))
                .collect(),
            ..Config::default()
        };
        let d = oriented(&config, orientation);
        let controllers: Vec<&str> =
            d.boxes.iter().filter(|b| b.kind == BoxKind::Controller).map(|b| b.title.as_str()).collect();
        assert_eq!(controllers.len(), 5);
        assert_eq!(controllers[0], "kafka-controller-0 · voter 0");
        let quorum: Vec<_> = d.paths.iter().filter(|p| p.kind == PathKind::Quorum).collect();
        assert_eq!(quorum.len(), 1);
        assert!(
            quorum[0].label.contains("*.kafka-controller.kafka.svc.cluster.local:9093"),
            "{}",
            quorum[0].label
        );
        let qbox = d.boxes.iter().find(|b| b.kind == BoxKind::Quorum).unwrap();
        // The quorum path ends at the quorum's box; no client path ends inside it.
        let end = *quorum[0].points.last().unwrap();
        assert!(
            end.0 >= qbox.x - 0.5
                && end.0 <= qbox.x + qbox.w + 0.5
                && end.1 >= qbox.y
                && end.1 <= qbox.y + qbox.h
        );
        for p in d.paths.iter().filter(|p| p.kind == PathKind::Client) {
            let (x, y) = *p.points.last().unwrap();
            assert!(!(x >= qbox.x && x <= qbox.x + qbox.w && y >= qbox.y && y <= qbox.y + qbox.h));
        }
        assert!(d.summary.contains("5 dedicated controllers"), "{}", d.summary);
        let pod = d.boxes.iter().find(|b| b.kind == BoxKind::Pod).unwrap();
        assert!(pod.lines.iter().any(|l| l.contains("node id 100")), "{:?}", pod.lines);
        let combined =
            oriented(&Config { topology: kafka_expose::config::Topology::combined(), ..config }, orientation);
        assert!(!combined.boxes.iter().any(|b| b.kind == BoxKind::Quorum || b.kind == BoxKind::Controller));
        assert!(!combined.paths.iter().any(|p| p.kind == PathKind::Quorum));
        assert!(combined.summary.contains("Every broker is also a KRaft controller"));
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

#[test]
fn a_failure_note_takes_its_own_line_on_a_phone_and_compact_rows_keep_the_pods_name() {
    let config = Config::example(StrategyId::Externalname);
    let pod = |d: &Diagram| d.boxes.iter().find(|b| b.id == "pod-0").cloned().unwrap();
    // Wide: the note beside the pod's name. Narrow: under it, the row a line taller.
    let (wide, narrow) = (pod(&diagram(&config)), pod(&oriented(&config, Orientation::Narrow)));
    assert_eq!(wide.note, Some("✗ name does not resolve outside"));
    assert!(!wide.note_below);
    assert!(narrow.note_below, "{narrow:?}");
    assert_eq!(narrow.h, wide.h + 14.0);
    // Compact rows (13 brokers on a phone): the name stays whole, the DNS name and the note give way.
    let many = Config { replicas: 13, ..config };
    let compact = pod(&oriented(&many, Orientation::Narrow));
    assert!(compact.title.starts_with("kafka-0"), "{compact:?}");
    assert!(!compact.note_below);
    let services = oriented(&many, Orientation::Wide);
    let service = services.boxes.iter().find(|b| b.id == "svc-kafka-0-external").unwrap();
    assert!(
        service.title.starts_with("kafka-0-external · External") && service.title.ends_with('…'),
        "{service:?}"
    );
}

/// The page lays the diagram out again only when `diagram::pictured` changes (or the walkthrough):
/// every field it sets aside changes files only, never the picture, for every strategy. And it
/// does set them aside, while a field the picture shows (the namespace) stays.
#[test]
fn the_fields_the_picture_sets_aside_change_files_only() {
    use kafka_expose::diagram::pictured;
    type Edit = fn(&mut Config);
    let edits: [(&str, Edit); 8] = [
        ("image", |c| c.kafka.image = "registry.example/kafka:9".into()),
        ("kubectl image", |c| c.kafka.kubectl_image = "registry.example/kubectl:1".into()),
        ("cluster id", |c| c.kafka.cluster_id = Some("MkU3OEVBNTcwNTJENDM2Qg".into())),
        ("memory", |c| c.kafka.memory = "6Gi".into()),
        ("cpu", |c| c.kafka.cpu = "2".into()),
        ("volume", |c| {
            c.storage.size = "50Gi".into();
            c.storage.class_name = Some("fast".into());
        }),
        ("controller memory", |c| c.topology.controller_memory = "3Gi".into()),
        ("controller volume", |c| c.topology.controller_storage = "7Gi".into()),
    ];
    for id in StrategyId::ALL {
        let config = Config::example(id);
        for (what, edit) in edits {
            let mut edited = config.clone();
            edit(&mut edited);
            assert_ne!(edited, config, "{what}");
            assert_eq!(pictured(&edited), pictured(&config), "{what} is set aside");
            for orientation in [Orientation::Wide, Orientation::Narrow] {
                assert_eq!(oriented(&edited, orientation), oriented(&config, orientation), "{id}: {what}");
            }
        }
        let renamed = Config { namespace: "streams".into(), ..config.clone() };
        assert_ne!(pictured(&renamed), pictured(&config));
    }
}

/// Bootstrap is the walkthrough's first step: the diagram draws it too, from the client through
/// the bootstrap Service into a broker (any answers). On a phone every client path runs in a lane
/// of its own, right of the NetworkPolicy's frame, so that each can be followed.
#[test]
fn the_bootstrap_path_is_drawn_and_phone_lanes_stay_apart() {
    for id in StrategyId::ALL {
        for orientation in [Orientation::Wide, Orientation::Narrow] {
            let d = oriented(&Config::example(id), orientation);
            let bootstrap: Vec<_> = d.paths.iter().filter(|p| p.kind == PathKind::Bootstrap).collect();
            assert!(!bootstrap.is_empty(), "{id} {orientation:?}: no bootstrap path");
            let pods: Vec<_> = d.boxes.iter().filter(|b| b.kind == BoxKind::Pod).collect();
            let service = d.boxes.iter().find(|b| b.kind == BoxKind::ExternalService && b.broker.is_none());
            for path in &bootstrap {
                assert!(path.broker.is_none(), "{id}: {path:?}");
                // The example that breaks fails at bootstrap already: a stub from the client.
                if id == StrategyId::Externalname {
                    assert!(!path.ok && path.points.len() == 2, "{id}: {path:?}");
                    continue;
                }
                assert!(path.ok, "{id}: {path:?}");
                let &(x, y) = path.points.last().unwrap();
                assert!(
                    pods.iter().any(|p| (p.x..=p.x + p.w).contains(&x) && (p.y..=p.y + p.h).contains(&y)),
                    "{id} {orientation:?}: bootstrap ends outside every pod at {x},{y}"
                );
                // Through the bootstrap Service, where the strategy has one.
                if let Some(s) = service {
                    assert!(
                        path.points
                            .iter()
                            .any(|&(x, y)| (s.x..=s.x + s.w).contains(&x) && (s.y..=s.y + s.h).contains(&y)),
                        "{id} {orientation:?}: bootstrap misses {}",
                        s.title
                    );
                }
            }
            if orientation == Orientation::Narrow {
                let frame = d
                    .boxes
                    .iter()
                    .filter(|b| b.kind == BoxKind::Node)
                    .map(|b| b.x + b.w + 6.0)
                    .fold(0.0, f32::max);
                let mut lanes: Vec<f32> = d
                    .paths
                    .iter()
                    .filter(|p| matches!(p.kind, PathKind::Client | PathKind::Bootstrap))
                    .map(|p| p.points.iter().map(|pt| pt.0).fold(0.0, f32::max))
                    .collect();
                lanes.sort_by(f32::total_cmp);
                lanes.dedup();
                assert!(
                    lanes.iter().all(|&x| x > frame + 2.0),
                    "{id}: lanes {lanes:?} over the frame at {frame}"
                );
                // Bootstrap and 3 brokers: 4 lanes, wider apart than a TLS pipe.
                assert_eq!(lanes.len(), 4, "{id}: {lanes:?}");
                assert!(lanes.windows(2).all(|w| w[1] - w[0] >= 6.0), "{id}: {lanes:?}");
            }
        }
    }
}

/// A DNS name in a box breaks after a dot instead of being cut (the headless Service's domain with
/// a long namespace, on a phone).
#[test]
fn the_headless_domain_wraps_instead_of_being_cut() {
    let config = Config { namespace: "streaming-platform".into(), ..Config::default() };
    for orientation in [Orientation::Wide, Orientation::Narrow] {
        let d = oriented(&config, orientation);
        let headless = d.boxes.iter().find(|b| b.kind == BoxKind::Headless).unwrap();
        assert!(!headless.lines.iter().any(|l| l.contains('…')), "{:?}", headless.lines);
        assert_eq!(headless.lines[1..].concat(), "*.broker.streaming-platform.svc.cluster.local");
    }
    // So do a load balancer's names, in every Service box.
    let config = Config::example(StrategyId::LoadbalancerPerBroker);
    for orientation in [Orientation::Wide, Orientation::Narrow] {
        let d = oriented(&config, orientation);
        let services: Vec<_> = d.boxes.iter().filter(|b| b.kind == BoxKind::ExternalService).collect();
        assert!(services.iter().all(|b| !b.lines.iter().any(|l| l.contains('…'))), "{services:?}");
        let bootstrap = services.iter().find(|b| b.broker.is_none()).unwrap();
        assert_eq!(bootstrap.lines.concat(), "LoadBalancer kafka-bootstrap.example.com");
        assert!(bootstrap.h >= 32.0 + 14.0 * bootstrap.lines.len() as f32);
    }
}
