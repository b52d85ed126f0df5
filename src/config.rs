//! The configuration: the product's file format (version 1). The page's share link, its import and
//! export, and the command line all carry exactly this document.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// The format version this build reads and writes.
pub const CONFIG_VERSION: u32 = 1;

mod read;
pub use read::Misread;

/// The config in a document (JSON, or YAML read as the same values): `Err` names the field at
/// fault by its path. See `format::parse_config`, which reads the text.
pub fn from_document(value: &serde_json::Value) -> Result<Config, Misread> {
    read::document(value)
}

/// Everything that decides the generated files. Every field has a default; unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Format version; a newer one is refused with a message.
    pub version: u32,
    pub strategy: StrategyId,
    pub namespace: String,
    /// The StatefulSet; its pods are `<name>-<ordinal>`.
    pub name: String,
    /// The headless Service, which is also the StatefulSet's `serviceName`.
    pub headless_service: String,
    pub replicas: u32,
    pub cluster_domain: String,
    pub ports: Ports,
    pub node_ports: NodePorts,
    /// For the NodePort strategies: the one address in front of every node (a DNS name or a virtual
    /// IP) that every broker advertises; empty, the brokers advertise the listed nodes' own addresses,
    /// spread over them (any node forwards a NodePort). Every share link carries the field, so a link
    /// made when it held node a's address keeps it.
    pub advertised_host: String,
    /// The cluster's nodes and their external addresses; broker `i` is previewed on `nodes[i mod n]`.
    pub nodes: Vec<Node>,
    pub node_address_source: NodeAddressSource,
    /// With `nodeAddressSource: kubectl`, which of a node's addresses comes first. Left out when
    /// the ExternalIP (what kubectl read before the field existed).
    #[serde(skip_serializing_if = "NodeAddressType::is_external")]
    pub node_address_type: NodeAddressType,
    /// Where the clients outside the cluster are: what they can route to. Left out when on the
    /// internet (every config before it existed).
    #[serde(skip_serializing_if = "ClientNetwork::is_internet")]
    pub client_network: ClientNetwork,
    pub load_balancer: LoadBalancer,
    /// Settings of the `loadbalancer-shared-ip` strategy. Left out while they are the defaults
    /// (every config before the strategy existed).
    #[serde(skip_serializing_if = "SharedIp::is_default")]
    pub shared_ip: SharedIp,
    /// Settings of the `gateway-tls-passthrough` strategy. Left out while they are the defaults.
    #[serde(skip_serializing_if = "Gateway::is_default")]
    pub gateway: Gateway,
    pub kafka: Kafka,
    pub storage: Storage,
    /// How EXTERNAL is secured and who may reach INTERNAL. A document without it (every config made
    /// before it existed) reads as the plaintext it was made with; new configs start secure.
    pub security: Security,
    /// Which pods are KRaft controllers. A document without it (every config made before it
    /// existed) reads as the combined mode it was made with; new configs get dedicated controllers.
    pub topology: Topology,
}

/// Which pods are KRaft controllers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Roles {
    /// Every pod of the StatefulSet is a broker and a controller: one StatefulSet, every broker a
    /// voter. Fine for a lab; Kafka's operations guide advises against it for critical clusters.
    Combined,
    /// A StatefulSet of controller-only pods (the quorum) beside the broker-only StatefulSet: the
    /// brokers can be scaled and rolled without touching a voter, and no controller is exposed.
    Dedicated,
}

/// The KRaft topology.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Topology {
    pub roles: Roles,
    /// Dedicated only: how many controllers (voters) the quorum has; 3 tolerate one failure, 5 two.
    pub controllers: u32,
    /// Dedicated only: each controller's memory, requested and its limit; the heap is half of it.
    pub controller_memory: String,
    /// Dedicated only: each controller's volume, which holds the metadata log.
    pub controller_storage: String,
}

impl Topology {
    /// What a config without a `topology` section means: every broker also a controller.
    pub fn combined() -> Topology {
        Topology { roles: Roles::Combined, ..Topology::default() }
    }

    pub fn dedicated(&self) -> bool {
        self.roles == Roles::Dedicated
    }
}

impl Default for Topology {
    fn default() -> Self {
        Topology {
            roles: Roles::Dedicated,
            controllers: 3,
            controller_memory: "2Gi".into(),
            controller_storage: "5Gi".into(),
        }
    }
}

/// TLS on the EXTERNAL listener.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    /// Plaintext.
    None,
    /// cert-manager issues the certificate into `tlsSecret`.
    CertManager,
    /// The user's own `kubernetes.io/tls` Secret.
    Secret,
}

/// Authentication on the EXTERNAL listener.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authentication {
    None,
    /// SASL/SCRAM-SHA-512, with users created when the cluster is first formatted.
    ScramSha512,
}

/// Which cert-manager issuer signs the certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuerRef {
    /// `Issuer` (in the namespace) or `ClusterIssuer`.
    pub kind: IssuerKind,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssuerKind {
    Issuer,
    ClusterIssuer,
}

/// Who may reach INTERNAL besides the brokers: the NetworkPolicy's in-cluster clients.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InternalClients {
    /// Namespaces whose pods may use INTERNAL; the brokers' own namespace always may.
    pub namespaces: Vec<String>,
    /// Labels such a pod must carry too; empty for any pod in those namespaces.
    pub pod_labels: BTreeMap<String, String>,
}

/// The security of the exposed cluster.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Security {
    pub tls: TlsMode,
    /// cert-manager only: the issuer to sign with; `null` generates a self-signed CA in the namespace
    /// (self-signed Issuer → CA Certificate → CA Issuer).
    pub issuer: Option<IssuerRef>,
    /// The `kubernetes.io/tls` Secret with the EXTERNAL certificate: the one cert-manager writes, or
    /// the user's own; `<name>-external-tls` when `null`.
    pub tls_secret: Option<String>,
    /// More names or IPs the certificate lists, beyond the addresses the brokers advertise.
    pub extra_sans: Vec<String>,
    pub authentication: Authentication,
    /// SCRAM users created when the cluster is first formatted; their passwords live in the Secret
    /// `<name>-scram-users`, which the user creates, never in the config.
    pub users: Vec<String>,
    /// A NetworkPolicy that admits to INTERNAL only the cluster's pods and these clients (every pod
    /// of the brokers' namespace and of the namespaces listed, unless pod labels narrow it), and to
    /// CONTROLLER only the cluster's pods; `null` for none.
    pub internal_clients: Option<InternalClients>,
}

impl Security {
    /// What a config without a `security` section means: no TLS, no authentication, no policy.
    pub fn plaintext() -> Security {
        Security {
            tls: TlsMode::None,
            issuer: None,
            tls_secret: None,
            extra_sans: Vec::new(),
            authentication: Authentication::None,
            users: Vec::new(),
            internal_clients: None,
        }
    }

    /// Whether EXTERNAL uses TLS.
    pub fn tls(&self) -> bool {
        self.tls != TlsMode::None
    }

    /// Whether EXTERNAL asks for SCRAM credentials.
    pub fn scram(&self) -> bool {
        self.authentication == Authentication::ScramSha512
    }
}

/// New configs start secure: TLS from cert-manager with a generated CA, one SCRAM user, INTERNAL
/// closed to all but the brokers and their own namespace.
impl Default for Security {
    fn default() -> Self {
        Security {
            tls: TlsMode::CertManager,
            authentication: Authentication::ScramSha512,
            users: vec!["client".into()],
            internal_clients: Some(InternalClients::default()),
            ..Security::plaintext()
        }
    }
}

/// The exposure strategies. Their ids are part of the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StrategyId {
    NodeportPerBroker,
    NodeportLocal,
    Hostport,
    LoadbalancerPerBroker,
    LoadbalancerSharedIp,
    GatewayTlsPassthrough,
    NodeportShared,
    Externalname,
}

impl StrategyId {
    /// Every strategy, in the order the page and the CLI list them: working ones first.
    pub const ALL: [StrategyId; 8] = [
        StrategyId::NodeportPerBroker,
        StrategyId::NodeportLocal,
        StrategyId::Hostport,
        StrategyId::LoadbalancerPerBroker,
        StrategyId::LoadbalancerSharedIp,
        StrategyId::GatewayTlsPassthrough,
        StrategyId::NodeportShared,
        StrategyId::Externalname,
    ];

    /// The id as written in a config file.
    pub fn as_str(self) -> &'static str {
        match self {
            StrategyId::NodeportPerBroker => "nodeport-per-broker",
            StrategyId::NodeportLocal => "nodeport-local",
            StrategyId::Hostport => "hostport",
            StrategyId::LoadbalancerPerBroker => "loadbalancer-per-broker",
            StrategyId::LoadbalancerSharedIp => "loadbalancer-shared-ip",
            StrategyId::GatewayTlsPassthrough => "gateway-tls-passthrough",
            StrategyId::NodeportShared => "nodeport-shared",
            StrategyId::Externalname => "externalname",
        }
    }

    /// Reads an id as written in a config file.
    pub fn parse(id: &str) -> Option<StrategyId> {
        StrategyId::ALL.into_iter().find(|s| s.as_str() == id)
    }
}

impl fmt::Display for StrategyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Container ports of the three listeners.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ports {
    pub internal: u32,
    pub controller: u32,
    pub external: u32,
}

/// NodePorts, for the strategies that use them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodePorts {
    /// Broker `i` gets `first + i` (per-broker strategies); the single NodePort of the shared and
    /// Local strategies.
    pub first: u32,
    /// The NodePort of an external bootstrap Service; none when `null`.
    pub bootstrap: Option<u32>,
    /// The cluster's `--service-node-port-range`, as `low-high`.
    pub range: String,
}

/// A node of the cluster as the page previews it, with the addresses Kubernetes gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub name: String,
    /// The address clients use to reach this node (IP or DNS name): its ExternalIP, a NAT or
    /// floating address in front of it, a name. What every config before `internal` meant.
    pub address: String,
    /// Its InternalIP (what `status.hostIP` is, what pods and the nodes' network see), when that
    /// is not `address`: behind NAT, or where a cloud gives the node an ExternalIP. Empty: the node
    /// has the one address. Left out of the file when empty, so older links read as they did.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub internal: String,
}

impl Node {
    pub fn new(name: impl Into<String>, address: impl Into<String>) -> Node {
        Node { name: name.into(), address: address.into(), internal: String::new() }
    }

    /// Its InternalIP: `internal`, or the one address.
    pub fn internal_address(&self) -> &str {
        if self.internal.is_empty() {
            &self.address
        } else {
            &self.internal
        }
    }

    /// Its ExternalIP as Kubernetes lists it: the address clients use, when that is an IP other
    /// than the InternalIP. (A NAT address is in no Node object: a finding says so where it
    /// matters.)
    pub fn external_ip(&self) -> Option<&str> {
        let ip = self.address.parse::<std::net::IpAddr>().is_ok();
        (ip && self.address != self.internal_address()).then_some(self.address.as_str())
    }
}

/// How a pod learns its node's external address when it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeAddressSource {
    /// Looks its node's name up in `nodes`; no RBAC.
    StaticMap,
    /// The downward API's `status.hostIP`: the node's InternalIP.
    HostIp,
    /// Reads the node's ExternalIP with kubectl; needs a ServiceAccount allowed to read nodes.
    Kubectl,
}

/// Where the clients outside the cluster are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientNetwork {
    /// Anywhere on the internet: only public addresses reach the cluster.
    #[default]
    Internet,
    /// On the nodes' own network (the same LAN, a VPN into it, minikube's host): private addresses
    /// reach it too.
    Nodes,
}

impl ClientNetwork {
    pub fn is_internet(&self) -> bool {
        *self == ClientNetwork::Internet
    }
}

/// Which of a node's addresses kubectl takes first, as Strimzi's `preferredNodePortAddressType`
/// chooses; the other is the fallback.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NodeAddressType {
    /// The ExternalIP, else the InternalIP: for clients on the internet.
    #[default]
    ExternalIp,
    /// The InternalIP, else the ExternalIP: for clients on the nodes' network.
    InternalIp,
}

impl NodeAddressType {
    pub fn is_external(&self) -> bool {
        *self == NodeAddressType::ExternalIp
    }
}

impl Choice for NodeAddressType {
    const ALL: &'static [Self] = &[NodeAddressType::ExternalIp, NodeAddressType::InternalIp];
    fn as_str(self) -> &'static str {
        match self {
            NodeAddressType::ExternalIp => "external-ip",
            NodeAddressType::InternalIp => "internal-ip",
        }
    }
}

impl Choice for ClientNetwork {
    const ALL: &'static [Self] = &[ClientNetwork::Internet, ClientNetwork::Nodes];
    fn as_str(self) -> &'static str {
        match self {
            ClientNetwork::Internet => "internet",
            ClientNetwork::Nodes => "nodes",
        }
    }
}

impl NodeAddressSource {
    pub const ALL: [NodeAddressSource; 3] =
        [NodeAddressSource::StaticMap, NodeAddressSource::HostIp, NodeAddressSource::Kubectl];

    /// The value as written in a config file.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeAddressSource::StaticMap => "static-map",
            NodeAddressSource::HostIp => "host-ip",
            NodeAddressSource::Kubectl => "kubectl",
        }
    }
}

/// Settings of the `loadbalancer-per-broker` strategy.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancer {
    /// The name broker `i` advertises, with `{ordinal}` standing for `i`; the user (or external-dns)
    /// points it at that broker's load balancer.
    pub host_template: String,
    /// The name clients bootstrap from, pointed at the bootstrap load balancer; none when `null`.
    pub bootstrap_host: Option<String>,
    /// `spec.loadBalancerClass`, when the cluster has more than one implementation.
    pub class: Option<String>,
    /// Annotations for every load-balancer Service (e.g. to make them internal, or for external-dns).
    pub annotations: BTreeMap<String, String>,
    /// `spec.loadBalancerSourceRanges`: the client networks allowed in; empty for all.
    pub source_ranges: Vec<String>,
}

/// Settings of the `loadbalancer-shared-ip` strategy: one address for every broker, a port each.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedIp {
    /// What gives the Services their one address.
    pub provider: SharedIpProvider,
    /// The address every broker advertises: with MetalLB the IP every Service asks for; with k3s
    /// ServiceLB a node's address, or a DNS name for the nodes.
    pub address: String,
    /// Broker `i`'s port on that address: `firstPort + i` (bootstrap has the EXTERNAL port).
    pub first_port: u32,
    /// MetalLB's address pool to take the address from; its default pool when `null`.
    pub pool: Option<String>,
}

/// What gives LoadBalancer Services an address, for the `loadbalancer-shared-ip` strategy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SharedIpProvider {
    /// MetalLB: Services with one sharing key share the IP they all ask for.
    #[default]
    Metallb,
    /// k3s ServiceLB (klipper-lb): each Service's port on every node's own address.
    K3s,
    /// A cloud's load balancers, which give each Service an address of its own.
    Cloud,
}

impl Default for SharedIp {
    fn default() -> Self {
        // A documentation address (RFC 5737), flagged until the user gives one of theirs.
        SharedIp {
            provider: SharedIpProvider::Metallb,
            address: "192.0.2.10".into(),
            first_port: 9095,
            pool: None,
        }
    }
}

impl SharedIp {
    pub fn is_default(&self) -> bool {
        *self == SharedIp::default()
    }
}

impl Choice for SharedIpProvider {
    const ALL: &'static [Self] = &[SharedIpProvider::Metallb, SharedIpProvider::K3s, SharedIpProvider::Cloud];
    fn as_str(self) -> &'static str {
        match self {
            SharedIpProvider::Metallb => "metallb",
            SharedIpProvider::K3s => "k3s",
            SharedIpProvider::Cloud => "cloud",
        }
    }
}

/// Settings of the `gateway-tls-passthrough` strategy: one address and port for every broker,
/// routed by the TLS server name through a Gateway the user brings.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gateway {
    /// Where the TLS listener comes from.
    pub listener: GatewayListener,
    /// The Gateway's name (made by these files, or the platform's).
    pub name: String,
    /// The Gateway's namespace; the brokers' when `null`.
    pub namespace: Option<String>,
    /// With `listener: gateway`, its GatewayClass (the implementation's).
    pub class: String,
    /// The listener's name, which the routes attach to (`sectionName`).
    pub section: String,
    /// The listener's port: what every broker advertises.
    pub port: u32,
    /// Broker `i`'s name, with `{ordinal}` standing for `i`.
    pub host_template: String,
    /// Bootstrap's name.
    pub bootstrap_host: String,
    /// The TLSRoutes' API version.
    pub api: GatewayApi,
    /// One wildcard name in the certificate instead of one per broker and bootstrap.
    pub wildcard_san: bool,
}

/// Where the TLS listener the routes attach to comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GatewayListener {
    /// A Gateway of the files' own.
    #[default]
    Gateway,
    /// A ListenerSet (Gateway API 1.5) attached to the platform's Gateway.
    ListenerSet,
    /// A listener of the platform's Gateway, in `Passthrough` mode, that admits the routes.
    Existing,
}

/// The TLSRoutes' API version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GatewayApi {
    /// Gateway API 1.5 and later, standard channel (its CEL rules need Kubernetes 1.31).
    #[default]
    V1,
    /// The experimental channel before 1.5 (removed from 1.6's).
    V1alpha2,
}

impl Default for Gateway {
    fn default() -> Self {
        Gateway {
            listener: GatewayListener::Gateway,
            name: "kafka-gateway".into(),
            namespace: None,
            class: "my-gateway-class".into(),
            section: "kafka".into(),
            port: 443,
            // Names reserved for examples (RFC 2606), flagged until the user gives theirs.
            host_template: "broker-{ordinal}.kafka.example.com".into(),
            bootstrap_host: "bootstrap.kafka.example.com".into(),
            api: GatewayApi::V1,
            wildcard_san: false,
        }
    }
}

impl Gateway {
    pub fn is_default(&self) -> bool {
        *self == Gateway::default()
    }
}

impl Choice for GatewayListener {
    const ALL: &'static [Self] =
        &[GatewayListener::Gateway, GatewayListener::ListenerSet, GatewayListener::Existing];
    fn as_str(self) -> &'static str {
        match self {
            GatewayListener::Gateway => "gateway",
            GatewayListener::ListenerSet => "listener-set",
            GatewayListener::Existing => "existing",
        }
    }
}

impl Choice for GatewayApi {
    const ALL: &'static [Self] = &[GatewayApi::V1, GatewayApi::V1alpha2];
    fn as_str(self) -> &'static str {
        match self {
            GatewayApi::V1 => "v1",
            GatewayApi::V1alpha2 => "v1alpha2",
        }
    }
}

/// The brokers themselves.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Kafka {
    /// The official image, or one built from it (it must hold `/opt/kafka/bin`).
    pub image: String,
    /// An image with `sh` and `kubectl`, for `nodeAddressSource: kubectl`.
    pub kubectl_image: String,
    /// The KRaft cluster id (22 characters of base64url); derived from namespace and name when `null`.
    pub cluster_id: Option<String>,
    /// Each broker's memory, requested and its limit (a Kubernetes quantity); the JVM heap is half
    /// of it, the rest is the page cache Kafka reads from.
    pub memory: String,
    /// Each broker's CPU request (no limit: throttling a broker stalls its replication).
    pub cpu: String,
}

/// The brokers' volumes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Storage {
    pub size: String,
    /// The StorageClass; the cluster's default when `null`.
    pub class_name: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            version: CONFIG_VERSION,
            strategy: StrategyId::NodeportPerBroker,
            namespace: "kafka".into(),
            name: "kafka".into(),
            headless_service: "broker".into(),
            replicas: 3,
            cluster_domain: "cluster.local".into(),
            ports: Ports::default(),
            node_ports: NodePorts::default(),
            // Empty: the brokers advertise the listed nodes' addresses, spread over them.
            advertised_host: String::new(),
            nodes: ["a", "b", "c"]
                .iter()
                .zip(11..)
                .map(|(n, ip)| Node::new(format!("node-{n}"), format!("203.0.113.{ip}")))
                .collect(),
            node_address_source: NodeAddressSource::StaticMap,
            node_address_type: NodeAddressType::ExternalIp,
            client_network: ClientNetwork::Internet,
            load_balancer: LoadBalancer::default(),
            shared_ip: SharedIp::default(),
            gateway: Gateway::default(),
            kafka: Kafka::default(),
            storage: Storage::default(),
            security: Security::default(),
            topology: Topology::default(),
        }
    }
}

impl Default for Ports {
    fn default() -> Self {
        Ports { internal: 9092, controller: 9093, external: 9094 }
    }
}

impl Default for NodePorts {
    fn default() -> Self {
        NodePorts { first: 30093, bootstrap: Some(30092), range: "30000-32767".into() }
    }
}

impl Default for LoadBalancer {
    fn default() -> Self {
        LoadBalancer {
            host_template: "kafka-{ordinal}.example.com".into(),
            bootstrap_host: Some("kafka-bootstrap.example.com".into()),
            class: None,
            annotations: BTreeMap::new(),
            source_ranges: Vec::new(),
        }
    }
}

impl Default for Kafka {
    fn default() -> Self {
        Kafka {
            // The 4.3 line (4.3.0 of 2026-05-22; 4.3.1 its bug-fix release). Nothing the files use
            // changed since 4.1 (Kafka's upgrade notes for 4.2 and 4.3: new coordinator buffers and
            // remote-log settings, --delete-config of an absent key now a no-op); a cluster finalized
            // at 4.3 (kafka-features.sh upgrade --release-version 4.3) cannot go back. Share links
            // carry the image, so a link made with 4.1.1 keeps it.
            image: "apache/kafka:4.3.1".into(),
            kubectl_image: "alpine/k8s:1.33.4".into(),
            cluster_id: None,
            memory: "4Gi".into(),
            cpu: "1".into(),
        }
    }
}

impl Default for Storage {
    fn default() -> Self {
        Storage { size: "10Gi".into(), class_name: None }
    }
}

impl Config {
    /// The default config with another strategy, and the nodes that strategy needs.
    pub fn example(strategy: StrategyId) -> Config {
        Config { strategy, ..Config::default() }
    }

    /// Sets node `i`'s address. The advertised host follows the node it names until the user
    /// edits it: typing your own nodes over a preset's must not leave the brokers advertising the
    /// preset's address, which reaches none of them.
    pub fn set_node_address(&mut self, i: usize, address: String) {
        let Some(node) = self.nodes.get_mut(i) else { return };
        if self.advertised_host == node.address {
            self.advertised_host.clone_from(&address);
        }
        node.address = address;
    }

    /// The address node `node`'s brokers advertise where a strategy advertises the node's
    /// address: what the node-address source yields there. The list: the address clients use;
    /// `status.hostIP`: always the InternalIP (Kubernetes, `pkg/util/node` `GetNodeHostIPs`);
    /// kubectl: the ExternalIP or the InternalIP, in the order `nodeAddressType` says.
    pub fn node_advertised<'n>(&self, node: &'n Node) -> &'n str {
        match (self.node_address_source, self.node_address_type) {
            (NodeAddressSource::StaticMap, _) => &node.address,
            (NodeAddressSource::HostIp, _) | (NodeAddressSource::Kubectl, NodeAddressType::InternalIp) => {
                node.internal_address()
            }
            (NodeAddressSource::Kubectl, NodeAddressType::ExternalIp) => {
                node.external_ip().unwrap_or_else(|| node.internal_address())
            }
        }
    }
}

/// The settings that differ between two configs, in the words the page uses for them: what a
/// preset replaced, so the page can say so and offer to undo it.
pub fn changed_settings(before: &Config, after: &Config) -> Vec<&'static str> {
    let differs = [
        (before.strategy != after.strategy, "the strategy"),
        (before.namespace != after.namespace, "the namespace"),
        (before.name != after.name, "the StatefulSet name"),
        (before.headless_service != after.headless_service, "the headless Service"),
        (before.replicas != after.replicas, "the number of brokers"),
        (before.cluster_domain != after.cluster_domain, "the cluster domain"),
        (before.ports != after.ports, "the listener ports"),
        (before.node_ports != after.node_ports, "the NodePorts"),
        (before.advertised_host != after.advertised_host, "the advertised host"),
        (before.nodes != after.nodes, "the nodes"),
        (
            (before.node_address_source, before.node_address_type)
                != (after.node_address_source, after.node_address_type),
            "how pods learn their node's address",
        ),
        (before.client_network != after.client_network, "where the clients are"),
        (before.load_balancer != after.load_balancer, "the load balancer settings"),
        (before.shared_ip != after.shared_ip, "the shared address"),
        (before.gateway != after.gateway, "the Gateway settings"),
        // A preset is a new cluster with an id of its own: not a setting the user chose.
        (
            Kafka { cluster_id: None, ..before.kafka.clone() }
                != Kafka { cluster_id: None, ..after.kafka.clone() },
            "the Kafka settings",
        ),
        (before.storage != after.storage, "the storage"),
        (before.security != after.security, "the security settings"),
        (before.topology != after.topology, "the controllers"),
        (before.version != after.version, "the format version"),
    ];
    differs.into_iter().filter(|(changed, _)| *changed).map(|(_, what)| what).collect()
}

/// A choice the page offers in a select box, its value written as the config file writes it: a
/// value that is none of them is refused (`parse` is `None`), never read as some other choice.
/// The file format's enums are these: written as `as_str`, read through `parse`.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [Self];
    /// The value as written in a config file (its serde name).
    fn as_str(self) -> &'static str;
    fn parse(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|choice| choice.as_str() == value)
    }
}

/// Writing the format's enums, through [`Choice`] (`read` reads them through it too).
macro_rules! choice_serde {
    ($($choice:ty),*) => {$(
        impl Serialize for $choice {
            fn serialize<S: serde::Serializer>(&self, writer: S) -> Result<S::Ok, S::Error> {
                writer.serialize_str(Choice::as_str(*self))
            }
        }
    )*};
}

choice_serde!(
    StrategyId,
    Roles,
    TlsMode,
    Authentication,
    IssuerKind,
    NodeAddressSource,
    NodeAddressType,
    ClientNetwork,
    SharedIpProvider,
    GatewayListener,
    GatewayApi
);

impl Choice for StrategyId {
    const ALL: &'static [Self] = &StrategyId::ALL;
    fn as_str(self) -> &'static str {
        StrategyId::as_str(self)
    }
}

impl Choice for NodeAddressSource {
    const ALL: &'static [Self] = &NodeAddressSource::ALL;
    fn as_str(self) -> &'static str {
        NodeAddressSource::as_str(self)
    }
}

impl Choice for Roles {
    const ALL: &'static [Self] = &[Roles::Dedicated, Roles::Combined];
    fn as_str(self) -> &'static str {
        match self {
            Roles::Dedicated => "dedicated",
            Roles::Combined => "combined",
        }
    }
}

impl Choice for TlsMode {
    const ALL: &'static [Self] = &[TlsMode::CertManager, TlsMode::Secret, TlsMode::None];
    fn as_str(self) -> &'static str {
        match self {
            TlsMode::CertManager => "cert-manager",
            TlsMode::Secret => "secret",
            TlsMode::None => "none",
        }
    }
}

impl Choice for Authentication {
    const ALL: &'static [Self] = &[Authentication::ScramSha512, Authentication::None];
    fn as_str(self) -> &'static str {
        match self {
            Authentication::ScramSha512 => "scram-sha512",
            Authentication::None => "none",
        }
    }
}

impl Choice for IssuerKind {
    const ALL: &'static [Self] = &[IssuerKind::ClusterIssuer, IssuerKind::Issuer];
    fn as_str(self) -> &'static str {
        match self {
            IssuerKind::ClusterIssuer => "ClusterIssuer",
            IssuerKind::Issuer => "Issuer",
        }
    }
}

/// A field of the config, by its path in the file (`nodes[1].address`): what a finding names, and
/// what the form binds, labels and links to. An enum, so that a misspelt path is a compile error
/// rather than a finding no field shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Version,
    Strategy,
    Namespace,
    Name,
    HeadlessService,
    Replicas,
    ClusterDomain,
    PortsInternal,
    PortsController,
    PortsExternal,
    AdvertisedHost,
    NodePortsFirst,
    NodePortsRange,
    NodePortsBootstrap,
    /// The node list as a whole.
    Nodes,
    NodeName(usize),
    NodeAddress(usize),
    NodeInternal(usize),
    NodeAddressSource,
    NodeAddressType,
    ClientNetwork,
    LoadBalancerHostTemplate,
    LoadBalancerBootstrapHost,
    LoadBalancerClass,
    LoadBalancerSourceRanges,
    LoadBalancerAnnotations,
    SharedIpProvider,
    SharedIpAddress,
    SharedIpFirstPort,
    SharedIpPool,
    GatewayListener,
    GatewayName,
    GatewayNamespace,
    GatewayClass,
    GatewaySection,
    GatewayPort,
    GatewayHostTemplate,
    GatewayBootstrapHost,
    GatewayApi,
    GatewayWildcardSan,
    KafkaImage,
    KafkaKubectlImage,
    KafkaClusterId,
    KafkaMemory,
    KafkaCpu,
    StorageSize,
    StorageClassName,
    TopologyRoles,
    TopologyControllers,
    TopologyControllerMemory,
    TopologyControllerStorage,
    SecurityTls,
    SecurityIssuer,
    SecurityIssuerKind,
    SecurityTlsSecret,
    SecurityExtraSans,
    SecurityAuthentication,
    SecurityUsers,
    SecurityInternalClients,
    SecurityInternalClientsNamespaces,
    SecurityInternalClientsPodLabels,
}

impl Field {
    /// Its path in the config file.
    pub fn path(self) -> std::borrow::Cow<'static, str> {
        use std::borrow::Cow::{Borrowed, Owned};
        Borrowed(match self {
            Field::NodeName(i) => return Owned(format!("nodes[{i}].name")),
            Field::NodeAddress(i) => return Owned(format!("nodes[{i}].address")),
            Field::NodeInternal(i) => return Owned(format!("nodes[{i}].internal")),
            Field::Version => "version",
            Field::Strategy => "strategy",
            Field::Namespace => "namespace",
            Field::Name => "name",
            Field::HeadlessService => "headlessService",
            Field::Replicas => "replicas",
            Field::ClusterDomain => "clusterDomain",
            Field::PortsInternal => "ports.internal",
            Field::PortsController => "ports.controller",
            Field::PortsExternal => "ports.external",
            Field::AdvertisedHost => "advertisedHost",
            Field::NodePortsFirst => "nodePorts.first",
            Field::NodePortsRange => "nodePorts.range",
            Field::NodePortsBootstrap => "nodePorts.bootstrap",
            Field::Nodes => "nodes",
            Field::NodeAddressSource => "nodeAddressSource",
            Field::NodeAddressType => "nodeAddressType",
            Field::ClientNetwork => "clientNetwork",
            Field::LoadBalancerHostTemplate => "loadBalancer.hostTemplate",
            Field::LoadBalancerBootstrapHost => "loadBalancer.bootstrapHost",
            Field::LoadBalancerClass => "loadBalancer.class",
            Field::LoadBalancerSourceRanges => "loadBalancer.sourceRanges",
            Field::LoadBalancerAnnotations => "loadBalancer.annotations",
            Field::SharedIpProvider => "sharedIp.provider",
            Field::SharedIpAddress => "sharedIp.address",
            Field::SharedIpFirstPort => "sharedIp.firstPort",
            Field::SharedIpPool => "sharedIp.pool",
            Field::GatewayListener => "gateway.listener",
            Field::GatewayName => "gateway.name",
            Field::GatewayNamespace => "gateway.namespace",
            Field::GatewayClass => "gateway.class",
            Field::GatewaySection => "gateway.section",
            Field::GatewayPort => "gateway.port",
            Field::GatewayHostTemplate => "gateway.hostTemplate",
            Field::GatewayBootstrapHost => "gateway.bootstrapHost",
            Field::GatewayApi => "gateway.api",
            Field::GatewayWildcardSan => "gateway.wildcardSan",
            Field::KafkaImage => "kafka.image",
            Field::KafkaKubectlImage => "kafka.kubectlImage",
            Field::KafkaClusterId => "kafka.clusterId",
            Field::KafkaMemory => "kafka.memory",
            Field::KafkaCpu => "kafka.cpu",
            Field::StorageSize => "storage.size",
            Field::StorageClassName => "storage.className",
            Field::TopologyRoles => "topology.roles",
            Field::TopologyControllers => "topology.controllers",
            Field::TopologyControllerMemory => "topology.controllerMemory",
            Field::TopologyControllerStorage => "topology.controllerStorage",
            Field::SecurityTls => "security.tls",
            Field::SecurityIssuer => "security.issuer",
            Field::SecurityIssuerKind => "security.issuerKind",
            Field::SecurityTlsSecret => "security.tlsSecret",
            Field::SecurityExtraSans => "security.extraSans",
            Field::SecurityAuthentication => "security.authentication",
            Field::SecurityUsers => "security.users",
            Field::SecurityInternalClients => "security.internalClients",
            Field::SecurityInternalClientsNamespaces => "security.internalClients.namespaces",
            Field::SecurityInternalClientsPodLabels => "security.internalClients.podLabels",
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}
