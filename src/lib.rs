//! kafka-expose: shows how the brokers of a Kafka StatefulSet can be reached from outside Kubernetes,
//! and generates the manifests and `server.properties` that do it.
//!
//! The core (everything but `ui`) is plain Rust, shared by the page and the command-line tool:
//! `format::parse_config` reads a config, `validate::validate` checks it, `bundle::generate` turns
//! it into files.

pub mod address;
pub mod archive;
pub mod bundle;
pub mod checks;
pub mod config;
pub mod diagram;
pub mod doctor;
pub mod format;
pub mod k8s;
pub mod kafka;
pub mod naming;
pub mod plan;
pub mod presets;
pub mod primer;
pub mod share;
pub mod sim;
pub mod strategy;
pub mod template;
pub mod validate;
pub mod walkthrough;
pub mod yaml;

#[cfg(target_arch = "wasm32")]
pub mod ui;
