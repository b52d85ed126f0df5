//! One entry point, one result: a valid config becomes the ordered list of files the page previews
//! and downloads and the command line writes.

use crate::k8s::{self, Manifests};
use crate::kafka::{properties, start_script};
use crate::naming;
use crate::validate::Valid;

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub contents: String,
}

/// Every generated file, in a stable order: `manifests.yaml`, `start.sh`, `server-<i>.properties`
/// for each broker, `client.properties`.
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// Everything generated from one valid config: the typed objects and the files. The page derives
/// the walkthrough and the diagram from the same value, so nothing is generated twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    pub manifests: Manifests,
    pub bundle: Bundle,
}

/// Generates every file. Cannot fail: the config is valid.
pub fn generate(valid: &Valid) -> Bundle {
    generate_all(valid).bundle
}

/// Generates the objects and every file.
pub fn generate_all(valid: &Valid) -> Generated {
    let config = valid.config();
    let manifests = k8s::manifests(valid);
    let script = manifests
        .config_map
        .data
        .as_ref()
        .and_then(|data| data.get(naming::SCRIPT_FILE).cloned())
        .unwrap_or_else(|| start_script::start_script(valid));
    let mut files = vec![
        File { name: MANIFESTS.into(), contents: manifests.to_yaml() },
        File { name: naming::SCRIPT_FILE.into(), contents: script },
    ];
    let lines = properties::broker_lines(valid);
    files.extend((0..config.replicas).map(|i| File {
        name: server_properties_name(i),
        contents: properties::render(&lines, &properties::preview_broker(config, i)),
    }));
    files.push(File { name: CLIENT_PROPERTIES.into(), contents: properties::client_properties(valid) });
    Generated { manifests, bundle: Bundle { files } }
}
