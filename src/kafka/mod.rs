//! Kafka's side: the broker configuration, and the start script that writes it inside each pod.

pub mod client;
pub mod properties;
pub mod start_script;
pub mod users_script;
pub mod verify_script;
