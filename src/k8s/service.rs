//! The headless Services, which give every broker and controller pod its DNS name inside the
//! cluster.

use crate::config::Config;
use crate::naming::{self, Names};
use crate::plan::topology::Role;
use k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// `clusterIP: None`, named as the StatefulSet's `serviceName`, with the ports the role's pods
/// listen on inside the cluster. It publishes pods before they are ready, because KRaft
/// controllers must find each other to become ready at all.
pub fn headless(config: &Config, role: Role) -> Service {
    let names = Names::new(config);
    let port = |name: &str, number: u32| ServicePort {
        name: Some(name.into()),
        protocol: Some("TCP".into()),
        port: number as i32,
        target_port: Some(IntOrString::String(name.into())),
        ..Default::default()
    };
    let (name, selector) = match role {
        Role::Controller => (names.controller_statefulset(), names.controller_selector_labels()),
        Role::Combined | Role::Broker => (names.headless_service().to_string(), names.selector_labels()),
    };
    let ports = [
        role.serves_clients().then(|| port(naming::INTERNAL_PORT, config.ports.internal)),
        role.votes().then(|| port(naming::CONTROLLER_PORT, config.ports.controller)),
    ];
    Service {
        metadata: super::metadata(config, name),
        spec: Some(ServiceSpec {
            type_: Some("ClusterIP".into()),
            cluster_ip: Some("None".into()),
            publish_not_ready_addresses: Some(true),
            selector: Some(selector),
            ports: Some(ports.into_iter().flatten().collect()),
            ..Default::default()
        }),
        ..Default::default()
    }
}
