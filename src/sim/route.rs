//! The routing engine: a Kafka client's connections through a cluster, as the cluster would route
//! them — bootstrap, the metadata answer, then one connection per broker — by resolving names and
//! following Services, NodePorts, hostPorts and load balancers, never from a strategy's name. The
//! one simulation, whichever source built the cluster (`from_bundle`, `from_objects`);
//! `crate::walkthrough` puts its results in words.

use super::{host_of, split_host_port, Broker, Cluster, SimNames};
use crate::checks::{is_inside_address, unreachable_from_outside, ClusterNames, Unreachable};
use crate::config::{ClientNetwork, Node};
use crate::naming;
use crate::plan::sans::SanPlan;
use k8s_openapi::api::core::v1::Service;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::HashMap;
use std::net::IpAddr;

/// Where the client runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Vantage {
    /// On the internet side, outside the cluster: only public addresses route, and the names the
    /// config gives (a node's, a load balancer's) are taken to resolve there as it says.
    #[default]
    Outside,
    /// On the nodes' own network (the same LAN, or a VPN into it), outside the cluster: private
    /// addresses route too, cluster DNS names still resolve nowhere.
    NodeNetwork,
    /// A pod in the cluster: cluster DNS resolves Service and pod names.
    InCluster,
}

impl Vantage {
    /// A client outside the cluster on `network`.
    pub fn outside(network: ClientNetwork) -> Vantage {
        match network {
            ClientNetwork::Internet => Vantage::Outside,
            ClientNetwork::Nodes => Vantage::NodeNetwork,
        }
    }

    /// Whether the cluster's own DNS answers the client.
    pub fn has_cluster_dns(self) -> bool {
        self == Vantage::InCluster
    }
}

/// One place a connection passes through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hop {
    /// A node, by index in `config.nodes`, entered on `port`.
    Node { node: usize, port: u32 },
    /// Whichever node the address in front of the nodes leads to, on `port`.
    AnyNode { port: u32 },
    /// A Service, by name (NodePort, LoadBalancer, ClusterIP, headless or ExternalName).
    Service { name: String },
    /// A broker pod, on one of its container ports.
    Pod { ordinal: u32, port: u32, listener: String },
    /// The TLS handshake: the certificate's SAN that matches the host the client dialed, and
    /// whether the client sends that host as SNI (Java does not for an IP or a one-label name).
    Tls { san: String, sni: bool },
    /// SASL authentication with this mechanism.
    Sasl { mechanism: String },
    /// A Gateway's TLS listener, which reads the server name the client sends (`sni`) and passes
    /// the connection, still encrypted, to the route with that name.
    Gateway { gateway: String, section: String, sni: Option<String> },
}

/// What the hops' numbers stand for: the nodes, the address in front of them, and each broker's
/// pod, from the cluster the walkthrough ran over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    pub nodes: Vec<Node>,
    pub any_node: String,
    /// Broker `i`'s pod.
    pub pods: Vec<String>,
}

impl Places {
    /// Broker `ordinal`'s pod, or `?`.
    pub fn pod(&self, ordinal: u32) -> &str {
        self.pods.get(ordinal as usize).map_or("?", String::as_str)
    }
}

/// Why a connection did not reach the broker it was meant for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The name exists only in the cluster's DNS (or nowhere).
    DoesNotResolve { name: String },
    /// A placeholder that the broker's software fills in at start (`${provider:…}`), which nothing
    /// pasted fills in: the address is not known, so no verdict.
    Placeholder { text: String },
    /// A private or otherwise inside address (RFC 1918, 100.64/10, link-local, fc00::/7), which
    /// routes only on the network it belongs to, dialed from the internet side.
    InsideOnly { address: String },
    /// `localhost` or a loopback address: the client connects to its own machine.
    OwnMachine { name: String },
    /// The address load-balances over several brokers.
    RandomBroker { brokers: usize },
    /// `externalTrafficPolicy: Local` on a node that runs no broker.
    NoBrokerOnNode { node: String },
    /// Nothing listens on that port there.
    NothingListens { address: String },
    /// It reached another broker than the one the metadata named.
    WrongBroker { reached: u32 },
    /// Bootstrap failed, so the client never got this far.
    NoMetadata,
    /// The broker's pod has no node to run on, so it never starts.
    Pending { pod: String },
    /// The certificate does not list the host the client dialed: hostname verification fails.
    NotInCertificate { host: String },
    /// The pod is not Ready and its headless Service publishes ready pods' names only.
    NotReady { pod: String },
    /// The load balancer Service for that port got no address (`why`: which, and why not).
    NoAddress { service: String, why: String },
    /// The client sends no server name (it dialled an IP or a one-label name): a Gateway that
    /// routes by SNI has nothing to choose by.
    NoSni { host: String },
    /// No TLSRoute of the Gateway's listener has that name.
    NoRoute { host: String },
    /// The listener terminates TLS itself: the broker gets plaintext where it expects TLS.
    Terminated { gateway: String },
}

/// One connection attempt to `address`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The broker the client meant to reach; `None` for bootstrap, where any broker will do.
    pub broker: Option<u32>,
    pub address: String,
    /// Where it went, in order.
    pub hops: Vec<Hop>,
    /// The broker and listener it reached, or why it failed.
    pub result: Result<(u32, String), Failure>,
}

impl Connection {
    pub fn succeeded(&self) -> bool {
        self.result.is_ok()
    }
}

/// The whole walkthrough for one vantage point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walkthrough {
    pub vantage: Vantage,
    /// The bootstrap attempts, in the order the client tries its `bootstrap.servers`.
    pub bootstrap: Vec<Connection>,
    /// The listener the metadata is for (the one bootstrap reached), and each broker's address on it.
    pub metadata: Option<(String, Vec<(u32, String)>)>,
    /// One connection per broker, to the address the metadata gave.
    pub connections: Vec<Connection>,
    /// What the hops' node and broker numbers stand for.
    pub places: std::sync::Arc<Places>,
}

impl Walkthrough {
    /// Whether the client can reach every broker.
    pub fn all_reachable(&self) -> bool {
        self.metadata.is_some() && self.connections.iter().all(Connection::succeeded)
    }

    /// The connection to broker `i`.
    pub fn connection(&self, ordinal: u32) -> Option<&Connection> {
        self.connections.iter().find(|c| c.broker == Some(ordinal))
    }
}

/// Walks a client from `vantage` through `cluster`: bootstrap from `bootstrap_servers` in order,
/// the metadata the first reachable one answers, then one connection per broker. The one
/// simulation, whichever source built the cluster.
pub fn walk(cluster: &Cluster, bootstrap_servers: &[String], vantage: Vantage) -> Walkthrough {
    let network = Network::new(cluster);
    let brokers = cluster.brokers.len() as u32;
    let mut bootstrap = Vec::new();
    let mut listener = None;
    for server in bootstrap_servers {
        let connection = network.connect(server, vantage, None);
        let reached = connection.result.clone().ok();
        bootstrap.push(connection);
        if let Some((_, name)) = reached {
            listener = Some(name);
            break;
        }
    }
    let metadata = listener.map(|listener| {
        let addresses =
            (0..brokers).map(|i| (i, network.advertised(i, &listener).unwrap_or_default())).collect();
        (listener, addresses)
    });
    // Without metadata, show what the client would have tried: the addresses on the listener the
    // cluster's source says clients there use.
    let fallback: &str = if vantage.has_cluster_dns() { &cluster.listeners.1 } else { &cluster.listeners.0 };
    let connections = (0..brokers)
        .map(|i| {
            let listener = metadata.as_ref().map_or(fallback, |(l, _)| l.as_str());
            let address = network.advertised(i, listener).unwrap_or_default();
            let pod = &cluster.pods[cluster.brokers[i as usize].pod];
            if pod.node.is_none() {
                let result = Err(Failure::Pending { pod: pod.name.clone() });
                return Connection { broker: Some(i), address, hops: Vec::new(), result };
            }
            let mut connection = network.connect(&address, vantage, Some(i));
            if metadata.is_none() {
                connection.result = Err(connection.result.err().unwrap_or(Failure::NoMetadata));
            }
            connection
        })
        .collect();
    let places = Places {
        nodes: cluster.nodes.clone(),
        any_node: cluster.any_node.clone().unwrap_or_default(),
        pods: cluster.brokers.iter().map(|b| cluster.pods[b.pod].name.clone()).collect(),
    };
    Walkthrough { vantage, bootstrap, metadata, connections, places: std::sync::Arc::new(places) }
}

/// The first of `addresses` that reaches `broker` from `vantage` through `cluster`: what the
/// doctor tries when it looks for an address that would work. The network is read once for all.
pub fn first_reaching(
    cluster: &Cluster,
    addresses: impl IntoIterator<Item = String>,
    vantage: Vantage,
    broker: u32,
) -> Option<String> {
    let network = Network::new(cluster);
    addresses.into_iter().find(|a| network.connect(a, vantage, Some(broker)).succeeded())
}

/// What is reachable where, read from the cluster.
struct Network<'a> {
    cluster: &'a Cluster<'a>,
    names: SimNames<'a>,
    /// Pod name → index in `pods`.
    pod_by_name: HashMap<&'a str, usize>,
    /// NodePort → the first Service that opens it, an index in `services`.
    by_node_port: HashMap<u32, usize>,
    /// Whether any pod opens a hostPort.
    host_ports: bool,
    /// Why each Service has no address, by index in `services` (`load_balancer::pending`).
    pending: Vec<Option<super::load_balancer::Unassigned>>,
}

/// Where a name or address leads.
enum Target {
    Node(usize),
    AnyNode,
    LoadBalancer(usize),
    ClusterService(usize),
    /// A Gateway's TLS listener, by index in `gateways`.
    Gateway(usize),
    /// A pod, by index in `pods`.
    Pod(usize),
}

impl<'a> Network<'a> {
    fn new(cluster: &'a Cluster<'a>) -> Self {
        let mut by_node_port = HashMap::new();
        for (index, service) in cluster.services.iter().enumerate() {
            let ports = service.spec.as_ref().and_then(|spec| spec.ports.as_deref()).unwrap_or_default();
            for node_port in ports.iter().filter_map(|p| p.node_port) {
                by_node_port.entry(node_port as u32).or_insert(index);
            }
        }
        let pod_by_name = cluster.pods.iter().enumerate().map(|(i, pod)| (pod.name.as_str(), i)).collect();
        let host_ports = cluster.pods.iter().any(|p| p.ports.iter().any(|c| c.host_port.is_some()));
        let pending = super::load_balancer::pending(cluster);
        Network { cluster, names: cluster.names(), pod_by_name, by_node_port, host_ports, pending }
    }

    fn broker(&self, ordinal: u32) -> Option<&'a Broker> {
        self.cluster.brokers.get(ordinal as usize)
    }

    fn advertised(&self, ordinal: u32, listener: &str) -> Option<String> {
        let broker = self.broker(ordinal)?;
        broker.advertised.iter().find(|(name, _)| name == listener).map(|(_, address)| address.clone())
    }

    /// Follows `address` (`host:port`) from `vantage`; `broker` is the broker the client wants.
    fn connect(&self, address: &str, vantage: Vantage, broker: Option<u32>) -> Connection {
        let mut hops = Vec::new();
        let result = self
            .follow(address, vantage, &mut hops)
            .and_then(|pods| match (broker, pods.as_slice()) {
                (_, []) => Err(Failure::NothingListens { address: address.to_string() }),
                (None, [(ordinal, listener), ..]) => Ok((*ordinal, listener.clone())),
                (Some(want), [(ordinal, listener)]) if *ordinal == want => Ok((*ordinal, listener.clone())),
                (Some(_), [(ordinal, _)]) => Err(Failure::WrongBroker { reached: *ordinal }),
                (Some(_), many) => Err(Failure::RandomBroker { brokers: many.len() }),
            })
            .and_then(|(ordinal, listener)| {
                self.handshake(address, ordinal, &listener, &mut hops)?;
                Ok((ordinal, listener))
            });
        Connection { broker, address: address.to_string(), hops, result }
    }

    /// What happens on the listener once a connection reaches it: with TLS, the client verifies
    /// the host it dialed against the certificate (an IP only against IP SANs, a name against DNS
    /// SANs); with SASL, it logs in.
    fn handshake(
        &self,
        address: &str,
        ordinal: u32,
        listener: &str,
        hops: &mut Vec<Hop>,
    ) -> Result<(), Failure> {
        let broker = self.broker(ordinal);
        let protocol = broker
            .and_then(|b| b.protocols.iter().find(|(name, _)| name == listener))
            .map_or("PLAINTEXT", |(_, protocol)| protocol.as_str());
        if protocol.ends_with("SSL") {
            let host = host_of(address);
            // The generated certificate, or the one a deployment says it has; unknown, no check.
            if let Some(sans) = self.cluster.certificate.as_deref() {
                let san = sans
                    .matching(host)
                    .ok_or_else(|| Failure::NotInCertificate { host: host.to_string() })?;
                hops.push(Hop::Tls { san: san.to_string(), sni: SanPlan::sends_sni(host) });
            }
        }
        if protocol.starts_with("SASL") {
            let mechanism = broker.and_then(|b| b.sasl.as_ref().clone()).unwrap_or_else(|| "GSSAPI".into());
            hops.push(Hop::Sasl { mechanism });
        }
        Ok(())
    }

    /// The brokers (and listeners) a connection to `address` may land on.
    fn follow(
        &self,
        address: &str,
        vantage: Vantage,
        hops: &mut Vec<Hop>,
    ) -> Result<Vec<(u32, String)>, Failure> {
        let nothing = || Failure::NothingListens { address: address.to_string() };
        let (host, port) = split_host_port(address).ok_or_else(nothing)?;
        match self.resolve(host, vantage, 0)? {
            Target::Pod(pod) => Ok(self.on_pod(pod, port, hops).into_iter().collect()),
            Target::Node(node) => {
                hops.push(Hop::Node { node, port });
                self.on_node(Some(node), port, hops).ok_or_else(nothing)?
            }
            Target::AnyNode => {
                hops.push(Hop::AnyNode { port });
                self.on_node(None, port, hops).ok_or_else(nothing)?
            }
            Target::LoadBalancer(first) => {
                // Several Services may share the address, on a port each.
                // A Service that asked for the address and did not get it answers for its port
                // with why not.
                let services = &self.cluster.services;
                let index = (0..services.len())
                    .find(|&i| published(&services[i], host) && has_port(&services[i], port))
                    .or_else(|| {
                        (0..services.len()).find(|&i| {
                            super::load_balancer::requested(&services[i]) == Some(host)
                                && has_port(&services[i], port)
                        })
                    })
                    .unwrap_or(first);
                self.through_service(index, port, hops).ok_or_else(nothing)?
            }
            Target::ClusterService(index) => self.through_service(index, port, hops).ok_or_else(nothing)?,
            Target::Gateway(index) => {
                let listener = &self.cluster.gateways[index];
                if listener.port != port {
                    return Err(nothing());
                }
                let sni = SanPlan::sends_sni(host).then(|| host.to_string());
                hops.push(Hop::Gateway {
                    gateway: listener.gateway.clone(),
                    section: listener.section.clone(),
                    sni: sni.clone(),
                });
                if !listener.passthrough {
                    return Err(Failure::Terminated { gateway: listener.gateway.clone() });
                }
                let sni = sni.ok_or_else(|| Failure::NoSni { host: host.to_string() })?;
                let route = listener
                    .routes
                    .iter()
                    .find(|r| super::host_matches(&r.hostname, &sni))
                    .ok_or_else(|| Failure::NoRoute { host: sni.clone() })?;
                let index = self
                    .cluster
                    .services
                    .iter()
                    .position(|s| {
                        s.metadata.name.as_deref() == Some(route.service.as_str())
                            && s.metadata.namespace.as_deref().is_none_or(|n| n == route.namespace)
                    })
                    .ok_or_else(nothing)?;
                self.through_service(index, route.port, hops).ok_or_else(nothing)?
            }
        }
    }

    /// A connection to Service `index` on its `port`: the pods it selects, or why it has none.
    fn through_service(
        &self,
        index: usize,
        port: u32,
        hops: &mut Vec<Hop>,
    ) -> Option<Result<Vec<(u32, String)>, Failure>> {
        let service = &self.cluster.services[index];
        let name = service.metadata.name.clone().unwrap_or_default();
        hops.push(Hop::Service { name: name.clone() });
        if let Some(unassigned) = &self.pending[index] {
            return Some(Err(Failure::NoAddress { service: name, why: unassigned.why.clone() }));
        }
        let spec = service.spec.as_ref()?;
        let headless = spec.cluster_ip.as_deref() == Some("None");
        let target = if headless {
            Some(IntOrString::Int(port as i32))
        } else {
            let ports = spec.ports.as_deref().unwrap_or_default();
            let service_port = ports.iter().find(|p| p.port as u32 == port)?;
            Some(service_port.target_port.clone().unwrap_or(IntOrString::Int(port as i32)))
        };
        let not_ready = spec.publish_not_ready_addresses == Some(true);
        Some(Ok(self.selected(service, None, target.as_ref(), not_ready, hops)))
    }

    /// Where a host name or address leads from `vantage`.
    fn resolve(&self, host: &str, vantage: Vantage, depth: u8) -> Result<Target, Failure> {
        let does_not_resolve = || Failure::DoesNotResolve { name: host.to_string() };
        if host.starts_with("${") {
            return Err(Failure::Placeholder { text: host.to_string() });
        }
        let cluster = self.cluster;
        // What no network can route comes first: whatever the cluster says reaches the nodes, a
        // loopback name is the client's own machine, and outside no one answers for the cluster's
        // DNS names.
        match unreachable_from_outside(host, &self.names) {
            Some(Unreachable::Loopback) => return Err(Failure::OwnMachine { name: host.to_string() }),
            Some(Unreachable::ClusterDns) if !vantage.has_cluster_dns() => return Err(does_not_resolve()),
            // Inside, the cluster's DNS answers for its own names, whatever else is said.
            Some(Unreachable::ClusterDns) => {}
            // From the internet side an inside address routes nowhere, whoever holds it in the
            // cluster: the nodes' InternalIPs, an internal load balancer's.
            None if vantage == Vantage::Outside
                && is_inside_address(host)
                && !cluster.reached.iter().any(|r| r == host) =>
            {
                return Err(Failure::InsideOnly { address: host.to_string() })
            }
            None => {
                if let Some(node) = cluster.nodes.iter().position(|n| n.address == host || n.internal == host)
                {
                    return Ok(Target::Node(node));
                }
                if let Some((_, node)) = cluster.aliases.iter().find(|(address, _)| address == host) {
                    return Ok(Target::Node(*node));
                }
                if cluster.any_node.as_deref() == Some(host) {
                    return Ok(Target::AnyNode);
                }
            }
        }
        // The names the user points at a Gateway: its routes' and its listener's.
        if let Some(index) = cluster.gateways.iter().position(|g| g.answers(host)) {
            return Ok(Target::Gateway(index));
        }
        if let Some(index) = cluster.services.iter().position(|s| published(s, host)) {
            return Ok(Target::LoadBalancer(index));
        }
        if host.parse::<IpAddr>().is_ok() || !vantage.has_cluster_dns() || depth > 4 {
            return Err(does_not_resolve());
        }
        // Cluster DNS: <pod>.<headless>.<ns>.svc.<domain> and <service>.<ns>.svc.<domain>, or their
        // short forms the client pod's search path completes (in its own namespace).
        let domain = cluster.domain.trim_end_matches('.');
        let name = host.trim_end_matches('.');
        let relative = name.strip_suffix(domain).and_then(|r| r.strip_suffix('.')).unwrap_or(name);
        let relative = relative.strip_suffix(".svc").unwrap_or(relative);
        let parts: Vec<&str> = relative.split('.').collect();
        let namespace = cluster.client_namespace.as_deref().unwrap_or(&cluster.namespace);
        let (pod, service, ns) = match parts.as_slice() {
            [pod, service, ns] => (Some(*pod), *service, *ns),
            [first, second] if self.names.is_headless(second) => (Some(*first), *second, namespace),
            [service, ns] => (None, *service, *ns),
            [service] => (None, *service, namespace),
            _ => return Err(does_not_resolve()),
        };
        if let Some(pod) = pod {
            // A pod has a name under the headless Service its `subdomain` names, published from
            // the Service's endpoints: only while the pod is Ready, unless the Service publishes
            // not-ready addresses (Kubernetes docs, "DNS for Services and Pods"; "Service":
            // `publishNotReadyAddresses`).
            let i = self
                .pod_by_name
                .get(pod)
                .copied()
                .filter(|&i| {
                    let p = &cluster.pods[i];
                    p.namespace == ns
                        && p.subdomain.as_deref() == Some(service)
                        && self.names.is_headless(service)
                })
                .ok_or_else(does_not_resolve)?;
            let publishes_not_ready = || {
                cluster.services.iter().any(|s| {
                    s.metadata.name.as_deref() == Some(service)
                        && s.metadata.namespace.as_deref().is_none_or(|n| n == ns)
                        && s.spec.as_ref().and_then(|s| s.publish_not_ready_addresses) == Some(true)
                })
            };
            if !cluster.pods[i].ready && !publishes_not_ready() {
                return Err(Failure::NotReady { pod: pod.to_string() });
            }
            return Ok(Target::Pod(i));
        }
        let index = cluster
            .services
            .iter()
            .position(|s| {
                s.metadata.name.as_deref() == Some(service)
                    && s.metadata.namespace.as_deref().is_none_or(|n| n == ns)
            })
            .ok_or_else(does_not_resolve)?;
        let spec = cluster.services[index].spec.as_ref();
        match spec.and_then(|s| s.external_name.as_deref()) {
            // An ExternalName Service is a CNAME: resolution continues at its target.
            Some(target) => self.resolve(target, vantage, depth + 1),
            None => Ok(Target::ClusterService(index)),
        }
    }

    /// Traffic arriving at a node (or whichever node) on `port`: a hostPort, else a NodePort.
    fn on_node(
        &self,
        node: Option<usize>,
        port: u32,
        hops: &mut Vec<Hop>,
    ) -> Option<Result<Vec<(u32, String)>, Failure>> {
        let cluster = self.cluster;
        // A pod that opens `port` as a hostPort takes it on its node.
        if self.host_ports {
            let host_ported: Vec<usize> = (0..cluster.pods.len())
                .filter(|&i| {
                    let pod = &cluster.pods[i];
                    pod.node.is_some()
                        && node.is_none_or(|n| pod.node == Some(n))
                        && pod.ports.iter().any(|c| c.host_port == Some(port))
                })
                .collect();
            if !host_ported.is_empty() {
                return Some(Ok(host_ported
                    .into_iter()
                    .filter_map(|i| {
                        let container =
                            cluster.pods[i].ports.iter().find(|c| c.host_port == Some(port))?.port;
                        self.on_pod(i, container, hops)
                    })
                    .collect()));
            }
        }
        // k3s ServiceLB: a LoadBalancer Service's port on every node's own address.
        let on_this_node = |service: &Service| {
            let ingress = service
                .status
                .as_ref()
                .and_then(|s| s.load_balancer.as_ref())
                .and_then(|l| l.ingress.as_ref());
            match ingress {
                Some(ingress) => ingress.iter().any(|i| {
                    i.ip.as_deref().is_some_and(|ip| match node {
                        Some(n) => cluster.nodes[n].address == ip || cluster.nodes[n].internal == ip,
                        None => cluster.nodes.iter().any(|n| n.address == ip || n.internal == ip),
                    })
                }),
                None => cluster.load_balancers_on_nodes,
            }
        };
        let served = (0..cluster.services.len()).find(|&i| {
            let service = &cluster.services[i];
            service.spec.as_ref().and_then(|s| s.type_.as_deref()) == Some("LoadBalancer")
                && has_port(service, port)
                && on_this_node(service)
        });
        if let (None, Some(index)) = (self.by_node_port.get(&port), served) {
            return self.through_service(index, port, hops);
        }
        let service = &cluster.services[*self.by_node_port.get(&port)?];
        let spec = service.spec.as_ref()?;
        let service_port =
            spec.ports.as_ref()?.iter().find(|p| p.node_port.map(|n| n as u32) == Some(port))?;
        hops.push(Hop::Service { name: service.metadata.name.clone().unwrap_or_default() });
        let local = spec.external_traffic_policy.as_deref() == Some("Local");
        let only_node = if local { node } else { None };
        let not_ready = spec.publish_not_ready_addresses == Some(true);
        let reached = self.selected(service, only_node, service_port.target_port.as_ref(), not_ready, hops);
        if reached.is_empty() && local {
            let node_name = node.map_or_else(|| "(any)".to_string(), |n| cluster.nodes[n].name.clone());
            return Some(Err(Failure::NoBrokerOnNode { node: node_name }));
        }
        Some(Ok(reached))
    }

    /// The pods a Service selects (on `node` only, when given; ready ones unless `not_ready`),
    /// entered on `target`.
    fn selected(
        &self,
        service: &Service,
        node: Option<usize>,
        target: Option<&IntOrString>,
        not_ready: bool,
        hops: &mut Vec<Hop>,
    ) -> Vec<(u32, String)> {
        let Some(selector) = service.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
            return Vec::new();
        };
        if selector.is_empty() {
            return Vec::new();
        }
        let pods = &self.cluster.pods;
        let namespace = service.metadata.namespace.as_deref();
        // A selector naming one pod needs no scan of the others.
        let candidates: Vec<usize> =
            match selector.get(naming::POD_NAME_LABEL).and_then(|name| self.pod_by_name.get(name.as_str())) {
                Some(&i) => vec![i],
                None if selector.contains_key(naming::POD_NAME_LABEL) => Vec::new(),
                None => (0..pods.len()).collect(),
            };
        candidates
            .into_iter()
            .filter(|&i| {
                let pod = &pods[i];
                pod.selected_by(selector)
                    && namespace.is_none_or(|n| pod.namespace == n)
                    && node.is_none_or(|n| pod.node == Some(n))
                    && (pod.ready || not_ready)
            })
            .filter_map(|i| {
                let pod = &pods[i];
                let port = match target {
                    Some(IntOrString::Int(port)) => Some(*port as u32),
                    Some(IntOrString::String(name)) => {
                        pod.ports.iter().find(|c| c.name == *name).map(|c| c.port)
                    }
                    None => None,
                }?;
                self.on_pod(i, port, hops)
            })
            .collect()
    }

    /// A connection arriving at pod `pod` on container `port`: the broker's listener there, if any.
    fn on_pod(&self, pod: usize, port: u32, hops: &mut Vec<Hop>) -> Option<(u32, String)> {
        let pod = self.cluster.pods.get(pod)?;
        // A Pending pod has no IP: no endpoint, no DNS record, nothing listening.
        pod.node?;
        let ordinal = pod.broker?;
        let broker = self.broker(ordinal)?;
        let listener = broker.listeners.iter().find(|(_, p)| *p == port)?.0.clone();
        hops.push(Hop::Pod { ordinal, port, listener: listener.clone() });
        Some((ordinal, listener))
    }
}

/// Whether a load balancer is published at `host`: the DNS name external-dns gives it, the
/// address or name in its status, or (without a status: the files, not a cluster) the address it
/// asks for (`load_balancer::requested`).
fn published(service: &Service, host: &str) -> bool {
    if published_name(service) == Some(host) {
        return true;
    }
    match service.status.as_ref().and_then(|s| s.load_balancer.as_ref()) {
        Some(lb) => lb.ingress.as_ref().is_some_and(|ingress| {
            ingress.iter().any(|i| i.ip.as_deref() == Some(host) || i.hostname.as_deref() == Some(host))
        }),
        None => super::load_balancer::requested(service) == Some(host),
    }
}

/// Whether a Service has `port` among its ports.
fn has_port(service: &Service, port: u32) -> bool {
    service
        .spec
        .as_ref()
        .and_then(|s| s.ports.as_ref())
        .is_some_and(|p| p.iter().any(|p| p.port as u32 == port))
}

/// The DNS name external-dns publishes for a load balancer.
fn published_name(service: &Service) -> Option<&str> {
    service.metadata.annotations.as_ref()?.get(naming::EXTERNAL_DNS_HOSTNAME).map(String::as_str)
}
