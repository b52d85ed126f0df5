//! The listener plan: each listener's name, container port, security protocol and advertised
//! address, and what EXTERNAL asks of a client (TLS, SASL). `server.properties` is written from it.
//! INTERNAL and CONTROLLER stay PLAINTEXT behind the NetworkPolicy; SCRAM never goes on CONTROLLER
//! (KAFKA-15513: a SCRAM controller quorum fails).

use crate::config::Config;
use crate::naming;
use crate::plan::topology::{self, Role};
use crate::strategy;
use crate::template::Template;

/// The one SASL mechanism kafka-expose configures.
pub const SCRAM: &str = "SCRAM-SHA-512";

/// One listener.
#[derive(Clone, Debug, PartialEq)]
pub struct Listener {
    pub name: &'static str,
    pub port: u32,
    /// `PLAINTEXT`, `SSL`, `SASL_PLAINTEXT` or `SASL_SSL`.
    pub protocol: &'static str,
    /// The address it advertises, per broker; none for CONTROLLER's own listener entry.
    pub advertised: Template,
    pub tls: bool,
    pub sasl: Option<&'static str>,
    /// Whether the process binds it: CONTROLLER on voters, INTERNAL and EXTERNAL on brokers. A
    /// broker-only process still maps CONTROLLER to its protocol, to dial the controllers.
    pub bound: bool,
}

/// The three listeners of a process in `role`, INTERNAL, CONTROLLER, EXTERNAL, in that order.
pub fn listeners(config: &Config, role: Role) -> [Listener; 3] {
    let strategy = strategy::strategy(config.strategy);
    let pod_fqdn = topology::pod_fqdn(config, role);
    let ports = &config.ports;
    let (tls, scram) = (config.security.tls(), config.security.scram());
    let external = Listener {
        name: naming::EXTERNAL_LISTENER,
        port: ports.external,
        protocol: match (tls, scram) {
            (true, true) => "SASL_SSL",
            (true, false) => "SSL",
            (false, true) => "SASL_PLAINTEXT",
            (false, false) => "PLAINTEXT",
        },
        advertised: strategy.external_host(config).then_text(":").then(strategy.external_port(config)),
        tls,
        sasl: scram.then_some(SCRAM),
        bound: role.serves_clients(),
    };
    let plaintext = |name, port, bound| Listener {
        name,
        port,
        protocol: "PLAINTEXT",
        advertised: pod_fqdn.clone().then_text(format!(":{port}")),
        tls: false,
        sasl: None,
        bound,
    };
    [
        plaintext(naming::INTERNAL_LISTENER, ports.internal, role.serves_clients()),
        plaintext(naming::CONTROLLER_LISTENER, ports.controller, role.votes()),
        external,
    ]
}
