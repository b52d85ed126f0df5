//! Which address each LoadBalancer Service gets, and which stay pending: what a cluster's status
//! says when it was pasted, else what MetalLB and k3s ServiceLB would give the Services as they
//! ask, in order.
//!
//! MetalLB (metallb/metallb `controller/service.go`; its docs, "Usage"): a Service asks for an
//! address with `metallb.io/loadBalancerIPs` (before v0.14.9, and still read when the new name is
//! absent, `metallb.universe.tf/loadBalancerIPs`; `spec.loadBalancerIP`, deprecated). Two
//! Services get one address only when both carry the same `allow-shared-ip` key, their ports
//! differ, and both have `externalTrafficPolicy: Cluster` (or they select the same pods); the
//! Service that cannot have the address it asked for stays pending. k3s ServiceLB (k3s docs,
//! networking-services; k3s-io/klipper-lb) serves each LoadBalancer on every node's own address
//! at its port, and leaves a Service pending when an earlier one holds that port.

use super::Cluster;
use crate::naming;
use k8s_openapi::api::core::v1::Service;

/// The address a Service asks for, if any: MetalLB's annotation (the new name first), else
/// `spec.loadBalancerIP`. Only the first of several (an IPv4 and an IPv6) counts here.
pub fn requested(service: &Service) -> Option<&str> {
    let annotations = service.metadata.annotations.as_ref();
    [naming::METALLB, naming::METALLB_BEFORE_0_14_9]
        .iter()
        .find_map(|prefix| annotations?.get(&format!("{prefix}/loadBalancerIPs")))
        .map(|ips| ips.split(',').next().unwrap_or_default().trim())
        .or_else(|| service.spec.as_ref()?.load_balancer_ip.as_deref())
}

/// MetalLB's sharing key of a Service, by the new name first.
pub fn sharing_key(service: &Service) -> Option<&str> {
    let annotations = service.metadata.annotations.as_ref()?;
    [naming::METALLB, naming::METALLB_BEFORE_0_14_9]
        .iter()
        .find_map(|prefix| annotations.get(&format!("{prefix}/allow-shared-ip")))
        .map(String::as_str)
}

fn is_load_balancer(service: &Service) -> bool {
    service.spec.as_ref().and_then(|s| s.type_.as_deref()) == Some("LoadBalancer")
}

fn name(service: &Service) -> &str {
    service.metadata.name.as_deref().unwrap_or("?")
}

fn ports(service: &Service) -> Vec<u32> {
    let spec = service.spec.as_ref();
    spec.and_then(|s| s.ports.as_ref()).map(|p| p.iter().map(|p| p.port as u32).collect()).unwrap_or_default()
}

fn cluster_policy(service: &Service) -> bool {
    service.spec.as_ref().and_then(|s| s.external_traffic_policy.as_deref()).unwrap_or("Cluster") == "Cluster"
}

/// Why a LoadBalancer Service has no address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unassigned {
    /// In a sentence, naming the Services.
    pub why: String,
    pub cause: Blocked,
}

/// What keeps a Service from its address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// A pasted Service's status lists no address; the cluster's events say why.
    Status,
    /// The address is held by a Service with another sharing key (`key`), or none.
    SharingKey { key: Option<String> },
    /// Another Service has the same port on the address (or on the nodes).
    Port,
    /// Different pods, and not both `externalTrafficPolicy: Cluster`.
    TrafficPolicy,
}

/// Why each of `cluster`'s Services has no address, by index; `None` for one that has its address
/// or needs none. The Services ask in order; a pasted Service's status decides whether it has its
/// address, and the rules say why not.
pub fn pending(cluster: &Cluster) -> Vec<Option<Unassigned>> {
    let services = &cluster.services;
    let mut why_not = vec![None; services.len()];
    // The Services that hold each address, and the ports taken on the nodes (ServiceLB).
    let mut holders: Vec<(&str, usize)> = Vec::new();
    let mut on_nodes: Vec<(u32, usize)> = Vec::new();
    for (i, service) in services.iter().enumerate() {
        if !is_load_balancer(service) {
            continue;
        }
        let reason = if let Some(ip) = requested(service) {
            let clash = holders.iter().filter(|(held, _)| *held == ip).find_map(|&(_, j)| {
                let other = &services[j];
                let key = sharing_key(service);
                if key.is_none() || key != sharing_key(other) {
                    let cause = Blocked::SharingKey { key: sharing_key(other).map(str::to_string) };
                    Some((
                        cause,
                        format!(
                            "Service {} asks for {ip}, which Service {} holds, without the same \
                         metallb.io/allow-shared-ip key: MetalLB leaves it pending",
                            name(service),
                            name(other)
                        ),
                    ))
                } else if let Some(port) = ports(service).into_iter().find(|p| ports(other).contains(p)) {
                    Some((
                        Blocked::Port,
                        format!(
                        "Service {} asks for port {port} on {ip}, which Service {} has: MetalLB leaves the \
                         second pending",
                        name(service),
                        name(other)
                    ),
                    ))
                } else if !(cluster_policy(service) && cluster_policy(other))
                    && service.spec.as_ref().map(|s| &s.selector) != other.spec.as_ref().map(|s| &s.selector)
                {
                    Some((
                        Blocked::TrafficPolicy,
                        format!(
                            "Services {} and {} select different pods and one has externalTrafficPolicy: \
                         Local: MetalLB shares {ip} only between such Services with Cluster, and leaves \
                         {} pending",
                            name(other),
                            name(service),
                            name(service)
                        ),
                    ))
                } else {
                    None
                }
            });
            if clash.is_none() {
                holders.push((ip, i));
            }
            clash
        } else if cluster.load_balancers_on_nodes {
            let taken =
                ports(service).into_iter().find_map(|p| on_nodes.iter().find(|(q, _)| *q == p).copied());
            match taken {
                Some((port, j)) => Some((
                    Blocked::Port,
                    format!(
                        "Service {} asks for port {port} on the nodes, which Service {} holds: ServiceLB \
                     leaves it pending",
                        name(service),
                        name(&services[j])
                    ),
                )),
                None => {
                    on_nodes.extend(ports(service).into_iter().map(|p| (p, i)));
                    None
                }
            }
        } else {
            None
        };
        let reason = reason.map(|(cause, why)| Unassigned { why, cause });
        // A pasted Service's status decides whether it has an address; the rules above, why not.
        why_not[i] = match service.status.as_ref().and_then(|s| s.load_balancer.as_ref()) {
            Some(status) if status.ingress.as_ref().is_some_and(|i| !i.is_empty()) => None,
            Some(_) => reason.or_else(|| {
                let why =
                    format!("Service {} has no address: its status lists none (pending)", name(service));
                Some(Unassigned { why, cause: Blocked::Status })
            }),
            None => reason,
        };
    }
    why_not
}
