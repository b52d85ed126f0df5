//! The generator's source: the cluster as the generated objects and properties would make it, each
//! broker pod on its preview node.

use super::{Broker, Cluster, ContainerPort, Pod};
use crate::k8s::Manifests;
use crate::kafka::properties::Preview;
use crate::naming::{self, Names};
use crate::validate::Valid;
use std::borrow::Cow;
use std::sync::Arc;

/// The cluster of a valid config's objects and properties.
pub fn cluster<'a>(valid: &Valid, manifests: &'a Manifests, preview: &Preview) -> Cluster<'a> {
    let config = valid.config();
    let names = Names::new(config);
    let template = manifests.statefulset.spec.as_ref().map(|s| &s.template);
    let labels = Arc::new(
        template.and_then(|t| t.metadata.as_ref()).and_then(|m| m.labels.clone()).unwrap_or_default(),
    );
    let ports: Vec<ContainerPort> = template
        .and_then(|t| t.spec.as_ref())
        .and_then(|spec| spec.containers.first())
        .and_then(|c| c.ports.as_ref())
        .map(|ports| {
            ports
                .iter()
                .map(|p| ContainerPort {
                    name: p.name.clone().unwrap_or_default(),
                    port: p.container_port as u32,
                    host_port: p.host_port.map(|h| h as u32),
                })
                .collect()
        })
        .unwrap_or_default();
    let ports = Arc::new(ports);
    let replicas = config.replicas;
    let listeners = per_broker(preview, replicas, "listeners", super::listener_ports);
    let advertised = per_broker(preview, replicas, "advertised.listeners", super::listener_addresses);
    let protocols = per_broker(preview, replicas, "listener.security.protocol.map", super::protocol_map);
    let mechanisms =
        format!("listener.name.{}.sasl.enabled.mechanisms", naming::EXTERNAL_LISTENER.to_ascii_lowercase());
    let sasl = per_broker(preview, replicas, &mechanisms, |m| (!m.is_empty()).then(|| m.to_string()));
    let pods = (0..replicas)
        .map(|i| Pod {
            name: names.pod(i),
            namespace: config.namespace.clone(),
            node: crate::strategy::preview_node(config, i),
            labels: labels.clone(),
            ports: ports.clone(),
            subdomain: Some(names.headless_service().to_string()),
            // Before it is ready a broker takes no connections; the preview shows it running.
            ready: true,
            broker: Some(i),
        })
        .collect();
    let brokers = (0..replicas as usize)
        .map(|i| Broker {
            pod: i,
            node_id: None,
            listeners: listeners[i].clone(),
            advertised: advertised[i].clone(),
            protocols: protocols[i].clone(),
            sasl: sasl[i].clone(),
            inter_broker: Some(naming::INTERNAL_LISTENER.to_string()),
        })
        .collect();
    let service_lb = config.strategy == crate::config::StrategyId::LoadbalancerSharedIp
        && config.shared_ip.provider == crate::config::SharedIpProvider::K3s;
    Cluster {
        namespace: config.namespace.clone(),
        client_namespace: None,
        domain: config.cluster_domain.clone(),
        nodes: config.nodes.clone(),
        aliases: Vec::new(),
        // The address the config says reaches the nodes, when it is none of theirs (with k3s
        // ServiceLB, the shared address: a node's, or a name for them).
        any_node: if service_lb {
            Some(config.shared_ip.address.clone())
        } else {
            (!config.advertised_host.is_empty()).then(|| config.advertised_host.clone())
        },
        load_balancers_on_nodes: service_lb,
        gateways: sni_listeners(config, manifests),
        reached: Vec::new(),
        listeners: (Cow::Borrowed(naming::EXTERNAL_LISTENER), Cow::Borrowed(naming::INTERNAL_LISTENER)),
        services: Cow::Borrowed(&manifests.services),
        pods,
        brokers,
        certificate: manifests.sans.as_ref().map(Cow::Borrowed),
    }
}

/// A property's parsed value for each broker: parsed once and shared when every broker has the
/// same (the listeners, the protocol map), once per broker otherwise.
fn per_broker<T>(preview: &Preview, replicas: u32, key: &str, parse: impl Fn(&str) -> T) -> Vec<Arc<T>> {
    let value = |i| parse(&preview.property(i, key).unwrap_or_default());
    if preview.is_shared(key) {
        let shared = Arc::new(value(0));
        return (0..replicas).map(|_| shared.clone()).collect();
    }
    (0..replicas).map(|i| Arc::new(value(i))).collect()
}

/// The TLS listener of a config's Gateway and its routes, as the files make them (a listener that
/// exists already is taken to be as the config says: TLS, passthrough, admitting the routes).
fn sni_listeners(config: &crate::config::Config, manifests: &Manifests) -> Vec<super::SniListener> {
    if manifests.gateway.routes.is_empty() {
        return Vec::new();
    }
    let gateway = &config.gateway;
    let routes = manifests
        .gateway
        .routes
        .iter()
        .flat_map(|r| {
            let backend = r.spec.rules.first().and_then(|rule| rule.backend_refs.first());
            r.spec.hostnames.iter().filter_map(move |h| {
                let backend = backend?;
                Some(super::SniRoute {
                    hostname: h.clone(),
                    service: backend.name.clone(),
                    namespace: config.namespace.clone(),
                    port: backend.port,
                })
            })
        })
        .collect();
    vec![super::SniListener {
        gateway: gateway.name.clone(),
        section: gateway.section.clone(),
        port: gateway.port,
        hostname: Some(crate::strategy::gateway_wildcard(config)),
        passthrough: true,
        routes,
    }]
}
