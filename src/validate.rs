//! Validation: a config becomes `Valid` only when nothing in it would make Kubernetes or Kafka
//! refuse the generated files. Each finding names the field it is about and says what to do.

use crate::checks::{
    check_dns1035_label, check_dns_label, check_dns_subdomain, check_host, check_image, check_outside_host,
    is_quantity,
};
pub use crate::checks::{parse_port_range, Finding, Severity};
use crate::config::{Config, Field, NodeAddressSource, NodeAddressType, CONFIG_VERSION};
use crate::naming::Names;
use crate::plan::sans::{SanPlan, Unknown};
use crate::plan::topology::{most_voters_on_one_node, tolerated_failures, Role};
use crate::strategy::{self, NodePort, Outcome, Placement, Strategy};
use std::collections::BTreeMap;

/// The most brokers a config may have. A NodePort range of the default size (2768 ports) holds 200
/// per-broker ports with room to spare; the page's diagram and the benchmarks are sized for it.
pub const MAX_REPLICAS: u32 = 200;
/// The most nodes a config may list: enough for one broker per node at MAX_REPLICAS, with spares.
pub const MAX_NODES: usize = 250;
/// More voters than this slow every metadata write; warned about, not refused.
pub const COMFORTABLE_VOTERS: u32 = 9;
/// A StatefulSet's pods carry `controller-revision-hash=<name>-<10 characters>`, a label value of at
/// most 63 characters.
pub const MAX_STATEFULSET_NAME: usize = 52;

/// A config without errors. Only `validate` makes one, so generators can take it and never fail.
#[derive(Clone, Debug, PartialEq)]
pub struct Valid {
    config: Config,
    warnings: Vec<Finding>,
    /// The brokers' memory and (with dedicated controllers) the controllers', in bytes: parsed
    /// once, here, where they were checked.
    memory: (u64, Option<u64>),
}

impl Valid {
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The memory of each pod in `role`, in bytes.
    pub fn memory_bytes(&self, role: Role) -> u64 {
        match (role, self.memory) {
            (Role::Controller, (_, Some(controller))) => controller,
            (_, (brokers, _)) => brokers,
        }
    }

    pub fn strategy(&self) -> &'static dyn Strategy {
        strategy::strategy(self.config.strategy)
    }

    /// What validation warned about.
    pub fn warnings(&self) -> &[Finding] {
        &self.warnings
    }
}

/// Checks a config; on success the config is `Valid` (with its warnings), else every finding.
pub fn validate(config: &Config) -> Result<Valid, Vec<Finding>> {
    let findings = findings(config);
    if findings.iter().any(Finding::is_error) {
        Err(findings)
    } else {
        // Checked above: both parse (the controllers' only where there are dedicated ones).
        let bytes = |quantity: &str| crate::checks::quantity_bytes(quantity).unwrap_or(MIN_MEMORY);
        let controllers = config.topology.dedicated().then(|| bytes(&config.topology.controller_memory));
        Ok(Valid {
            config: config.clone(),
            warnings: findings,
            memory: (bytes(&config.kafka.memory), controllers),
        })
    }
}

/// Every finding on a config, errors first in field order as the checks run.
pub fn findings(config: &Config) -> Vec<Finding> {
    let mut f = Vec::new();
    if config.version != CONFIG_VERSION {
        f.push(Finding::error(Field::Version, format!("must be {CONFIG_VERSION}")));
    }
    check_replicas(config, &mut f);
    // The checks that walk every broker see at most MAX_REPLICAS of them, so that a typo such as
    // 4000000000 replicas gets its message at once instead of hanging the page.
    let bounded = Config { replicas: config.replicas.min(MAX_REPLICAS), ..config.clone() };
    let config = &bounded;
    check_names(config, &mut f);
    check_ports(config, &mut f);
    check_nodes(config, &mut f);
    check_kafka(config, &mut f);
    check_storage(config, &mut f);
    check_topology(config, &mut f);
    let strategy = strategy::strategy(config.strategy);
    check_node_ports(config, strategy, &mut f);
    check_placement(config, strategy, &mut f);
    check_node_addresses(config, strategy, &mut f);
    check_security(config, strategy, &mut f);
    strategy.check(config, &mut f);
    f.sort_by_key(|finding| finding.severity);
    f
}

fn check_names(config: &Config, f: &mut Vec<Finding>) {
    check_dns_label(f, Field::Namespace, "a namespace, such as kafka", &config.namespace, 63);
    // The StatefulSet's name also starts Service names, which must begin with a letter.
    if check_dns1035_label(
        f,
        Field::Name,
        "a name for the StatefulSet, such as kafka",
        &config.name,
        MAX_STATEFULSET_NAME,
    ) {
        let names = Names::new(config);
        for (what, derived) in names.label_limited_names() {
            if derived.len() > 63 {
                f.push(Finding::error(
                    Field::Name,
                    format!(
                        "too long: the {what} \"{derived}\" would have {} characters, more than 63; \
                         shorten the name",
                        derived.len()
                    ),
                ));
                break;
            }
        }
    }
    if check_dns1035_label(
        f,
        Field::HeadlessService,
        "a name for the headless Service, such as broker",
        &config.headless_service,
        63,
    ) {
        let names = Names::new(config);
        let taken = [names.shared_service(), names.bootstrap_service()];
        let per_broker = (0..config.replicas).any(|i| names.broker_service(i) == config.headless_service);
        if per_broker || taken.contains(&config.headless_service) {
            f.push(Finding::error(
                Field::HeadlessService,
                format!("\"{}\" is the name of an external Service; choose another", config.headless_service),
            ));
        }
    }
    if check_dns_subdomain(
        f,
        Field::ClusterDomain,
        "the cluster's DNS domain, usually cluster.local",
        &config.cluster_domain,
    ) {
        let pod_fqdn = Names::new(config).pod_fqdn(config.replicas.saturating_sub(1));
        if pod_fqdn.len() > 253 {
            f.push(Finding::error(
                Field::ClusterDomain,
                format!("the brokers' DNS names would be longer than 253 characters: {pod_fqdn}"),
            ));
        }
    }
}

fn check_replicas(config: &Config, f: &mut Vec<Finding>) {
    if config.replicas == 0 {
        f.push(Finding::error(Field::Replicas, "must be at least 1: a Kafka cluster needs a broker"));
    } else if config.replicas > MAX_REPLICAS {
        f.push(Finding::error(Field::Replicas, format!("at most {MAX_REPLICAS} brokers")));
    } else if !config.topology.dedicated() && config.replicas > COMFORTABLE_VOTERS {
        f.push(Finding::warning(
            Field::Replicas,
            format!(
                "every broker is also a KRaft controller, so the quorum has {} voters; more than {} \
                 slow down every metadata change: choose dedicated controllers",
                config.replicas, COMFORTABLE_VOTERS
            ),
        ));
    }
}

fn check_ports(config: &Config, f: &mut Vec<Finding>) {
    let ports = [
        (Field::PortsInternal, config.ports.internal),
        (Field::PortsController, config.ports.controller),
        (Field::PortsExternal, config.ports.external),
    ];
    for (i, (field, port)) in ports.iter().enumerate() {
        if !(1..=65535).contains(port) {
            f.push(Finding::error(*field, "must be a port from 1 to 65535"));
        } else if let Some((other, _)) = ports[..i].iter().find(|(_, p)| p == port) {
            // Both fields are marked: the user may have just edited either.
            for (this, that) in [(*field, *other), (*other, *field)] {
                f.push(Finding::error(
                    this,
                    format!("{port} is also {that}: each listener needs a port of its own"),
                ));
            }
        }
    }
}

fn check_nodes(config: &Config, f: &mut Vec<Finding>) {
    if config.nodes.is_empty() {
        f.push(Finding::error(Field::Nodes, "add at least one node: brokers run on nodes"));
    }
    if config.nodes.len() > MAX_NODES {
        f.push(Finding::error(
            Field::Nodes,
            format!("at most {MAX_NODES} nodes: list the ones brokers may run on"),
        ));
        return;
    }
    let mut seen = BTreeMap::new();
    for (i, node) in config.nodes.iter().enumerate() {
        let field = Field::NodeName(i);
        if check_dns_subdomain(f, field, "the node's name, as kubectl get nodes shows it", &node.name) {
            if let Some(first) = seen.insert(node.name.as_str(), i) {
                f.push(Finding::error(field, format!("\"{}\" is already node {}", node.name, first + 1)));
            }
        }
        check_outside_host(
            f,
            config,
            Field::NodeAddress(i),
            &node.address,
            "Enter the address that reaches this node from outside: its external IP or a DNS name for it.",
        );
    }
}

/// The least memory a broker gets: half of it is the heap, and Kafka's own default heap is 1 GiB.
pub const MIN_MEMORY: u64 = 1 << 30;

fn check_kafka(config: &Config, f: &mut Vec<Finding>) {
    match crate::checks::quantity_bytes(&config.kafka.memory) {
        None => f.push(Finding::error(Field::KafkaMemory, "must be a memory size such as 4Gi or 2048Mi")),
        Some(bytes) if bytes < MIN_MEMORY => f.push(Finding::error(
            Field::KafkaMemory,
            "at least 1Gi: half of it is the broker's heap, the rest the page cache it reads from",
        )),
        Some(_) => {}
    }
    if !crate::checks::is_cpu(&config.kafka.cpu) {
        f.push(Finding::error(Field::KafkaCpu, "must be a number of cores such as 1, 0.5 or 500m"));
    }
    check_image(f, Field::KafkaImage, &config.kafka.image);
    if config.node_address_source == NodeAddressSource::Kubectl {
        check_image(f, Field::KafkaKubectlImage, &config.kafka.kubectl_image);
    }
    match &config.kafka.cluster_id {
        Some(id) => {
            if let Err(why) = crate::checks::check_cluster_id(id) {
                f.push(Finding::error(Field::KafkaClusterId, why));
            }
        }
        // Configs made before new ones got a random id, and files written by hand.
        None => f.push(Finding::warning(
            Field::KafkaClusterId,
            "derived from the namespace and the name, so every deployment with these names gets the \
             same cluster id; paste one from kafka-storage.sh random-uuid (a new config gets its own)",
        )),
    }
}

/// The most dedicated controllers: a quorum larger than this only slows metadata writes.
pub const MAX_CONTROLLERS: u32 = 9;

fn check_topology(config: &Config, f: &mut Vec<Finding>) {
    let topology = &config.topology;
    if !topology.dedicated() {
        return;
    }
    let n = topology.controllers;
    let failures = |n: u32| match tolerated_failures(n) {
        0 => "no failure".to_string(),
        1 => "one failure".to_string(),
        k => format!("{k} failures"),
    };
    if n == 0 {
        f.push(Finding::error(
            Field::TopologyControllers,
            "must be 3 or 5: a quorum needs at least one controller, and 3 tolerate one failure",
        ));
        return;
    } else if n > MAX_CONTROLLERS {
        f.push(Finding::error(
            Field::TopologyControllers,
            format!(
                "must be 3 or 5 (an odd number up to {MAX_CONTROLLERS}): {n} controllers tolerate {}, \
                 and every metadata write waits for a majority of them",
                failures(n)
            ),
        ));
        return;
    } else if n.is_multiple_of(2) {
        f.push(Finding::error(
            Field::TopologyControllers,
            format!(
                "must be 3 or 5 (an odd number): a majority must be up, so {n} controllers \
                 tolerate {}, no more than {} do",
                failures(n),
                n - 1
            ),
        ));
    } else if n == 1 {
        f.push(Finding::warning(
            Field::TopologyControllers,
            "one controller tolerates no failure: while it restarts, no topic can be created and no \
             leader elected; choose 3 for a cluster that must stay up",
        ));
    }
    // The controllers' anti-affinity spreads them over the listed nodes; even at its most even, a
    // node that holds more voters than the quorum can lose takes the quorum with it.
    let nodes = config.nodes.len() as u32;
    let most = most_voters_on_one_node(n, nodes);
    if nodes > 0 && nodes < n && !n.is_multiple_of(2) && most > tolerated_failures(n) {
        f.push(Finding::warning(
            Field::TopologyControllers,
            format!(
                "{n} controllers on {nodes} node{}: one node holds {most} of them, and losing it \
                 loses the majority of the quorum ({n} tolerate {}); list more nodes or choose fewer \
                 controllers",
                if nodes == 1 { "" } else { "s" },
                failures(n)
            ),
        ));
    }
    match crate::checks::quantity_bytes(&topology.controller_memory) {
        None => f.push(Finding::error(
            Field::TopologyControllerMemory,
            "must be a memory size such as 2Gi or 1536Mi",
        )),
        Some(bytes) if bytes < MIN_MEMORY => f.push(Finding::error(
            Field::TopologyControllerMemory,
            "at least 1Gi: half of it is the controller's heap",
        )),
        Some(_) => {}
    }
    if !is_quantity(&topology.controller_storage) {
        f.push(Finding::error(Field::TopologyControllerStorage, "must be a size such as 5Gi or 500Mi"));
    }
    let names = Names::new(config);
    let controllers = names.controller_statefulset();
    if controllers.len() > MAX_STATEFULSET_NAME && check_dns1035_label_quiet(&config.name) {
        f.push(Finding::error(
            Field::Name,
            format!(
                "too long for dedicated controllers: their StatefulSet \"{controllers}\" would have {} \
                 characters, more than {MAX_STATEFULSET_NAME}; shorten the name",
                controllers.len()
            ),
        ));
    }
    if config.headless_service == controllers {
        f.push(Finding::error(
            Field::HeadlessService,
            format!("\"{controllers}\" is the controllers' headless Service; choose another"),
        ));
    }
}

/// Whether a name is well formed, without a finding (its own check already reported it).
fn check_dns1035_label_quiet(name: &str) -> bool {
    check_dns1035_label(&mut Vec::new(), Field::Name, "", name, MAX_STATEFULSET_NAME)
}

fn check_storage(config: &Config, f: &mut Vec<Finding>) {
    if !is_quantity(&config.storage.size) {
        f.push(Finding::error(Field::StorageSize, "must be a size such as 10Gi, 500Mi or 1Ti"));
    }
    if let Some(class) = &config.storage.class_name {
        check_dns_subdomain(f, Field::StorageClassName, "a StorageClass name", class);
    }
}

fn check_node_ports(config: &Config, strategy: &dyn Strategy, f: &mut Vec<Finding>) {
    let Some((low, high)) = parse_port_range(&config.node_ports.range) else {
        f.push(Finding::error(Field::NodePortsRange, "must be two ports as low-high, such as 30000-32767"));
        return;
    };
    let mut seen: BTreeMap<u32, NodePort> = BTreeMap::new();
    for used in strategy.node_ports(config) {
        let (port, what) = (used.port, used.what());
        if !(low..=high).contains(&port) {
            f.push(Finding::error(
                used.field,
                format!("{what} is {port}, outside the NodePort range {low}-{high}"),
            ));
            break;
        }
        if let Some(other) = seen.insert(port, used) {
            // Both fields are marked: the user may have just edited either.
            f.push(Finding::error(used.field, format!("{port} is already used by {}", other.what())));
            if other.field != used.field {
                f.push(Finding::error(other.field, format!("{port} is also used by {what}")));
            }
            break;
        }
    }
}

/// Each node's InternalIP, and what the node-address source makes the brokers advertise where they
/// advertise their node's address: `status.hostIP` is always the InternalIP (Kubernetes,
/// `pkg/util/node` `GetNodeHostIPs`), kubectl reads the addresses the Node object lists. Where that
/// is not the address clients use, said once on the source, naming the nodes; the walkthrough then
/// shows who reaches what.
fn check_node_addresses(config: &Config, strategy: &dyn Strategy, f: &mut Vec<Finding>) {
    for (i, node) in config.nodes.iter().enumerate() {
        if node.internal.is_empty() {
            continue;
        }
        let field = Field::NodeInternal(i);
        if node.internal.parse::<std::net::IpAddr>().is_err() {
            f.push(Finding::error(
                field,
                "an InternalIP is an IP address, as kubectl get nodes -o wide shows it",
            ));
        } else if let Some(reserved) = crate::checks::example_address(&node.internal) {
            f.push(Finding::warning(
                field,
                format!(
                    "\"{}\" is an example address ({reserved}): replace it with the node's",
                    node.internal
                ),
            ));
        }
    }
    let source = config.node_address_source;
    if source == NodeAddressSource::StaticMap || !strategy.external_host(config).uses_node_address() {
        return;
    }
    let reads = match source {
        NodeAddressSource::HostIp => "status.hostIP gives each broker its node's InternalIP",
        _ => "kubectl reads the addresses each Node object lists",
    };
    let mut differ = Vec::new();
    for (i, node) in config.nodes.iter().enumerate() {
        let advertised = config.node_advertised(node);
        if advertised.parse::<std::net::IpAddr>().is_err() {
            f.push(Finding::error(
                Field::NodeInternal(i),
                format!(
                    "{reads}, an IP address, and \"{advertised}\" is a name: enter {}'s InternalIP (kubectl \
                     get nodes -o wide shows it)",
                    node.name
                ),
            ));
        } else if advertised != node.address {
            differ.push(format!("{} advertise {advertised}, not {}", node.name, node.address));
        }
    }
    if !differ.is_empty() {
        f.push(Finding::warning(
            Field::NodeAddressSource,
            format!(
                "{reads}: the brokers on {}. Where clients reach the nodes only at the addresses in \
                 front (NAT), choose the node list, which advertises those",
                differ.join("; on ")
            ),
        ));
    }
    // What this page cannot know: whether the address clients use is the one Kubernetes lists.
    let unknown: Vec<&str> = config
        .nodes
        .iter()
        .filter(|n| match source {
            NodeAddressSource::HostIp => {
                n.internal.is_empty() && !crate::checks::is_inside_address(&n.address)
            }
            _ => {
                config.node_address_type == NodeAddressType::ExternalIp
                    && !n.internal.is_empty()
                    && n.external_ip().is_some()
            }
        })
        .map(|n| n.name.as_str())
        .collect();
    if unknown.is_empty() {
        return;
    }
    let nodes = unknown.join(", ");
    f.push(Finding::warning(
        Field::NodeAddressSource,
        match source {
            NodeAddressSource::HostIp => format!(
                "status.hostIP is a node's InternalIP. The page takes it to be the address listed for \
                 {nodes}; behind NAT, or where a cloud gives the node an ExternalIP, it is not: enter \
                 the InternalIP beside the address to see what the brokers will advertise"
            ),
            _ => format!(
                "this takes the address listed for {nodes} to be its ExternalIP in Kubernetes. A \
                 cloud's is; a NAT router's address is in no Node object, and then the brokers \
                 advertise the InternalIP: check with kubectl get nodes -o wide"
            ),
        },
    ));
}

fn check_placement(config: &Config, strategy: &dyn Strategy, f: &mut Vec<Finding>) {
    let nodes = config.nodes.len() as u32;
    if strategy.placement() == Placement::OneBrokerPerNode && nodes < config.replicas && nodes > 0 {
        // Kubernetes accepts the files; the scheduler finds no node for the pods beyond the nodes,
        // and they stay Pending. The walkthrough and the diagram show them so.
        let names = Names::new(config);
        let pending = config.replicas - nodes;
        let which = if pending == 1 {
            names.pod(nodes)
        } else {
            format!("{} … {}", names.pod(nodes), names.pod(config.replicas - 1))
        };
        f.push(Finding::warning(
            Field::Nodes,
            format!(
                "{} runs one broker per node: {} brokers need {} nodes, and there are {}, so {pending} \
                 broker(s) ({which}) will stay Pending with no node to run on. Add nodes or lower \
                 replicas",
                strategy.info().title,
                config.replicas,
                config.replicas,
                nodes
            ),
        ));
    }
}

/// The security section: names that Kubernetes and Kafka take, a SAN plan that can be complete, and
/// a warning for each door left open.
fn check_security(config: &Config, strategy: &dyn Strategy, f: &mut Vec<Finding>) {
    let security = &config.security;
    if let Some(secret) = &security.tls_secret {
        check_dns_subdomain(f, Field::SecurityTlsSecret, "the name of the TLS Secret", secret);
    }
    if let Some(issuer) = &security.issuer {
        check_dns_subdomain(
            f,
            Field::SecurityIssuer,
            "the name of a cert-manager Issuer or ClusterIssuer",
            &issuer.name,
        );
    }
    for san in &security.extra_sans {
        // A wildcard covers one whole leftmost label: `*.kafka.example.com`.
        let name = san.strip_prefix("*.").unwrap_or(san);
        if check_host(f, Field::SecurityExtraSans, name) {
            break;
        }
    }
    let exposes = strategy.info().verdict.outcome != Outcome::ExposesNothing;
    let bootstrap = strategy.bootstrap_servers(config).join(", ");
    if security.tls() {
        let (_, unknown) = SanPlan::of(config);
        if unknown == Some(Unknown::NodeAddressAtStart) {
            f.push(Finding::error(
                Field::NodeAddressSource,
                "with TLS, brokers that advertise their node's address must take it from the node list: \
                 host-ip and kubectl find it only when the pod starts, so no certificate made now can list \
                 it. Choose \"From the node list above\" and list every node brokers may run on",
            ));
        }
    } else if exposes {
        // SCRAM never sends the password: an eavesdropper gets the challenge and the proof, enough
        // to test guessed passwords offline (RFC 5802 §9; Kafka's security docs, "Security
        // Considerations for SASL/SCRAM": use it with TLS).
        let logins = if security.scram() {
            ", and every SCRAM login: not the password, but enough to try guessed passwords against \
             it offline, as fast as a computer can"
        } else {
            ""
        };
        f.push(Finding::warning(
            Field::SecurityTls,
            format!(
                "EXTERNAL is plaintext: anyone on the network between a client and {bootstrap} can read \
                 every message in transit{logins}. Turn on TLS"
            ),
        ));
    }
    if security.scram() {
        if security.users.is_empty() {
            f.push(Finding::error(
                Field::SecurityUsers,
                "Enter at least one SCRAM user name, such as client",
            ));
        }
        let mut seen = BTreeMap::new();
        for user in &security.users {
            // A key of the Secret that holds the passwords (letters, digits, `-`, `_`, `.`), which
            // `users.sh` turns into a Kafka user.
            let ok = !user.is_empty()
                && user.len() <= 253
                && user.chars().all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
            if !ok {
                f.push(Finding::error(
                    Field::SecurityUsers,
                    format!(
                        "\"{user}\" cannot be a SCRAM user here: use letters, digits, \".\", \"_\" and \"-\" only"
                    ),
                ));
            } else if seen.insert(user.as_str(), ()).is_some() {
                f.push(Finding::error(Field::SecurityUsers, format!("\"{user}\" is listed twice")));
            }
        }
    } else if exposes {
        f.push(Finding::warning(
            Field::SecurityAuthentication,
            format!(
                "EXTERNAL asks for no credentials: anyone who can reach {bootstrap} can read, write and \
                 delete every topic. Turn on SCRAM"
            ),
        ));
    }
    match &security.internal_clients {
        Some(clients) => {
            for namespace in &clients.namespaces {
                check_dns_label(f, Field::SecurityInternalClientsNamespaces, "a namespace", namespace, 63);
            }
            for key in clients.pod_labels.keys() {
                crate::checks::check_qualified_name(f, Field::SecurityInternalClientsPodLabels, key);
            }
        }
        None => f.push(Finding::warning(
            Field::SecurityInternalClients,
            "INTERNAL and CONTROLLER are plaintext and open to every pod in the cluster: any pod can \
             read every topic and rewrite the cluster's metadata. Add the NetworkPolicy (it takes \
             effect only where the cluster's network plugin enforces NetworkPolicies)",
        )),
    }
}
