//! The SAN plan: every name and IP a client outside may dial for any broker, which the one EXTERNAL
//! certificate all brokers share must list. A client verifies the host it dialed: an IP literal
//! only against IP SANs, a name only against DNS SANs (a `*.` wildcard covers one leftmost label).
//! Bootstrap can land on any broker, so every bootstrap address is in every broker's certificate.
//!
//! One certificate for all brokers: a StatefulSet has one pod template, so per-broker Secrets would
//! need all of them mounted and one picked at start; Strimzi's user-provided listener certificate
//! is one multi-SAN Secret too.

use crate::config::{Config, NodeAddressSource};
use crate::strategy;
use std::collections::BTreeSet;
use std::net::IpAddr;

/// The names and IPs the certificate lists, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SanPlan {
    pub dns: Vec<String>,
    pub ips: Vec<String>,
}

/// Why the plan cannot be complete when generating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// Brokers advertise their node's address, found only when the pod starts (`host-ip` or
    /// `kubectl`): no certificate made in advance can list it.
    NodeAddressAtStart,
}

impl SanPlan {
    /// The plan for a config: every broker's advertised EXTERNAL host, every bootstrap host and
    /// the extra SANs. Where a broker advertises its node's address, every listed node's address:
    /// the pods are pinned to those nodes and may run on any of them.
    pub fn of(config: &Config) -> (SanPlan, Option<Unknown>) {
        let strategy = strategy::strategy(config.strategy);
        let host = strategy.external_host(config);
        let mut names = BTreeSet::new();
        let mut unknown = None;
        if host.uses_node_address() {
            if config.node_address_source != NodeAddressSource::StaticMap {
                unknown = Some(Unknown::NodeAddressAtStart);
            }
            names.extend(config.nodes.iter().map(|n| config.node_advertised(n).to_string()));
        } else if config.strategy == crate::config::StrategyId::GatewayTlsPassthrough
            && config.gateway.wildcard_san
        {
            // One wildcard over the brokers' names, as the user chose.
            names.insert(strategy::gateway_wildcard(config));
        } else {
            names.extend((0..config.replicas).map(|ordinal| strategy::by_ordinal(&host, ordinal)));
        }
        for server in strategy.bootstrap_servers(config) {
            names.insert(crate::address::host_of(&server).to_string());
        }
        names.extend(config.security.extra_sans.iter().cloned());
        let (ips, dns): (Vec<String>, Vec<String>) =
            names.into_iter().filter(|n| !n.is_empty()).partition(|n| n.parse::<IpAddr>().is_ok());
        (SanPlan { dns, ips }, unknown)
    }

    /// The SAN that `host` (as a client dials it) matches, if any: an IP only an IP SAN, a name a
    /// DNS SAN or a wildcard one label deep.
    pub fn matching(&self, host: &str) -> Option<&str> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return self
                .ips
                .iter()
                .find(|san| san.parse::<IpAddr>().is_ok_and(|s| s == ip))
                .map(String::as_str);
        }
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.dns
            .iter()
            .find(|san| {
                let san = san.to_ascii_lowercase();
                match san.strip_prefix("*.") {
                    Some(parent) => {
                        host.split_once('.').is_some_and(|(label, rest)| !label.is_empty() && rest == parent)
                    }
                    None => san == host,
                }
            })
            .map(String::as_str)
    }

    /// Whether a Java client sends SNI for `host`: only for a dotted name that is not an IP.
    pub fn sends_sni(host: &str) -> bool {
        strategy::sends_sni(host)
    }
}
