//! The diagram's layout: boxes for the client, the external Services, the nodes with their broker
//! pods, the headless Service and the dedicated controllers, and the paths the walkthrough's
//! connections take between them.
//! Plain data in SVG user units; the page draws it and styles it by kind.

use crate::bundle::Generated;
use crate::config::Config;
use crate::naming::Names;
use crate::sim::route::{Connection, Failure, Hop, Vantage, Walkthrough};
use crate::validate::Valid;
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
    /// The NetworkPolicy's boundary around the brokers.
    Boundary,
    /// The dedicated controllers' StatefulSet: the KRaft quorum, never exposed.
    Quorum,
    /// One dedicated controller, inside the quorum's box.
    Controller,
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
    /// The note has a line of its own under the title: both did not fit on one.
    pub note_below: bool,
}

/// The estimated width of `text` in the page's sans-serif at weight 600 and `size` units: 0.64 em
/// a character, more than DejaVu Sans Bold (among the widest of the usual sans-serif fonts) takes
/// for names and notes (0.55-0.6 em, measured), so that the estimate errs wide. The e2e tests
/// measure the drawing as laid out.
fn sans_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * sans_char(size)
}

/// The estimated width of one character in that font (see `sans_width`).
const fn sans_char(size: f32) -> f32 {
    0.64 * size
}

/// How many characters of the boxes' monospace lines fit in a box `width` units wide.
fn room(width: f32) -> usize {
    ((width - 16.0) / CHAR_WIDTH) as usize
}

/// `text` cut with an ellipsis to `room` characters, if longer.
fn cut(text: &mut String, room: usize) {
    if text.chars().count() > room {
        *text = text.chars().take(room.saturating_sub(1)).chain(['…']).collect();
    }
}

/// The size of a pod's note (`.box-note`), and of the titles of compact rows (`.compact .box-title`).
const NOTE_SIZE: f32 = 11.5;
/// The estimated width of a character of a full row's title (13 units, weight 600: `.box-title`).
const TITLE_CHAR: f32 = sans_char(13.0);
/// Between a compact row's name and its detail, on the title's line.
const BESIDE: &str = " · ";

/// A compact row's title, `name · detail`, cut to `room` characters: the detail is cut with an
/// ellipsis while a few of its characters still fit, else left out; the name is cut last.
fn cut_title(title: &mut String, room: usize) {
    if title.chars().count() <= room {
        return;
    }
    if let Some((name, _)) = title.split_once(BESIDE) {
        if name.chars().count() + BESIDE.chars().count() + 6 > room {
            *title = name.to_string();
        }
    }
    cut(title, room);
}

impl Rect {
    /// A box with a title and `lines`, of no broker, with no note.
    fn titled(
        id: impl Into<String>,
        kind: BoxKind,
        (x, y, w, h): (f32, f32, f32, f32),
        title: String,
        lines: Vec<String>,
    ) -> Rect {
        Rect { id: id.into(), kind, x, y, w, h, title, lines, broker: None, note: None, note_below: false }
    }

    /// Shortens what would overflow the box: the lines (monospace, `CHAR_WIDTH` units a
    /// character); a compact row's title, beside its note (a note that leaves no room for the
    /// pod's name on its line is shortened to its mark); a quorum's title, a name the user chose.
    /// Full rows' other titles are short names that fit (the e2e tests measure every box's text
    /// as laid out). The full text stays in the walkthrough and the files.
    fn fit_text(&mut self, compact: bool) {
        let room = room(self.w);
        for line in &mut self.lines {
            cut(line, room);
        }
        if self.kind == BoxKind::Quorum {
            cut(&mut self.title, ((self.w - 16.0) / 8.0) as usize);
        }
        if !(compact && matches!(self.kind, BoxKind::Pod | BoxKind::ExternalService)) {
            return;
        }
        let title_char = sans_char(NOTE_SIZE);
        let name = self.title.split(BESIDE).next().unwrap_or_default().chars().count() as f32 * title_char;
        if let Some(note) = self.note {
            if self.w - 16.0 - 8.0 - sans_width(note, NOTE_SIZE) < name {
                self.note = Some(note.split(' ').next().unwrap_or(note));
            }
        }
        let beside = self.note.map_or(0.0, |note| sans_width(note, NOTE_SIZE) + 8.0);
        cut_title(&mut self.title, ((self.w - 16.0 - beside) / title_char) as usize);
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
    /// The client's first connection, to a bootstrap server: whichever broker answers sends the
    /// metadata (drawn into a few of the brokers it may reach).
    Bootstrap,
    /// Brokers among themselves, through the headless Service's names.
    Internal,
    /// The brokers to the dedicated controllers, on CONTROLLER: metadata, never a client's.
    Quorum,
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
    /// Whether the connection is encrypted (its TLS handshake succeeded).
    pub tls: bool,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub width: f32,
    pub height: f32,
    /// Small rows for many brokers.
    pub compact: bool,
    pub orientation: Orientation,
    pub boxes: Vec<Rect>,
    pub paths: Vec<Path>,
    pub headings: Vec<Heading>,
    /// A text alternative for the whole diagram.
    pub summary: String,
}

/// Brokers beyond which pod boxes shrink to one line.
pub const COMPACT_FROM: u32 = 13;

/// How the drawing is laid out: columns side by side on a wide screen, or one column, top to
/// bottom, that fits a phone at a readable size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// Client, external Services, nodes and the headless Service in four columns, 1090 units wide:
    /// the page draws it only where it fits at full size, so its text stays readable.
    Wide,
    /// The same boxes stacked in one column 350 units wide; paths run in a lane on the right.
    Narrow,
}

/// A column's or band's heading in the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub x: f32,
    pub y: f32,
    pub text: &'static str,
}

/// Where each kind of box goes, in SVG user units (the page scales the drawing to its width).
struct Geometry {
    client: (f32, f32),
    service: (f32, f32),
    node: (f32, f32),
    headless: (f32, f32),
    width: f32,
    /// Narrow: how far apart the brokers' lanes are, spread over the room right of the boxes (a
    /// lane each, up to 7, then shared).
    lane_step: f32,
}

impl Geometry {
    fn of(orientation: Orientation) -> Geometry {
        match orientation {
            Orientation::Wide => Geometry {
                client: (10.0, 120.0),
                service: (160.0, 245.0),
                node: (435.0, 370.0),
                headless: (835.0, 245.0),
                width: 1090.0,
                lane_step: 0.0,
            },
            // Boxes from 8 to 312 (the NetworkPolicy's frame from 2 to 318); the lanes for the
            // client's paths from 322 to 346, clear of the frame; the brokers' paths to the
            // headless Service run at 4, left of the boxes.
            Orientation::Narrow => Geometry {
                client: (8.0, 304.0),
                service: (8.0, 304.0),
                node: (8.0, 304.0),
                headless: (8.0, 304.0),
                width: 350.0,
                lane_step: 0.0,
            },
        }
    }
}

/// Wide: where the columns' first boxes start, under their headings.
const TOP: f32 = 36.0;
/// Wide: the columns' headings' baseline.
const HEADINGS_Y: f32 = 20.0;
/// How far above its band's first box a heading's baseline sits.
const HEADING_ABOVE: f32 = 16.0;
/// The space between two boxes one under the other (Services, the Gateway).
const GAP: f32 = 10.0;
/// The height of a line of a box's monospace text.
const LINE: f32 = 14.0;
/// A full row's height above its lines: the title and the first line's baseline (`draw_box`).
const ROW_TITLE: f32 = 30.0;
/// A compact row's height, and the gap between compact rows.
const COMPACT_ROW: (f32, f32) = (20.0, 4.0);
/// A node box: the band its title takes above its pods, the pods' inset from its sides, the room
/// under its last pod, and the space between two nodes.
const NODE_TITLE: f32 = 26.0;
const POD_INSET: f32 = 12.0;
const NODE_BOTTOM: f32 = 6.0;
const NODE_GAP: f32 = 12.0;
/// The NetworkPolicy's boundary: the band its label takes above the first node, and how far the
/// boundary stands out of the nodes on each side.
const POLICY_LABEL: f32 = 24.0;
const POLICY_MARGIN: f32 = 6.0;
/// The Gateway's box: its height, and how far under the client it sits (wide).
const GATEWAY_H: f32 = 64.0;
const GATEWAY_BELOW_CLIENT: f32 = 24.0;
/// The width of a character of the boxes' monospace lines (11.5 units, `.box-line`).
const CHAR_WIDTH: f32 = 6.9;
/// Narrow: the room the brokers' lanes spread over, right of bootstrap's.
const LANES: f32 = 18.0;
/// The height of a band's heading in the narrow drawing.
const HEADING: f32 = 28.0;

/// The config as the picture reads it: the fields only the files read (the images, the cluster
/// id, memory, CPU and volumes) at their defaults. Two configs with one `pictured` config have one
/// picture (`tests/diagram.rs` changes each of these fields and compares), so the page lays the
/// diagram out again only when this changes, or the walkthrough does.
pub fn pictured(config: &Config) -> Config {
    let defaults = Config::default();
    Config {
        kafka: defaults.kafka,
        storage: defaults.storage,
        topology: crate::config::Topology {
            controller_memory: defaults.topology.controller_memory,
            controller_storage: defaults.topology.controller_storage,
            ..config.topology.clone()
        },
        ..config.clone()
    }
}

/// Lays the diagram out for a valid config and the walkthrough to draw: the client, the external
/// Services, the nodes with their pods, the headless Service, and with dedicated controllers the
/// quorum; then the paths between them.
pub fn layout(
    valid: &Valid,
    generated: &Generated,
    walkthrough: &Walkthrough,
    orientation: Orientation,
) -> Diagram {
    let mut g = Geometry::of(orientation);
    g.lane_step = LANES / (valid.config().replicas.clamp(2, 7) - 1) as f32;
    let narrow = orientation == Orientation::Narrow;
    let config = valid.config();
    let names = Names::new(config);
    let rows = Rows::of(config, &names, &g, walkthrough);
    let compact = rows.compact;
    let external: Vec<&Service> = generated.manifests.exposure_services().iter().collect();
    let broker_of: HashMap<String, u32> =
        (0..config.replicas).map(|i| (names.broker_service(i), i)).collect();
    let per_broker = |s: &Service| -> Option<u32> { broker_of.get(s.metadata.name.as_deref()?).copied() };
    let service_h = if compact { rows.height } else { service_height(&external, g.service.1) };
    let mut boxes = Vec::new();
    let mut headings = Vec::new();

    let client = client_box(&g, walkthrough.vantage);
    let client_heading = match walkthrough.vantage {
        Vantage::Outside | Vantage::NodeNetwork => "Outside",
        Vantage::InCluster => "Client",
    };
    headings.push(Heading { x: g.client.0, y: HEADINGS_Y, text: client_heading });

    // Wide: shared Services at the top of their column, nodes below them in theirs, per-broker
    // Services level with their pod. Narrow: client, then every external Service, then the nodes,
    // then the headless Service, each band under its heading.
    let mut y = if narrow { client.y + client.h + HEADING } else { TOP };
    let services_top = y;
    if !external.is_empty() {
        headings.push(Heading { x: g.service.0, y: y - HEADING_ABOVE, text: "External Services" });
    }
    // A Gateway's TLS listener, which every connection goes through first: under the client (wide),
    // or first in the band (narrow).
    if let Some(listener) = gateway_listener(config, generated) {
        let (x, w) = if narrow { g.service } else { g.client };
        let top = if narrow { y } else { client.y + client.h + GATEWAY_BELOW_CLIENT };
        boxes.push(Rect::titled(
            "gateway",
            BoxKind::ExternalService,
            (x, top, w, GATEWAY_H),
            listener.0,
            listener.1,
        ));
        if narrow {
            y += GATEWAY_H + GAP;
        }
    }
    let banded: Vec<&Service> =
        external.iter().copied().filter(|s| narrow || per_broker(s).is_none()).collect();
    for service in &banded {
        boxes.push(service_box(service, per_broker(service), g.service, y, service_h, compact));
        y += service_h + GAP;
    }
    if narrow {
        y += if banded.is_empty() { 0.0 } else { HEADING - GAP };
    } else {
        y = services_top + banded.len() as f32 * (service_h + GAP);
    }
    headings.push(Heading {
        x: g.node.0,
        y: if narrow { y - HEADING_ABOVE } else { HEADINGS_Y },
        text: "Nodes and broker pods",
    });
    // The NetworkPolicy encloses the brokers, its label above the first node.
    let policy = generated.manifests.network_policy.is_some();
    if policy {
        y += POLICY_LABEL;
    }
    let nodes_top = y;
    let (nodes, pods, nodes_end) = node_band(valid, &g, nodes_top, &rows, walkthrough);
    boxes.extend(nodes);
    y = nodes_end;
    let nodes_bottom = y - NODE_GAP;
    if policy {
        boxes.push(Rect::titled(
            "network-policy",
            BoxKind::Boundary,
            (
                g.node.0 - POLICY_MARGIN,
                nodes_top - POLICY_LABEL,
                g.node.1 + 2.0 * POLICY_MARGIN,
                y - nodes_top + POLICY_LABEL - POLICY_MARGIN,
            ),
            // Short enough for the narrow drawing's 308 units in a wide sans-serif (the e2e tests
            // measure every box's text as Chromium lays it out).
            "NetworkPolicy closes INTERNAL, CONTROLLER".into(),
            Vec::new(),
        ));
    }

    if !narrow {
        // Per-broker Services sit level with their pod.
        for service in &external {
            if let Some(ordinal) = per_broker(service) {
                let pod = &pods[ordinal as usize];
                let h = service_h.min(pod.h);
                boxes.push(service_box(
                    service,
                    Some(ordinal),
                    g.service,
                    pod.y + (pod.h - h) / 2.0,
                    h,
                    compact,
                ));
            }
        }
    }
    // Narrow: the band's heading clears the NetworkPolicy's boundary, which stands out under the
    // nodes, by 2 more.
    let clear_policy = if policy { POLICY_MARGIN + 2.0 } else { 0.0 };
    let headless_y = if narrow { nodes_bottom + HEADING + clear_policy } else { TOP };
    headings.push(Heading {
        x: g.headless.0,
        y: if narrow { headless_y - HEADING_ABOVE } else { HEADINGS_Y },
        text: "Headless Service",
    });
    // Its names' domain breaks after a dot where the box is too narrow for it whole.
    let domain = wrap_at_dots(&format!("*.{}", names.headless_domain()), room(g.headless.1));
    let headless = Rect::titled(
        "headless",
        BoxKind::Headless,
        (g.headless.0, headless_y, g.headless.1, 48.0 + LINE * domain.len() as f32),
        format!("Service {} (headless)", names.headless_service()),
        std::iter::once("clusterIP: None".to_string()).chain(domain).collect(),
    );

    let mut paths = Vec::new();
    let by_id: HashMap<&str, &Rect> = boxes.iter().map(|b| (b.id.as_str(), b)).collect();
    for connection in &walkthrough.bootstrap {
        paths.extend(client_paths(connection, &client, &by_id, &pods, orientation, &g));
    }
    for connection in &walkthrough.connections {
        paths.extend(client_paths(connection, &client, &by_id, &pods, orientation, &g));
    }
    paths.extend(internal_paths(config, &pods, &headless, narrow));
    // Dedicated controllers: the quorum, under the headless Service, apart from every client path.
    let quorum = config.topology.dedicated().then(|| {
        let (heading, quorum, rows, path) = quorum(config, &g, narrow, &headless, nodes_bottom);
        headings.push(heading);
        paths.push(path);
        (quorum, rows)
    });
    let bottom = quorum.as_ref().map_or(0.0, |(q, _)| q.y + q.h);
    let height = y.max(headless.y + headless.h + GAP).max(bottom + GAP) + GAP;
    let summary = summary(config, external.len(), walkthrough);
    boxes.push(client);
    boxes.push(headless);
    boxes.extend(pods);
    if let Some((quorum, controllers)) = quorum {
        boxes.push(quorum);
        boxes.extend(controllers);
    }
    for b in &mut boxes {
        b.fit_text(compact);
    }
    Diagram { width: g.width, height, compact, orientation, boxes, paths, headings, summary }
}

/// How the pods' rows are drawn: their height and the gap under each, whether compact, how many
/// characters a line holds, and whether a failing pod's note has a line of its own.
struct Rows {
    height: f32,
    gap: f32,
    compact: bool,
    room: usize,
    note_below: bool,
}

impl Rows {
    fn of(config: &Config, names: &Names, g: &Geometry, walkthrough: &Walkthrough) -> Rows {
        let compact = config.replicas >= COMPACT_FROM;
        // A pod's DNS name breaks after a dot where its box is too narrow for it whole; rows are
        // as tall as the longest name (the last broker's) needs.
        let pod_w = g.node.1 - 2.0 * POD_INSET;
        let room = room(pod_w);
        let fqdn_lines = wrap_at_dots(&names.pod_fqdn(config.replicas.saturating_sub(1)), room).len();
        // Why a broker's connection fails goes beside the pod's name where both fit, else (full
        // rows only) on a line of its own, in every row alike.
        let note_below = !compact
            && (0..config.replicas).any(|i| {
                note(walkthrough, i).is_some_and(|note| {
                    names.pod(i).chars().count() as f32 * TITLE_CHAR + 8.0 + sans_width(note, NOTE_SIZE)
                        > pod_w - 16.0
                })
            });
        // A full row's lines: the pod's DNS name, its listeners, its node id, and a note on its own.
        let (height, gap) = if compact {
            COMPACT_ROW
        } else {
            (ROW_TITLE + LINE * (fqdn_lines + 2 + usize::from(note_below)) as f32, GAP)
        };
        Rows { height, gap, compact, room, note_below }
    }
}

/// Why the client's connection to broker `ordinal` fails, in a few words, if it does.
fn note(walkthrough: &Walkthrough, ordinal: u32) -> Option<&'static str> {
    walkthrough.connection(ordinal).and_then(|c| c.result.as_ref().err()).map(Failure::short)
}

/// The nodes' band from `top`: a box for each node with its pods, and last the pods no node takes
/// (Pending) in a box of their own. Returns the node boxes, the pods in ordinal order and where
/// the band ends (under the last node's gap).
fn node_band(
    valid: &Valid,
    g: &Geometry,
    top: f32,
    rows: &Rows,
    walkthrough: &Walkthrough,
) -> (Vec<Rect>, Vec<Rect>, f32) {
    let config = valid.config();
    let mut placed: Vec<Vec<u32>> = vec![Vec::new(); config.nodes.len() + 1];
    for i in 0..config.replicas {
        let at = crate::strategy::preview_node(config, i).unwrap_or(config.nodes.len());
        placed[at].push(i);
    }
    let pending = placed.pop().unwrap_or_default();
    let groups = config.nodes.iter().zip(placed).enumerate().map(|(n, (node, pods))| {
        let title = if node.internal.is_empty() {
            format!("node {} · {}", node.name, node.address)
        } else {
            format!("node {} · {} · inside {}", node.name, node.address, node.internal)
        };
        (format!("node-{n}"), title, pods)
    });
    let pending_group = (!pending.is_empty())
        .then(|| ("pending".to_string(), "Pending · no node can take these pods".to_string(), pending));
    let (mut nodes, mut pod_boxes) = (Vec::new(), vec![None; config.replicas as usize]);
    let mut y = top;
    for (id, title, pods) in groups.chain(pending_group) {
        let step = rows.height + rows.gap;
        let height = (NODE_TITLE + pods.len() as f32 * step + NODE_BOTTOM).max(NODE_TITLE + 8.0);
        nodes.push(Rect::titled(id, BoxKind::Node, (g.node.0, y, g.node.1, height), title, Vec::new()));
        for (k, &ordinal) in pods.iter().enumerate() {
            let (title, lines) = pod_text(valid, ordinal, rows.compact, rows.room);
            pod_boxes[ordinal as usize] = Some(Rect {
                id: format!("pod-{ordinal}"),
                kind: BoxKind::Pod,
                x: g.node.0 + POD_INSET,
                y: y + NODE_TITLE + k as f32 * step,
                w: g.node.1 - 2.0 * POD_INSET,
                h: rows.height,
                title,
                lines,
                broker: Some(ordinal),
                note: note(walkthrough, ordinal),
                note_below: rows.note_below,
            });
        }
        y += height + NODE_GAP;
    }
    (nodes, pod_boxes.into_iter().flatten().collect(), y)
}

/// The Gateway's box, with the strategy that routes through one: its title and lines.
fn gateway_listener(config: &Config, generated: &Generated) -> Option<(String, Vec<String>)> {
    if generated.manifests.gateway.routes.is_empty() {
        return None;
    }
    let gateway = &config.gateway;
    Some((
        "Gateway".into(),
        vec![gateway.name.clone(), "TLS passthrough".into(), format!(":{}, by SNI", gateway.port)],
    ))
}

/// The client's box: outside the cluster, or a pod in it.
fn client_box(g: &Geometry, vantage: Vantage) -> Rect {
    let (title, line) = match vantage {
        Vantage::Outside => ("Client outside", "the cluster"),
        Vantage::NodeNetwork => ("Client outside", "on the nodes' network"),
        Vantage::InCluster => ("Client pod", "in the cluster"),
    };
    Rect::titled(
        "client",
        BoxKind::Client,
        (g.client.0, TOP, g.client.1, 52.0),
        title.into(),
        vec![line.into()],
    )
}

/// A broker pod's title and lines: its DNS name (broken after dots to fit `room` characters), its
/// listeners' ports and its node id. Compact rows carry the DNS name on the title line alone.
fn pod_text(valid: &Valid, ordinal: u32, compact: bool, room: usize) -> (String, Vec<String>) {
    let config = valid.config();
    let names = Names::new(config);
    if compact {
        return (format!("{}{BESIDE}{}", names.pod(ordinal), names.pod_fqdn(ordinal)), Vec::new());
    }
    let host_port = if valid.strategy().uses_host_port() { " (hostPort)" } else { "" };
    let ports = &config.ports;
    let mut lines = wrap_at_dots(&names.pod_fqdn(ordinal), room);
    lines.push(if config.topology.dedicated() {
        let id = crate::plan::topology::FIRST_BROKER_ID + ordinal;
        format!("INTERNAL {} · node id {id}", ports.internal)
    } else {
        format!("INTERNAL {} · CONTROLLER {}", ports.internal, ports.controller)
    });
    lines.push(format!("EXTERNAL {}{host_port}", ports.external));
    (names.pod(ordinal), lines)
}

/// Each running pod's path to the headless Service, which names it (a Pending pod has no address:
/// no path). Narrow: along the left margin, down to the Service below the nodes.
fn internal_paths(config: &Config, pods: &[Rect], headless: &Rect, narrow: bool) -> Vec<Path> {
    let names = Names::new(config);
    let running = |pod: &&Rect| pod.broker.and_then(|b| crate::strategy::preview_node(config, b)).is_some();
    pods.iter()
        .filter(running)
        .map(|pod| {
            let points = if narrow {
                let (px, py) = pod.left();
                let (hx, hy) = headless.left();
                vec![(px, py), (4.0, py), (4.0, hy), (hx, hy)]
            } else {
                let (hx, hy) = (headless.x, headless.y + headless.h);
                let (px, py) = pod.right();
                vec![(hx + 20.0, hy), (hx + 20.0, py), (px, py)]
            };
            Path {
                kind: PathKind::Internal,
                broker: pod.broker,
                points,
                ok: true,
                label: format!(
                    "{}:{}",
                    names.pod_fqdn(pod.broker.unwrap_or_default()),
                    config.ports.internal
                ),
                tls: false,
            }
        })
        .collect()
}

/// Dedicated controllers: the quorum's heading, box and rows, under the headless Service and apart
/// from every client path, and one path for every broker: each dials the voters at their headless
/// names.
fn quorum(
    config: &Config,
    g: &Geometry,
    narrow: bool,
    headless: &Rect,
    nodes_bottom: f32,
) -> (Heading, Rect, Vec<Rect>, Path) {
    let names = Names::new(config);
    // Wide: right of the brokers' dotted lines down from the headless Service.
    let (x, w) = if narrow { g.headless } else { (g.headless.0 + 30.0, g.headless.1 - 30.0) };
    let top = headless.y + headless.h + HEADING + 6.0;
    let controllers = config.topology.controllers;
    let (header, row, gap) = (58.0, 20.0, 4.0);
    let quorum = Rect {
        id: "quorum".into(),
        kind: BoxKind::Quorum,
        x,
        y: top,
        w,
        h: header + controllers as f32 * (row + gap) + 4.0,
        title: names.controller_statefulset(),
        lines: vec![
            format!("StatefulSet, {controllers} voters"),
            format!("CONTROLLER {} only", config.ports.controller),
        ],
        broker: None,
        note: None,
        note_below: false,
    };
    let rows: Vec<Rect> = (0..controllers)
        .map(|i| {
            Rect::titled(
                format!("controller-{i}"),
                BoxKind::Controller,
                (x + 8.0, top + header + i as f32 * (row + gap), w - 16.0, row),
                format!("{} · voter {i}", names.controller_pod(i)),
                Vec::new(),
            )
        })
        .collect();
    // One path for every broker: each dials the voters at their headless names.
    let (qx, qy) = (quorum.x, quorum.y + 13.0);
    let points = if narrow {
        let (right, lane) = (g.node.0 + g.node.1, g.width - 8.0);
        vec![(right, nodes_bottom - 14.0), (lane, nodes_bottom - 14.0), (lane, qy), (qx + w, qy)]
    } else {
        vec![(g.node.0 + g.node.1, qy), (qx, qy)]
    };
    let path = Path {
        kind: PathKind::Quorum,
        broker: None,
        points,
        ok: true,
        label: format!(
            "brokers (node ids {}+) → {} voters at *.{}:{}",
            crate::plan::topology::FIRST_BROKER_ID,
            controllers,
            names.controller_domain(),
            config.ports.controller
        ),
        tls: false,
    };
    (Heading { x, y: top - 12.0, text: "KRaft quorum" }, quorum, rows, path)
}

/// The drawing in a sentence, for screen readers.
fn summary(config: &Config, external: usize, walkthrough: &Walkthrough) -> String {
    let reachable = walkthrough.connections.iter().filter(|c| c.succeeded()).count();
    format!(
        "{} brokers on {} nodes behind headless Service {}; {external} external Service(s).{} From {}, \
         {reachable} of {} brokers are reachable at their advertised address.",
        config.replicas,
        config.nodes.len(),
        Names::new(config).headless_service(),
        if config.topology.dedicated() {
            format!(
                " The KRaft quorum is {} dedicated controllers, which no client reaches.",
                config.topology.controllers
            )
        } else {
            " Every broker is also a KRaft controller.".to_string()
        },
        walkthrough.vantage.describe(),
        config.replicas
    )
}

fn service_box(
    service: &Service,
    broker: Option<u32>,
    (x, w): (f32, f32),
    y: f32,
    h: f32,
    compact: bool,
) -> Rect {
    let name = service.metadata.name.clone().unwrap_or_default();
    let detail = service_detail(service);
    Rect {
        id: format!("svc-{name}"),
        kind: BoxKind::ExternalService,
        x,
        y,
        w,
        h,
        title: if compact { format!("{name}{BESIDE}{detail}") } else { name },
        // A load balancer's DNS name breaks after a dot instead of being cut.
        lines: if compact { Vec::new() } else { wrap_at_dots(&detail, room(w)) },
        broker,
        note: None,
        note_below: false,
    }
}

/// The height of a full row's Service box: its name and its detail's lines.
fn service_height(services: &[&Service], w: f32) -> f32 {
    let lines = services.iter().map(|s| wrap_at_dots(&service_detail(s), room(w)).len()).max();
    32.0 + 14.0 * lines.unwrap_or(1) as f32
}

/// What a Service box says under its name: its type, and its node port, load balancer name or
/// external name.
fn service_detail(service: &Service) -> String {
    let default = ServiceSpec::default();
    let spec = service.spec.as_ref().unwrap_or(&default);
    let port = spec.ports.as_ref().and_then(|p| p.first());
    match spec.type_.as_deref().unwrap_or("ClusterIP") {
        "NodePort" => {
            let local = if spec.external_traffic_policy.as_deref() == Some("Local") { ", Local" } else { "" };
            format!("NodePort {}{local}", port.and_then(|p| p.node_port).unwrap_or_default())
        }
        // By the name external-dns publishes for it, or the address and port it shares.
        "LoadBalancer" => match (
            service.metadata.annotations.as_ref().and_then(|a| a.get(crate::naming::EXTERNAL_DNS_HOSTNAME)),
            crate::sim::load_balancer::requested(service),
        ) {
            (Some(name), _) => format!("LoadBalancer {name}"),
            (None, Some(ip)) => format!("LoadBalancer {ip}:{}", port.map_or(0, |p| p.port)),
            (None, None) => format!("LoadBalancer, every node:{}", port.map_or(0, |p| p.port)),
        },
        "ExternalName" => format!("ExternalName → {}", spec.external_name.clone().unwrap_or_default()),
        other => other.to_string(),
    }
}

/// The polylines of one connection: client → entry boxes → the pod(s) it lands on. `boxes` are
/// the boxes drawn so far, by id. Wide, a path runs left to right through the boxes; narrow, it
/// runs down a lane right of the boxes and turns into each box it enters.
fn client_paths(
    connection: &Connection,
    client: &Rect,
    boxes: &HashMap<&str, &Rect>,
    pods: &[Rect],
    orientation: Orientation,
    g: &Geometry,
) -> Vec<Path> {
    let narrow = orientation == Orientation::Narrow;
    let broker = connection.broker.unwrap_or_default();
    // Bootstrap's path has the first lane, right of the NetworkPolicy's frame; brokers' paths run
    // side by side right of it, a few units apart, so that each can be followed.
    let lane = match connection.broker {
        None => g.width - 29.0,
        Some(broker) => g.width - 5.0 - LANES + g.lane_step * (broker % 7) as f32,
    };
    let kind = if connection.broker.is_some() { PathKind::Client } else { PathKind::Bootstrap };
    let mut points = vec![client.right()];
    let enter = |points: &mut Vec<(f32, f32)>, (x, y): (f32, f32), through: bool| {
        if narrow {
            points.push((lane, points.last().map_or(y, |p| p.1)));
            points.push((lane, y));
            points.push((x, y));
            if through {
                points.push((lane, y));
            }
        } else {
            points.push((x, y));
        }
    };
    let mut ends = Vec::new();
    for (k, hop) in connection.hops.iter().enumerate() {
        match hop {
            // A NodePort's Service box already says where the port leads, and it stands left of
            // (or above) the nodes: drawing the node first would double the path back on itself.
            Hop::Node { .. } if matches!(connection.hops.get(k + 1), Some(Hop::Service { .. })) => {}
            Hop::Node { node, .. } => {
                if let Some(b) = boxes.get(format!("node-{node}").as_str()) {
                    let at = if narrow { (b.x + b.w, b.y + 13.0) } else { (b.x, b.y + 13.0) };
                    enter(&mut points, at, true);
                }
            }
            Hop::Service { name } => {
                if let Some(b) = boxes.get(format!("svc-{name}").as_str()) {
                    if narrow {
                        enter(&mut points, b.right(), true);
                    } else {
                        points.push(b.left());
                        points.push(b.right());
                    }
                }
            }
            // Every connection through a Gateway starts there: down from the client (wide).
            Hop::Gateway { .. } => {
                if let Some(b) = boxes.get("gateway") {
                    if narrow {
                        enter(&mut points, b.right(), true);
                    } else {
                        points = vec![
                            (client.x + client.w / 2.0, client.y + client.h),
                            (b.x + b.w / 2.0, b.y),
                            b.right(),
                        ];
                    }
                }
            }
            Hop::AnyNode { .. } | Hop::Tls { .. } | Hop::Sasl { .. } => {}
            // Any broker answers bootstrap: its path goes into the first few it may reach.
            Hop::Pod { .. } if connection.broker.is_none() && ends.len() == 3 => {}
            Hop::Pod { ordinal, .. } => {
                if let Some(pod) = pods.get(*ordinal as usize) {
                    ends.push(if narrow { pod.right() } else { pod.left() });
                }
            }
        }
    }
    let ok = connection.succeeded();
    let tls = connection.hops.iter().any(|h| matches!(h, Hop::Tls { .. }));
    let label = match &connection.result {
        Ok(_) => connection.address.clone(),
        Err(failure) => format!("{}: {}", connection.address, failure.describe()),
    };

    if ends.is_empty() {
        // It goes nowhere: a short stub from the client, ending in the failure.
        let (x, y) = *points.last().unwrap_or(&client.right());
        let row = (broker as f32).min(6.0);
        points.push(if narrow { (lane, y + 18.0 + 6.0 * row) } else { (x + 18.0, y + 6.0 * row) });
        return vec![Path { kind, broker: connection.broker, points, ok, label, tls }];
    }
    ends.into_iter()
        .map(|end| {
            let mut points = points.clone();
            if narrow {
                enter(&mut points, end, false);
            } else {
                let (x, _) = *points.last().unwrap_or(&client.right());
                points.push(((x + end.0) / 2.0, end.1));
                points.push(end);
            }
            Path { kind, broker: connection.broker, points, ok, label: label.clone(), tls }
        })
        .collect()
}

/// A dotted name in lines of at most `room` characters, broken after dots (a label longer than a
/// line is cut by `fit_text` later).
fn wrap_at_dots(name: &str, room: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for label in name.split_inclusive('.') {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + label.chars().count() > room {
            lines.push(label.to_string());
        } else {
            line.push_str(label);
        }
    }
    lines
}
