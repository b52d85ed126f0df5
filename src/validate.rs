//! Validation: a config becomes `Valid` only when nothing in it would make Kubernetes or Kafka
//! refuse the generated files. Each finding names the field it is about and says what to do.

use crate::config::{Config, NodeAddressSource, CONFIG_VERSION};
use crate::naming::Names;
use crate::strategy::{self, Placement, Strategy};
use std::collections::BTreeMap;
use std::fmt;
use std::net::IpAddr;

/// The most brokers a config may have. Every broker here is also a KRaft controller, and a NodePort
/// range of the default size (2768 ports) holds 200 per-broker ports with room to spare; the page's
/// diagram and the benchmarks are sized for it.
pub const MAX_REPLICAS: u32 = 200;
/// The most nodes a config may list: enough for one broker per node at MAX_REPLICAS, with spares.
pub const MAX_NODES: usize = 250;
/// More voters than this slow every metadata write; warned about, not refused.
pub const COMFORTABLE_VOTERS: u32 = 9;
/// A StatefulSet's pods carry `controller-revision-hash=<name>-<10 characters>`, a label value of at
/// most 63 characters.
pub const MAX_STATEFULSET_NAME: usize = 52;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The files would be refused, or the config cannot be generated: downloads are disabled.
    Error,
    /// The files are valid, but something will not behave as one might expect.
    Warning,
}

/// One thing validation has to say about one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The field's path in the config, as written in the file: `nodes[1].address`.
    pub field: String,
    pub message: String,
}

impl Finding {
    pub fn error(field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Error, field: field.into(), message: message.into() }
    }

    pub fn warning(field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, field: field.into(), message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}", self.field, self.message)
    }
}

/// A config without errors. Only `validate` makes one, so generators can take it and never fail.
#[derive(Clone, Debug, PartialEq)]
pub struct Valid {
    config: Config,
    warnings: Vec<Finding>,
}

impl Valid {
    pub fn config(&self) -> &Config {
        &self.config
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
        Ok(Valid { config: config.clone(), warnings: findings })
    }
}

/// Every finding on a config, errors first in field order as the checks run.
pub fn findings(config: &Config) -> Vec<Finding> {
    let mut f = Vec::new();
    if config.version != CONFIG_VERSION {
        f.push(Finding::error("version", format!("must be {CONFIG_VERSION}")));
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
    let strategy = strategy::strategy(config.strategy);
    check_node_ports(config, strategy, &mut f);
    check_placement(config, strategy, &mut f);
    strategy.check(config, &mut f);
    f.sort_by_key(|finding| finding.severity);
    f
}

fn check_names(config: &Config, f: &mut Vec<Finding>) {
    check_dns_label(f, "namespace", &config.namespace, 63);
    // The StatefulSet's name also starts Service names, which must begin with a letter.
    if check_dns1035_label(f, "name", &config.name, MAX_STATEFULSET_NAME) {
        let names = Names::new(config);
        for (what, derived) in names.label_limited_names() {
            if derived.len() > 63 {
                f.push(Finding::error(
                    "name",
                    format!(
                        "too long: the {what} `{derived}` would have {} characters, more than 63; \
                         shorten the name",
                        derived.len()
                    ),
                ));
                break;
            }
        }
    }
    if check_dns1035_label(f, "headlessService", &config.headless_service, 63) {
        let names = Names::new(config);
        let taken = [names.shared_service(), names.bootstrap_service()];
        let per_broker = (0..config.replicas).any(|i| names.broker_service(i) == config.headless_service);
        if per_broker || taken.contains(&config.headless_service) {
            f.push(Finding::error(
                "headlessService",
                format!("`{}` is the name of an external Service; choose another", config.headless_service),
            ));
        }
    }
    if check_dns_subdomain(f, "clusterDomain", &config.cluster_domain) {
        let pod_fqdn = Names::new(config).pod_fqdn(config.replicas.saturating_sub(1));
        if pod_fqdn.len() > 253 {
            f.push(Finding::error(
                "clusterDomain",
                format!("the brokers' DNS names would be longer than 253 characters: {pod_fqdn}"),
            ));
        }
    }
}

fn check_replicas(config: &Config, f: &mut Vec<Finding>) {
    if config.replicas == 0 {
        f.push(Finding::error("replicas", "must be at least 1: a Kafka cluster needs a broker"));
    } else if config.replicas > MAX_REPLICAS {
        f.push(Finding::error("replicas", format!("at most {MAX_REPLICAS} brokers")));
    } else if config.replicas > COMFORTABLE_VOTERS {
        f.push(Finding::warning(
            "replicas",
            format!(
                "every broker is also a KRaft controller, so the quorum has {} voters; more than {} \
                 slow down every metadata change",
                config.replicas, COMFORTABLE_VOTERS
            ),
        ));
    }
}

fn check_ports(config: &Config, f: &mut Vec<Finding>) {
    let ports = [
        ("ports.internal", config.ports.internal),
        ("ports.controller", config.ports.controller),
        ("ports.external", config.ports.external),
    ];
    for (i, (field, port)) in ports.iter().enumerate() {
        if !(1..=65535).contains(port) {
            f.push(Finding::error(*field, "must be a port from 1 to 65535"));
        } else if let Some((other, _)) = ports[..i].iter().find(|(_, p)| p == port) {
            f.push(Finding::error(
                *field,
                format!("{port} is already {other}: each listener needs a port of its own"),
            ));
        }
    }
}

fn check_nodes(config: &Config, f: &mut Vec<Finding>) {
    if config.nodes.is_empty() {
        f.push(Finding::error("nodes", "add at least one node: brokers run on nodes"));
    }
    if config.nodes.len() > MAX_NODES {
        f.push(Finding::error(
            "nodes",
            format!("at most {MAX_NODES} nodes: list the ones brokers may run on"),
        ));
        return;
    }
    let mut seen = BTreeMap::new();
    for (i, node) in config.nodes.iter().enumerate() {
        let field = format!("nodes[{i}].name");
        if check_dns_subdomain(f, &field, &node.name) {
            if let Some(first) = seen.insert(node.name.as_str(), i) {
                f.push(Finding::error(field, format!("`{}` is already node {}", node.name, first + 1)));
            }
        }
        check_host(f, &format!("nodes[{i}].address"), &node.address);
    }
}

fn check_kafka(config: &Config, f: &mut Vec<Finding>) {
    check_image(f, "kafka.image", &config.kafka.image);
    if config.node_address_source == NodeAddressSource::Kubectl {
        check_image(f, "kafka.kubectlImage", &config.kafka.kubectl_image);
    }
    if let Some(id) = &config.kafka.cluster_id {
        if let Err(why) = crate::kafka::properties::check_cluster_id(id) {
            f.push(Finding::error("kafka.clusterId", why));
        }
    }
}

fn check_storage(config: &Config, f: &mut Vec<Finding>) {
    if !is_quantity(&config.storage.size) {
        f.push(Finding::error("storage.size", "must be a size such as 10Gi, 500Mi or 1Ti"));
    }
    if let Some(class) = &config.storage.class_name {
        check_dns_subdomain(f, "storage.className", class);
    }
}

/// The lowest and highest NodePort of `range` ("30000-32767").
pub fn parse_port_range(range: &str) -> Option<(u32, u32)> {
    let (low, high) = range.trim().split_once('-')?;
    let (low, high): (u32, u32) = (low.trim().parse().ok()?, high.trim().parse().ok()?);
    (1 <= low && low <= high && high <= 65535).then_some((low, high))
}

fn check_node_ports(config: &Config, strategy: &dyn Strategy, f: &mut Vec<Finding>) {
    let Some((low, high)) = parse_port_range(&config.node_ports.range) else {
        f.push(Finding::error("nodePorts.range", "must be two ports as low-high, such as 30000-32767"));
        return;
    };
    let mut seen: BTreeMap<u32, String> = BTreeMap::new();
    for (what, port) in strategy.node_ports(config) {
        let field = what.split(' ').next().unwrap_or(&what).to_string();
        if !(low..=high).contains(&port) {
            f.push(Finding::error(
                field,
                format!("{what} is {port}, outside the NodePort range {low}-{high}"),
            ));
            break;
        }
        if let Some(other) = seen.insert(port, what.clone()) {
            f.push(Finding::error(field, format!("{port} is already used by {other}")));
            break;
        }
    }
}

fn check_placement(config: &Config, strategy: &dyn Strategy, f: &mut Vec<Finding>) {
    if strategy.placement() == Placement::OneBrokerPerNode && (config.nodes.len() as u32) < config.replicas {
        f.push(Finding::error(
            "nodes",
            format!(
                "{} runs one broker per node: {} brokers need {} nodes, and there are {}; add nodes or \
                 lower replicas",
                strategy.id(),
                config.replicas,
                config.replicas,
                config.nodes.len()
            ),
        ));
    }
}

/// Checks that `value` is an IP address or a DNS name that can be advertised; `true` when it found
/// an error.
pub fn check_host(f: &mut Vec<Finding>, field: &str, value: &str) -> bool {
    let error = host_error(value);
    if let Some(message) = &error {
        f.push(Finding::error(field, message.clone()));
    }
    error.is_some()
}

fn host_error(value: &str) -> Option<String> {
    if value.is_empty() {
        return Some("enter an IP address or a DNS name".into());
    }
    if let Ok(ip) = value.parse::<IpAddr>() {
        return (ip.is_unspecified()).then(|| {
            format!(
                "{ip} is not an address a client can connect to; enter the node's or load balancer's address"
            )
        });
    }
    if value.contains(':') || value.starts_with('[') {
        return Some(format!("`{value}` is not an IP address or a DNS name"));
    }
    if value.split('.').all(|l| l.chars().all(|c| c.is_ascii_digit())) {
        return Some(format!("`{value}` is not a valid IPv4 address"));
    }
    dns_subdomain_error(value.trim_end_matches('.'))
}

/// DNS-1123 subdomain: lower-case labels of letters, digits and `-`, joined by dots, ≤253 characters.
fn dns_subdomain_error(value: &str) -> Option<String> {
    if value.len() > 253 {
        return Some(format!("at most 253 characters (it has {})", value.len()));
    }
    for label in value.split('.') {
        if let Some(why) = label_error(label, 63, false) {
            return Some(format!("`{value}` is not a valid DNS name: {why}"));
        }
    }
    None
}

fn label_error(label: &str, max: usize, must_start_with_letter: bool) -> Option<String> {
    if label.is_empty() {
        return Some("a part is empty".into());
    }
    if label.len() > max {
        return Some(format!("`{label}` is longer than {max} characters"));
    }
    if let Some(c) = label.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        let hint = if c.is_ascii_uppercase() { " (use lower case)" } else { "" };
        return Some(format!("`{c}` is not allowed: only a-z, 0-9 and -{hint}"));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Some("must start and end with a letter or digit".into());
    }
    if must_start_with_letter && !label.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a letter".into());
    }
    None
}

/// `true` when it is a valid DNS-1123 label of at most `max` characters.
fn check_dns_label(f: &mut Vec<Finding>, field: &str, value: &str, max: usize) -> bool {
    push_unless_none(f, field, label_error(value, max, false))
}

/// `true` when it is a valid DNS-1035 label (starts with a letter) of at most `max` characters.
fn check_dns1035_label(f: &mut Vec<Finding>, field: &str, value: &str, max: usize) -> bool {
    push_unless_none(f, field, label_error(value, max, true))
}

fn check_dns_subdomain(f: &mut Vec<Finding>, field: &str, value: &str) -> bool {
    push_unless_none(f, field, dns_subdomain_error(value))
}

fn push_unless_none(f: &mut Vec<Finding>, field: &str, error: Option<String>) -> bool {
    match error {
        Some(message) => {
            f.push(Finding::error(field, message));
            false
        }
        None => true,
    }
}

/// A Kubernetes qualified name (`prefix/name`), as annotation keys and class names are.
pub fn check_qualified_name(f: &mut Vec<Finding>, field: &str, value: &str) -> bool {
    let (prefix, name) = match value.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, value),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    let prefix_ok = prefix.is_none_or(|p| dns_subdomain_error(p).is_none());
    let ok = name_ok && prefix_ok;
    if !ok {
        f.push(Finding::error(
            field,
            format!("`{value}` is not a qualified name: an optional DNS prefix and `/`, then up to 63 letters, digits, -, _ or ."),
        ));
    }
    ok
}

/// A CIDR such as `10.0.0.0/8`.
pub fn check_cidr(f: &mut Vec<Finding>, field: &str, value: &str) -> bool {
    let ok =
        value.split_once('/').is_some_and(|(ip, bits)| match (ip.parse::<IpAddr>(), bits.parse::<u8>()) {
            (Ok(IpAddr::V4(_)), Ok(bits)) => bits <= 32,
            (Ok(IpAddr::V6(_)), Ok(bits)) => bits <= 128,
            _ => false,
        });
    if !ok {
        f.push(Finding::error(field, format!("`{value}` is not a network such as 192.0.2.0/24")));
    }
    ok
}

/// A container image reference: no spaces, no upper case in the repository, an optional tag or digest.
fn check_image(f: &mut Vec<Finding>, field: &str, image: &str) {
    let message = if image.is_empty() {
        Some("enter an image, such as apache/kafka:4.1.1".to_string())
    } else if image.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("an image reference has no spaces".into())
    } else {
        let repository = image.split('@').next().unwrap_or(image);
        let repository = match repository.rsplit_once(':') {
            Some((repo, tag)) if !tag.contains('/') => {
                if tag.is_empty()
                    || tag.len() > 128
                    || !tag.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
                {
                    return f.push(Finding::error(field, format!("`{tag}` is not a valid image tag")));
                }
                repo
            }
            _ => repository,
        };
        let path = repository.split_once('/').map_or(repository, |(host, rest)| {
            if host.contains('.') || host.contains(':') || host == "localhost" {
                rest
            } else {
                repository
            }
        });
        (path.is_empty()
            || path.chars().any(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-/".contains(c))))
        .then(|| {
            format!("`{repository}` is not a valid image name: lower-case letters, digits, ., _, - and /")
        })
    };
    if let Some(message) = message {
        f.push(Finding::error(field, message));
    }
}

/// A Kubernetes resource quantity in the forms a volume size takes: a number and a unit.
fn is_quantity(value: &str) -> bool {
    let digits_end = value.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(value.len());
    let (number, unit) = value.split_at(digits_end);
    let number_ok = !number.is_empty()
        && number.matches('.').count() <= 1
        && !number.starts_with('.')
        && !number.ends_with('.')
        && number.chars().any(|c| c != '0' && c != '.');
    number_ok && ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E"].contains(&unit)
}
