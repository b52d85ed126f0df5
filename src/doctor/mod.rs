//! The doctor: a deployment's own objects and files, the walkthrough over them (the same
//! simulation the generator's files go through), the classic failure each broken connection is,
//! and what to change, most specific first.

pub mod report;

use crate::checks::{unreachable_from_outside, Unreachable};
use crate::config::{Config, Node, NodeAddressSource, Security, StrategyId, Topology};
pub use crate::sim::from_objects::Maker;
use crate::sim::from_objects::{self, Reading};
use crate::sim::route::{self, Connection, Failure, Hop, Vantage, Walkthrough};
use crate::sim::{host_of, Cluster};
use k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value;
use std::collections::BTreeMap;

/// What the user tells the doctor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Question {
    /// The cluster's objects (Services, Pods, Nodes), parsed.
    pub objects: Vec<Value>,
    /// Each broker's `server.properties`, or just its listener lines.
    pub properties: Vec<String>,
    /// What `kcat -L` printed, if anything.
    pub kcat: String,
    pub vantage: Vantage,
    /// What the client bootstraps to; empty for "what kcat was given" or the first advertised one.
    pub bootstrap: Vec<String>,
    /// An in-cluster client's namespace, where its short names complete; empty: the brokers'.
    pub client_namespace: String,
    /// A name or address the user knows reaches every node (a DNS name or virtual IP in front of
    /// them): the objects cannot show it. Empty: none.
    pub any_node: String,
}

/// A classic failure, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A cluster DNS name advertised to clients outside.
    InternalName,
    /// One listener serves inside and outside, so outside clients get in-cluster names.
    OneListener,
    /// `0.0.0.0`, `localhost` or a loopback address advertised.
    Unroutable,
    /// A Service that selects every broker behind one address.
    SelectsEveryBroker { service: String },
    /// A Service's `targetPort` that no listener of the broker listens on.
    TargetPortMisses { service: String },
    /// `externalTrafficPolicy: Local` on a node that runs no (or another) broker.
    LocalOnWrongNode { node: String },
    /// An ExternalName Service used as the exposure: a DNS alias that only the cluster resolves.
    ExternalName { service: String },
    /// The advertised port is not the NodePort or hostPort that reaches the broker.
    PortMismatch,
    /// The address leads to another broker.
    WrongBroker,
    /// No node, load balancer or known name answers for the address.
    Unresolvable,
    /// A private address advertised to clients on the internet.
    InsideOnly,
    /// An address filled in at start that nothing pasted fills in: unknown, no verdict.
    Placeholder,
    /// The pod has no node.
    Pending,
    /// The pod is not Ready, so its headless Service publishes no name for it.
    NotReady { pod: String },
    /// Bootstrap failed first.
    NoMetadata,
    /// The certificate lacks the address.
    NotInCertificate,
    /// Several load-balancer Services ask for the same address: one gets it, the others stay
    /// pending, and the brokers that advertise it all reach the one that has it.
    SharedLoadBalancerIp { ip: String, services: Vec<String> },
    /// The Service clients bootstrap through targets the brokers' own listener
    /// (inter.broker.listener.name), so clients get the brokers' in-cluster names.
    TargetsBrokersOwn { service: String },
    /// An IP or one-label name dialled through a Gateway that routes by the TLS server name: the
    /// client sends none.
    NoSni,
    /// No TLSRoute the Gateway's listener admits has that name.
    NoRoute { host: String },
    /// The Gateway's listener terminates TLS (mode Terminate): the broker gets plaintext.
    GatewayTerminates { gateway: String },
    /// The load-balancer Service for the broker's port got no address (MetalLB or ServiceLB left it
    /// pending).
    NoLoadBalancerAddress { service: String },
    /// A Service's NodePort outside the default range, which the API server refuses.
    NodePortOutOfRange { service: String, node_port: u32 },
}

impl Cause {
    /// Its name, as people search for it.
    pub fn title(&self) -> &'static str {
        match self {
            Cause::InternalName => "internal DNS name advertised to outside clients",
            Cause::OneListener => "one listener for inside and outside",
            Cause::Unroutable => "0.0.0.0 or localhost advertised",
            Cause::SelectsEveryBroker { .. } => "a Service that selects every broker",
            Cause::TargetPortMisses { .. } => "targetPort misses the listener",
            Cause::LocalOnWrongNode { .. } => "externalTrafficPolicy: Local on a node without that broker",
            Cause::ExternalName { .. } => "ExternalName used as exposure",
            Cause::PortMismatch => "advertised port is not the NodePort or hostPort that reaches the broker",
            Cause::WrongBroker => "the address reaches another broker",
            Cause::Unresolvable => "an address nothing answers for",
            Cause::InsideOnly => "a private address, reachable only from the nodes' network",
            Cause::Placeholder => "an address filled in at start, not known here",
            Cause::Pending => "the broker's pod is Pending",
            Cause::NotReady { .. } => "the broker's pod is not Ready, so its DNS name is not published",
            Cause::NoMetadata => "bootstrap failed first",
            Cause::NotInCertificate => "the address is not in the certificate",
            Cause::NodePortOutOfRange { .. } => "a NodePort outside the range",
            Cause::NoLoadBalancerAddress { .. } => "a load-balancer Service left without an address",
            Cause::NoSni => "no server name (SNI) for the Gateway to route by",
            Cause::NoRoute { .. } => "no TLSRoute for that name",
            Cause::GatewayTerminates { .. } => "the Gateway ends TLS the broker expects",
            Cause::SharedLoadBalancerIp { .. } => "one load-balancer IP asked for by every broker's Service",
            Cause::TargetsBrokersOwn { .. } => "a Service's targetPort on the brokers' own listener",
        }
    }
}

/// One change that would help.
#[derive(Clone, Debug, PartialEq)]
pub enum Fix {
    /// Lines to set in the broker's `server.properties`, each `key=value` in place of that key's.
    Properties { broker: u32, lines: Vec<String> },
    /// A Service to add, as YAML, and as an object to paste back.
    AddService { broker: u32, yaml: String, object: Value },
    /// Bootstrap from this address instead.
    Bootstrap(String),
    /// A name (`ip: false`) or IP to add to the certificate the brokers serve.
    AddSan { san: String, ip: bool },
    /// In words: what to change when no single line does it.
    Advice(String),
    /// What to change where the software that made the deployment reads it (a Strimzi `Kafka`
    /// resource, Helm values): what to do, then the text to write.
    Snippet { intro: String, code: String },
}

impl Fix {
    /// A fix that is a sentence: the page and the report say it the same way.
    pub fn sentence(&self) -> Option<String> {
        match self {
            Fix::AddSan { san, ip } => Some(format!(
                "Add {san} to the certificate's {}: with cert-manager, to the Certificate's spec.{}, and it \
                 issues a new one; with a certificate of your own, issue one that lists it. Clients check \
                 it against the address they dial; never turn that check off.",
                if *ip { "IP SANs" } else { "DNS SANs" },
                if *ip { "ipAddresses" } else { "dnsNames" },
            )),
            Fix::Advice(text) => Some(text.clone()),
            _ => None,
        }
    }
}

/// One broken connection, what it is and what to change.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The broker the connection was for; `None` for bootstrap.
    pub broker: Option<u32>,
    pub address: String,
    pub cause: Cause,
    /// The first failure, in a sentence.
    pub why: String,
    pub fixes: Vec<Fix>,
}

/// The doctor's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    pub reading: Reading,
    pub walkthrough: Walkthrough,
    pub problems: Vec<Problem>,
    /// The strategy the deployment is closest to, and a config that keeps its names, ports, nodes
    /// and addresses, to open in the configurator.
    pub closest: Option<(StrategyId, Config)>,
}

impl Diagnosis {
    /// How broker `i` is named to the user: its node id when known (as kcat and Kafka name it),
    /// else its place in the list.
    pub fn broker_name(&self, i: u32) -> String {
        cluster_broker_name(&self.reading.cluster, i)
    }

    /// Whether every connection works.
    pub fn healthy(&self) -> bool {
        self.walkthrough.all_reachable() && !self.walkthrough.connections.is_empty()
    }

    /// The answer in one sentence, for the page and the report.
    pub fn verdict(&self) -> String {
        let total = self.walkthrough.connections.len();
        let reached = self.walkthrough.connections.iter().filter(|c| c.succeeded()).count();
        let unknown = self
            .walkthrough
            .connections
            .iter()
            .filter(|c| matches!(c.result, Err(Failure::Placeholder { .. })))
            .count();
        if self.healthy() {
            format!("Every broker is reachable ({reached} of {total}).")
        } else if unknown > 0 {
            format!(
                "{unknown} of {total} brokers' addresses are filled in when they start: paste the Node objects \
                 or kcat's output to know whether they are reachable."
            )
        } else if total == 0 {
            "No broker could be read yet: paste the brokers' server.properties or kcat's output.".to_string()
        } else {
            format!("{} of {total} brokers cannot be reached.", total - reached)
        }
    }
}

/// Reads the inputs, walks a client through them and names what fails.
pub fn diagnose(question: &Question) -> Diagnosis {
    let reading = from_objects::read(question.objects.clone(), &question.properties, &question.kcat);
    diagnose_reading(reading, &question.client())
}

/// Where and how the client connects: the part of a question that leaves the reading as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Client {
    pub vantage: Vantage,
    pub bootstrap: Vec<String>,
    pub namespace: String,
    pub any_node: String,
}

impl Question {
    /// Where and how its client connects.
    pub fn client(&self) -> Client {
        Client {
            vantage: self.vantage,
            bootstrap: self.bootstrap.clone(),
            namespace: self.client_namespace.clone(),
            any_node: self.any_node.clone(),
        }
    }
}

/// Diagnoses what was read of the objects and files for one client: the page reads the pasted
/// boxes again only when one of them changes, and the bootstrap field costs only this.
pub fn diagnose_reading(mut reading: Reading, client: &Client) -> Diagnosis {
    if client.vantage == Vantage::InCluster && !client.namespace.trim().is_empty() {
        reading.cluster.client_namespace = Some(client.namespace.trim().to_string());
    }
    if !client.any_node.trim().is_empty() {
        reading.cluster.any_node = Some(client.any_node.trim().to_string());
    }
    let cluster = &reading.cluster;
    let vantage = client.vantage;
    let mut bootstrap = client.bootstrap.clone();
    // Strimzi's own answer, when its Kafka resource was pasted: the bootstrap servers of the
    // listener outside clients use (`EXTERNAL-9094` in the files is `external` in the resource).
    let (outside, _) = strimzi_listener(&cluster.listeners.0);
    let from_status = reading
        .status_bootstrap
        .iter()
        .find(|(name, servers)| name.eq_ignore_ascii_case(&outside) && !servers.is_empty());
    if let (true, Some((name, servers)), false) =
        (bootstrap.is_empty(), from_status, vantage == Vantage::InCluster)
    {
        bootstrap.extend(servers.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
        reading.notes.push(format!(
            "Bootstrap from {servers}: the Kafka resource's status.listeners for listener {name}, as Strimzi \
             computed it."
        ));
    }
    if bootstrap.is_empty() {
        // What the brokers advertise on their first listener: the client was presumably given one.
        bootstrap.extend(cluster.brokers.first().and_then(|b| b.advertised.first()).map(|(_, a)| a.clone()));
    }
    let walkthrough = route::walk(cluster, &bootstrap, vantage);
    let listener = walkthrough.metadata.as_ref().map(|(l, _)| l.clone());
    let mut problems = Vec::new();
    if walkthrough.metadata.is_none() {
        if let Some(c) = walkthrough.bootstrap.last() {
            problems.push(problem(cluster, c, vantage, None));
        }
    }
    for c in walkthrough.connections.iter().filter(|c| !c.succeeded()) {
        if matches!(c.result, Err(Failure::NoMetadata)) {
            continue;
        }
        problems.push(problem(cluster, c, vantage, listener.as_deref()));
    }
    problems.extend(node_ports_out_of_range(cluster));
    problems.extend(shared_load_balancer_ips(cluster, reading.maker));
    problems.extend(pending_load_balancers(cluster, &problems));
    if let Some(retarget) = targets_brokers_own(cluster, &walkthrough, vantage) {
        // The brokers' names follow from it: the Service is the one thing to change.
        for p in problems.iter_mut().filter(|p| p.broker.is_some()) {
            p.fixes = vec![Fix::Advice(
                "The Service the client bootstrapped through leads to the brokers' own listener: point it at \
                 the listener for outside clients (the fix above), and this broker's outside address is what \
                 the client gets."
                    .into(),
            )];
        }
        problems.insert(0, retarget);
    }
    for p in &mut problems {
        warn_of_plaintext(cluster, p);
    }
    match reading.maker {
        Maker::Strimzi => in_the_kafka_resource(cluster, listener.as_deref(), &mut problems),
        Maker::BitnamiChart => in_the_helm_values(&mut problems),
        Maker::Plain => {}
    }
    let closest = closest(cluster);
    Diagnosis { reading, walkthrough, problems, closest }
}

/// What one failed connection is, and its fixes.
fn problem(cluster: &Cluster, c: &Connection, vantage: Vantage, listener: Option<&str>) -> Problem {
    let failure = c.result.as_ref().err().cloned().unwrap_or(Failure::NoMetadata);
    let host = host_of(&c.address);
    let last_service = last_service(c);
    let external_name = last_service.as_ref().filter(|name| {
        cluster.services.iter().any(|s| {
            s.metadata.name.as_deref() == Some(name.as_str())
                && s.spec.as_ref().is_some_and(|s| s.external_name.is_some())
        })
    });
    let serving = |names: &mut dyn Iterator<Item = &String>| {
        names.filter(|n| *n != crate::naming::CONTROLLER_LISTENER).count()
    };
    let one_listener = c.broker.and_then(|b| cluster.brokers.get(b as usize)).is_some_and(|b| {
        serving(&mut b.advertised.iter().map(|(n, _)| n)) == 1
            && serving(&mut b.listeners.iter().map(|(n, _)| n)) == 1
    });
    let unspecified = host == "0.0.0.0" || host == "::" || host.is_empty();
    let cause = match &failure {
        _ if unspecified => Cause::Unroutable,
        Failure::OwnMachine { .. } => Cause::Unroutable,
        Failure::DoesNotResolve { name } => {
            let internal = unreachable_from_outside(name, &cluster.names()) == Some(Unreachable::ClusterDns);
            match (external_name.cloned().or_else(|| external_name_of(cluster, name)), internal) {
                (Some(service), _) => Cause::ExternalName { service },
                (None, true) if one_listener && vantage != Vantage::InCluster => Cause::OneListener,
                (None, true) => Cause::InternalName,
                (None, false) => Cause::Unresolvable,
            }
        }
        Failure::RandomBroker { .. } => {
            Cause::SelectsEveryBroker { service: last_service.unwrap_or_default() }
        }
        Failure::NoBrokerOnNode { node } => Cause::LocalOnWrongNode { node: node.clone() },
        Failure::NothingListens { .. } => match last_service {
            Some(service) => Cause::TargetPortMisses { service },
            None => Cause::PortMismatch,
        },
        Failure::WrongBroker { .. } => Cause::WrongBroker,
        Failure::Pending { .. } => Cause::Pending,
        Failure::NotReady { pod } => Cause::NotReady { pod: pod.clone() },
        Failure::NoMetadata => Cause::NoMetadata,
        Failure::NotInCertificate { .. } => Cause::NotInCertificate,
        Failure::InsideOnly { .. } => Cause::InsideOnly,
        Failure::Placeholder { .. } => Cause::Placeholder,
        Failure::NoAddress { service, .. } => Cause::NoLoadBalancerAddress { service: service.clone() },
        Failure::NoSni { .. } => Cause::NoSni,
        Failure::NoRoute { host } => Cause::NoRoute { host: host.clone() },
        Failure::Terminated { gateway } => Cause::GatewayTerminates { gateway: gateway.clone() },
    };
    let fixes = match c.broker {
        // The one Service the connection names: why it is pending, worked out once here.
        _ if matches!(cause, Cause::NoLoadBalancerAddress { .. }) => {
            let pending = crate::sim::load_balancer::pending(cluster);
            cluster
                .services
                .iter()
                .zip(&pending)
                .find(|(s, _)| matches!(&cause, Cause::NoLoadBalancerAddress { service } if s.metadata.name.as_ref() == Some(service)))
                .and_then(|(s, unassigned)| Some(vec![unassigned_fix(cluster, s, unassigned.as_ref()?)]))
                .unwrap_or_default()
        }
        _ if matches!(cause, Cause::NoSni | Cause::NoRoute { .. } | Cause::GatewayTerminates { .. }) => {
            vec![Fix::Advice(gateway_advice(&cause))]
        }
        _ if cause == Cause::NotInCertificate => {
            let host = host_of(&c.address);
            vec![Fix::AddSan { san: host.to_string(), ip: host.parse::<std::net::IpAddr>().is_ok() }]
        }
        Some(broker) => broker_fixes(cluster, broker, listener, vantage, &cause),
        None => vec![Fix::Advice(bootstrap_advice(cluster, vantage))],
    };
    Problem { broker: c.broker, address: c.address.clone(), cause, why: failure.describe(), fixes }
}

/// The last Service a connection passed through.
fn last_service(c: &Connection) -> Option<String> {
    c.hops.iter().rev().find_map(|h| match h {
        Hop::Service { name } => Some(name.clone()),
        _ => None,
    })
}

/// A Strimzi listener as its resource names it (`name`, `port`), from its name in the files,
/// `<NAME>-<PORT>` (Strimzi, `ListenersUtils.identifier`).
fn strimzi_listener(in_files: &str) -> (String, &str) {
    let (name, port) = in_files.rsplit_once('-').unwrap_or((in_files, "9094"));
    (name.to_ascii_lowercase(), port)
}

/// A fix that exposes a plaintext listener (a new one, or a Service in front of one) says what
/// that costs, as the configurator does of a plaintext EXTERNAL.
fn warn_of_plaintext(cluster: &Cluster, problem: &mut Problem) {
    let new_plaintext = problem.fixes.iter().any(|f| match f {
        Fix::Properties { lines, .. } => lines
            .iter()
            .any(|l| l.starts_with("listener.security.protocol.map=") && l.ends_with(":PLAINTEXT")),
        Fix::AddService { broker, .. } => cluster.brokers.get(*broker as usize).is_some_and(|b| {
            b.protocols.iter().any(|(n, p)| *n == cluster.listeners.0 && !p.ends_with("SSL"))
        }),
        _ => false,
    });
    if new_plaintext {
        problem.fixes.push(Fix::Advice(
            "This exposes a listener without TLS: whoever reaches the port reads and writes what clients \
             send, passwords included, and without SASL anyone may use every topic. Add TLS and SASL \
             before clients outside rely on it (the configurator's files have both)."
                .into(),
        ));
    }
}

/// The brokers' fixes where a Strimzi user makes them: one change to the `Kafka` resource's
/// listener, whose `configuration.brokers[]` sets each broker's advertised address (Strimzi 1.2,
/// `api/.../listener/GenericKafkaListenerConfigurationBroker.java`), since the operator rewrites
/// every file and Service from it. Each broker's row holds the address its fix found, else one
/// for the user to fill in; the first broker's problem carries it, the others point there.
fn in_the_kafka_resource(cluster: &Cluster, listener: Option<&str>, problems: &mut [Problem]) {
    let listener = listener.unwrap_or("EXTERNAL-9094");
    let (name, port) = strimzi_listener(listener);
    let mut rows = String::new();
    let mut first = None;
    let mut namespace_and_kafka = None;
    for (index, problem) in problems.iter_mut().enumerate() {
        let Some(b) = problem.broker.and_then(|b| cluster.brokers.get(b as usize)) else { continue };
        let pod = &cluster.pods[b.pod];
        let found = problem.fixes.iter().find_map(|fix| match fix {
            Fix::Properties { lines, .. } => lines.iter().find_map(|line| {
                let value = line.strip_prefix("advertised.listeners=")?;
                crate::address::listener_addresses(value)
                    .into_iter()
                    .find(|(n, _)| n == listener)
                    .map(|(_, a)| a)
            }),
            _ => None,
        });
        let id = problem.broker.map(|b| cluster_broker_name(cluster, b)).unwrap_or_default();
        rows.push_str(&format!("            - broker: {id}\n"));
        match found.as_deref().and_then(crate::address::split_host_port) {
            Some((host, port)) => rows.push_str(&format!(
                "              advertisedHost: {host}\n              advertisedPort: {port}\n"
            )),
            None => {
                rows.push_str("              advertisedHost: <an address clients reach this broker at>\n")
            }
        }
        let kafka = pod.labels.get("strimzi.io/cluster").cloned().unwrap_or_else(|| "<cluster>".into());
        namespace_and_kafka.get_or_insert((pod.namespace.clone(), kafka));
        problem.fixes = Vec::new();
        first.get_or_insert(index);
    }
    let (Some(first), Some((namespace, kafka))) = (first, namespace_and_kafka) else { return };
    let carrier = problems[first].broker.map(|b| cluster_broker_name(cluster, b)).unwrap_or_default();
    for problem in problems.iter_mut().filter(|p| p.broker.is_some() && p.fixes.is_empty()) {
        problem.fixes.push(Fix::Advice(format!(
            "The Kafka resource change under broker {carrier} sets this broker's address too."
        )));
    }
    problems[first].fixes = vec![Fix::Snippet {
        intro: format!(
            "Strimzi rewrites the brokers' files and Services from the Kafka resource: set each broker's \
             address on listener {name} in spec.kafka.listeners[].configuration.brokers[] (kubectl edit kafka \
             {kafka} -n {namespace}), and the operator rolls the brokers"
        ),
        code: format!(
            "spec:\n  kafka:\n    listeners:\n      - name: {name}\n        port: {port}\n        configuration:\n          \
             brokers:\n{rows}"
        ),
    }];
}

/// The brokers' fixes where a user of the Bitnami chart makes them: its values, since its init
/// step writes each broker's advertised address at every start (bitnami/charts, `bitnami/kafka`
/// `templates/_init_containers.tpl`), so an edited file or a Service added by hand does not last.
fn in_the_helm_values(problems: &mut [Problem]) {
    let shared = problems.iter().any(|p| matches!(p.cause, Cause::SharedLoadBalancerIp { .. }));
    for problem in problems.iter_mut().filter(|p| p.broker.is_some()) {
        let by_hand = |f: &Fix| matches!(f, Fix::Properties { .. } | Fix::AddService { .. });
        if !problem.fixes.iter().any(by_hand) && !shared {
            continue;
        }
        problem.fixes.retain(|f| !by_hand(f));
        problem.fixes.insert(
            0,
            Fix::Advice(if shared {
                "The chart gives every broker the one load-balancer address: the fix above, one address \
                 per broker in its values, gives this broker its own."
                    .into()
            } else {
                "The chart writes this broker's advertised address at every start from its values: set it \
                 there (externalAccess.controller.service: loadBalancerIPs or nodePorts and domain, one per \
                 broker; or defaultInitContainers.autoDiscovery.enabled), with helm upgrade <release> \
                 <the chart you installed> --reuse-values --set …; an edited file is lost at the next start."
                    .into()
            }),
        );
    }
}

/// How broker `i` of a cluster is named to the user: its node id where known.
fn cluster_broker_name(cluster: &Cluster, i: u32) -> String {
    cluster.brokers.get(i as usize).and_then(|b| b.node_id).map_or_else(|| i.to_string(), |id| id.to_string())
}

/// Bootstrap that reached the brokers' own listener (inter.broker.listener.name) from outside,
/// through a Service, while the brokers have another listener for outside clients: the Service's
/// targetPort is the mistake, and pointing it at that listener the fix.
fn targets_brokers_own(cluster: &Cluster, walkthrough: &Walkthrough, vantage: Vantage) -> Option<Problem> {
    let (listener, _) = walkthrough.metadata.as_ref()?;
    let first = cluster.brokers.first()?;
    let outside = &cluster.listeners.0;
    if vantage == Vantage::InCluster || first.inter_broker.as_ref() != Some(listener) || outside == listener {
        return None;
    }
    let port = first.listeners.iter().find(|(name, _)| name == outside)?.1;
    let bootstrap = walkthrough.bootstrap.iter().find(|c| c.succeeded())?;
    let service = last_service(bootstrap)?;
    let namespace = cluster.pods[first.pod].namespace.clone();
    Some(Problem {
        broker: None,
        address: bootstrap.address.clone(),
        cause: Cause::TargetsBrokersOwn { service: service.clone() },
        why: format!(
            "Service {service} leads to {listener}, the listener the brokers use among themselves \
             (inter.broker.listener.name), so the metadata gives the brokers' in-cluster names; {outside} on \
             port {port} is the one for clients outside"
        ),
        fixes: vec![Fix::Snippet {
            intro: format!("Point Service {service}'s targetPort at {outside}"),
            code: format!(
                "kubectl patch service {service} -n {namespace} --type=json \\\n  \
                 -p '[{{\"op\": \"replace\", \"path\": \"/spec/ports/0/targetPort\", \"value\": {port}}}]'\n"
            ),
        }],
    })
}

/// Load-balancer Services that ask for one address (`spec.loadBalancerIP`): a load balancer gives an address to one Service, so the others stay
/// `<pending>`, and brokers that advertise that address all reach the one that holds it (the
/// Bitnami chart's `loadBalancerIPs` with one value repeated, bitnami/charts#30661). The fix is one
/// address per broker, where the deployment's maker reads it.
fn shared_load_balancer_ips(cluster: &Cluster, maker: Maker) -> Vec<Problem> {
    let mut asked: BTreeMap<&str, Vec<&Service>> = BTreeMap::new();
    for service in cluster.services.iter() {
        let Some(spec) = service.spec.as_ref().filter(|s| s.type_.as_deref() == Some("LoadBalancer")) else {
            continue;
        };
        if let Some(ip) = spec.load_balancer_ip.as_deref() {
            asked.entry(ip).or_default().push(service);
        }
    }
    // Services that share the address on purpose (one MetalLB sharing key) are the shared-IP
    // strategy: what keeps one of them from it is the simulation's to say, by port.
    let shared = |services: &Vec<&Service>| {
        let key = crate::sim::load_balancer::sharing_key(services[0]);
        key.is_some() && services.iter().all(|s| crate::sim::load_balancer::sharing_key(s) == key)
    };
    asked
        .into_iter()
        .filter(|(_, services)| services.len() > 1 && !shared(services))
        .map(|(ip, services)| {
            let names: Vec<String> = services.iter().filter_map(|s| s.metadata.name.clone()).collect();
            let holds = |s: &&&Service| {
                s.status.as_ref().and_then(|st| st.load_balancer.as_ref()).and_then(|lb| lb.ingress.as_ref()).is_some_and(
                    |ingress| ingress.iter().any(|i| i.ip.as_deref() == Some(ip)),
                )
            };
            let pending: Vec<&str> =
                services.iter().filter(|s| !holds(s)).filter_map(|s| s.metadata.name.as_deref()).collect();
            let why = format!(
                "{} all ask for loadBalancerIP {ip}: a load balancer gives it to one of them, {} {} pending, \
                 and every broker that advertises {ip} reaches the one broker behind it",
                names.join(", "),
                pending.join(", "),
                if pending.len() == 1 { "stays" } else { "stay" }
            );
            let count = names.len();
            let fix = match maker {
                Maker::BitnamiChart => Fix::Snippet {
                    intro: format!(
                        "Give each broker an address of its own in the chart's values (one entry per broker, \
                         {count} in all; the chart also writes them into each broker's advertised address), then \
                         apply them"
                    ),
                    code: format!(
                        "helm upgrade <release> <the chart you installed> --reuse-values \\\n  \
                         --set 'externalAccess.controller.service.loadBalancerIPs={{{}}}'\n",
                        (0..count).map(|i| format!("<address {i}>")).collect::<Vec<_>>().join(",")
                    ),
                },
                Maker::Strimzi => Fix::Advice(format!(
                    "Give each broker its own address: in the Kafka resource's listener, \
                     configuration.brokers[].loadBalancerIP, one per broker ({count} in all)."
                )),
                Maker::Plain => Fix::Advice(format!(
                    "Give each broker's Service an address of its own (spec.loadBalancerIP, {count} in all), \
                     and have each broker advertise its own."
                )),
            };
            Problem {
                broker: None,
                address: ip.to_string(),
                cause: Cause::SharedLoadBalancerIp { ip: ip.to_string(), services: names },
                why,
                fixes: vec![fix],
            }
        })
        .collect()
}

/// The default `--service-node-port-range`.
const NODE_PORT_RANGE: std::ops::RangeInclusive<u32> = 30000..=32767;

/// Services whose NodePort the API server refuses unless the cluster's range was widened: pasted
/// objects that were never applied, or a cluster whose range the user should know.
fn node_ports_out_of_range(cluster: &Cluster) -> Vec<Problem> {
    let mut problems = Vec::new();
    for service in cluster.services.iter() {
        let name = service.metadata.name.clone().unwrap_or_default();
        for port in service.spec.as_ref().and_then(|s| s.ports.as_deref()).unwrap_or_default() {
            let Some(node_port) = port.node_port.map(|n| n as u32) else { continue };
            if NODE_PORT_RANGE.contains(&node_port) {
                continue;
            }
            problems.push(Problem {
                broker: None,
                address: format!("{name}:{node_port}"),
                cause: Cause::NodePortOutOfRange { service: name.clone(), node_port },
                why: format!(
                    "Service {name} asks for NodePort {node_port}, outside the default range 30000-32767: \
                     the API server refuses it unless the cluster's --service-node-port-range includes it"
                ),
                fixes: vec![Fix::Advice(format!(
                    "Choose a NodePort in 30000-32767 (or in your cluster's range) for {name}, and advertise \
                     that port."
                ))],
            });
        }
    }
    problems
}

/// The ExternalName Service whose in-cluster name `name` is.
fn external_name_of(cluster: &Cluster, name: &str) -> Option<String> {
    let first = name.split('.').next()?;
    cluster
        .services
        .iter()
        .find(|s| {
            s.metadata.name.as_deref() == Some(first)
                && s.spec.as_ref().is_some_and(|s| s.external_name.is_some())
        })
        .and_then(|s| s.metadata.name.clone())
}

/// The fixes for broker `broker`, most specific first.
/// Every load-balancer Service left without an address for a reason the objects show (a sharing
/// key, a port another Service has, the traffic policy), unless a connection already named it: a
/// client may land on the Service that holds the address and port instead, and never see why.
fn pending_load_balancers(cluster: &Cluster, found: &[Problem]) -> Vec<Problem> {
    let named = |service: &str| {
        found.iter().any(|p| matches!(&p.cause, Cause::NoLoadBalancerAddress { service: s } if s == service))
    };
    crate::sim::load_balancer::pending(cluster)
        .into_iter()
        .zip(cluster.services.iter())
        .filter_map(|(unassigned, s)| {
            let unassigned = unassigned.filter(|u| u.cause != crate::sim::load_balancer::Blocked::Status)?;
            let service = s.metadata.name.clone().unwrap_or_default();
            if named(&service) {
                return None;
            }
            let port = s.spec.as_ref().and_then(|s| s.ports.as_ref()?.first()).map_or(0, |p| p.port);
            let address = match crate::sim::load_balancer::requested(s) {
                Some(ip) => format!("{ip}:{port}"),
                None => format!("{service}:{port}"),
            };
            let fixes = vec![unassigned_fix(cluster, s, &unassigned)];
            Some(Problem {
                broker: None,
                address,
                cause: Cause::NoLoadBalancerAddress { service },
                why: unassigned.why,
                fixes,
            })
        })
        .collect()
}

/// What to change when a Gateway that routes by the TLS server name cannot route a connection.
fn gateway_advice(cause: &Cause) -> String {
    match cause {
        Cause::NoSni => "Dial the brokers and bootstrap by DNS names with a dot, each with a TLSRoute: a \
                         client sends no server name for an IP or a one-label name (and some clients, \
                         kafka-python without hostname checks, send none at all)."
            .into(),
        Cause::NoRoute { host } => format!(
            "Add a TLSRoute with hostnames [{host}] attached to the Gateway's TLS listener (parentRefs with \
             its name, namespace and sectionName), and make sure the listener admits the route's \
             namespace (allowedRoutes.namespaces: Same is the default; All, or a Selector on \
             kubernetes.io/metadata.name)."
        ),
        Cause::GatewayTerminates { gateway } => format!(
            "Set the listener of Gateway {gateway} to tls: {{mode: Passthrough}}: the broker terminates TLS \
             itself and needs the encrypted stream."
        ),
        _ => String::new(),
    }
}

/// What gives a pending load-balancer Service its address: the sharing key of the Service that
/// holds the address, a port of its own, `externalTrafficPolicy: Cluster`; for a pasted one whose
/// status alone says it is pending, where to read why.
fn unassigned_fix(
    cluster: &Cluster,
    pending: &k8s_openapi::api::core::v1::Service,
    unassigned: &crate::sim::load_balancer::Unassigned,
) -> Fix {
    use crate::sim::load_balancer::Blocked;
    let service = pending.metadata.name.clone().unwrap_or_default();
    let ns = pending.metadata.namespace.clone().unwrap_or_else(|| cluster.namespace.clone());
    match &unassigned.cause {
        Blocked::SharingKey { key: Some(key) } => Fix::Snippet {
            intro: format!("Give Service {service} the sharing key of the Service that holds the address"),
            code: format!(
                "kubectl -n {ns} annotate service {service} --overwrite \\\n  {}/allow-shared-ip={key} \\\n  {}/allow-shared-ip={key}\n",
                crate::naming::METALLB,
                crate::naming::METALLB_BEFORE_0_14_9
            ),
        },
        Blocked::SharingKey { key: None } => Fix::Advice(format!(
            "The Service that holds the address has no sharing key: give it and {service} the same \
             metallb.io/allow-shared-ip (and metallb.universe.tf/allow-shared-ip) annotation, or let \
             {service} ask for an address of its own."
        )),
        Blocked::Port => Fix::Advice(format!(
            "Give Service {service} a port no other Service has on that address (each broker its own), \
             and advertise that port for its broker."
        )),
        Blocked::TrafficPolicy => Fix::Snippet {
            intro: format!("Let Service {service} share the address: externalTrafficPolicy: Cluster"),
            code: format!(
                "kubectl -n {ns} patch service {service} -p '{{\"spec\":{{\"externalTrafficPolicy\":\"Cluster\"}}}}'\n"
            ),
        },
        Blocked::Status => Fix::Advice(format!(
            "kubectl -n {ns} describe service {service} shows why it has no address (MetalLB and k3s \
             ServiceLB record it in the Service's events)."
        )),
    }
}

fn broker_fixes(
    cluster: &Cluster,
    broker: u32,
    listener: Option<&str>,
    vantage: Vantage,
    cause: &Cause,
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    let Some(b) = cluster.brokers.get(broker as usize) else { return fixes };
    let pod = &cluster.pods[b.pod];
    let listener = listener
        .map(str::to_string)
        .or_else(|| b.advertised.first().map(|(n, _)| n.clone()))
        .unwrap_or_else(|| crate::naming::EXTERNAL_LISTENER.to_string());
    if *cause == Cause::OneListener {
        return second_listener(cluster, broker);
    }
    if let Cause::NotReady { pod } = cause {
        // Brokers find each other by these names while they start, before any is Ready: the
        // headless Service must publish them regardless (as the generated one does).
        fixes.push(Fix::Advice(format!(
            "Find out why {pod} is not Ready (kubectl describe pod {pod}; its logs). Brokers and \
             controllers reach each other by these names while they start, before they are Ready: set \
             publishNotReadyAddresses: true on the headless Service so the names exist from the start."
        )));
        return fixes;
    }
    if *cause == Cause::Pending {
        fixes.push(Fix::Advice(format!(
            "Give {} a node it can run on (kubectl describe pod {} says why it waits).",
            pod.name, pod.name
        )));
        return fixes;
    }
    // An address that already reaches this broker alone: advertise it.
    if let Some(address) = reaching_address(cluster, broker, vantage) {
        fixes.push(Fix::Properties { broker, lines: vec![advertised_line(b, &listener, &address)] });
        return fixes;
    }
    if *cause == Cause::Placeholder {
        fixes.push(Fix::Advice(
            "Paste the Node objects (kubectl get nodes -o json) or what kcat -L printed: the doctor fills \
             the address in as the broker does when it starts."
                .into(),
        ));
        return fixes;
    }
    if *cause == Cause::InsideOnly {
        // No address of this deployment's reaches the broker from the internet: what is missing
        // is an address, not a Service.
        fixes.push(Fix::Advice(
            "A client on the internet reaches no private address. Either run the client on the \
             nodes' network (the same LAN, or a VPN into it), where this works as it is; or give the \
             nodes an address the clients reach (an ExternalIP, a NAT or load balancer in front of \
             them) and advertise that instead."
                .into(),
        ));
        return fixes;
    }
    // None does: a NodePort Service for this broker alone, on the listener's container port.
    let port = b
        .advertised
        .iter()
        .find(|(n, _)| *n == listener)
        .and_then(|(n, _)| b.listeners.iter().find(|(name, _)| name == n).map(|(_, p)| *p));
    let node = pod.node.and_then(|n| cluster.nodes.get(n));
    let outside = vantage != Vantage::InCluster;
    if let (Some(port), Some(node), true) = (port, node, outside) {
        let node_port = free_node_port(cluster, broker);
        let name = free_service_name(cluster, &pod.name);
        fixes.push(add_service(&name, broker, &pod.name, &pod.namespace, port, node_port));
        fixes.push(Fix::Properties {
            broker,
            lines: vec![advertised_line(b, &listener, &format!("{}:{node_port}", node.address))],
        });
    }
    fixes
}

/// The port a second listener for clients outside gets.
const EXTERNAL_PORT: u32 = 9094;

/// One listener serves inside and outside: a second one, EXTERNAL, for clients outside, behind a
/// NodePort of this broker's own; the first keeps its in-cluster name for the brokers. Then
/// clients bootstrap from one of the new addresses.
fn second_listener(cluster: &Cluster, broker: u32) -> Vec<Fix> {
    let Some(b) = cluster.brokers.get(broker as usize) else { return Vec::new() };
    let pod = &cluster.pods[b.pod];
    let Some(node) = pod.node.and_then(|n| cluster.nodes.get(n)).filter(|n| !n.address.is_empty()) else {
        return vec![Fix::Advice(format!("{} runs on no node with a known address.", pod.name))];
    };
    let mut port = EXTERNAL_PORT;
    while b.listeners.iter().any(|(_, p)| *p == port) {
        port += 1;
    }
    let node_port = free_node_port(cluster, broker);
    let address = format!("{}:{node_port}", node.address);
    let name = crate::naming::EXTERNAL_LISTENER;
    let listeners: Vec<String> = b
        .listeners
        .iter()
        .map(|(n, p)| format!("{n}://0.0.0.0:{p}"))
        .chain([format!("{name}://0.0.0.0:{port}")])
        .collect();
    let mut map: Vec<String> = b.protocols.iter().map(|(n, p)| format!("{n}:{p}")).collect();
    if map.is_empty() {
        // Kafka's default map names listeners after their protocol; any other name needs one.
        let protocols = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];
        map.extend(b.listeners.iter().map(|(n, _)| {
            format!("{n}:{}", if protocols.contains(&n.as_str()) { n.as_str() } else { "PLAINTEXT" })
        }));
    }
    map.push(format!("{name}:PLAINTEXT"));
    let mut fixes = vec![
        Fix::Properties {
            broker,
            lines: vec![
                format!("listeners={}", listeners.join(",")),
                advertised_line(b, name, &address),
                format!("listener.security.protocol.map={}", map.join(",")),
            ],
        },
        add_service(
            &free_service_name(cluster, &pod.name),
            broker,
            &pod.name,
            &pod.namespace,
            port,
            node_port,
        ),
    ];
    if broker == 0 {
        fixes.push(Fix::Bootstrap(address));
    }
    fixes
}

/// A NodePort Service for one broker, as YAML to apply and as an object to paste back. The object
/// is written field by field: serializing the typed Service into JSON values would bring a second
/// copy of every Kubernetes serializer into the page.
fn add_service(name: &str, broker: u32, pod: &str, namespace: &str, port: u32, node_port: u32) -> Fix {
    let service = per_broker_service(name, pod, namespace, port, node_port);
    let yaml = crate::yaml::to_yaml(&service);
    let object = serde_json::json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "namespace": namespace},
        "spec": {
            "type": "NodePort",
            "selector": {crate::naming::POD_NAME_LABEL: pod},
            "ports": [{"name": "external", "protocol": "TCP", "port": port, "targetPort": port, "nodePort": node_port}],
        },
    });
    Fix::AddService { broker, yaml, object }
}

/// `advertised.listeners` with `listener`'s entry made `address`.
fn advertised_line(b: &crate::sim::Broker, listener: &str, address: &str) -> String {
    let mut entries: Vec<String> = b
        .advertised
        .iter()
        .map(
            |(name, a)| {
                if name == listener {
                    format!("{name}://{address}")
                } else {
                    format!("{name}://{a}")
                }
            },
        )
        .collect();
    if !b.advertised.iter().any(|(n, _)| n == listener) {
        entries.push(format!("{listener}://{address}"));
    }
    format!("advertised.listeners={}", entries.join(","))
}

/// An address from `vantage` that reaches `broker` alone, found among the pod's hostPorts, the
/// NodePorts on its node and the load balancers: the first one the simulation confirms.
fn reaching_address(cluster: &Cluster, broker: u32, vantage: Vantage) -> Option<String> {
    let b = cluster.brokers.get(broker as usize)?;
    let pod = &cluster.pods[b.pod];
    let node = pod.node.and_then(|n| cluster.nodes.get(n)).filter(|n| !n.address.is_empty());
    let mut candidates = Vec::new();
    if let Some(node) = node {
        for c in pod.ports.iter() {
            if let Some(h) = c.host_port {
                candidates.push(format!("{}:{h}", node.address));
            }
        }
        for s in cluster.services.iter() {
            for p in s.spec.as_ref().and_then(|s| s.ports.as_deref()).unwrap_or_default() {
                if let Some(n) = p.node_port {
                    candidates.push(format!("{}:{n}", node.address));
                }
            }
        }
    }
    for s in cluster.services.iter() {
        let ports = s.spec.as_ref().and_then(|s| s.ports.as_deref()).unwrap_or_default();
        let ingress =
            s.status.as_ref().and_then(|s| s.load_balancer.as_ref()).and_then(|l| l.ingress.as_deref());
        for i in ingress.unwrap_or_default() {
            for host in [i.hostname.as_deref(), i.ip.as_deref()].into_iter().flatten() {
                candidates.extend(ports.iter().map(|p| format!("{host}:{}", p.port)));
            }
        }
    }
    if vantage == Vantage::InCluster {
        if let Some(sub) = &pod.subdomain {
            for (_, port) in b.listeners.iter() {
                candidates
                    .push(format!("{}.{sub}.{}.svc.{}:{port}", pod.name, pod.namespace, cluster.domain));
            }
        }
    }
    route::first_reaching(cluster, candidates, vantage, broker)
}

/// A NodePort for broker `broker` that no Service uses: 30093 + broker, or that plus a multiple
/// of the broker count, so that no two brokers' proposals meet.
fn free_node_port(cluster: &Cluster, broker: u32) -> u32 {
    let used: Vec<u32> = cluster
        .services
        .iter()
        .flat_map(|s| s.spec.as_ref().and_then(|s| s.ports.clone()).unwrap_or_default())
        .filter_map(|p| p.node_port.map(|n| n as u32))
        .collect();
    let step = (cluster.brokers.len() as u32).max(1);
    (30093 + broker..32767).step_by(step as usize).find(|p| !used.contains(p)).unwrap_or(30093 + broker)
}

/// `<pod>-external`, or another name no Service has.
fn free_service_name(cluster: &Cluster, pod: &str) -> String {
    let taken = |name: &str| cluster.services.iter().any(|s| s.metadata.name.as_deref() == Some(name));
    ["external", "nodeport", "outside"]
        .iter()
        .map(|suffix| format!("{pod}-{suffix}"))
        .find(|name| !taken(name))
        .unwrap_or_else(|| format!("{pod}-exposed"))
}

/// A NodePort Service in front of one pod, on `port`.
fn per_broker_service(name: &str, pod: &str, namespace: &str, port: u32, node_port: u32) -> Service {
    Service {
        metadata: ObjectMeta {
            name: Some(name.to_string()),
            namespace: Some(namespace.to_string()).filter(|n| !n.is_empty()),
            ..Default::default()
        },
        spec: Some(ServiceSpec {
            type_: Some("NodePort".into()),
            selector: Some(BTreeMap::from([(crate::naming::POD_NAME_LABEL.to_string(), pod.to_string())])),
            ports: Some(vec![ServicePort {
                name: Some("external".into()),
                protocol: Some("TCP".into()),
                port: port as i32,
                target_port: Some(IntOrString::Int(port as i32)),
                node_port: Some(node_port as i32),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn bootstrap_advice(cluster: &Cluster, vantage: Vantage) -> String {
    match vantage {
        Vantage::Outside | Vantage::NodeNetwork => format!(
            "Bootstrap from an address that reaches a broker from outside: a node's address with a \
             NodePort or hostPort that leads to one, or a load balancer's{}.",
            cluster
                .nodes
                .iter()
                .find(|n| {
                    !n.address.is_empty()
                        && (vantage != Vantage::Outside || !crate::checks::is_inside_address(&n.address))
                })
                .map(|n| format!(" (such as {} and a NodePort)", n.address))
                .unwrap_or_default()
        ),
        Vantage::InCluster => {
            "Bootstrap from the brokers' headless Service, <service>.<namespace>.svc:<port>.".into()
        }
    }
}

/// The working strategy the deployment is closest to, and a config keeping what was found.
pub fn closest(cluster: &Cluster) -> Option<(StrategyId, Config)> {
    let first = cluster.brokers.first()?;
    let pod = &cluster.pods[first.pod];
    let services = &cluster.services;
    fn spec(s: &Service) -> Option<&ServiceSpec> {
        s.spec.as_ref()
    }
    // A per-broker Service selects one broker's pod, by whatever label (the StatefulSet's
    // pod-name, Strimzi's strimzi.io/pod-name).
    let one_pod = |s: &Service| {
        let Some(selector) = spec(s).and_then(|s| s.selector.as_ref()).filter(|sel| !sel.is_empty()) else {
            return false;
        };
        cluster.pods.iter().filter(|p| p.broker.is_some() && p.selected_by(selector)).count() == 1
    };
    fn kind(s: &Service) -> &str {
        spec(s).and_then(|s| s.type_.as_deref()).unwrap_or_default()
    }
    let host_port =
        cluster.pods.iter().any(|p| p.broker.is_some() && p.ports.iter().any(|c| c.host_port.is_some()));
    let strategy = if host_port {
        StrategyId::Hostport
    } else if services.iter().any(|s| one_pod(s) && kind(s) == "LoadBalancer") {
        StrategyId::LoadbalancerPerBroker
    } else if services.iter().any(|s| {
        !one_pod(s)
            && kind(s) == "NodePort"
            && spec(s).and_then(|s| s.external_traffic_policy.as_deref()) == Some("Local")
    }) {
        StrategyId::NodeportLocal
    } else {
        // A shared NodePort or ExternalName aliases cannot work: one NodePort per broker is the
        // working strategy nearest to both.
        StrategyId::NodeportPerBroker
    };
    let name = pod.name.rsplit_once('-').map_or(pod.name.as_str(), |(n, _)| n).to_string();
    let mut config = Config::example(strategy);
    config.namespace = Some(pod.namespace.clone()).filter(|n| !n.is_empty()).unwrap_or(config.namespace);
    config.name = name;
    if let Some(sub) = &pod.subdomain {
        config.headless_service = sub.clone();
    }
    config.replicas = cluster.brokers.len() as u32;
    config.cluster_domain = cluster.domain.clone();
    let nodes: Vec<Node> = cluster.nodes.iter().filter(|n| !n.address.is_empty()).cloned().collect();
    // The brokers spread over the nodes (the example's empty advertised host): none carries every
    // client.
    if !nodes.is_empty() {
        config.nodes = nodes;
    }
    config.node_address_source = NodeAddressSource::StaticMap;
    // The listeners' ports by their roles in the files, never by name or position: the one
    // brokers use among themselves (inter.broker.listener.name), and another for outside.
    let port_of = |name: &str| first.listeners.iter().find(|(n, _)| n == name).map(|(_, p)| *p);
    if let Some(p) = port_of(crate::naming::CONTROLLER_LISTENER) {
        config.ports.controller = p;
    }
    let inter_broker = first.inter_broker.as_deref().and_then(port_of);
    let client_ports: Vec<u32> = first
        .listeners
        .iter()
        .filter(|(n, p)| n != crate::naming::CONTROLLER_LISTENER && Some(*p) != inter_broker)
        .map(|(_, p)| *p)
        .collect();
    match inter_broker {
        Some(p) => {
            config.ports.internal = p;
            // The last one: Strimzi and the chart list the outside listener after the inside ones.
            if let Some(p) = client_ports.last() {
                config.ports.external = *p;
            }
        }
        None => {
            if let Some(p) = client_ports.first() {
                config.ports.internal = *p;
            }
            if let Some(p) = client_ports.get(1) {
                config.ports.external = *p;
            }
        }
    }
    let taken = [config.ports.internal, config.ports.controller];
    while taken.contains(&config.ports.external) {
        config.ports.external += 1;
    }
    let per_broker_node_ports: Vec<u32> = services
        .iter()
        .filter(|s| one_pod(s))
        .flat_map(|s| spec(s).and_then(|s| s.ports.as_deref()).unwrap_or_default())
        .filter_map(|p| p.node_port.map(|n| n as u32))
        .collect();
    if let Some(first) = per_broker_node_ports.iter().min() {
        config.node_ports.first = *first;
    }
    // The new deployment runs beside this one while clients move: NodePorts this one does not
    // hold (the API server refuses a NodePort already allocated).
    let used: Vec<u32> = services
        .iter()
        .flat_map(|s| spec(s).and_then(|s| s.ports.as_deref()).unwrap_or_default())
        .filter_map(|p| p.node_port.map(|n| n as u32))
        .collect();
    let clashes = |c: &Config| {
        let broker_ports = c.node_ports.first..c.node_ports.first + c.replicas;
        used.iter().any(|u| broker_ports.contains(u) || c.node_ports.bootstrap == Some(*u))
    };
    while clashes(&config) && config.node_ports.first < 32000 {
        config.node_ports.first += config.replicas.max(1) + 1;
        config.node_ports.bootstrap = Some(config.node_ports.first - 1);
    }
    // What the deployment runs today: plaintext, every broker a voter unless it has controllers apart.
    let plaintext = first.protocols.iter().all(|(_, p)| p == "PLAINTEXT");
    if plaintext {
        config.security = Security::plaintext();
    }
    let voters = port_of(crate::naming::CONTROLLER_LISTENER).is_some();
    if voters {
        config.topology = Topology::combined();
    }
    Some((strategy, config))
}

/// What the page's doctor boxes hold, as typed: saved in the browser so a reload loses nothing,
/// never put in a link.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Pasted {
    pub objects: String,
    pub properties: String,
    pub kcat: String,
    pub inside: bool,
    /// Outside the cluster, on the nodes' network rather than the internet.
    pub lan: bool,
    pub bootstrap: String,
    /// Where the in-cluster client runs; empty: the brokers' namespace.
    pub namespace: String,
    /// An address in front of every node, if clients use one.
    pub any_node: String,
}

impl Pasted {
    /// The question these texts ask, or why the objects cannot be read (the other boxes' problems
    /// are in the diagnosis's reading).
    pub fn question(&self) -> Result<Question, from_objects::InputError> {
        let client = self.client();
        Ok(Question {
            objects: from_objects::objects_from_text(&self.objects)?,
            properties: split_files(&self.properties),
            kcat: self.kcat.clone(),
            vantage: client.vantage,
            bootstrap: client.bootstrap,
            client_namespace: client.namespace,
            any_node: client.any_node,
        })
    }

    /// The client the other fields describe.
    pub fn client(&self) -> Client {
        Client {
            vantage: match (self.inside, self.lan) {
                (true, _) => Vantage::InCluster,
                (false, true) => Vantage::NodeNetwork,
                (false, false) => Vantage::Outside,
            },
            bootstrap: self
                .bootstrap
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            namespace: self.namespace.clone(),
            any_node: self.any_node.clone(),
        }
    }

    /// Whether nothing was typed or chosen at all: nothing to keep.
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }

    /// Whether nothing was pasted yet.
    pub fn is_empty(&self) -> bool {
        self.objects.trim().is_empty() && self.properties.trim().is_empty() && self.kcat.trim().is_empty()
    }
}

/// Several brokers' files pasted in one box: split at lines of `---`, and before a second
/// `node.id` (or `broker.id`) in one piece, where the next file began without a separator.
pub fn split_files(text: &str) -> Vec<String> {
    let mut files = vec![String::new()];
    let mut has_id = false;
    for line in text.lines() {
        let trimmed = line.trim();
        let is_id = trimmed.starts_with("node.id") || trimmed.starts_with("broker.id");
        if trimmed == "---" || (is_id && has_id) {
            files.push(String::new());
            has_id = false;
            if trimmed == "---" {
                continue;
            }
        }
        has_id |= is_id;
        let file = files.last_mut().expect("one file at least");
        file.push_str(line);
        file.push('\n');
    }
    files.retain(|f| !f.trim().is_empty());
    files
}
