//! The KRaft topology: which pods are brokers and which are controllers, their node ids, and the
//! quorum's voters. Properties, start scripts, StatefulSets and the diagram read it.
//!
//! **Node ids.** Combined: pod `i` is node `i`. Dedicated: controller `i` is node `i`
//! (`0 .. controllers`), broker pod `i` is node `100 + i`. Kafka checks that ids of different
//! processes differ only for a static quorum (a broker's id must not be a voter's), so the two
//! ranges never meet however far the brokers scale (as Bitnami's chart does with `broker.minId`).
//!
//! **Static voters.** The quorum is a static `controller.quorum.voters` list, as Strimzi runs it,
//! not the dynamic quorum of KIP-853 (`controller.quorum.bootstrap.servers`): a static quorum is
//! formatted the same way on first start and after any restart, it needs no directory ids handed
//! out ahead of time, and the voter list names controllers only, so the brokers' `replicas` change
//! without touching a voter. Its weakness, a voter re-formatting a lost volume into an empty voter,
//! is what `start.sh` guards against before it formats (see `check_quorum`); with the
//! dynamic quorum, re-running `--initial-controllers` after a lost volume writes the old directory
//! id back and has the same hazard (Kafka's KRaft operations guide, "Provisioning Nodes"). A static
//! quorum supports no membership change: changing the number of controllers needs every node
//! stopped and started with the new list, or (Kafka 4.1 and later) the quorum upgraded to a dynamic
//! one first (`kraft.version=1`, KAFKA-16538), then `add-controller`/`remove-controller`.

use crate::config::Config;
use crate::naming::{self, Names};
use crate::template::{Part, Template};
use std::fmt::Write;

/// Brokers' node ids start here beside dedicated controllers.
pub const FIRST_BROKER_ID: u32 = 100;

/// How many voters a quorum of `voters` can lose and still elect a leader: a majority,
/// ⌊n/2⌋ + 1, must stay up, so ⌊(n − 1)/2⌋ may fail (Raft; Kafka's KRaft operations guide,
/// "Controllers": 3 tolerate one failure, 5 two). 0 for an empty quorum.
pub fn tolerated_failures(voters: u32) -> u32 {
    voters.saturating_sub(1) / 2
}

/// The most voters one node holds when `voters` are spread as evenly as `nodes` allow: losing that
/// node loses them all.
pub fn most_voters_on_one_node(voters: u32, nodes: u32) -> u32 {
    if nodes == 0 {
        voters
    } else {
        voters.div_ceil(nodes)
    }
}

/// What a process does: `process.roles`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `broker,controller`: every pod of the StatefulSet.
    Combined,
    /// `broker`: the broker pods beside dedicated controllers.
    Broker,
    /// `controller`: a dedicated controller.
    Controller,
}

impl Role {
    /// The `process.roles` value.
    pub fn process_roles(self) -> &'static str {
        match self {
            Role::Combined => "broker,controller",
            Role::Broker => "broker",
            Role::Controller => "controller",
        }
    }

    /// Whether the process votes in the quorum (and so holds the metadata log).
    pub fn votes(self) -> bool {
        self != Role::Broker
    }

    /// Whether the process serves clients (INTERNAL and EXTERNAL).
    pub fn serves_clients(self) -> bool {
        self != Role::Controller
    }

    /// In words, for comments and messages.
    pub fn noun(self) -> &'static str {
        match self {
            Role::Controller => "controller",
            Role::Combined | Role::Broker => "broker",
        }
    }
}

/// The role of the StatefulSet that holds the brokers (the exposed pods).
pub fn broker_role(config: &Config) -> Role {
    if config.topology.dedicated() {
        Role::Broker
    } else {
        Role::Combined
    }
}

/// The roles of the config's StatefulSets: the controllers' first, as they start first.
pub fn roles(config: &Config) -> Vec<Role> {
    if config.topology.dedicated() {
        vec![Role::Controller, Role::Broker]
    } else {
        vec![Role::Combined]
    }
}

/// A role's StatefulSet: its name, its pods' count and its start script.
pub struct Pool {
    pub role: Role,
    pub statefulset: String,
    pub replicas: u32,
    pub script: &'static str,
}

pub fn pool(config: &Config, role: Role) -> Pool {
    let names = Names::new(config);
    match role {
        Role::Controller => Pool {
            role,
            statefulset: names.controller_statefulset(),
            replicas: config.topology.controllers,
            script: naming::CONTROLLER_SCRIPT_FILE,
        },
        Role::Combined | Role::Broker => Pool {
            role,
            statefulset: names.statefulset().to_string(),
            replicas: config.replicas,
            script: naming::SCRIPT_FILE,
        },
    }
}

/// The node id of a role's pod, from its ordinal.
pub fn node_id(role: Role) -> Template {
    match role {
        Role::Broker => Template::part(Part::OrdinalPlus(FIRST_BROKER_ID)),
        Role::Combined | Role::Controller => Template::part(Part::Ordinal),
    }
}

/// The DNS name of a role's pod `i` behind its headless Service.
pub fn pod_fqdn(config: &Config, role: Role) -> Template {
    let names = Names::new(config);
    let (pod, domain) = match role {
        Role::Controller => (names.controller_statefulset(), names.controller_domain()),
        Role::Combined | Role::Broker => (names.statefulset().to_string(), names.headless_domain()),
    };
    Template::text(format!("{pod}-")).then(Template::part(Part::Ordinal)).then_text(format!(".{domain}"))
}

/// The voters: each one's node id and DNS name.
pub fn voters(config: &Config) -> Vec<(u32, String)> {
    let names = Names::new(config);
    if config.topology.dedicated() {
        (0..config.topology.controllers).map(|i| (i, names.controller_pod_fqdn(i))).collect()
    } else {
        (0..config.replicas).map(|i| (i, names.pod_fqdn(i))).collect()
    }
}

/// `controller.quorum.voters`: `<id>@<host>:<port>` for each voter, the same on every node.
pub fn voters_property(config: &Config) -> String {
    let mut out = String::new();
    for (i, (id, host)) in voters(config).into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{id}@{host}:{}", config.ports.controller);
    }
    out
}
