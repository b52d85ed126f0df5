//! One entry point, one result: a valid config becomes the ordered list of files the page previews
//! and downloads and the command line writes.

use crate::k8s;
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

/// Generates every file. Cannot fail: the config is valid.
pub fn generate(valid: &Valid) -> Bundle {
    let config = valid.config();
    let mut files = vec![
        File { name: MANIFESTS.into(), contents: k8s::manifests(valid).to_yaml() },
        File { name: naming::SCRIPT_FILE.into(), contents: start_script::start_script(valid) },
    ];
    let lines = properties::broker_lines(valid);
    files.extend((0..config.replicas).map(|i| File {
        name: server_properties_name(i),
        contents: properties::render(&lines, &properties::preview_broker(config, i)),
    }));
    files.push(File { name: CLIENT_PROPERTIES.into(), contents: properties::client_properties(valid) });
    Bundle { files }
}
