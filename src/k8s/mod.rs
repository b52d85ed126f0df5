//! The Kubernetes objects of a config, as typed `k8s_openapi` structs, and the one function that
//! writes them out as YAML.

pub mod certificate;
mod config_map;
pub mod gateway;
mod network_policy;
mod policy;
mod rbac;
mod service;
mod statefulset;
mod user_sync;

use crate::config::{Config, NodeAddressSource};
use crate::naming::Names;
use crate::plan::sans::SanPlan;
use crate::plan::topology::{self, Role};
use crate::validate::Valid;
use certificate::CertManagerObjects;
use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace, Service, ServiceAccount};
use k8s_openapi::api::networking::v1::NetworkPolicy;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

/// Every object of a config, in the order they are applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifests {
    /// Comment lines at the top of `manifests.yaml`: how to apply it, and any warning.
    pub header: Vec<String>,
    pub namespace: Namespace,
    /// Present when pods read their node's address with kubectl.
    pub rbac: Option<(ServiceAccount, ClusterRole, ClusterRoleBinding)>,
    /// Present when the config names who may reach INTERNAL.
    pub network_policy: Option<NetworkPolicy>,
    /// The EXTERNAL certificate and its CA, with cert-manager.
    pub cert_manager: CertManagerObjects,
    /// The names and IPs the EXTERNAL certificate holds (or, with the user's own Secret, must hold).
    pub sans: Option<SanPlan>,
    pub config_map: ConfigMap,
    /// Dedicated controllers; `None` in combined mode, where the brokers are the quorum.
    pub controllers: Option<Pool>,
    /// The brokers' headless Service first, then the strategy's.
    pub services: Vec<Service>,
    /// The brokers (in combined mode, also the controllers).
    pub statefulset: StatefulSet,
    pub pod_disruption_budget: PodDisruptionBudget,
    /// With SCRAM: the one-replica StatefulSet that keeps Kafka's users equal to their Secret.
    pub user_sync: Option<StatefulSet>,
    /// With Gateway TLS passthrough: the listener (unless it exists) and the TLSRoutes.
    pub gateway: gateway::GatewayObjects,
}

/// The objects of the dedicated controllers: nothing of them is exposed.
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    pub headless: Service,
    pub statefulset: StatefulSet,
    pub pod_disruption_budget: PodDisruptionBudget,
}

/// Builds every object of a valid config around the ConfigMap its pods read: [`scripts`] for the
/// files ([`model`] builds what only routes).
pub fn manifests(valid: &Valid, config_map: ConfigMap) -> Manifests {
    let config = valid.config();
    let broker_role = topology::broker_role(config);
    let mut services = vec![service::headless(config, broker_role)];
    services.extend(valid.strategy().services(config));
    let (sans, _) = SanPlan::of(config);
    let user_sync = config.security.scram().then(|| {
        user_sync::user_sync(valid, &config_map::checksum(&config_map, crate::naming::USERS_SCRIPT_FILE))
    });
    let statefulset = |role| {
        let checksum = config_map::checksum(&config_map, topology::pool(config, role).script);
        statefulset::statefulset(valid, role, &checksum)
    };
    let controllers = config.topology.dedicated().then(|| Pool {
        headless: service::headless(config, Role::Controller),
        statefulset: statefulset(Role::Controller),
        pod_disruption_budget: policy::pod_disruption_budget(config, Role::Controller),
    });
    let brokers = statefulset(broker_role);
    Manifests {
        // Written by `bundle::generate_all`, which knows how a client fares.
        header: Vec::new(),
        namespace: Namespace {
            metadata: ObjectMeta {
                name: Some(config.namespace.clone()),
                labels: Some({
                    // Pod Security admission: "restricted" for what these pods are; hostPort is
                    // forbidden from "baseline" up, so that strategy needs "privileged".
                    let level = if valid.strategy().uses_host_port() { "privileged" } else { "restricted" };
                    let mut labels = Names::new(config).labels();
                    labels.insert("pod-security.kubernetes.io/enforce".into(), level.into());
                    labels
                }),
                ..Default::default()
            },
            ..Default::default()
        },
        rbac: reads_nodes(valid).then(|| rbac::node_reader(config)),
        network_policy: config
            .security
            .internal_clients
            .as_ref()
            .map(|c| network_policy::network_policy(config, c)),
        cert_manager: certificate::cert_manager(config, &sans),
        sans: config.security.tls().then_some(sans),
        config_map,
        controllers,
        services,
        statefulset: brokers,
        pod_disruption_budget: policy::pod_disruption_budget(config, broker_role),
        user_sync,
        gateway: gateway_of(config),
    }
}

/// The objects as far as a client's connections go, which the page's picture is built on: the
/// Services, the NetworkPolicy, the certificate's names and the brokers' pods' labels and ports
/// ([`statefulset::outline`]); every other object empty. What the simulation reads of these is
/// what it reads of [`manifests`]' (`tests/strategies.rs` compares them), and the code that writes
/// the rest stays out of the page's first download.
pub fn model(valid: &Valid) -> Manifests {
    let config = valid.config();
    let broker_role = topology::broker_role(config);
    let mut services = vec![service::headless(config, broker_role)];
    services.extend(valid.strategy().services(config));
    Manifests {
        header: Vec::new(),
        namespace: Namespace::default(),
        rbac: None,
        network_policy: config
            .security
            .internal_clients
            .as_ref()
            .map(|c| network_policy::network_policy(config, c)),
        cert_manager: CertManagerObjects::default(),
        sans: config.security.tls().then(|| SanPlan::of(config).0),
        config_map: ConfigMap::default(),
        controllers: None,
        services,
        statefulset: statefulset::outline(valid, broker_role),
        pod_disruption_budget: PodDisruptionBudget::default(),
        user_sync: None,
        gateway: gateway_of(config),
    }
}

/// The Gateway API objects, with the strategy that routes through a Gateway.
fn gateway_of(config: &crate::config::Config) -> gateway::GatewayObjects {
    if config.strategy == crate::config::StrategyId::GatewayTlsPassthrough {
        gateway::gateway_objects(config)
    } else {
        gateway::GatewayObjects::default()
    }
}

/// The ConfigMap as the files carry it: each role's start script, written from its `roles` lines
/// ([`crate::kafka::properties::lines`]), the users' script with SCRAM, and the logging
/// configuration.
pub fn scripts(valid: &Valid, roles: &[(Role, Vec<crate::kafka::properties::Line>)]) -> ConfigMap {
    config_map::start_scripts(valid, roles)
}

/// Whether the brokers are pinned to the listed nodes (required node affinity): they advertise
/// their node's address, looked up in the node list.
pub fn pins_brokers(valid: &Valid) -> bool {
    valid.config().node_address_source == NodeAddressSource::StaticMap
        && valid.strategy().external_host(valid.config()).uses_node_address()
}

/// Whether pods look their node's address up with kubectl, and so need to read nodes.
pub fn reads_nodes(valid: &Valid) -> bool {
    valid.config().node_address_source == NodeAddressSource::Kubectl
        && valid.strategy().external_host(valid.config()).uses_node_address()
}

impl Manifests {
    /// The strategy's Services, which expose the brokers: all of `services` but the brokers'
    /// headless Service, which `manifests` puts first. (One list, so that the simulation borrows
    /// the objects as they are.)
    pub fn exposure_services(&self) -> &[Service] {
        self.services.get(1..).unwrap_or_default()
    }

    /// `manifests.yaml`: every object, one YAML document each, in apply order.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        document(&mut out, &self.namespace);
        if let Some((account, role, binding)) = &self.rbac {
            document(&mut out, account);
            document(&mut out, role);
            document(&mut out, binding);
        }
        if let Some(policy) = &self.network_policy {
            document(&mut out, policy);
        }
        let cert_manager = &self.cert_manager;
        // The CA chain in the order each part needs the one before, then the Certificate.
        if let Some(issuer) = &cert_manager.self_signed {
            document(&mut out, issuer);
        }
        if let Some(ca) = &cert_manager.ca {
            document(&mut out, ca);
        }
        if let Some(issuer) = &cert_manager.ca_issuer {
            document(&mut out, issuer);
        }
        if let Some(certificate) = &cert_manager.certificate {
            document(&mut out, certificate);
        }
        document(&mut out, &self.config_map);
        // The quorum before the brokers that need it.
        if let Some(controllers) = &self.controllers {
            document(&mut out, &controllers.headless);
            document(&mut out, &controllers.statefulset);
            document(&mut out, &controllers.pod_disruption_budget);
        }
        for service in &self.services {
            document(&mut out, service);
        }
        if let Some(listeners) = &self.gateway.listeners {
            document(&mut out, listeners);
        }
        for route in &self.gateway.routes {
            document(&mut out, route);
        }
        document(&mut out, &self.statefulset);
        document(&mut out, &self.pod_disruption_budget);
        if let Some(sync) = &self.user_sync {
            document(&mut out, sync);
        }
        out
    }
}

/// Appends one YAML document. The one place YAML is written.
fn document(out: &mut String, object: &impl Serialize) {
    out.push_str("---\n");
    out.push_str(&crate::yaml::to_yaml(object));
}

/// Metadata of a namespaced object of this config.
pub(crate) fn metadata(config: &Config, name: impl Into<String>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.into()),
        namespace: Some(config.namespace.clone()),
        labels: Some(Names::new(config).labels()),
        ..Default::default()
    }
}
