//! Kafka's side: the broker configuration, and the start script that writes it inside each pod.

pub mod client;
pub mod properties;
pub mod start_script;
pub mod template;
pub mod verify_script;
