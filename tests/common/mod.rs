//! Shared by the native tests: independent checks of what Kafka and the Kubernetes API server
//! validate at start-up (rules summarised in the project's reference notes), written against the
//! generated text rather than the generator's own model.
#![allow(dead_code)]

pub mod k8s_rules;
pub mod kafka_rules;
pub mod routing;

use kafka_expose::bundle::{self, Bundle};
use kafka_expose::config::Config;
use kafka_expose::validate;

/// Validates and generates, failing the test with the findings when the config is not valid.
pub fn generate(config: &Config) -> Bundle {
    match validate::validate(config) {
        Ok(valid) => bundle::generate(&valid),
        Err(findings) => panic!("config should be valid, got {findings:#?}"),
    }
}

/// A file's contents, failing the test when the bundle lacks it.
pub fn file<'a>(bundle: &'a Bundle, name: &str) -> std::borrow::Cow<'a, str> {
    bundle.file(name).unwrap_or_else(|| panic!("bundle has no {name}")).contents.text()
}

/// A `server.properties` as key → value; duplicate keys fail the test.
pub fn properties(text: &str) -> std::collections::BTreeMap<String, String> {
    let mut map = std::collections::BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("not key=value: {line}"));
        assert!(map.insert(key.to_string(), value.to_string()).is_none(), "duplicate key {key}");
    }
    map
}

/// Every document of a multi-document YAML text.
pub fn documents(yaml: &str) -> Vec<serde_yaml::Value> {
    use serde::Deserialize;
    serde_yaml::Deserializer::from_str(yaml)
        .map(|doc| serde_yaml::Value::deserialize(doc).expect("valid YAML"))
        .filter(|doc| !doc.is_null())
        .collect()
}
