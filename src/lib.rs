//! kafka-expose: shows how the brokers of a Kafka StatefulSet can be reached from outside Kubernetes,
//! and generates the manifests and `server.properties` that do it.

#[cfg(target_arch = "wasm32")]
pub mod ui;
