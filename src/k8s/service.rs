//! The headless Service, which gives every broker pod its DNS name inside the cluster.

use crate::config::Config;
use crate::naming::{self, Names};
use k8s_openapi::api::core::v1::{Service, ServicePort, ServiceSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// `clusterIP: None`, named as the StatefulSet's `serviceName`. It publishes pods before they are
/// ready, because KRaft controllers must find each other to become ready at all.
pub fn headless(config: &Config) -> Service {
    let names = Names::new(config);
    let port = |name: &str, number: u32| ServicePort {
        name: Some(name.into()),
        protocol: Some("TCP".into()),
        port: number as i32,
        target_port: Some(IntOrString::String(name.into())),
        ..Default::default()
    };
    Service {
        metadata: super::metadata(config, names.headless_service()),
        spec: Some(ServiceSpec {
            type_: Some("ClusterIP".into()),
            cluster_ip: Some("None".into()),
            publish_not_ready_addresses: Some(true),
            selector: Some(names.selector_labels()),
            ports: Some(vec![
                port(naming::INTERNAL_PORT, config.ports.internal),
                port(naming::CONTROLLER_PORT, config.ports.controller),
            ]),
            ..Default::default()
        }),
        ..Default::default()
    }
}
