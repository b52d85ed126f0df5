//! The cluster a client's connections travel through, as the simulation sees it: nodes, pods with
//! their labels and ports, Services, the brokers' listeners and the certificate. Two sources build
//! it, the generated files (`from_bundle`) and a deployment's own objects (`from_objects`, the
//! doctor's); the walkthrough follows connections over it the same way whichever built it, so the
//! two can never disagree.

pub mod from_bundle;
pub mod from_objects;
pub mod load_balancer;
pub mod route;

use crate::checks::ClusterNames;
use crate::config::Node;
use crate::plan::sans::SanPlan;
use k8s_openapi::api::core::v1::Service;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Everything the simulation reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cluster<'a> {
    /// The brokers' namespace.
    pub namespace: String,
    /// Where an in-cluster client runs, whose search path completes short names; `None`: beside
    /// the brokers.
    pub client_namespace: Option<String>,
    /// The cluster's DNS domain, usually `cluster.local`.
    pub domain: String,
    /// The nodes, each with the address that reaches it from where clients run.
    pub nodes: Vec<Node>,
    /// The nodes' other addresses (an InternalIP beside the ExternalIP), each with its node.
    pub aliases: Vec<(String, usize)>,
    /// A name or address in front of every node (a DNS name or virtual IP), if one is known.
    pub any_node: Option<String>,
    /// Hosts a client got a Kafka answer through from where the client runs (the one kcat got its
    /// metadata from): reachable from there, private or not.
    pub reached: Vec<String>,
    /// The Services, with only the fields the simulation reads filled in when pasted.
    pub services: Cow<'a, [Service]>,
    pub pods: Vec<Pod>,
    /// The brokers, in the order the metadata lists them: broker `i` is `brokers[i]`.
    pub brokers: Vec<Broker>,
    /// The listener clients outside use, and the one clients in the cluster use: what a client
    /// would have tried when bootstrap fails.
    pub listeners: (Cow<'static, str>, Cow<'static, str>),
    /// The names and IPs the EXTERNAL certificate holds; `None` when unknown (no check).
    pub certificate: Option<Cow<'a, SanPlan>>,
    /// Whether LoadBalancer Services are served on every node's own address at their port (k3s
    /// ServiceLB), when no status says where they are.
    pub load_balancers_on_nodes: bool,
    /// Gateways' TLS listeners and the routes they choose by the client's SNI.
    pub gateways: Vec<SniListener>,
}

/// A Gateway's TLS listener, and the TLSRoutes attached to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SniListener {
    /// The Gateway (or ListenerSet) and the listener's name.
    pub gateway: String,
    pub section: String,
    pub port: u32,
    /// The listener's host name (a `*.` wildcard, or none: any).
    pub hostname: Option<String>,
    /// `Passthrough`: the broker terminates TLS; else the Gateway does, and the broker gets plaintext.
    pub passthrough: bool,
    pub routes: Vec<SniRoute>,
}

/// A TLSRoute's host name and the Service it forwards to, on `port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SniRoute {
    pub hostname: String,
    pub service: String,
    pub namespace: String,
    pub port: u32,
}

/// Whether `host` matches a route's or listener's host name: the same name, or one label under a
/// `*.` wildcard.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    let (pattern, host) = (pattern.to_ascii_lowercase(), host.trim_end_matches('.').to_ascii_lowercase());
    match pattern.strip_prefix("*.") {
        Some(parent) => host.split_once('.').is_some_and(|(label, rest)| !label.is_empty() && rest == parent),
        None => pattern == host,
    }
}

impl SniListener {
    /// Whether `host` is one of the names the user points at this Gateway (a route's, or one under
    /// the listener's wildcard).
    pub fn answers(&self, host: &str) -> bool {
        self.routes.iter().any(|r| host_matches(&r.hostname, host))
            || self.hostname.as_deref().is_some_and(|h| host_matches(h, host))
    }
}

/// A container port: its name, number and hostPort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerPort {
    pub name: String,
    pub port: u32,
    pub host_port: Option<u32>,
}

/// A pod.
#[derive(Clone, Debug, PartialEq)]
pub struct Pod {
    pub name: String,
    pub namespace: String,
    /// The node it runs on, an index in `nodes`; `None` while Pending (no IP, no endpoint).
    pub node: Option<usize>,
    /// Shared between the pods of one template.
    pub labels: Arc<BTreeMap<String, String>>,
    pub ports: Arc<Vec<ContainerPort>>,
    /// `spec.subdomain`: the headless Service under which the pod has a DNS name.
    pub subdomain: Option<String>,
    /// Whether it is Ready: only ready pods are a Service's endpoints, unless the Service
    /// publishes not-ready addresses.
    pub ready: bool,
    /// The broker it runs, an index in `brokers`.
    pub broker: Option<u32>,
}

impl Pod {
    /// A label: its name under the StatefulSet controller's key (which every pod of a StatefulSet
    /// carries), else its own.
    pub fn label(&self, key: &str) -> Option<&str> {
        if key == crate::naming::POD_NAME_LABEL {
            Some(&self.name)
        } else {
            self.labels.get(key).map(String::as_str)
        }
    }

    /// Whether a Service's selector selects it.
    pub fn selected_by(&self, selector: &BTreeMap<String, String>) -> bool {
        selector.iter().all(|(k, v)| self.label(k) == Some(v.as_str()))
    }
}

/// A broker's listeners, as its `server.properties` (or what a client was told) says.
#[derive(Clone, Debug, PartialEq)]
pub struct Broker {
    /// The pod it runs in, an index in `pods`.
    pub pod: usize,
    /// `node.id`, as the metadata names it.
    pub node_id: Option<i64>,
    /// (listener name, port) from `listeners`.
    pub listeners: Arc<Vec<(String, u32)>>,
    /// (listener name, `host:port`) from `advertised.listeners`.
    pub advertised: Arc<Vec<(String, String)>>,
    /// (listener name, security protocol) from `listener.security.protocol.map`.
    pub protocols: Arc<Vec<(String, String)>>,
    /// The SASL mechanism EXTERNAL enables.
    pub sasl: Arc<Option<String>>,
    /// `inter.broker.listener.name`: the listener brokers reach each other on, never one for
    /// clients outside.
    pub inter_broker: Option<String>,
}

impl Cluster<'_> {
    /// The names a pod's search path completes and no one outside resolves: every Service's and
    /// pod's, for [`crate::checks::unreachable_from_outside`]. Known by their shape, numbers
    /// aside: `kafka-7` is a pod's name whenever `kafka-0` is, scaled or not.
    pub fn names<'s>(&'s self) -> SimNames<'s> {
        let mut short = HashSet::new();
        let mut headless = HashSet::new();
        for service in self.services.iter() {
            if let Some(name) = service.metadata.name.as_deref() {
                short.insert(shape(name));
                if service.spec.as_ref().and_then(|s| s.cluster_ip.as_deref()) == Some("None") {
                    headless.insert(name);
                }
            }
        }
        short.extend(self.pods.iter().map(|p| shape(&p.name)));
        SimNames { cluster: self, short, headless }
    }
}

/// The cluster's own names, looked up once per walkthrough.
pub struct SimNames<'a> {
    cluster: &'a Cluster<'a>,
    short: HashSet<String>,
    headless: HashSet<&'a str>,
}

impl ClusterNames for SimNames<'_> {
    fn domain(&self) -> &str {
        &self.cluster.domain
    }

    fn namespace(&self) -> &str {
        &self.cluster.namespace
    }

    fn is_cluster_name(&self, label: &str) -> bool {
        self.short.contains(&shape(label))
    }

    fn is_headless(&self, label: &str) -> bool {
        self.headless.contains(label)
    }
}

/// A name with each run of digits as `#`.
fn shape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

// The address formats of Kafka's files, below every module that reads them (see `address`).
pub use crate::address::{host_of, listener_addresses, listener_ports, protocol_map, split_host_port};
