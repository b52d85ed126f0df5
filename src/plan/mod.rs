//! The plans that several outputs read, so that nothing about an address is computed twice: each
//! listener's name, port, protocol and advertised address (`listeners`), and the names and IPs the
//! EXTERNAL certificate must hold (`sans`), and which pods are brokers and controllers (`topology`). Properties, Services, certificates, the walkthrough and
//! the diagram read these.

pub mod listeners;
pub mod sans;
pub mod topology;
