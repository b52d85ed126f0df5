//! The doctor's source: a deployment as its own objects and files describe it. Reads
//! `kubectl get services,pods,nodes -o json` (a `List` or single objects), each broker's
//! `server.properties` (or just its listener lines), and optionally what `kcat -L` printed, into
//! the simulation's model. Only the fields the simulation needs are read, from JSON values: the
//! full Kubernetes deserializers would weigh more than the rest of the page.

use super::{listener_addresses, listener_ports, protocol_map, Broker, Cluster, ContainerPort, Pod};
use crate::config::Node;
use crate::plan::sans::SanPlan;
use k8s_openapi::api::core::v1::{
    LoadBalancerIngress, LoadBalancerStatus, Service, ServicePort, ServiceSpec, ServiceStatus,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Which box an input came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Objects,
    Properties,
    Kcat,
}

impl Input {
    /// The name the page and the command line use for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Input::Objects => "objects",
            Input::Properties => "properties",
            Input::Kcat => "kcat",
        }
    }
}

/// A problem with one input, where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub input: Input,
    /// 1-based line and column, when known.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => {
                write!(f, "{} line {line}, column {column}: {}", self.input.as_str(), self.message)
            }
            None => write!(f, "{}: {}", self.input.as_str(), self.message),
        }
    }
}

/// What was read, how sure the answer can be, and what could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    pub cluster: Cluster<'static>,
    /// What is missing or assumed, in sentences: each lowers the confidence of the answer.
    pub notes: Vec<String>,
    pub errors: Vec<InputError>,
    /// What kcat printed: each broker's id and advertised `host:port`, the strongest evidence.
    pub kcat: Vec<(i64, String)>,
    /// What made the deployment, from its labels and its files.
    pub maker: Maker,
    /// The node ids of the controller-only nodes (`process.roles=controller`): no client
    /// connects to them, so they are no brokers.
    pub controllers: Vec<i64>,
    /// Each listener's bootstrap servers as a pasted Strimzi `Kafka` resource's `status.listeners`
    /// lists them (`kubectl get kafka -o json`): (listener name, `host:port` list).
    pub status_bootstrap: Vec<(String, String)>,
}

/// What made a deployment: where its fixes go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Maker {
    /// A StatefulSet and files of the user's own: fixes go in its files and objects.
    #[default]
    Plain,
    /// The Strimzi operator (`strimzi.io/*` labels, its files' header): fixes go in the `Kafka`
    /// resource, which it renders into every object and file.
    Strimzi,
    /// The Bitnami chart (`helm.sh/chart: kafka-…`): fixes go in its Helm values.
    BitnamiChart,
}

impl Maker {
    /// What made it and where its fixes go, in a sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Maker::Plain => "A deployment of its own (no operator or chart recognised): fixes go in its files and objects.",
            Maker::Strimzi => {
                "Made by Strimzi (its strimzi.io labels and its files' header): it rewrites every object and \
                 file from the Kafka resource, so fixes go there, never into a pod's file."
            }
            Maker::BitnamiChart => {
                "Made by the Bitnami chart (helm.sh/chart: kafka-…): its init step rewrites the file at every \
                 start, so fixes go in its Helm values, applied with helm upgrade."
            }
        }
    }
}

impl Maker {
    /// What opening the closest strategy in the configurator means for this deployment.
    pub fn configurator_note(self) -> &'static str {
        match self {
            Maker::Plain => {
                "The configurator generates a complete deployment of its own: apply it in place of this \
                 one, not beside it (its NodePorts and names would clash), and bootstrap from its addresses."
            }
            Maker::Strimzi => {
                "The configurator generates a deployment of its own, without Strimzi: to keep Strimzi, make \
                 the change in the Kafka resource instead."
            }
            Maker::BitnamiChart => {
                "The configurator generates a deployment of its own, without the chart: to keep the chart, \
                 change its values with helm upgrade instead."
            }
        }
    }
}

/// What made the deployment: Strimzi's labels or file header, the Bitnami chart's label, else none.
fn maker(objects: &[&Value], files: &[String]) -> Maker {
    let labels = |o: &&Value| strings(o, &["metadata", "labels"]);
    if files.iter().any(|f| f.contains("generated by the Strimzi Cluster Operator"))
        || objects.iter().any(|o| labels(o).keys().any(|k| k.starts_with("strimzi.io/")))
    {
        Maker::Strimzi
    } else if objects.iter().any(|o| labels(o).get("helm.sh/chart").is_some_and(|c| c.starts_with("kafka-")))
    {
        Maker::BitnamiChart
    } else {
        Maker::Plain
    }
}

/// The JSON of `kubectl get … -o json`: a `List`, a single object, or an array of objects.
pub fn objects_from_json(text: &str) -> Result<Vec<Value>, InputError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let value: Value = serde_json::from_str(text).map_err(|e| InputError {
        input: Input::Objects,
        at: Some((e.line(), e.column())),
        message: match e.classify() {
            serde_json::error::Category::Eof => {
                "the JSON ends too early: was it cut short when copied?".to_string()
            }
            _ => format!("not JSON: {e}; paste the output of kubectl get services,pods,nodes -o json"),
        },
    })?;
    Ok(flatten(value))
}

/// The objects in JSON or (natively) YAML text, which may hold several documents.
pub fn objects_from_text(text: &str) -> Result<Vec<Value>, InputError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.is_empty() {
        return objects_from_json(text);
    }
    objects_from_yaml(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn objects_from_yaml(text: &str) -> Result<Vec<Value>, InputError> {
    use serde::Deserialize;
    let mut values = Vec::new();
    for document in serde_yaml::Deserializer::from_str(text) {
        let error = |e: serde_yaml::Error| InputError {
            input: Input::Objects,
            at: e.location().map(|l| (l.line(), l.column())),
            message: format!("not YAML: {e}"),
        };
        let value = serde_yaml::Value::deserialize(document).map_err(error)?;
        let json = serde_json::to_value(value).map_err(|e| InputError {
            input: Input::Objects,
            at: None,
            message: format!("not Kubernetes objects: {e}"),
        })?;
        values.extend(flatten(json));
    }
    Ok(values)
}

/// The page reads JSON only: a YAML parser would more than double its download.
#[cfg(target_arch = "wasm32")]
fn objects_from_yaml(_: &str) -> Result<Vec<Value>, InputError> {
    Err(InputError {
        input: Input::Objects,
        at: Some((1, 1)),
        message: "not JSON: paste the output of kubectl get services,pods,nodes -o json".into(),
    })
}

/// Objects out of `List`s and arrays, in order.
pub fn flatten(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.into_iter().flat_map(flatten).collect(),
        Value::Object(mut map) if map.get("items").is_some_and(Value::is_array) => {
            map.remove("items").map(flatten).unwrap_or_default()
        }
        other => vec![other],
    }
}

/// Reads the three inputs into the model. `objects` are already parsed (JSON in the page; the
/// command line reads YAML too); `properties` are the files' texts; `kcat` what `kcat -L` printed.
pub fn read(objects: Vec<Value>, properties: &[String], kcat: &str) -> Reading {
    let objects: Vec<Value> = objects.into_iter().flat_map(flatten).collect();
    let mut reading = Reading::default();
    let mut services = Vec::new();
    let mut pods_json = Vec::new();
    let mut nodes_json = Vec::new();
    let mut certificates = Vec::new();
    let mut gateways = Vec::new();
    let mut routes = Vec::new();
    let mut others = BTreeMap::<String, usize>::new();
    for object in objects {
        match object.get("kind").and_then(Value::as_str) {
            Some("Service") => services.push(object),
            Some("Pod") => pods_json.push(object),
            Some("Node") => nodes_json.push(object),
            Some("Certificate") => certificates.push(object),
            Some("Gateway" | "ListenerSet") => gateways.push(object),
            Some("TLSRoute") => routes.push(object),
            // Strimzi's status names each listener's bootstrap servers, as the operator computed
            // them (Strimzi, `api/.../listener/ListenerStatus.java`, `KafkaListenersReconciler`).
            Some("Kafka") => reading.status_bootstrap.extend(
                array(&object, &["status", "listeners"])
                    .iter()
                    .map(|l| (text(l, &["name"]).to_string(), text(l, &["bootstrapServers"]).to_string())),
            ),
            Some(kind) => *others.entry(kind.to_string()).or_default() += 1,
            None => *others.entry("without a kind".to_string()).or_default() += 1,
        }
    }
    if !others.is_empty() {
        let list: Vec<String> = others.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
        reading.notes.push(format!("Ignored objects the simulation does not read: {}.", list.join(", ")));
    }
    let mut nodes = Vec::new();
    let mut aliases = Vec::new();
    // Each node's addresses by type, as its Node object lists them, for placeholders filled in
    // from them.
    let mut typed: Vec<Vec<(String, String)>> = Vec::new();
    for node in &nodes_json {
        let name = text(node, &["metadata", "name"]).to_string();
        let addresses: Vec<(&str, &str)> = array(node, &["status", "addresses"])
            .iter()
            .map(|a| (text(a, &["type"]), text(a, &["address"])))
            .collect();
        let pick = |kind: &str| addresses.iter().find(|(t, _)| *t == kind).map(|(_, a)| a.to_string());
        let internal = pick("InternalIP").unwrap_or_default();
        let address = pick("ExternalIP").unwrap_or_else(|| internal.clone());
        if pick("ExternalIP").is_none() && crate::checks::is_inside_address(&address) {
            reading.notes.push(format!(
                "Node {name} has no ExternalIP, only its InternalIP {address}: a private address, which \
                 a client reaches only from the nodes' network (the same LAN or a VPN), not from the \
                 internet."
            ));
        }
        for (_, other) in addresses.iter().filter(|(_, a)| *a != address && !a.is_empty()) {
            aliases.push((other.to_string(), nodes.len()));
        }
        let internal = if internal == address { String::new() } else { internal };
        typed.push(addresses.iter().map(|(t, a)| (t.to_string(), a.to_string())).collect());
        nodes.push(Node { name, address, internal });
    }
    let mut pods = Vec::new();
    let mut mounted = Vec::new();
    for pod in &pods_json {
        let node_name = text(pod, &["spec", "nodeName"]);
        let node = (!node_name.is_empty()).then(|| {
            nodes.iter().position(|n: &Node| n.name == node_name).unwrap_or_else(|| {
                reading.notes.push(format!(
                    "Pod {} runs on node {node_name}, which is not among the objects: its address is unknown.",
                    text(pod, &["metadata", "name"])
                ));
                nodes.push(Node::new(node_name.to_string(), String::new()));
                nodes.len() - 1
            })
        });
        let ports = array(pod, &["spec", "containers"])
            .iter()
            .flat_map(|c| array(c, &["ports"]))
            .map(|p| ContainerPort {
                name: text(p, &["name"]).to_string(),
                port: number(p, &["containerPort"]).unwrap_or_default(),
                host_port: number(p, &["hostPort"]).filter(|h| *h > 0),
            })
            .collect();
        mounted.push(
            array(pod, &["spec", "volumes"])
                .iter()
                .map(|v| text(v, &["secret", "secretName"]).to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>(),
        );
        let ready = array(pod, &["status", "conditions"])
            .iter()
            .any(|c| text(c, &["type"]) == "Ready" && text(c, &["status"]) == "True");
        pods.push(Pod {
            name: text(pod, &["metadata", "name"]).to_string(),
            namespace: text(pod, &["metadata", "namespace"]).to_string(),
            node,
            labels: Arc::new(strings(pod, &["metadata", "labels"])),
            ports: Arc::new(ports),
            subdomain: Some(text(pod, &["spec", "subdomain"]).to_string()).filter(|s| !s.is_empty()),
            // A pasted pod without status is taken as running.
            ready: ready || get(pod, &["status", "conditions"]).is_none(),
            broker: None,
        });
    }
    reading.maker = maker(&services.iter().chain(&pods_json).collect::<Vec<_>>(), properties);
    let services: Vec<Service> = services.iter().map(service).collect();
    reading.kcat = parse_kcat(kcat, &mut reading.errors);
    let reached: Vec<String> = kcat_origin(kcat).into_iter().collect();
    for host in reached.iter().filter(|h| crate::checks::is_inside_address(h)) {
        reading.notes.push(format!(
            "kcat got its metadata through {host}, a private address: wherever kcat ran reaches it (the \
             nodes' network, or a VPN into it), and the doctor takes the client to run there too."
        ));
    }
    let mut brokers = Vec::new();
    for (index, file) in properties.iter().enumerate() {
        match broker(file) {
            // A controller-only node: no client connects to it.
            Ok(b) if b.5 => reading.controllers.extend(b.0),
            Ok(b) => brokers.push(b),
            Err(message) => reading.errors.push(InputError {
                input: Input::Properties,
                at: None,
                message: format!("file {}: {message}", index + 1),
            }),
        }
    }
    if brokers.is_empty() && !reading.kcat.is_empty() {
        reading.notes.push(
            "No server.properties: each broker is taken to listen, on every container port, for the \
             address kcat reported."
                .into(),
        );
        brokers = reading
            .kcat
            .iter()
            .map(|(id, address)| {
                (
                    Some(*id),
                    Vec::new(),
                    vec![("CLIENT".to_string(), address.clone())],
                    Vec::new(),
                    None,
                    false,
                    None,
                )
            })
            .collect();
    }
    brokers.sort_by_key(|b| b.0);
    let (mut cluster_brokers, unmatched) = place(&mut pods, brokers);
    fill_in_placeholders(&mut cluster_brokers, &pods, &typed, &mut nodes, &reading.kcat, &mut reading.notes);
    for id in unmatched {
        reading.notes.push(format!(
            "Broker {} matches no pod among the objects; it is left out.",
            id.map_or("?".into(), |i| i.to_string())
        ));
    }
    // kcat's answer beside the files': a difference means the files are not what runs.
    for (id, address) in &reading.kcat {
        let file = cluster_brokers.iter().find(|b| b.node_id == Some(*id));
        if let Some(b) = file {
            if !b.advertised.is_empty() && !b.advertised.iter().any(|(_, a)| a == address) {
                reading.notes.push(format!(
                    "kcat says broker {id} advertises {address}, which its server.properties does not: the \
                     file is not what the broker runs with."
                ));
            }
        }
    }
    if nodes_json.is_empty() {
        reading.notes.push("No Node objects: node addresses are unknown, so NodePorts and hostPorts cannot be followed from outside.".into());
    }
    if cluster_brokers.is_empty() {
        reading.notes.push(
            "No broker could be read: paste each broker's server.properties, or what kcat -L printed.".into(),
        );
    }
    let certificate = certificate(&certificates, &cluster_brokers, &mounted, &mut reading.notes);
    let namespace =
        cluster_brokers.first().map(|b: &Broker| pods[b.pod].namespace.clone()).unwrap_or_default();
    reading.cluster = Cluster {
        namespace,
        client_namespace: None,
        domain: "cluster.local".into(),
        nodes,
        aliases,
        any_node: None,
        reached,
        services: Cow::Owned(services),
        pods,
        brokers: cluster_brokers,
        certificate: certificate.map(Cow::Owned),
        // By their roles, read from the cluster just built (below).
        listeners: Default::default(),
        // Pasted Services say in their status where each is served.
        load_balancers_on_nodes: false,
        gateways: sni_listeners(&gateways, &routes),
    };
    reading.cluster.listeners = listeners_by_role(&reading.cluster);
    reading
}

/// The listener clients outside use and the one clients in the cluster use, by their roles in the
/// files, never by name: outside, one advertised at no cluster DNS name; inside, one at such a
/// name; the brokers' own (inter.broker.listener.name) last.
fn listeners_by_role(cluster: &Cluster) -> (Cow<'static, str>, Cow<'static, str>) {
    let Some(first) = cluster.brokers.first() else { return Default::default() };
    let names = cluster.names();
    let in_cluster = |address: &str| {
        crate::checks::unreachable_from_outside(crate::address::host_of(address), &names)
            == Some(crate::checks::Unreachable::ClusterDns)
    };
    let pick = |inside: bool| {
        let fits = |(_, a): &&(String, String)| in_cluster(a) == inside;
        let brokers_own = |(name, _): &&(String, String)| Some(name) == first.inter_broker.as_ref();
        let mut fitting = first.advertised.iter().filter(fits);
        fitting
            .clone()
            .find(|l| !brokers_own(l))
            .or_else(|| fitting.next())
            .or(first.advertised.first())
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    };
    (Cow::Owned(pick(false)), Cow::Owned(pick(true)))
}

/// The names and IPs of the brokers' certificate, read from cert-manager `Certificate` objects
/// (`kubectl get certificates -o json`): the one whose Secret the broker pods mount, or the only
/// one. Without it the walkthrough cannot check TLS names, and a note says so when a broker
/// listens with TLS.
fn certificate(
    certificates: &[Value],
    brokers: &[Broker],
    mounted: &[Vec<String>],
    notes: &mut Vec<String>,
) -> Option<SanPlan> {
    // TLS on a listener clients are given: advertised, and not the brokers' own.
    let tls = brokers.iter().any(|b| {
        b.protocols.iter().any(|(name, p)| {
            p.ends_with("SSL")
                && Some(name) != b.inter_broker.as_ref()
                && b.advertised.iter().any(|(advertised, _)| advertised == name)
        })
    });
    let sans = |c: &Value| SanPlan {
        dns: array(c, &["spec", "dnsNames"]).iter().filter_map(Value::as_str).map(str::to_string).collect(),
        ips: array(c, &["spec", "ipAddresses"])
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
    };
    // A CA's Certificate names no host: it signs, it is not served.
    let served: Vec<&Value> =
        certificates.iter().filter(|c| get(c, &["spec", "isCA"]) != Some(&Value::Bool(true))).collect();
    let secrets: Vec<&str> =
        brokers.iter().flat_map(|b| mounted.get(b.pod).into_iter().flatten()).map(String::as_str).collect();
    let chosen = served
        .iter()
        .find(|c| secrets.contains(&text(c, &["spec", "secretName"])))
        .or_else(|| (served.len() == 1).then(|| &served[0]));
    match chosen {
        Some(c) => Some(sans(c)),
        None if tls && served.is_empty() => {
            notes.push(
                "A broker listens with TLS, but no Certificate is among the objects: the names clients dial \
                 are not checked against it (add kubectl get certificates -o json to the objects)."
                    .into(),
            );
            None
        }
        None if tls => {
            notes.push(
                "No Certificate's Secret is mounted by a broker pod: the names clients dial are not checked \
                 against a certificate."
                    .into(),
            );
            None
        }
        None => None,
    }
}

/// One node's file as (node id, listeners, advertised, protocols, SASL mechanism, whether it is
/// a controller only, `inter.broker.listener.name`).
type BrokerFile = (
    Option<i64>,
    Vec<(String, u32)>,
    Vec<(String, String)>,
    Vec<(String, String)>,
    Option<String>,
    bool,
    Option<String>,
);

/// The listener lines of one `server.properties`.
fn broker(file: &str) -> Result<BrokerFile, String> {
    let props = properties(file);
    let node_id = props.get("node.id").or_else(|| props.get("broker.id")).and_then(|v| v.parse().ok());
    let listeners = props.get("listeners").map(|l| listener_ports(l)).unwrap_or_default();
    let advertised = props
        .get("advertised.listeners")
        .or_else(|| props.get("listeners"))
        .map(|l| listener_addresses(l))
        .unwrap_or_default();
    if listeners.is_empty() && advertised.is_empty() {
        return Err("no listeners or advertised.listeners line".into());
    }
    let protocols = props.get("listener.security.protocol.map").map(|m| protocol_map(m)).unwrap_or_default();
    let sasl = props
        .iter()
        .find(|(k, _)| k.starts_with("listener.name.") && k.ends_with(".sasl.enabled.mechanisms"))
        .map(|(_, v)| v.clone())
        // The broker-wide setting, as the Bitnami chart writes it (`templates/_helpers.tpl`).
        .or_else(|| props.get("sasl.enabled.mechanisms").cloned());
    let controller_only = props.get("process.roles").is_some_and(|r| r.trim() == "controller");
    let inter_broker = props.get("inter.broker.listener.name").cloned();
    Ok((node_id, listeners, advertised, protocols, sasl, controller_only, inter_broker))
}

/// Strimzi's placeholder for a nodeport listener's advertised host, which Kafka's file config
/// provider fills in at start from what Strimzi's init container wrote of the node:
/// `${strimzifile:/opt/kafka/init/external.address:nodeport.<type>.address}` (Strimzi,
/// `KafkaListenersReconciler.nodePortAddressEnvVar` and `kafka-init` `InitWriter.writeExternalAddress`).
const STRIMZI_NODE_ADDRESS: &str = "${strimzifile:/opt/kafka/init/external.address:nodeport.";

/// The address Strimzi's init container writes for a node of these addresses: the preferred type's
/// (`externalip`, `internaldns`… as the placeholder names it; `default` for none), else the first of
/// ExternalDNS, ExternalIP, InternalDNS, InternalIP, Hostname (Strimzi, `NodeUtils.findAddress`).
fn strimzi_node_address<'a>(addresses: &'a [(String, String)], preferred: &str) -> Option<&'a str> {
    let of =
        |kind: &str| addresses.iter().find(|(t, _)| t.eq_ignore_ascii_case(kind)).map(|(_, a)| a.as_str());
    of(preferred).or_else(|| {
        ["ExternalDNS", "ExternalIP", "InternalDNS", "InternalIP", "Hostname"].into_iter().find_map(of)
    })
}

/// Fills in the placeholders the brokers' files carry, as the software that wrote them would at
/// start: from the pod's node, else from kcat's answer for that node id (which is then the node's
/// address too, where no Node object said it); said in a note. One left as it is gets no verdict
/// (`Failure::Placeholder`).
fn fill_in_placeholders(
    brokers: &mut [Broker],
    pods: &[Pod],
    nodes: &[Vec<(String, String)>],
    known: &mut [Node],
    kcat: &[(i64, String)],
    notes: &mut Vec<String>,
) {
    let mut filled = Vec::new();
    let mut from_kcat = Vec::new();
    for broker in brokers.iter_mut() {
        let id = broker.node_id;
        let node = pods.get(broker.pod).and_then(|p| p.node).and_then(|n| nodes.get(n));
        let mut advertised = (*broker.advertised).clone();
        for (_, address) in advertised.iter_mut() {
            let Some(rest) = address.strip_prefix(STRIMZI_NODE_ADDRESS) else { continue };
            let Some((kind, port)) = rest.split_once(".address}") else { continue };
            let resolved =
                node.and_then(|n| strimzi_node_address(n, kind)).map(|host| format!("{host}{port}"));
            match resolved {
                Some(resolved) => {
                    filled.push(format!("broker {} {resolved}", id.unwrap_or_default()));
                    *address = resolved;
                }
                None => {
                    if let Some((_, seen)) = kcat.iter().find(|(k, _)| Some(*k) == id) {
                        from_kcat.push(id.unwrap_or_default().to_string());
                        address.clone_from(seen);
                        // The placeholder is the node's address: kcat has told it.
                        let node = pods.get(broker.pod).and_then(|p| p.node).and_then(|n| known.get_mut(n));
                        if let Some(node) = node.filter(|n| n.address.is_empty()) {
                            node.address = crate::address::host_of(seen).to_string();
                        }
                    }
                }
            }
        }
        broker.advertised = Arc::new(advertised);
    }
    if !filled.is_empty() {
        notes.push(format!(
            "The files advertise Strimzi's placeholder {STRIMZI_NODE_ADDRESS}…}}, which Kafka fills in at \
             start with the node's address (ExternalDNS, ExternalIP, InternalDNS, InternalIP, Hostname, \
             unless the listener's preferredNodePortAddressType comes first): {}.",
            filled.join(", ")
        ));
    }
    if !from_kcat.is_empty() {
        notes.push(format!(
            "Strimzi's placeholder for the node's address could not be filled in from the Node objects for \
             broker {}: kcat's answer is taken instead, and as that broker's node's address.",
            from_kcat.join(", ")
        ));
    }
}

/// `key=value` lines (also `key: value` and `key value`, as Java reads them); comments skipped.
pub fn properties(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('!'))
        .filter_map(|line| {
            // The key ends at `=`, `:` or white space; then white space, one `=` or `:`, white space.
            let at = line.find(['=', ':', ' ', '\t'])?;
            let (key, rest) = line.split_at(at);
            let rest = rest.trim_start();
            let rest = rest.strip_prefix(['=', ':']).unwrap_or(rest);
            Some((key.to_string(), rest.trim().to_string()))
        })
        .collect()
}

/// Gives each broker its pod: the pod whose name starts its advertised host (`kafka-0.…`), else the
/// pod whose ordinal is its node id (less the offset most ids share), else the next pod that opens
/// one of its listeners' ports.
fn place(pods: &mut [Pod], files: Vec<BrokerFile>) -> (Vec<Broker>, Vec<Option<i64>>) {
    let mut brokers = Vec::new();
    let mut unmatched = Vec::new();
    // Node ids need not be ordinals: beside dedicated controllers they may be 100 + i, and some
    // deployments count from 1. The offset that puts the most ids on a pod's ordinal places them.
    let ordinal_of = |p: &Pod| p.name.rsplit('-').next().and_then(|o| o.parse::<i64>().ok());
    let ids: Vec<i64> = files.iter().filter_map(|f| f.0).collect();
    let lowest = |v: &mut dyn Iterator<Item = i64>| v.min().unwrap_or_default();
    let lowest_ordinal = lowest(&mut pods.iter().filter_map(ordinal_of));
    let candidates = [0, 100, lowest(&mut ids.iter().copied()) - lowest_ordinal];
    let offset = candidates
        .into_iter()
        .max_by_key(|o| {
            let placed = ids.iter().filter(|id| pods.iter().any(|p| ordinal_of(p) == Some(*id - o))).count();
            // Ties go to the first candidate: ids that are ordinals.
            (placed, std::cmp::Reverse(candidates.iter().position(|c| c == o)))
        })
        .unwrap_or_default();
    for (node_id, listeners, advertised, protocols, sasl, _, inter_broker) in files {
        let free = |p: &Pod| p.broker.is_none();
        let by_name = pods.iter().position(|p| {
            free(p) && advertised.iter().any(|(_, a)| a.split(['.', ':']).next() == Some(p.name.as_str()))
        });
        let by_ordinal =
            node_id.and_then(|id| pods.iter().position(|p| free(p) && ordinal_of(p) == Some(id - offset)));
        let opens = |p: &Pod| listeners.iter().any(|(_, port)| p.ports.iter().any(|c| c.port == *port));
        let by_port = pods.iter().position(|p| free(p) && (listeners.is_empty() || opens(p)));
        match by_name.or(by_ordinal).or(by_port) {
            Some(pod) => {
                pods[pod].broker = Some(brokers.len() as u32);
                // Without its `listeners` line, a broker listens on its pod's ports.
                let listeners = if listeners.is_empty() {
                    pods[pod]
                        .ports
                        .iter()
                        .map(|c| (advertised.first().map_or(String::new(), |a| a.0.clone()), c.port))
                        .collect()
                } else {
                    listeners
                };
                brokers.push(Broker {
                    pod,
                    node_id,
                    listeners: Arc::new(listeners),
                    advertised: Arc::new(advertised),
                    protocols: Arc::new(protocols),
                    sasl: Arc::new(sasl),
                    inter_broker,
                });
            }
            None => unmatched.push(node_id),
        }
    }
    (brokers, unmatched)
}

/// The host kcat got its metadata through, from its first line: `Metadata for all topics (from
/// broker 1: 192.0.2.11:31092/1):` (kcat's `metadata_print`; the name is librdkafka's broker name,
/// `[proto://]host:port/<id or bootstrap>`).
fn kcat_origin(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.trim_start().starts_with("Metadata for "))?;
    let name = line.split_once("(from broker ")?.1.split_once(": ")?.1;
    let name = name.trim_end_matches("):").trim_end_matches(')');
    let name = name.split_once("://").map_or(name, |(_, rest)| rest);
    let address = name.rsplit_once('/').map_or(name, |(address, _)| address);
    let host = crate::address::host_of(address);
    (!host.is_empty()).then(|| host.to_string())
}

/// `kcat -L` (or `kafka-broker-api-versions.sh`) output → each broker's id and address.
fn parse_kcat(text: &str, errors: &mut Vec<InputError>) -> Vec<(i64, String)> {
    let mut brokers = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        // kcat: "broker 1 at kafka-1.example.com:9094 (controller)".
        if let Some(rest) = line.strip_prefix("broker ") {
            if let Some((id, address)) = rest.split_once(" at ") {
                if let Ok(id) = id.trim().parse() {
                    let address = address.split_whitespace().next().unwrap_or_default().to_string();
                    brokers.push((id, address));
                    continue;
                }
            }
        }
        // kafka-broker-api-versions.sh: "kafka-1.example.com:9094 (id: 1 rack: null) -> (".
        if let Some((address, rest)) = line.split_once(" (id: ") {
            if let Some(id) = rest.split_whitespace().next().and_then(|id| id.parse().ok()) {
                brokers.push((id, address.trim().to_string()));
            }
        }
    }
    if brokers.is_empty() && !text.trim().is_empty() {
        errors.push(InputError {
            input: Input::Kcat,
            at: None,
            message: "no `broker <id> at <host:port>` line: paste what kcat -L -b <bootstrap> printed".into(),
        });
    }
    brokers.sort();
    brokers.dedup();
    brokers
}

/// A Service with the fields the simulation reads.
fn service(object: &Value) -> Service {
    let ports = array(object, &["spec", "ports"])
        .iter()
        .map(|p| ServicePort {
            name: Some(text(p, &["name"]).to_string()).filter(|n| !n.is_empty()),
            port: number(p, &["port"]).unwrap_or_default() as i32,
            target_port: get(p, &["targetPort"]).and_then(|t| match t {
                Value::Number(n) => n.as_i64().map(|n| IntOrString::Int(n as i32)),
                Value::String(s) => Some(match s.parse::<i32>() {
                    Ok(n) => IntOrString::Int(n),
                    Err(_) => IntOrString::String(s.clone()),
                }),
                _ => None,
            }),
            node_port: number(p, &["nodePort"]).map(|n| n as i32),
            ..Default::default()
        })
        .collect::<Vec<_>>();
    // A port without targetPort targets its own number.
    let ports = ports
        .into_iter()
        .map(|p| ServicePort { target_port: p.target_port.clone().or(Some(IntOrString::Int(p.port))), ..p })
        .collect();
    let ingress: Vec<LoadBalancerIngress> = array(object, &["status", "loadBalancer", "ingress"])
        .iter()
        .map(|i| LoadBalancerIngress {
            ip: Some(text(i, &["ip"]).to_string()).filter(|s| !s.is_empty()),
            hostname: Some(text(i, &["hostname"]).to_string()).filter(|s| !s.is_empty()),
            ..Default::default()
        })
        .collect();
    let optional = |path: &[&str]| Some(text(object, path).to_string()).filter(|s| !s.is_empty());
    Service {
        metadata: ObjectMeta {
            name: optional(&["metadata", "name"]),
            namespace: optional(&["metadata", "namespace"]),
            annotations: Some(strings(object, &["metadata", "annotations"])).filter(|a| !a.is_empty()),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            type_: optional(&["spec", "type"]),
            cluster_ip: optional(&["spec", "clusterIP"]),
            selector: Some(strings(object, &["spec", "selector"])).filter(|s| !s.is_empty()),
            ports: Some(ports),
            external_traffic_policy: optional(&["spec", "externalTrafficPolicy"]),
            external_name: optional(&["spec", "externalName"]),
            load_balancer_ip: optional(&["spec", "loadBalancerIP"]),
            publish_not_ready_addresses: get(object, &["spec", "publishNotReadyAddresses"])
                .and_then(Value::as_bool),
            ..Default::default()
        }),
        status: (!ingress.is_empty()).then(|| ServiceStatus {
            load_balancer: Some(LoadBalancerStatus { ingress: Some(ingress) }),
            ..Default::default()
        }),
    }
}

fn get<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| v.get(*key))
}

fn text<'v>(value: &'v Value, path: &[&str]) -> &'v str {
    get(value, path).and_then(Value::as_str).unwrap_or_default()
}

fn number(value: &Value, path: &[&str]) -> Option<u32> {
    let v = get(value, path)?;
    v.as_u64().or_else(|| v.as_str()?.parse().ok()).and_then(|n| u32::try_from(n).ok())
}

fn array<'v>(value: &'v Value, path: &[&str]) -> &'v [Value] {
    get(value, path).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn strings(value: &Value, path: &[&str]) -> BTreeMap<String, String> {
    get(value, path)
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
        .unwrap_or_default()
}

/// The TLS listeners of pasted Gateways and ListenerSets (`kubectl get gateways,listenersets,
/// tlsroutes -A -o json`), each with the TLSRoutes attached to it that it admits: a route names the
/// Gateway (or ListenerSet), its namespace and the listener (`sectionName`, or every listener),
/// and the listener admits routes of its own namespace (`Same`, the default), of every one
/// (`All`), or of those its selector names by `kubernetes.io/metadata.name` (Gateway API
/// `apis/v1/gateway_types.go`, `AllowedRoutes`). A route's backend lives in its namespace unless it
/// says otherwise.
fn sni_listeners(gateways: &[Value], routes: &[Value]) -> Vec<super::SniListener> {
    let mut listeners = Vec::new();
    for gateway in gateways {
        let (kind, name) = (text(gateway, &["kind"]), text(gateway, &["metadata", "name"]));
        let namespace = text(gateway, &["metadata", "namespace"]);
        for listener in array(gateway, &["spec", "listeners"]) {
            if text(listener, &["protocol"]) != "TLS" {
                continue;
            }
            let section = text(listener, &["name"]);
            let from = match text(listener, &["allowedRoutes", "namespaces", "from"]) {
                "" => "Same",
                from => from,
            };
            let selected = listener
                .pointer("/allowedRoutes/namespaces/selector/matchLabels")
                .and_then(|l| l.get(crate::naming::NAMESPACE_NAME_LABEL))
                .and_then(Value::as_str);
            let admits = |route_namespace: &str| match from {
                "All" => true,
                "Selector" => selected == Some(route_namespace),
                _ => route_namespace == namespace,
            };
            let attached = routes.iter().filter(|route| {
                array(route, &["spec", "parentRefs"]).iter().any(|parent| {
                    let parent_kind = match text(parent, &["kind"]) {
                        "" => "Gateway",
                        k => k,
                    };
                    let parent_namespace = match text(parent, &["namespace"]) {
                        "" => text(route, &["metadata", "namespace"]),
                        n => n,
                    };
                    parent_kind == kind
                        && text(parent, &["name"]) == name
                        && parent_namespace == namespace
                        && [section, ""].contains(&text(parent, &["sectionName"]))
                })
            });
            let routes = attached
                .filter(|route| admits(text(route, &["metadata", "namespace"])))
                .flat_map(|route| {
                    let route_namespace = text(route, &["metadata", "namespace"]).to_string();
                    let backend = array(route, &["spec", "rules"])
                        .first()
                        .and_then(|rule| array(rule, &["backendRefs"]).first().cloned());
                    array(route, &["spec", "hostnames"])
                        .iter()
                        .filter_map(|h| h.as_str().map(str::to_string))
                        .filter_map(|hostname| {
                            let backend = backend.as_ref()?;
                            Some(super::SniRoute {
                                hostname,
                                service: text(backend, &["name"]).to_string(),
                                namespace: match text(backend, &["namespace"]) {
                                    "" => route_namespace.clone(),
                                    n => n.to_string(),
                                },
                                port: backend.get("port").and_then(Value::as_u64).unwrap_or_default() as u32,
                            })
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            listeners.push(super::SniListener {
                gateway: name.to_string(),
                section: section.to_string(),
                port: listener.get("port").and_then(Value::as_u64).unwrap_or_default() as u32,
                hostname: Some(text(listener, &["hostname"]).to_string()).filter(|h| !h.is_empty()),
                passthrough: text(listener, &["tls", "mode"]) == "Passthrough",
                routes,
            });
        }
    }
    listeners
}
