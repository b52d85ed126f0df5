//! One entry point, one result: a valid config becomes the ordered list of files the page previews
//! and downloads and the command line writes.

use crate::k8s::{self, Manifests};
use crate::kafka::properties::{self, Preview};
use crate::kafka::start_script;
use crate::naming;
use crate::validate::Valid;
use crate::walkthrough::{self, Vantage, Walkthrough};
use std::borrow::Cow;
use std::sync::Arc;

/// One generated file.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub name: String,
    pub contents: Contents,
}

/// What a file holds. The big files keep the values they are written from and are written out when
/// read, so a change on the page costs only the file on screen: `manifests.yaml` holds the objects
/// the walkthrough and the diagram also read, each `server-<i>.properties` the lines all brokers
/// share. Reading gives the same bytes every time.
#[derive(Clone, Debug, PartialEq)]
pub enum Contents {
    Text(String),
    Manifests(Arc<Manifests>),
    Broker(Arc<Preview>, u32),
}

impl Contents {
    /// The file's text.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Contents::Text(text) => Cow::Borrowed(text),
            Contents::Manifests(manifests) => Cow::Owned(manifests.to_yaml()),
            Contents::Broker(preview, ordinal) => Cow::Owned(preview.render(*ordinal)),
        }
    }
}

/// Every generated file, in a stable order: `manifests.yaml`, `start.sh`, `server-<i>.properties`
/// for each broker, `client.properties`.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    pub files: Vec<File>,
}

impl Bundle {
    /// The file with this name.
    pub fn file(&self, name: &str) -> Option<&File> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// The name of broker `i`'s preview properties.
pub fn server_properties_name(ordinal: u32) -> String {
    format!("server-{ordinal}.properties")
}

pub const MANIFESTS: &str = "manifests.yaml";
pub const CLIENT_PROPERTIES: &str = "client.properties";

/// What to run once the files are downloaded, in order, as (what it does, the command): the page
/// lists them, `manifests.yaml` and `client.properties` carry them in their first lines.
pub fn next_steps(valid: &Valid) -> [(&'static str, String); 3] {
    let config = valid.config();
    let names = crate::naming::Names::new(config);
    let servers = valid.strategy().bootstrap_servers(config);
    [
        ("Apply", format!("kubectl apply -f {MANIFESTS}")),
        (
            "Wait for the brokers",
            format!("kubectl -n {} rollout status statefulset/{}", names.namespace(), names.statefulset()),
        ),
        // Kafka 4's console tools require --bootstrap-server; the file carries the rest.
        (
            "Connect from outside",
            format!(
                "kafka-console-producer.sh --bootstrap-server {} --producer.config {CLIENT_PROPERTIES} --topic test",
                servers.first().map_or("", String::as_str)
            ),
        ),
    ]
}

/// Everything generated from one valid config: the typed objects and the files. The page derives
/// the walkthrough and the diagram from the same value, so nothing is generated twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub manifests: Arc<Manifests>,
    /// Every broker's preview properties, which `server-<i>.properties` render.
    pub preview: Arc<Preview>,
    /// A client outside the cluster walked through these objects: the files warn when it fails,
    /// and the page shows it.
    pub outside: Walkthrough,
    pub bundle: Bundle,
}

/// Generates every file. Cannot fail: the config is valid.
pub fn generate(valid: &Valid) -> Bundle {
    generate_all(valid).bundle
}

/// Generates the objects and every file.
pub fn generate_all(valid: &Valid) -> Generated {
    let config = valid.config();
    let lines = properties::broker_lines(valid);
    let mut manifests = k8s::manifests(valid, &lines);
    let preview = Preview::new(config, lines);
    // What the files cannot say for themselves: that they deploy Kafka without exposing it.
    let outside = walkthrough::simulate(valid, &manifests, &preview, Vantage::Outside);
    let warning = outside.failure_summary().map(|why| {
        format!("Warning: with these settings a client outside the cluster cannot use Kafka. {why}")
    });
    let steps = next_steps(valid);
    manifests.header = steps[..2].iter().map(|(what, command)| format!("{what}: {command}")).collect();
    manifests.header.extend(warning.clone());
    let manifests = Arc::new(manifests);
    let lines = preview.lines();
    let script = manifests
        .config_map
        .data
        .as_ref()
        .and_then(|data| data.get(naming::SCRIPT_FILE).cloned())
        .unwrap_or_else(|| start_script::start_script(valid, lines));
    let preview = Arc::new(preview);
    let mut files = Vec::with_capacity(config.replicas as usize + 3);
    files.push(File { name: MANIFESTS.into(), contents: Contents::Manifests(manifests.clone()) });
    files.push(File { name: naming::SCRIPT_FILE.into(), contents: Contents::Text(script) });
    files.extend(
        (0..config.replicas).map(|i| File {
            name: server_properties_name(i),
            contents: Contents::Broker(preview.clone(), i),
        }),
    );
    files.push(File {
        name: CLIENT_PROPERTIES.into(),
        contents: Contents::Text(properties::client_properties(valid, &steps[2].1, warning.as_deref())),
    });
    Generated { manifests, preview, outside, bundle: Bundle { files } }
}
