//! The diagram's layout: boxes for the client, the external Services, the nodes with their broker
//! pods, and the headless Service, and the paths the walkthrough's connections take between them.
//! Plain data in SVG user units; the page draws it and styles it by kind.

use crate::bundle::Generated;
use crate::naming::Names;
use crate::validate::Valid;
use crate::walkthrough::{Connection, Failure, Hop, Vantage, Walkthrough};
use k8s_openapi::api::core::v1::{Service, ServiceSpec};
use std::collections::HashMap;

/// What a box stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxKind {
    Client,
    ExternalService,
    Node,
    Pod,
    Headless,
}

/// A labelled rectangle.
#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    pub id: String,
    pub kind: BoxKind,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub title: String,
    pub lines: Vec<String>,
    /// The broker a pod box or per-broker Service belongs to.
    pub broker: Option<u32>,
    /// On a pod: why the client's connection to this broker fails, in a few words.
    pub note: Option<&'static str>,
}

impl Rect {
    /// Shortens the lines (monospace, about 6.4 units a character) that would overflow the box;
    /// the full text stays in the walkthrough and the files.
    fn fit_text(&mut self) {
        let room = ((self.w - 16.0) / 6.4) as usize;
        for line in &mut self.lines {
            if line.chars().count() > room {
                *line = line.chars().take(room.saturating_sub(1)).chain(['…']).collect();
            }
        }
    }

    fn left(&self) -> (f32, f32) {
        (self.x, self.y + self.h / 2.0)
    }
    fn right(&self) -> (f32, f32) {
        (self.x + self.w, self.y + self.h / 2.0)
    }
}

/// Which traffic a path carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// The client's connection to one broker, at its advertised address.
    Client,
    /// Brokers among themselves, through the headless Service's names.
    Internal,
}

/// A polyline between boxes.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub kind: PathKind,
    pub broker: Option<u32>,
    pub points: Vec<(f32, f32)>,
    /// Whether the connection reaches the broker it was meant for.
    pub ok: bool,
    /// The address dialled, and the reason when it fails.
    pub label: String,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub width: f32,
    pub height: f32,
    /// Small rows for many brokers.
    pub compact: bool,
    pub boxes: Vec<Rect>,
    pub paths: Vec<Path>,
    /// A text alternative for the whole diagram.
    pub summary: String,
}

/// Brokers beyond which pod boxes shrink to one line.
pub const COMPACT_FROM: u32 = 13;

/// Column positions, in SVG user units (the page scales the whole drawing to its width).
pub const CLIENT_X: f32 = 10.0;
const CLIENT_W: f32 = 120.0;
pub const SERVICE_X: f32 = 160.0;
const SERVICE_W: f32 = 245.0;
pub const NODE_X: f32 = 435.0;
const NODE_W: f32 = 380.0;
pub const HEADLESS_X: f32 = 845.0;
const HEADLESS_W: f32 = 235.0;
const TOP: f32 = 36.0;

/// Lays the diagram out for a valid config and the walkthrough to draw.
pub fn layout(valid: &Valid, generated: &Generated, walkthrough: &Walkthrough) -> Diagram {
    let config = valid.config();
    let names = Names::new(config);
    let compact = config.replicas >= COMPACT_FROM;
    let (row, gap) = if compact { (20.0, 4.0) } else { (58.0, 10.0) };
    let external: Vec<&Service> = generated.manifests.services.iter().skip(1).collect();
    let broker_of: HashMap<String, u32> =
        (0..config.replicas).map(|i| (names.broker_service(i), i)).collect();
    let per_broker = |s: &Service| -> Option<u32> { broker_of.get(s.metadata.name.as_deref()?).copied() };
    let shared: Vec<&Service> = external.iter().copied().filter(|s| per_broker(s).is_none()).collect();
    let mut boxes = Vec::new();

    // Shared Services take a band at the top; nodes and their pods start below it.
    let service_h = if compact { row } else { 46.0 };
    for (i, service) in shared.iter().enumerate() {
        boxes.push(service_box(service, None, TOP + i as f32 * (service_h + 10.0), service_h, compact));
    }
    let mut y = TOP + shared.len() as f32 * (service_h + 10.0);
    let mut pod_boxes: Vec<Option<Rect>> = vec![None; config.replicas as usize];
    for (n, node) in config.nodes.iter().enumerate() {
        let pods: Vec<u32> = (0..config.replicas).filter(|i| *i as usize % config.nodes.len() == n).collect();
        let header = 26.0;
        let height = header + pods.len() as f32 * (row + gap) + 6.0;
        boxes.push(Rect {
            id: format!("node-{n}"),
            kind: BoxKind::Node,
            x: NODE_X,
            y,
            w: NODE_W,
            h: height.max(header + 8.0),
            title: format!("node {} · {}", node.name, node.address),
            lines: Vec::new(),
            broker: None,
            note: None,
        });
        for (k, ordinal) in pods.iter().enumerate() {
            let pod_y = y + header + k as f32 * (row + gap);
            // Compact rows carry the DNS name on the title line.
            let (title, lines) = if compact {
                (format!("{} · {}", names.pod(*ordinal), names.pod_fqdn(*ordinal)), Vec::new())
            } else {
                let host_port = if valid.strategy().uses_host_port() { " (hostPort)" } else { "" };
                let ports = format!(
                    "{} INTERNAL · {} CONTROLLER · {} EXTERNAL{host_port}",
                    config.ports.internal, config.ports.controller, config.ports.external
                );
                (names.pod(*ordinal), vec![names.pod_fqdn(*ordinal), ports])
            };
            pod_boxes[*ordinal as usize] = Some(Rect {
                id: format!("pod-{ordinal}"),
                kind: BoxKind::Pod,
                x: NODE_X + 12.0,
                y: pod_y,
                w: NODE_W - 24.0,
                h: row,
                title,
                lines,
                broker: Some(*ordinal),
                note: walkthrough
                    .connection(*ordinal)
                    .and_then(|c| c.result.as_ref().err())
                    .map(Failure::short),
            });
        }
        y += height.max(header + 8.0) + 12.0;
    }
    let pods: Vec<Rect> = pod_boxes.into_iter().flatten().collect();

    // Per-broker Services sit level with their pod.
    for service in &external {
        if let Some(ordinal) = per_broker(service) {
            let pod = &pods[ordinal as usize];
            let h = service_h.min(pod.h);
            boxes.push(service_box(service, Some(ordinal), pod.y + (pod.h - h) / 2.0, h, compact));
        }
    }
    let headless = Rect {
        id: "headless".into(),
        kind: BoxKind::Headless,
        x: HEADLESS_X,
        y: TOP,
        w: HEADLESS_W,
        h: 62.0,
        title: format!("Service {} (headless)", names.headless_service()),
        lines: vec!["clusterIP: None".into(), format!("*.{}", names.headless_domain())],
        broker: None,
        note: None,
    };
    let client = Rect {
        id: "client".into(),
        kind: BoxKind::Client,
        x: CLIENT_X,
        y: TOP,
        w: CLIENT_W,
        h: 52.0,
        title: match walkthrough.vantage {
            Vantage::Outside => "Client outside".into(),
            Vantage::InCluster => "Client pod".into(),
        },
        lines: vec![match walkthrough.vantage {
            Vantage::Outside => "the cluster".into(),
            Vantage::InCluster => "in the cluster".into(),
        }],
        broker: None,
        note: None,
    };

    let mut paths = Vec::new();
    let by_id: HashMap<&str, &Rect> = boxes.iter().map(|b| (b.id.as_str(), b)).collect();
    for connection in &walkthrough.connections {
        paths.extend(client_paths(connection, &client, &by_id, &pods));
    }
    for pod in &pods {
        let (hx, hy) = (headless.x, headless.y + headless.h);
        let (px, py) = pod.right();
        paths.push(Path {
            kind: PathKind::Internal,
            broker: pod.broker,
            points: vec![(hx + 20.0, hy), (hx + 20.0, py), (px, py)],
            ok: true,
            label: format!("{}:{}", names.pod_fqdn(pod.broker.unwrap_or_default()), config.ports.internal),
        });
    }
    let height = y.max(headless.y + headless.h) + 10.0;
    let reachable = walkthrough.connections.iter().filter(|c| c.succeeded()).count();
    let summary = format!(
        "{} brokers on {} nodes behind headless Service {}; {} external Service(s). From {}, {} of {} \
         brokers are reachable at their advertised address.",
        config.replicas,
        config.nodes.len(),
        names.headless_service(),
        external.len(),
        match walkthrough.vantage {
            Vantage::Outside => "outside the cluster",
            Vantage::InCluster => "a pod in the cluster",
        },
        reachable,
        config.replicas
    );
    boxes.push(client);
    boxes.push(headless);
    boxes.extend(pods);
    for b in &mut boxes {
        b.fit_text();
    }
    Diagram { width: HEADLESS_X + HEADLESS_W + 10.0, height, compact, boxes, paths, summary }
}

fn service_box(service: &Service, broker: Option<u32>, y: f32, h: f32, compact: bool) -> Rect {
    let name = service.metadata.name.clone().unwrap_or_default();
    let default = ServiceSpec::default();
    let spec = service.spec.as_ref().unwrap_or(&default);
    let port = spec.ports.as_ref().and_then(|p| p.first());
    let detail = match spec.type_.as_deref().unwrap_or("ClusterIP") {
        "NodePort" => {
            let local = if spec.external_traffic_policy.as_deref() == Some("Local") { ", Local" } else { "" };
            format!("NodePort {}{local}", port.and_then(|p| p.node_port).unwrap_or_default())
        }
        "LoadBalancer" => format!(
            "LoadBalancer {}",
            service
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(crate::naming::EXTERNAL_DNS_HOSTNAME))
                .cloned()
                .unwrap_or_default()
        ),
        "ExternalName" => format!("ExternalName → {}", spec.external_name.clone().unwrap_or_default()),
        other => other.to_string(),
    };
    Rect {
        id: format!("svc-{name}"),
        kind: BoxKind::ExternalService,
        x: SERVICE_X,
        y,
        w: SERVICE_W,
        h,
        title: if compact { format!("{name} · {detail}") } else { name },
        lines: if compact { Vec::new() } else { vec![detail] },
        broker,
        note: None,
    }
}

/// The polylines of one connection: client → entry boxes → the pod(s) it lands on.
/// `boxes` are the boxes drawn so far, by id.
fn client_paths(
    connection: &Connection,
    client: &Rect,
    boxes: &HashMap<&str, &Rect>,
    pods: &[Rect],
) -> Vec<Path> {
    let mut points = vec![client.right()];
    let mut ends = Vec::new();
    for hop in &connection.hops {
        match hop {
            Hop::Node { node, .. } => {
                if let Some(b) = boxes.get(format!("node-{node}").as_str()) {
                    points.push((b.x, b.y + 13.0));
                }
            }
            Hop::Service { name } => {
                if let Some(b) = boxes.get(format!("svc-{name}").as_str()) {
                    points.push(b.left());
                    points.push(b.right());
                }
            }
            Hop::AnyNode { .. } => {}
            Hop::Pod { ordinal, .. } => {
                if let Some(pod) = pods.get(*ordinal as usize) {
                    ends.push(pod.left());
                }
            }
        }
    }
    let ok = connection.succeeded();
    let label = match &connection.result {
        Ok(_) => connection.address.clone(),
        Err(failure) => format!("{}: {}", connection.address, failure.describe()),
    };

    if ends.is_empty() {
        // It goes nowhere: a short stub from the client, ending in the failure.
        let (x, y) = *points.last().unwrap_or(&client.right());
        let row = connection.broker.unwrap_or_default() as f32;
        points.push((x + 18.0, y + 6.0 * row.min(6.0)));
        return vec![Path { kind: PathKind::Client, broker: connection.broker, points, ok, label }];
    }
    ends.into_iter()
        .map(|end| {
            let mut points = points.clone();
            let (x, _) = *points.last().unwrap_or(&client.right());
            points.push(((x + end.0) / 2.0, end.1));
            points.push(end);
            Path { kind: PathKind::Client, broker: connection.broker, points, ok, label: label.clone() }
        })
        .collect()
}
