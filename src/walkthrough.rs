//! The connection walkthrough in words: each hop, each failure, each connection's outcome and a
//! walkthrough's summary, over what the routing engine (`crate::sim::route`) found.

use crate::address::host_of;
use crate::checks::{example_address, Unreachable};
use crate::sim::route::{Connection, Failure, Hop, Places, Walkthrough};
use std::net::IpAddr;

impl Hop {
    /// The hop, in words.
    pub fn describe(&self, places: &Places) -> String {
        match self {
            Hop::Node { node, port } => match places.nodes.get(*node) {
                Some(n) => format!("node {} ({}), port {port}", n.name, n.address),
                None => format!("node {node}, port {port}"),
            },
            Hop::AnyNode { port } => format!("{} → any node, port {port}", places.any_node),
            Hop::Service { name } => format!("Service {name}"),
            Hop::Pod { ordinal, port, listener } => {
                format!("pod {}, port {port} ({listener})", places.pod(*ordinal))
            }
            Hop::Tls { san, sni } => {
                let kind = if san.parse::<IpAddr>().is_ok() { "IP" } else { "DNS name" };
                let sni = if *sni { format!("SNI {san}") } else { "no SNI".into() };
                format!("TLS: the certificate lists {kind} {san} ({sni})")
            }
            Hop::Sasl { mechanism } => format!("SASL {mechanism} login"),
        }
    }
}

/// The hops of a connection in words, joined by arrows; a connection spread over several pods is
/// told as "one of N pods".
pub fn describe_hops(hops: &[Hop], places: &Places) -> String {
    let pods: Vec<&Hop> = hops.iter().filter(|h| matches!(h, Hop::Pod { .. })).collect();
    let session = |h: &&Hop| matches!(h, Hop::Tls { .. } | Hop::Sasl { .. });
    let mut words: Vec<String> = hops
        .iter()
        .filter(|h| !matches!(h, Hop::Pod { .. }) && !session(h))
        .map(|h| h.describe(places))
        .collect();
    match pods.as_slice() {
        [] => {}
        [one] => words.push(one.describe(places)),
        [Hop::Pod { port, listener, .. }, ..] => {
            let ordinals: Vec<u32> = pods
                .iter()
                .filter_map(|h| if let Hop::Pod { ordinal, .. } = h { Some(*ordinal) } else { None })
                .collect();
            let (first, last) = (ordinals[0], ordinals[ordinals.len() - 1]);
            words.push(format!(
                "one of {} pods ({} … {}), port {port} ({listener})",
                ordinals.len(),
                places.pod(first),
                places.pod(last)
            ));
        }
        _ => {}
    }
    // The handshakes come last: they happen once the connection has reached a broker.
    words.extend(hops.iter().filter(session).map(|h| h.describe(places)));
    words.join(" → ")
}

impl Failure {
    /// The reason, in a few words, for a label on the diagram.
    pub fn short(&self) -> &'static str {
        match self {
            Failure::DoesNotResolve { .. } => "✗ name does not resolve outside",
            Failure::OwnMachine { .. } => "✗ the client's own machine",
            Failure::RandomBroker { .. } => "✗ reaches a random broker",
            Failure::NoBrokerOnNode { .. } => "✗ no broker on that node",
            Failure::NothingListens { .. } => "✗ wrong port",
            Failure::WrongBroker { .. } => "✗ reaches another broker",
            Failure::NoMetadata => "✗ no metadata",
            Failure::Pending { .. } => "✗ Pending: no node",
            Failure::NotInCertificate { .. } => "✗ not in the certificate",
            Failure::NotReady { .. } => "✗ not Ready: no DNS name",
        }
    }

    /// The reason, in a sentence.
    pub fn describe(&self) -> String {
        match self {
            Failure::DoesNotResolve { name } if name.parse::<IpAddr>().is_ok() => {
                format!("nothing known answers at {name}: it is no node's and no load balancer's address")
            }
            Failure::DoesNotResolve { name } => format!(
                "{name} does not resolve outside the cluster: it exists only in the cluster's DNS"
            ),
            Failure::OwnMachine { name } => Unreachable::Loopback.describe(name),
            Failure::RandomBroker { brokers } => format!(
                "reaches a random broker: the port load-balances over {brokers} brokers, so only 1 connection in {brokers} lands on the right one"
            ),
            Failure::NoBrokerOnNode { node } => {
                // The simulation follows the iptables and nftables modes, the default; IPVS sends
                // such traffic to another node's endpoint (kubernetes/kubernetes#97081).
                format!(
                    "no broker on node {node}: with externalTrafficPolicy: Local kube-proxy (in its \
                     iptables or nftables mode) drops the connection there, and the client waits out \
                     its connection timeout; in IPVS mode it reaches a random broker on another node"
                )
            }
            Failure::NothingListens { address } => format!("wrong port: nothing listens on {address}"),
            Failure::WrongBroker { reached } => format!("reaches broker {reached} instead"),
            Failure::NoMetadata => "never attempted: bootstrap failed, so the client has no metadata".into(),
            Failure::NotInCertificate { host } => {
                let kind = if host.parse::<IpAddr>().is_ok() { "an IP SAN" } else { "a DNS SAN" };
                format!(
                    "the certificate does not list {host} as {kind}, so the client's hostname \
                     verification refuses the broker: add the address to the certificate, do not turn \
                     the check off"
                )
            }
            Failure::Pending { pod } => format!(
                "{pod} stays Pending: every node already runs a broker and this strategy allows one per \
                 node, so the pod never starts and no client ever reaches it"
            ),
            Failure::NotReady { pod } => format!(
                "{pod} is not Ready, and its headless Service publishes names for ready pods only \
                 (publishNotReadyAddresses is not set): its name does not resolve until the pod is \
                 Ready"
            ),
        }
    }
}

impl Connection {
    /// How it ended, in words: `succeeds: reached broker …` or `fails: <why>`.
    pub fn outcome(&self) -> String {
        match &self.result {
            Ok((broker, listener)) => format!("succeeds: reached broker {broker} on {listener}"),
            Err(failure) => format!("fails: {}", failure.describe()),
        }
    }
}

impl Walkthrough {
    /// The example addresses among `first` (the bootstrap servers a client is given) and those
    /// the client dials, each once: reserved for documentation, so what works here works once they
    /// are replaced, not before.
    pub fn example_addresses<'a>(&'a self, first: &'a [String]) -> Vec<&'a str> {
        let mut hosts: Vec<&str> = Vec::new();
        let dialed = self.bootstrap.iter().chain(&self.connections).map(|c| c.address.as_str());
        for host in first.iter().map(String::as_str).chain(dialed).map(host_of) {
            if example_address(host).is_some() && !hosts.contains(&host) {
                hosts.push(host);
            }
        }
        hosts
    }
}

/// The example addresses to replace, in a sentence, if there are any.
pub fn replace_first(hosts: &[&str]) -> Option<String> {
    match hosts {
        [] => None,
        [one] => {
            Some(format!("{one} is an example address, which no network routes: replace it with your own"))
        }
        [rest @ .., last] => Some(format!(
            "{} and {last} are example addresses, which no network routes: replace them with your own",
            rest.join(", ")
        )),
    }
}

impl Walkthrough {
    /// When a client cannot reach every broker: how many it cannot, and the first reason, in a
    /// sentence for the files' warnings.
    pub fn failure_summary(&self) -> Option<String> {
        if self.all_reachable() {
            return None;
        }
        let failed: Vec<&Connection> = self.connections.iter().filter(|c| !c.succeeded()).collect();
        let first = self.bootstrap.iter().chain(failed.iter().copied()).find_map(|c| c.result.as_ref().err());
        let why = first.map(Failure::describe).unwrap_or_default();
        Some(format!("{} of {} brokers cannot be reached: {why}", failed.len(), self.connections.len()))
    }
}
