//! The checks that validation and the strategies share: what a finding is, and the field checks
//! (DNS names, hosts, ports, images, quantities) that either may run on a config's values. It sits
//! below both, so neither imports the other.

use crate::config::{Config, Field};
use crate::naming::Names;
use std::fmt;
use std::net::IpAddr;

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
    /// The field it is about.
    pub field: Field,
    pub message: String,
}

impl Finding {
    pub fn error(field: Field, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Error, field, message: message.into() }
    }

    pub fn warning(field: Field, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, field, message: message.into() }
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

/// The lowest and highest NodePort of `range` ("30000-32767").
pub fn parse_port_range(range: &str) -> Option<(u32, u32)> {
    let (low, high) = range.trim().split_once('-')?;
    let (low, high): (u32, u32) = (low.trim().parse().ok()?, high.trim().parse().ok()?);
    (1 <= low && low <= high && high <= 65535).then_some((low, high))
}

/// Checks that `value` is an IP address or a DNS name that Kafka can advertise; `true` when it
/// found an error.
pub fn check_host(f: &mut Vec<Finding>, field: Field, value: &str) -> bool {
    let error = host_error(value);
    if let Some(message) = &error {
        f.push(Finding::error(field, message.clone()));
    }
    error.is_some()
}

/// What [`check_outside_host`] said of an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutsideHost {
    /// Nothing.
    Fine,
    /// That it is an example address, to be replaced (it is a host all the same).
    Example,
    /// That it is no address, or one no client outside can ever reach.
    Unusable,
}

/// Checks an address that clients outside the cluster dial: an error when it is no address at all,
/// a warning when it is one that no client outside can ever reach, or an example address
/// (`instead` says what to enter).
pub fn check_outside_host(
    f: &mut Vec<Finding>,
    config: &Config,
    field: Field,
    value: &str,
    instead: &str,
) -> OutsideHost {
    if check_host(f, field, value) {
        return OutsideHost::Unusable;
    }
    if let Some(why) = unreachable_from_outside(value, &Names::new(config)) {
        f.push(Finding::warning(field, format!("{}. {instead}", why.describe(value))));
        return OutsideHost::Unusable;
    }
    if config.client_network.is_internet() && is_inside_address(value) {
        f.push(Finding::warning(
            field,
            format!(
                "{value} is a private address: it routes only on its own network, so clients on the \
                 internet cannot reach it. If your clients share the nodes' network (a LAN, a VPN, \
                 minikube on this machine), say so under \"Where the client runs\". {instead}"
            ),
        ));
        return OutsideHost::Unusable;
    }
    let Some(reserved) = example_address(value) else { return OutsideHost::Fine };
    f.push(Finding::warning(
        field,
        format!("\"{value}\" is an example address ({reserved}), which no network routes. {instead}"),
    ));
    OutsideHost::Example
}

/// Whether `host` is an address that only its own network reaches: private (RFC 1918), shared
/// (100.64.0.0/10, RFC 6598), link-local, loopback, or IPv6's unique local (fc00::/7) and
/// link-local ranges. A node's InternalIP is usually one; a name never is.
pub fn is_inside_address(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => {
            let [a, b, ..] = ip.octets();
            ip.is_private() || ip.is_link_local() || ip.is_loopback() || (a == 100 && (64..128).contains(&b))
        }
        Ok(IpAddr::V6(ip)) => ip.is_unique_local() || ip.is_unicast_link_local() || ip.is_loopback(),
        Err(_) => false,
    }
}

/// Whether `host` is an address or name reserved for examples, and by what: the page's defaults
/// and presets use them, and files that advertise one reach nobody until it is replaced.
/// IPv4's documentation ranges (RFC 5737), IPv6's (RFC 3849), and the names RFC 2606 reserves
/// (`example.com`, `.net`, `.org` and their subdomains; the `.example`, `.test` and `.invalid`
/// top-level domains).
pub fn example_address(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.').trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => {
            let [a, b, c, _] = ip.octets();
            matches!((a, b, c), (192, 0, 2) | (198, 51, 100) | (203, 0, 113))
                .then_some("a documentation range, RFC 5737")
        }
        Ok(IpAddr::V6(ip)) => {
            let [a, b, ..] = ip.segments();
            (a == 0x2001 && b == 0x0db8).then_some("IPv6's documentation prefix, RFC 3849")
        }
        Err(_) => {
            let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
            let reserved = ["example.com", "example.net", "example.org", "example", "test", "invalid"];
            reserved.iter().any(|d| under(d)).then_some("a name reserved for examples, RFC 2606")
        }
    }
}

/// Why a client outside the cluster can never use an address, whatever the cluster does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreachable {
    /// A name that only the cluster's DNS answers: `*.svc`, `*.svc.<cluster domain>`, or a Service's
    /// or pod's short name, which pods resolve through their DNS search path.
    ClusterDns,
    /// `localhost`, `*.localhost` or a loopback IP: the client's own machine.
    Loopback,
}

impl Unreachable {
    /// Why, in a sentence about `host`.
    pub fn describe(self, host: &str) -> String {
        match self {
            Unreachable::ClusterDns => format!(
                "\"{host}\" is a name in the cluster's DNS: it resolves only inside the cluster, so a \
                 client outside cannot connect to it"
            ),
            Unreachable::Loopback => format!(
                "\"{host}\" is the client's own machine: a client outside that connects to it never \
                 leaves its own computer"
            ),
        }
    }
}

/// What makes a name the cluster's own: its DNS domain, the brokers' namespace, and the short
/// names of its Services and pods. A config knows them ([`Names`]); so does a pasted deployment.
pub trait ClusterNames {
    fn domain(&self) -> &str;
    fn namespace(&self) -> &str;
    /// Whether `label` is the short name of one of the cluster's Services or pods.
    fn is_cluster_name(&self, label: &str) -> bool;
    /// Whether `label` names a headless Service, under which pods have names of their own.
    fn is_headless(&self, label: &str) -> bool;
}

impl ClusterNames for Names<'_> {
    fn domain(&self) -> &str {
        self.cluster_domain()
    }

    fn namespace(&self) -> &str {
        Names::namespace(self)
    }

    fn is_cluster_name(&self, label: &str) -> bool {
        Names::is_cluster_name(self, label)
    }

    fn is_headless(&self, label: &str) -> bool {
        label == self.headless_service()
    }
}

/// Whether a client outside the cluster can never reach `host`, and why; `None` when nothing in the
/// name rules it out (whether it really reaches the cluster is for the network to say).
pub fn unreachable_from_outside(host: &str, names: &dyn ClusterNames) -> Option<Unreachable> {
    // Written for the walkthrough, which asks for every address it follows: no copies unless the
    // name has capitals (validated names have none).
    let host = host.trim_end_matches('.').trim_start_matches('[').trim_end_matches(']');
    let lower;
    let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        lower = host.to_ascii_lowercase();
        lower.as_str()
    } else {
        host
    };
    if let Ok(ip) = host.parse::<IpAddr>() {
        return ip.is_loopback().then_some(Unreachable::Loopback);
    }
    if host == "localhost" || host.ends_with(".localhost") {
        return Some(Unreachable::Loopback);
    }
    let domain = names.domain().trim_end_matches('.');
    let under = |zone: &str| {
        host.len() > zone.len()
            && host.ends_with(zone)
            && host.as_bytes()[host.len() - zone.len() - 1] == b'.'
    };
    let in_cluster_zone = under("svc") || (!domain.is_empty() && (host == domain || under(domain)));
    // The short forms a pod's search path completes: `kafka-0.broker`, `broker.kafka`, `kafka-0`.
    let (first, rest) = host.split_once('.').unwrap_or((host, ""));
    let namespace = names.namespace();
    let (service, in_namespace) = rest.split_once('.').unwrap_or((rest, ""));
    let short_form = names.is_cluster_name(first)
        && (rest.is_empty()
            || rest == namespace
            || names.is_headless(rest)
            || (names.is_headless(service) && in_namespace == namespace));
    (in_cluster_zone || short_form).then_some(Unreachable::ClusterDns)
}

fn host_error(value: &str) -> Option<String> {
    if value.is_empty() {
        return Some("Enter an IP address or a DNS name".into());
    }
    if let Ok(ip) = value.parse::<IpAddr>() {
        return (ip.is_unspecified()).then(|| {
            format!(
                "{ip} is not an address a client can connect to; enter the node's or load balancer's address"
            )
        });
    }
    if value.contains(':') || value.starts_with('[') {
        return Some(format!("\"{value}\" is not an IP address or a DNS name"));
    }
    if value.split('.').all(|l| l.chars().all(|c| c.is_ascii_digit())) {
        return Some(format!("\"{value}\" is not a valid IPv4 address"));
    }
    dns_subdomain_error(value.trim_end_matches('.'))
}

/// DNS-1123 subdomain: lower-case labels of letters, digits and `-`, joined by dots, ≤253 characters.
fn dns_subdomain_error(value: &str) -> Option<String> {
    if value.len() > 253 {
        return Some(format!("at most 253 characters (it has {})", value.len()));
    }
    if value.split('.').any(str::is_empty) {
        return Some(format!(
            "\"{value}\" is not a valid DNS name: it has an empty part (two dots in a row, or a dot at \
             the start or the end)"
        ));
    }
    for label in value.split('.') {
        if let Some(why) = label_error(label, 63, false) {
            return Some(format!("\"{value}\" is not a valid DNS name: {why}"));
        }
    }
    None
}

fn label_error(label: &str, max: usize, must_start_with_letter: bool) -> Option<String> {
    if label.len() > max {
        return Some(format!("\"{label}\" is longer than {max} characters"));
    }
    if let Some(c) = label.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        let hint = if c.is_ascii_uppercase() { " (use lower case)" } else { "" };
        return Some(format!("\"{c}\" is not allowed: only a-z, 0-9 and -{hint}"));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Some("must start and end with a letter or digit".into());
    }
    if must_start_with_letter && !label.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a letter".into());
    }
    None
}

/// The message for an empty field: `what` is what to enter, with an example ("a namespace, such as
/// kafka").
fn empty(value: &str, what: &str) -> Option<String> {
    value.is_empty().then(|| format!("Enter {what}"))
}

/// `true` when it is a valid DNS-1123 label of at most `max` characters; `what` is what to enter
/// when it is empty.
pub fn check_dns_label(f: &mut Vec<Finding>, field: Field, what: &str, value: &str, max: usize) -> bool {
    push_unless_none(f, field, empty(value, what).or_else(|| label_error(value, max, false)))
}

/// `true` when it is a valid DNS-1035 label (starts with a letter) of at most `max` characters.
pub fn check_dns1035_label(f: &mut Vec<Finding>, field: Field, what: &str, value: &str, max: usize) -> bool {
    push_unless_none(f, field, empty(value, what).or_else(|| label_error(value, max, true)))
}

/// `true` when it is a valid DNS-1123 subdomain.
pub fn check_dns_subdomain(f: &mut Vec<Finding>, field: Field, what: &str, value: &str) -> bool {
    push_unless_none(f, field, empty(value, what).or_else(|| dns_subdomain_error(value)))
}

fn push_unless_none(f: &mut Vec<Finding>, field: Field, error: Option<String>) -> bool {
    match error {
        Some(message) => {
            f.push(Finding::error(field, message));
            false
        }
        None => true,
    }
}

/// A Kubernetes qualified name (`prefix/name`), as annotation keys and class names are.
pub fn check_qualified_name(f: &mut Vec<Finding>, field: Field, value: &str) -> bool {
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
            format!("\"{value}\" is not a qualified name: an optional DNS prefix and \"/\", then up to 63 letters, digits, -, _ or ."),
        ));
    }
    ok
}

/// A CIDR such as `10.0.0.0/8`.
pub fn check_cidr(f: &mut Vec<Finding>, field: Field, value: &str) -> bool {
    let ok =
        value.split_once('/').is_some_and(|(ip, bits)| match (ip.parse::<IpAddr>(), bits.parse::<u8>()) {
            (Ok(IpAddr::V4(_)), Ok(bits)) => bits <= 32,
            (Ok(IpAddr::V6(_)), Ok(bits)) => bits <= 128,
            _ => false,
        });
    if !ok {
        f.push(Finding::error(field, format!("\"{value}\" is not a network such as 192.0.2.0/24")));
    }
    ok
}

/// A container image reference: no spaces, no upper case in the repository, an optional tag or digest.
pub fn check_image(f: &mut Vec<Finding>, field: Field, image: &str) {
    let message = if image.is_empty() {
        Some("enter an image, such as apache/kafka:4.3.1".to_string())
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
                    return f.push(Finding::error(field, format!("\"{tag}\" is not a valid image tag")));
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
            format!("\"{repository}\" is not a valid image name: lower-case letters, digits, ., _, - and /")
        })
    };
    if let Some(message) = message {
        f.push(Finding::error(field, message));
    }
}

/// A Kubernetes resource quantity in the forms a volume size takes: a number and a unit.
pub fn is_quantity(value: &str) -> bool {
    let digits_end = value.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(value.len());
    let (number, unit) = value.split_at(digits_end);
    let number_ok = !number.is_empty()
        && number.matches('.').count() <= 1
        && !number.starts_with('.')
        && !number.ends_with('.')
        && number.chars().any(|c| c != '0' && c != '.');
    number_ok && ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E"].contains(&unit)
}

/// The bytes in a memory quantity (`4Gi`, `512Mi`, `2G`); `None` for anything else.
pub fn quantity_bytes(value: &str) -> Option<u64> {
    let digits_end = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
    let (number, unit) = value.split_at(digits_end);
    let number: u64 = number.parse().ok()?;
    let scale: u64 = match unit {
        "" => 1,
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "T" => 1_000_000_000_000,
        _ => return None,
    };
    number.checked_mul(scale)
}

/// A CPU quantity: a whole or decimal number of cores (`1`, `0.5`) or millicores (`500m`).
pub fn is_cpu(value: &str) -> bool {
    let number = value.strip_suffix('m').unwrap_or(value);
    !number.is_empty()
        && number.matches('.').count() <= 1
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.chars().any(|c| c.is_ascii_digit() && c != '0')
        && !(value.ends_with('m') && number.contains('.'))
}

/// Whether `id` is a cluster id `kafka-storage.sh format` accepts: 16 bytes in unpadded base64url.
pub fn check_cluster_id(id: &str) -> Result<(), String> {
    const USAGE: &str = "make one with kafka-storage.sh random-uuid, or leave it empty to derive one";
    if id.len() != 22 {
        return Err(format!("must be 22 characters of base64url (it has {}); {USAGE}", id.len()));
    }
    if let Some(c) = id.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("\"{c}\" is not a base64url character; {USAGE}"));
    }
    if id.chars().all(|c| c == 'A') {
        return Err(format!("the all-zero id is reserved; {USAGE}"));
    }
    Ok(())
}
