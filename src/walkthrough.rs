//! The connection walkthrough in words: each hop, each failure, each connection's outcome and a
//! walkthrough's summary, over what the routing engine (`crate::sim::route`) found.

use crate::address::host_of;
use crate::checks::{example_address, Unreachable};
use crate::sim::route::{Connection, Failure, Hop, Places, Vantage, Walkthrough};
use crate::strategy;
use std::net::IpAddr;

impl Vantage {
    /// Where the client runs, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Vantage::Outside => "outside the cluster",
            Vantage::NodeNetwork => "outside the cluster, on the nodes' network",
            Vantage::InCluster => "a pod in the cluster",
        }
    }
}

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
                // SNI: the host name a client puts in its TLS hello; dialling an IP, it sends none.
                let sni = if *sni {
                    "the name the client sends: SNI"
                } else {
                    "an IP: the client sends no name (SNI)"
                };
                format!("TLS: the certificate lists {kind} {san} ({sni})")
            }
            Hop::Sasl { mechanism } => format!("SASL {mechanism} login"),
            Hop::Gateway { gateway, section, sni } => match sni {
                Some(name) => format!(
                    "Gateway {gateway}, listener {section} (TLS passthrough): SNI {name} picks its TLSRoute"
                ),
                None => format!("Gateway {gateway}, listener {section} (TLS passthrough): no SNI"),
            },
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
            Failure::InsideOnly { .. } => "✗ private: the nodes' network only",
            Failure::Placeholder { .. } => "? filled in at start",
            Failure::RandomBroker { .. } => "✗ reaches a random broker",
            Failure::NoBrokerOnNode { .. } => "✗ no broker on that node",
            Failure::NothingListens { .. } => "✗ wrong port",
            Failure::WrongBroker { .. } => "✗ reaches another broker",
            Failure::NoMetadata => "✗ no metadata",
            Failure::Pending { .. } => "✗ Pending: no node",
            Failure::NotInCertificate { .. } => "✗ not in the certificate",
            Failure::NotReady { .. } => "✗ not Ready: no DNS name",
            Failure::NoAddress { .. } => "✗ load balancer pending",
            Failure::NoSni { .. } => "✗ no SNI: the Gateway drops it",
            Failure::NoRoute { .. } => "✗ no route for that name",
            Failure::Terminated { .. } => "✗ the Gateway ends TLS",
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
            Failure::Placeholder { text } => format!("{text} is filled in when the broker starts"),
            Failure::InsideOnly { address } => format!(
                "{address} is a private address: it routes only on its own network, so only a client \
                 on the nodes' network (the same LAN, or a VPN into it) reaches it, never one on the \
                 internet"
            ),
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
            Failure::NoAddress { why, .. } => why.clone(),
            Failure::NoSni { host } => format!(
                "{host} is an IP or a one-label name, so the client sends no server name (SNI) in its \
                 TLS hello, and the Gateway, which routes by it, drops the connection: dial a DNS name \
                 that has a route"
            ),
            Failure::NoRoute { host } => format!(
                "no TLSRoute of the Gateway's listener has the name {host}, so the Gateway drops the \
                 connection: add a route for it"
            ),
            Failure::Terminated { gateway } => format!(
                "Gateway {gateway}'s listener terminates TLS itself (mode Terminate): the broker, \
                 which expects TLS, gets plaintext. Set the listener's tls.mode to Passthrough"
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

impl Walkthrough {
    /// The names a client outside dialed and the simulation took to resolve as the config says
    /// (to a node, the address in front of the nodes, a load balancer), in a sentence: this page
    /// cannot look them up, so it says what it assumed.
    pub fn assumed_names(&self) -> Option<String> {
        if self.vantage.has_cluster_dns() {
            return None;
        }
        let mut names: Vec<&str> = Vec::new();
        for c in self.bootstrap.iter().chain(&self.connections).filter(|c| !c.hops.is_empty()) {
            let host = host_of(&c.address);
            if host.parse::<IpAddr>().is_err() && !names.contains(&host) {
                names.push(host);
            }
        }
        let list = and_list(&names)?;
        Some(format!(
            "Assumed: where the client runs, {list} {} as the config says; this page cannot look names up.",
            if names.len() == 1 { "resolves" } else { "resolve" }
        ))
    }
}

/// The example addresses to replace, in a sentence, if there are any.
pub fn replace_first(hosts: &[&str]) -> Option<String> {
    let list = and_list(hosts)?;
    Some(if hosts.len() == 1 {
        format!("{list} is an example address, which no network routes: replace it with your own")
    } else {
        format!("{list} are example addresses, which no network routes: replace them with your own")
    })
}

/// `a`, `a and b`, `a, b and c`; `None` for none.
pub fn and_list(items: &[&str]) -> Option<String> {
    let (last, rest) = items.split_last()?;
    Some(if rest.is_empty() { last.to_string() } else { format!("{} and {last}", rest.join(", ")) })
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

/// The primer's section on a node's addresses, in the config's own values: its first node's
/// addresses, what its brokers advertise of it, and who reaches that.
pub fn your_node_addresses(config: &crate::config::Config) -> Option<String> {
    use crate::config::NodeAddressSource;
    let node = config.nodes.first().filter(|n| !n.address.is_empty())?;
    let name = &node.name;
    let mut s = if node.internal.is_empty() {
        format!(
            "Your node {name} is listed with one address, {}: its InternalIP and the address clients \
             use are taken to be the same (if it sits behind NAT, enter its InternalIP beside it). ",
            node.address
        )
    } else {
        format!(
            "Your node {name} is {} inside (its InternalIP) and {} to clients (a NAT or ExternalIP in \
             front of it). ",
            node.internal, node.address
        )
    };
    let host = strategy::strategy(config.strategy).external_host(config);
    let first = strategy::by_ordinal(&host, 0);
    let advertised = if host.uses_node_address() {
        let from = match config.node_address_source {
            NodeAddressSource::StaticMap => "the node list",
            NodeAddressSource::HostIp => "status.hostIP",
            NodeAddressSource::Kubectl => "kubectl",
        };
        let advertised = config.node_advertised(node);
        s.push_str(&format!("Its brokers learn its address from {from}, so they advertise {advertised}"));
        advertised
    } else if first == node.address {
        s.push_str(&format!("Its broker advertises the node list's {first}"));
        &first
    } else {
        s.push_str(&format!("Your brokers advertise addresses of their own, such as {first}"));
        &first
    };
    let reach = if let Some(reserved) = example_address(advertised) {
        format!(": an example address ({reserved}), which no network routes until you replace it.")
    } else if crate::checks::is_inside_address(advertised) {
        ": a private address, which only clients on the nodes' network (a LAN, a VPN) reach, never \
         one on the internet."
            .to_string()
    } else {
        ", which clients on the internet reach when nothing filters the port.".to_string()
    };
    s.push_str(&reach);
    Some(s)
}
