//! An independent routing checker: where a client lands when it dials an address, worked out from
//! the rendered `manifests.yaml` and `server-<i>.properties` text alone, with its own reading of
//! DNS, address classes, NodePorts, hostPorts, load balancers and listeners. The walkthrough must
//! agree with it; it shares no code with the walkthrough.
//!
//! Its assumptions, the same a reader of the page is told: pod `i` runs on node `i mod n`; the
//! nodes are reachable at their listed addresses (the one clients use, and the InternalIP) from
//! where those route; `advertised_host` (when it is a usable address and none of the nodes) is
//! something in front of all the nodes; each load balancer is reachable at the name its
//! external-dns annotation publishes, or at the IP it asks MetalLB for (sharing it with the
//! Services that carry its sharing key on other ports, first come first served); with k3s
//! ServiceLB (`with_service_lb`), each load balancer's port opens on every node unless an earlier
//! one took it; a Gateway's TLS listener at the names of its routes (and its wildcard), routing by
//! the server name a client sends for a dotted name. From the internet no private address routes;
//! from the nodes' network and from a pod every address does; only a pod has the cluster's DNS.

use serde_yaml::Value;
use std::collections::BTreeMap;

/// What the checker knows of the cluster.
pub struct Cluster {
    docs: Vec<Value>,
    /// Per broker, `listeners` and `advertised.listeners` as (listener, host, port).
    listeners: Vec<Vec<(String, String, u32)>>,
    advertised: Vec<Vec<(String, String, u32)>>,
    node_addresses: Vec<String>,
    /// Each node's InternalIP, where it is not its listed address.
    node_internal: Vec<String>,
    advertised_host: String,
    cluster_domain: String,
    /// k3s ServiceLB: load balancers' ports on every node's address.
    service_lb: bool,
}

/// Where the client dials from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    Internet,
    NodeNetwork,
    Pod,
}

/// Whether an IP routes only on its own network: 10/8, 172.16/12, 192.168/16, 100.64/10,
/// 169.254/16, fc00::/7, fe80::/10 (read here from the octets, not from the standard library's
/// helpers the core uses).
fn private(host: &str) -> bool {
    if let Ok(v4) = host.parse::<std::net::Ipv4Addr>() {
        let [a, b, ..] = v4.octets();
        return a == 10
            || (a == 172 && (16..=31).contains(&b))
            || (a == 192 && b == 168)
            || (a == 100 && (64..=127).contains(&b))
            || (a == 169 && b == 254);
    }
    if let Ok(v6) = host.parse::<std::net::Ipv6Addr>() {
        let first = v6.segments()[0];
        return first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80;
    }
    false
}

/// Where an address leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Landing {
    /// The brokers a connection may end up at (several when the path load-balances).
    Brokers(Vec<u32>),
    /// Nothing outside resolves the name, or it is the client's own machine, or nothing listens.
    Nowhere(&'static str),
}

fn text<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(*k))?.as_str()
}

fn items<'a>(v: &'a Value, path: &[&str]) -> Vec<&'a Value> {
    path.iter()
        .try_fold(v, |v, k| v.get(*k))
        .and_then(Value::as_sequence)
        .map(|s| s.iter().collect())
        .unwrap_or_default()
}

fn entries(list: &str) -> Vec<(String, String, u32)> {
    list.split(',')
        .filter_map(|e| {
            let (name, rest) = e.split_once("://")?;
            let (host, port) = rest.rsplit_once(':')?;
            Some((name.to_string(), host.to_string(), port.parse().ok()?))
        })
        .collect()
}

impl Cluster {
    /// `properties` holds each broker's `server-<i>.properties` text, in order.
    pub fn new(
        docs: Vec<Value>,
        properties: &[String],
        node_addresses: Vec<String>,
        advertised_host: &str,
        cluster_domain: &str,
    ) -> Self {
        let read = |key: &str| -> Vec<Vec<(String, String, u32)>> {
            properties
                .iter()
                .map(|p| {
                    let line = p.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap_or("");
                    entries(line)
                })
                .collect()
        };
        Cluster {
            docs,
            listeners: read("listeners"),
            advertised: read("advertised.listeners"),
            node_internal: vec![String::new(); node_addresses.len()],
            node_addresses,
            advertised_host: advertised_host.to_string(),
            cluster_domain: cluster_domain.to_string(),
            service_lb: false,
        }
    }

    /// The nodes' InternalIPs, node by node (empty: the listed address).
    pub fn with_internal(mut self, internal: Vec<String>) -> Self {
        self.node_internal = internal;
        self
    }

    /// k3s ServiceLB serves the load balancers (the config says so).
    pub fn with_service_lb(mut self, service_lb: bool) -> Self {
        self.service_lb = service_lb;
        self
    }

    /// The load balancers that get an address: per address asked for (MetalLB's annotation, old
    /// or new name), the first Service to ask, then the others that carry its sharing key and
    /// none of the ports taken; with ServiceLB, those that ask no address and whose ports no
    /// earlier one took. Each with the address it got (`None`: every node's).
    fn served_load_balancers(&self) -> Vec<(&Value, Option<String>)> {
        let lbs = self.services().filter(|s| text(s, &["spec", "type"]) == Some("LoadBalancer"));
        let annotation = |s: &Value, what: &str| {
            ["metallb.io", "metallb.universe.tf"]
                .iter()
                .find_map(|p| text(s, &["metadata", "annotations", &format!("{p}/{what}")]))
                .map(str::to_string)
        };
        let port_list = |s: &Value| -> Vec<u64> {
            items(s, &["spec", "ports"])
                .iter()
                .filter_map(|p| p.get("port").and_then(Value::as_u64))
                .collect()
        };
        let mut served: Vec<(&Value, Option<String>)> = Vec::new();
        let mut on_nodes: Vec<u64> = Vec::new();
        for lb in lbs {
            match annotation(lb, "loadBalancerIPs") {
                Some(ip) => {
                    let holders: Vec<&Value> = served
                        .iter()
                        .filter(|(_, a)| a.as_deref() == Some(ip.as_str()))
                        .map(|(s, _)| *s)
                        .collect();
                    let key = annotation(lb, "allow-shared-ip");
                    let fits = holders.iter().all(|h| {
                        key.is_some()
                            && annotation(h, "allow-shared-ip") == key
                            && port_list(h).iter().all(|p| !port_list(lb).contains(p))
                    });
                    if fits {
                        served.push((lb, Some(ip)));
                    }
                }
                None if self.service_lb && port_list(lb).iter().all(|p| !on_nodes.contains(p)) => {
                    on_nodes.extend(port_list(lb));
                    served.push((lb, None));
                }
                None => {}
            }
        }
        served
    }

    /// Where a connection to `host:port` lands through a Gateway, if `host` is one of its names.
    fn through_gateway(&self, host: &str, port: u32) -> Option<Landing> {
        let matches = |pattern: &str, host: &str| match pattern.strip_prefix("*.") {
            Some(parent) => {
                host.split_once('.').is_some_and(|(first, rest)| !first.is_empty() && rest == parent)
            }
            None => pattern == host,
        };
        let routes: Vec<&Value> =
            self.docs.iter().filter(|d| text(d, &["kind"]) == Some("TLSRoute")).collect();
        let listeners: Vec<&Value> = self
            .docs
            .iter()
            .filter(|d| matches!(text(d, &["kind"]), Some("Gateway" | "ListenerSet")))
            .flat_map(|g| items(g, &["spec", "listeners"]))
            .filter(|l| text(l, &["protocol"]) == Some("TLS"))
            .collect();
        let named = routes
            .iter()
            .flat_map(|r| items(r, &["spec", "hostnames"]))
            .filter_map(Value::as_str)
            .any(|h| matches(h, host))
            || listeners.iter().filter_map(|l| text(l, &["hostname"])).any(|h| matches(h, host));
        if !named {
            return None;
        }
        let Some(listener) =
            listeners.iter().find(|l| l.get("port").and_then(Value::as_u64) == Some(port as u64))
        else {
            return Some(Landing::Nowhere("no Gateway listener on that port"));
        };
        if text(listener, &["tls", "mode"]) != Some("Passthrough") {
            return Some(Landing::Nowhere("the Gateway ends TLS"));
        }
        let is_ip = host.parse::<std::net::IpAddr>().is_ok();
        if is_ip || !host.contains('.') {
            return Some(Landing::Nowhere("no server name (SNI) sent"));
        }
        let Some(route) = routes.iter().find(|r| {
            items(r, &["spec", "hostnames"]).iter().filter_map(|h| h.as_str()).any(|h| matches(h, host))
        }) else {
            return Some(Landing::Nowhere("no route for that name"));
        };
        let backend = items(route, &["spec", "rules"])
            .first()
            .map(|r| items(r, &["backendRefs"]))
            .and_then(|b| b.first().copied());
        let backend = backend?;
        let name = text(backend, &["name"])?;
        let service = self.services().find(|s| text(s, &["metadata", "name"]) == Some(name))?;
        let service_port =
            items(service, &["spec", "ports"]).into_iter().find(|p| p.get("port") == backend.get("port"))?;
        Some(Landing::Brokers(self.through_service(
            service,
            service_port.get("targetPort").unwrap_or(&Value::Null),
            None,
        )))
    }

    /// Broker `i`'s advertised address on `listener`.
    pub fn advertised(&self, ordinal: u32, listener: &str) -> Option<(String, u32)> {
        self.advertised[ordinal as usize]
            .iter()
            .find(|(name, _, _)| name == listener)
            .map(|(_, host, port)| (host.clone(), *port))
    }

    /// The brokers' StatefulSet: the one whose pods open a port named `external` (dedicated
    /// controllers open none).
    fn statefulset(&self) -> Option<&Value> {
        self.docs.iter().filter(|d| text(d, &["kind"]) == Some("StatefulSet")).find(|d| {
            let ports = d
                .get("spec")
                .and_then(|s| s.get("template"))
                .and_then(|t| t.get("spec"))
                .and_then(|s| s.get("containers"))
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .filter_map(|c| c.get("ports").and_then(Value::as_sequence))
                .flatten();
            ports.into_iter().any(|p| text(p, &["name"]) == Some("external"))
        })
    }

    fn services(&self) -> impl Iterator<Item = &Value> {
        self.docs.iter().filter(|d| text(d, &["kind"]) == Some("Service"))
    }

    fn replicas(&self) -> u32 {
        self.listeners.len() as u32
    }

    /// The node pod `i` runs on; `usize::MAX` for a pod that a required anti-affinity on the host
    /// name leaves with no node (Pending: no node, no endpoint).
    fn node_of(&self, ordinal: u32) -> usize {
        let one_per_node = self.statefulset().is_some_and(|s| {
            items(
                s,
                &[
                    "spec",
                    "template",
                    "spec",
                    "affinity",
                    "podAntiAffinity",
                    "requiredDuringSchedulingIgnoredDuringExecution",
                ],
            )
            .iter()
            .any(|term| text(term, &["topologyKey"]) == Some("kubernetes.io/hostname"))
        });
        let n = self.node_addresses.len();
        if one_per_node && ordinal as usize >= n {
            usize::MAX
        } else {
            ordinal as usize % n
        }
    }

    /// The container port named `name`, and the hostPort on it if any.
    fn container_port(&self, name_or_number: &Value) -> Option<(u32, Option<u32>)> {
        let sts = self.statefulset()?;
        let ports = items(sts, &["spec", "template", "spec", "containers"])
            .into_iter()
            .flat_map(|c| items(c, &["ports"]))
            .collect::<Vec<_>>();
        let found = match name_or_number {
            Value::String(name) => ports.into_iter().find(|p| text(p, &["name"]) == Some(name)),
            Value::Number(n) => {
                ports.into_iter().find(|p| p.get("containerPort").and_then(Value::as_u64) == n.as_u64())
            }
            _ => None,
        }?;
        let port = found.get("containerPort")?.as_u64()? as u32;
        Some((port, found.get("hostPort").and_then(Value::as_u64).map(|p| p as u32)))
    }

    fn pod_labels(&self, ordinal: u32) -> BTreeMap<String, String> {
        let mut labels: BTreeMap<String, String> = self
            .statefulset()
            .and_then(|s| {
                s.get("spec")?.get("template")?.get("metadata")?.get("labels")?.as_mapping().cloned()
            })
            .map(|m| {
                m.into_iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let name = self.statefulset().and_then(|s| text(s, &["metadata", "name"])).unwrap_or_default();
        labels.insert("statefulset.kubernetes.io/pod-name".into(), format!("{name}-{ordinal}"));
        labels
    }

    /// The broker whose listener is on container `port`, if one is.
    fn listening(&self, ordinal: u32, port: u32) -> bool {
        self.listeners[ordinal as usize].iter().any(|(_, _, p)| *p == port)
    }

    /// The brokers a Service sends a connection on its port `port` to (`node`: Local policy).
    fn through_service(&self, service: &Value, port: &Value, node: Option<usize>) -> Vec<u32> {
        let Some(selector) = service.get("spec").and_then(|s| s.get("selector")).and_then(Value::as_mapping)
        else {
            return Vec::new();
        };
        (0..self.replicas())
            .filter(|i| {
                let labels = self.pod_labels(*i);
                selector
                    .iter()
                    .all(|(k, v)| labels.get(k.as_str().unwrap_or("")).map(String::as_str) == v.as_str())
            })
            .filter(|i| self.node_of(*i) != usize::MAX && node.is_none_or(|n| self.node_of(*i) == n))
            .filter(|i| self.container_port(port).is_some_and(|(p, _)| self.listening(*i, p)))
            .collect()
    }

    /// Where a client outside lands when it dials `host:port` from the internet.
    pub fn dial_from_outside(&self, host: &str, port: u32) -> Landing {
        self.dial(host, port, From::Internet)
    }

    /// Where a client lands when it dials `host:port` from `from`.
    pub fn dial(&self, host: &str, port: u32, from: From) -> Landing {
        let lower = host.to_ascii_lowercase();
        let domain = format!(".{}", self.cluster_domain);
        if lower == "localhost"
            || lower.ends_with(".localhost")
            || lower.starts_with("127.")
            || lower == "::1"
        {
            return Landing::Nowhere("the client's own machine");
        }
        if lower.ends_with(".svc") || lower.contains(".svc.") || lower.ends_with(&domain) {
            if from == From::Pod {
                return self.in_cluster_dns(&lower, port);
            }
            return Landing::Nowhere("a cluster DNS name");
        }
        if from == From::Internet && private(host) {
            return Landing::Nowhere("a private address, dialed from the internet");
        }
        // Short names of the cluster's Services and pods resolve only through a pod's search path.
        let first = lower.split('.').next().unwrap_or_default();
        let sts = self.statefulset().and_then(|s| text(s, &["metadata", "name"])).unwrap_or_default();
        // Any ordinal: a pod that does not exist resolves nowhere either.
        let pod = first
            .strip_prefix(sts)
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        let service = self.services().any(|s| text(s, &["metadata", "name"]) == Some(first));
        // …followed by nothing, the namespace or the headless Service, as the search path completes.
        let namespace =
            self.statefulset().and_then(|s| text(s, &["metadata", "namespace"])).unwrap_or_default();
        let headless = self.statefulset().and_then(|s| text(s, &["spec", "serviceName"])).unwrap_or_default();
        let search_path = lower.split('.').skip(1).all(|l| l == namespace || l == headless);
        if (pod || service) && search_path {
            return Landing::Nowhere("a cluster DNS name");
        }
        // A load balancer, by the name external-dns publishes for it.
        if let Some(lb) = self.services().find(|s| {
            text(s, &["spec", "type"]) == Some("LoadBalancer")
                && text(s, &["metadata", "annotations", "external-dns.alpha.kubernetes.io/hostname"])
                    == Some(host)
        }) {
            let ports = items(lb, &["spec", "ports"]);
            let Some(p) = ports.iter().find(|p| p.get("port").and_then(Value::as_u64) == Some(port as u64))
            else {
                return Landing::Nowhere("no port on the load balancer");
            };
            return Landing::Brokers(self.through_service(
                lb,
                p.get("targetPort").unwrap_or(&Value::Null),
                None,
            ));
        }
        // A Gateway: the names its TLSRoutes and its TLS listener's wildcard carry are pointed at
        // it (the user's DNS records); it reads the server name a client sends (none for an IP
        // or a one-label name) and passes the connection to the route with that name.
        if let Some(landing) = self.through_gateway(host, port) {
            return landing;
        }
        // A load balancer at the IP it asked for, on the port it has there.
        let served = self.served_load_balancers();
        if served.iter().any(|(_, ip)| ip.as_deref() == Some(host)) {
            let on_port = served.iter().filter(|(_, ip)| ip.as_deref() == Some(host)).find_map(|(lb, _)| {
                items(lb, &["spec", "ports"])
                    .into_iter()
                    .find(|p| p.get("port").and_then(Value::as_u64) == Some(port as u64))
                    .map(|p| (*lb, p))
            });
            return match on_port {
                Some((lb, p)) => Landing::Brokers(self.through_service(
                    lb,
                    p.get("targetPort").unwrap_or(&Value::Null),
                    None,
                )),
                None => Landing::Nowhere("no load balancer has that port on the address"),
            };
        }
        let node = self
            .node_addresses
            .iter()
            .zip(&self.node_internal)
            .position(|(a, internal)| a == host || internal == host);
        if node.is_none() && host != self.advertised_host {
            return Landing::Nowhere("unknown name");
        }
        // On a node: a hostPort of a pod on that node, else a NodePort.
        let host_ported: Vec<u32> = (0..self.replicas())
            .filter(|i| self.node_of(*i) != usize::MAX && node.is_none_or(|n| self.node_of(*i) == n))
            .filter(|i| {
                self.statefulset().is_some_and(|_| {
                    self.listeners[*i as usize].iter().any(|(_, _, p)| {
                        self.container_port(&Value::Number((*p).into())).is_some_and(|(_, h)| h == Some(port))
                    })
                })
            })
            .collect();
        if !host_ported.is_empty() {
            return Landing::Brokers(host_ported);
        }
        for service in self.services() {
            for p in items(service, &["spec", "ports"]) {
                if p.get("nodePort").and_then(Value::as_u64) == Some(port as u64) {
                    let local = text(service, &["spec", "externalTrafficPolicy"]) == Some("Local");
                    let only = if local { node.or(Some(usize::MAX)) } else { None };
                    let target = p.get("targetPort").unwrap_or(&Value::Null);
                    return Landing::Brokers(self.through_service(service, target, only));
                }
            }
        }
        // ServiceLB: a load balancer's port on every node.
        for (lb, _) in served.iter().filter(|(_, ip)| ip.is_none()) {
            for p in items(lb, &["spec", "ports"]) {
                if p.get("port").and_then(Value::as_u64) == Some(port as u64) {
                    return Landing::Brokers(self.through_service(
                        lb,
                        p.get("targetPort").unwrap_or(&Value::Null),
                        None,
                    ));
                }
            }
        }
        Landing::Nowhere("nothing listens on that port")
    }

    /// A name the cluster's DNS answers: `<pod>.<headless>.<namespace>.svc…` is that pod,
    /// `<service>.<namespace>.svc…` that Service (the headless one: every broker listening on
    /// `port`; another: its port's target).
    fn in_cluster_dns(&self, name: &str, port: u32) -> Landing {
        let name = name.trim_end_matches(&format!(".{}", self.cluster_domain));
        let name = name.trim_end_matches(".svc");
        let labels: Vec<&str> = name.split('.').collect();
        let sts = self.statefulset().and_then(|s| text(s, &["metadata", "name"])).unwrap_or_default();
        let headless = self.statefulset().and_then(|s| text(s, &["spec", "serviceName"])).unwrap_or_default();
        match labels.as_slice() {
            [pod, service, _namespace] if *service == headless => {
                let ordinal =
                    pod.strip_prefix(sts).and_then(|r| r.strip_prefix('-')).and_then(|n| n.parse().ok());
                match ordinal {
                    Some(i) if i < self.replicas() && self.listening(i, port) => Landing::Brokers(vec![i]),
                    _ => Landing::Nowhere("no such pod, or nothing listens there"),
                }
            }
            [service, _namespace] if *service == headless => {
                Landing::Brokers((0..self.replicas()).filter(|i| self.listening(*i, port)).collect())
            }
            [service, _namespace] => {
                let Some(s) = self.services().find(|s| text(s, &["metadata", "name"]) == Some(service))
                else {
                    return Landing::Nowhere("no such Service");
                };
                let ports = items(s, &["spec", "ports"]);
                match ports.iter().find(|p| p.get("port").and_then(Value::as_u64) == Some(port as u64)) {
                    Some(p) => Landing::Brokers(self.through_service(
                        s,
                        p.get("targetPort").unwrap_or(&Value::Null),
                        None,
                    )),
                    None => Landing::Nowhere("no port on the Service"),
                }
            }
            _ => Landing::Nowhere("an unknown cluster name"),
        }
    }

    /// Whether a client outside, given broker `i`'s EXTERNAL address, reaches broker `i` and only it.
    pub fn reaches_from_outside(&self, ordinal: u32) -> bool {
        self.reaches(ordinal, "EXTERNAL", From::Internet)
    }

    /// Whether a client at `from`, given broker `i`'s address on `listener`, reaches broker `i` and
    /// only it.
    pub fn reaches(&self, ordinal: u32, listener: &str, from: From) -> bool {
        let Some((host, port)) = self.advertised(ordinal, listener) else { return false };
        self.dial(&host, port, from) == Landing::Brokers(vec![ordinal])
    }
}
