//! The exposure strategies. Each file describes what one strategy adds: its Services, how a broker's
//! external address and port are found, what it needs from the nodes, its checks and its explanation.
//! The shared code (validation, Kubernetes objects, properties, walkthrough) does the rest.

mod externalname;
mod gateway_tls_passthrough;
mod hostport;
mod loadbalancer_per_broker;
mod loadbalancer_shared_ip;
mod nodeport_local;
mod nodeport_per_broker;
mod nodeport_shared;

use crate::checks::Finding;
use crate::config::{Config, Field, StrategyId};
use crate::naming::{self, Names};
use crate::template::{Broker, Part, Template};
use k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::BTreeMap;

/// What a strategy achieves, in one word the page can colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Works,
    WorksWithLimits,
    Fails,
    ExposesNothing,
}

/// The one-line verdict on a strategy's card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    pub text: &'static str,
}

/// The teaching text of a strategy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// How a client's traffic flows.
    pub flow: &'static str,
    /// What it requires of the cluster.
    pub requires: &'static str,
    /// Its costs and limits.
    pub costs: &'static str,
    /// When to choose it.
    pub choose_when: &'static str,
    /// For the strategies that fail: why.
    pub why_it_fails: Option<&'static str>,
}

/// Where brokers may run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Any number of brokers per node.
    Anywhere,
    /// Required anti-affinity: a broker's external identity is its node.
    OneBrokerPerNode,
}

/// What a strategy is, for its card and its teaching text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Info {
    pub id: StrategyId,
    /// The card's title.
    pub title: &'static str,
    pub verdict: Verdict,
    /// What it needs, in a line.
    pub needs: &'static str,
    pub explanation: Explanation,
}

/// One exposure strategy.
pub trait Strategy: Sync {
    fn info(&self) -> &'static Info;
    fn id(&self) -> StrategyId {
        self.info().id
    }
    /// The host broker `i` advertises on the EXTERNAL listener.
    fn external_host(&self, config: &Config) -> Template;
    /// The port broker `i` advertises on the EXTERNAL listener.
    fn external_port(&self, config: &Config) -> Template;
    fn placement(&self) -> Placement {
        Placement::Anywhere
    }
    /// Whether the EXTERNAL container port is also a hostPort.
    fn uses_host_port(&self) -> bool {
        false
    }
    /// The NodePorts it allocates, with the config field each comes from.
    fn node_ports(&self, _config: &Config) -> Vec<NodePort> {
        Vec::new()
    }
    /// The Services it adds besides the headless one.
    fn services(&self, config: &Config) -> Vec<Service>;
    /// `bootstrap.servers` for a client outside the cluster.
    fn bootstrap_servers(&self, config: &Config) -> Vec<String>;
    /// Its own checks and warnings, beyond the shared validation.
    fn check(&self, _config: &Config, _findings: &mut Vec<Finding>) {}
    /// What its objects need of the cluster before they are applied, beyond what every config
    /// needs (`bundle::before_apply`): each what, and a command that checks it (or none).
    fn prerequisites(&self, _config: &Config) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// The strategy with this id.
pub fn strategy(id: StrategyId) -> &'static dyn Strategy {
    match id {
        StrategyId::NodeportPerBroker => &nodeport_per_broker::NodeportPerBroker,
        StrategyId::NodeportLocal => &nodeport_local::NodeportLocal,
        StrategyId::Hostport => &hostport::Hostport,
        StrategyId::LoadbalancerPerBroker => &loadbalancer_per_broker::LoadbalancerPerBroker,
        StrategyId::LoadbalancerSharedIp => &loadbalancer_shared_ip::LoadbalancerSharedIp,
        StrategyId::GatewayTlsPassthrough => &gateway_tls_passthrough::GatewayTlsPassthrough,
        StrategyId::NodeportShared => &nodeport_shared::NodeportShared,
        StrategyId::Externalname => &externalname::Externalname,
    }
}

/// Every strategy, in display order.
pub fn all() -> impl Iterator<Item = &'static dyn Strategy> {
    StrategyId::ALL.into_iter().map(strategy)
}

pub use gateway_tls_passthrough::{broker_host as gateway_host, sends_sni, wildcard as gateway_wildcard};

/// The brokers' ordinals.
pub(crate) fn ordinals(config: &Config) -> std::ops::Range<u32> {
    0..config.replicas
}

/// A Service of this config with the shared labels.
pub(crate) fn service(config: &Config, name: String, spec: ServiceSpec) -> Service {
    Service {
        metadata: ObjectMeta {
            name: Some(name),
            namespace: Some(config.namespace.clone()),
            labels: Some(Names::new(config).labels()),
            ..Default::default()
        },
        spec: Some(spec),
        ..Default::default()
    }
}

/// Pod labels a Service selects.
pub(crate) type Selector = BTreeMap<String, String>;

/// The selector of every broker pod.
pub(crate) fn all_brokers(config: &Config) -> Selector {
    Names::new(config).selector_labels()
}

/// The selector of broker `i` alone, by the label the StatefulSet controller sets.
pub(crate) fn one_broker(config: &Config, ordinal: u32) -> Selector {
    let names = Names::new(config);
    let mut selector = names.selector_labels();
    selector.insert(naming::POD_NAME_LABEL.into(), names.pod(ordinal));
    selector
}

/// The external port of a Service: `port` → the brokers' EXTERNAL container port, by its name.
pub(crate) fn external_port(port: u32, node_port: Option<u32>) -> ServicePort {
    ServicePort {
        name: Some(naming::EXTERNAL_PORT.into()),
        protocol: Some("TCP".into()),
        port: port as i32,
        target_port: Some(IntOrString::String(naming::EXTERNAL_PORT.into())),
        node_port: node_port.map(|p| p as i32),
        ..Default::default()
    }
}

/// The one NodePort Service in front of every broker (`nodePorts.first`), as the shared and the
/// Local strategies use it; `traffic_policy` is its `externalTrafficPolicy`.
pub(crate) fn shared_node_port(config: &Config, traffic_policy: Option<&str>) -> Service {
    service(
        config,
        Names::new(config).shared_service(),
        ServiceSpec {
            type_: Some("NodePort".into()),
            external_traffic_policy: traffic_policy.map(Into::into),
            selector: Some(all_brokers(config)),
            ports: Some(vec![external_port(config.ports.external, Some(config.node_ports.first))]),
            ..Default::default()
        },
    )
}

/// Broker `i`'s value of a template that depends on its ordinal only (no node): the advertised
/// hosts of load balancers and NodePorts, and the SAN plan.
pub(crate) fn by_ordinal(template: &Template, ordinal: u32) -> String {
    template.render(&Broker { ordinal, node_name: "", node_address: "" })
}

/// `host:port` for every broker, as a client list.
pub(crate) fn each_broker(
    config: &Config,
    host: impl Fn(u32) -> String,
    port: impl Fn(u32) -> u32,
) -> Vec<String> {
    ordinals(config).map(|i| format!("{}:{}", host(i), port(i))).collect()
}

/// The node the preview places broker `i` on, by index in `config.nodes`: `nodes[i mod n]`, or
/// `None` when the pod stays Pending because a strategy that runs one broker per node has no node
/// left for it. The walkthrough and the diagram read the placement from here.
pub fn preview_node(config: &Config, ordinal: u32) -> Option<usize> {
    let n = config.nodes.len();
    let one_per_node = strategy(config.strategy).placement() == Placement::OneBrokerPerNode;
    match ordinal as usize {
        _ if n == 0 => None,
        i if one_per_node && i >= n => None,
        i => Some(i % n),
    }
}

/// The nodes that brokers run on in the preview, once each, in node order.
pub(crate) fn nodes_with_brokers(config: &Config) -> Vec<&crate::config::Node> {
    let used = config.nodes.len().min(config.replicas as usize);
    config.nodes.iter().take(used).collect()
}

/// What the NodePort strategies advertise: the one address in front of the nodes when the user
/// names one (`advertisedHost`), else the listed nodes' own addresses spread over the brokers
/// (broker `i` advertises node `i mod n`), since any node forwards a NodePort to its pod: losing
/// one node then costs the clients no broker that still runs.
pub(crate) fn advertised_host(config: &Config) -> Template {
    if config.advertised_host.is_empty() {
        Template::part(Part::OneOf(config.nodes.iter().map(|n| n.address.clone()).collect()))
    } else {
        Template::text(config.advertised_host.clone())
    }
}

/// Where a client bootstraps through a NodePort: every listed node when the brokers are spread
/// over them (a client tries them in turn), else the one address.
pub(crate) fn bootstrap_hosts(config: &Config) -> Vec<String> {
    if config.advertised_host.is_empty() {
        config.nodes.iter().map(|n| n.address.clone()).collect()
    } else {
        vec![config.advertised_host.clone()]
    }
}

/// The one address in front of the nodes (`advertisedHost`), for the strategies that advertise it:
/// a valid address that a client outside can reach; an IP that is none of the listed nodes is
/// warned about, since only a load balancer or a NAT in front of them makes it reach them; one
/// node's own address makes that node carry every client. Empty spreads the brokers over the nodes.
pub(crate) fn check_advertised_host(config: &Config, findings: &mut Vec<Finding>) {
    let host = &config.advertised_host;
    let field = Field::AdvertisedHost;
    if host.is_empty() {
        if config.nodes.is_empty() {
            findings.push(Finding::error(
                field,
                "list the nodes below, or enter an address that reaches them: brokers advertise one \
                 of the two",
            ));
        }
        return;
    }
    if let Some(node) = config.nodes.iter().find(|n| n.address == *host).filter(|_| config.nodes.len() > 1) {
        findings.push(Finding::warning(
            field,
            format!(
                "every broker is reached through {} ({host}): while it is down, every client outside \
                 loses every broker, though all of them run. Leave this empty to spread the brokers \
                 over the nodes, or enter an address in front of every node (a DNS name that lists \
                 them all, or a virtual IP)",
                node.name
            ),
        ));
    }
    let instead = "Enter an address that reaches the nodes from outside: a node's external IP, a DNS \
                   name for the nodes, or a TCP load balancer in front of them.";
    // An example address (the defaults') is a host all the same: whether it is a node's matters.
    if crate::checks::check_outside_host(findings, config, field, host, instead)
        == crate::checks::OutsideHost::Unusable
    {
        return;
    }
    let is_ip = host.parse::<std::net::IpAddr>().is_ok();
    if is_ip && !config.nodes.iter().any(|n| n.address == *host) {
        findings.push(Finding::warning(
            field,
            format!(
                "{host} is none of the nodes listed below: make sure this address reaches the nodes (a \
                 load balancer or a NAT in front of them), or enter a node's address"
            ),
        ));
    }
}

/// A strategy's teaching text in the user's own values: `{example}` becomes a broker and the
/// address it advertises ("kafka-1 advertises 203.0.113.11:30094"), `{node_ports}` the per-broker
/// NodePorts ("30093 … 30095"), `{load_balancers}` how many load balancers the config makes.
pub fn in_your_values(text: &str, config: &Config) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let strategy = strategy(config.strategy);
    let names = Names::new(config);
    // Broker 1 when there is one: broker 0 hides that the address changes from broker to broker.
    let ordinal = config.replicas.min(2).saturating_sub(1);
    let node = preview_node(config, ordinal).and_then(|n| config.nodes.get(n));
    let broker = crate::template::Broker {
        ordinal,
        node_name: node.map_or("", |n| n.name.as_str()),
        node_address: node.map_or("", |n| n.address.as_str()),
    };
    let example = format!(
        "{} advertises {}:{}",
        names.pod(ordinal),
        strategy.external_host(config).render(&broker),
        strategy.external_port(config).render(&broker)
    );
    let ports: Vec<u32> = strategy.node_ports(config).into_iter().map(|p| p.port).collect();
    let node_ports = match ports.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] if config.node_ports.bootstrap == Some(*last) && ports.len() > 2 => {
            format!("{first} … {} (and {last} for bootstrap)", ports[ports.len() - 2])
        }
        [first, .., last] => format!("{first} … {last}"),
    };
    let bootstrap = usize::from(config.load_balancer.bootstrap_host.is_some());
    let load_balancers = (config.replicas as usize + bootstrap).to_string();
    text.replace("{example}", &example)
        .replace("{node_ports}", &node_ports)
        .replace("{load_balancers}", &load_balancers)
}

/// Where the preview places the first brokers, in words: "kafka-0 on node-a, kafka-1 on node-b, …".
pub fn placement_summary(config: &Config) -> String {
    const SHOWN: u32 = 4;
    let names = Names::new(config);
    let mut parts: Vec<String> = (0..config.replicas.min(SHOWN))
        .map(|i| match preview_node(config, i).and_then(|n| config.nodes.get(n)) {
            Some(node) => format!("{} on {}", names.pod(i), node.name),
            None => format!("{} Pending (no node left)", names.pod(i)),
        })
        .collect();
    if config.replicas > SHOWN {
        parts.push("…".into());
    }
    parts.join(", ")
}

/// A NodePort a strategy allocates: the config field it comes from, and the broker when one field
/// gives each broker its own (`nodePorts.first` + the ordinal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodePort {
    pub field: Field,
    pub broker: Option<u32>,
    pub port: u32,
}

impl NodePort {
    /// Its field, and the broker if any, as messages name it: `nodePorts.first (broker 2)`.
    pub fn what(&self) -> String {
        match self.broker {
            Some(i) => format!("{} (broker {i})", self.field),
            None => self.field.to_string(),
        }
    }
}
