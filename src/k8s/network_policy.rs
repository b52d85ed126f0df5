//! The NetworkPolicy that closes the plaintext listeners: CONTROLLER only from the cluster's own
//! pods, INTERNAL from those, the users' StatefulSet and the in-cluster clients the config names
//! (every pod of the brokers' namespace and of the namespaces listed, narrowed by pod labels when
//! some are given),
//! EXTERNAL from anywhere (its own TLS and SASL guard it). Over PLAINTEXT any peer is
//! `User:ANONYMOUS`, so whoever reaches INTERNAL or CONTROLLER reaches the cluster's data and
//! metadata: only these pods may. A NetworkPolicy is enforced by the network plugin, not by the API
//! server: without a plugin that implements it the object is accepted and does nothing (Kubernetes
//! docs, "Network Policies": "Prerequisites").

use crate::config::{Config, InternalClients};
use crate::naming::{self, Names};
use k8s_openapi::api::networking::v1::{
    NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, LabelSelectorRequirement};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::BTreeMap;

/// The label every namespace carries with its own name (Kubernetes 1.21 and later).
const NAMESPACE_NAME_LABEL: &str = "kubernetes.io/metadata.name";

pub fn network_policy(config: &Config, clients: &InternalClients) -> NetworkPolicy {
    let names = Names::new(config);
    let labels =
        |labels: BTreeMap<String, String>| LabelSelector { match_labels: Some(labels), ..Default::default() };
    // Every pod of the cluster, brokers and dedicated controllers: a controller has no INTERNAL or
    // EXTERNAL port, so the rules that name those ports admit nothing to it.
    let brokers =
        NetworkPolicyPeer { pod_selector: Some(labels(names.instance_labels())), ..Default::default() };
    let port = |name: &str| NetworkPolicyPort {
        port: Some(IntOrString::String(name.into())),
        protocol: Some("TCP".into()),
        ..Default::default()
    };
    let clients_selector = labels(clients.pod_labels.clone());
    // Clients in the brokers' own namespace, and in the namespaces named.
    let mut client_peers =
        vec![NetworkPolicyPeer { pod_selector: Some(clients_selector.clone()), ..Default::default() }];
    // The users' StatefulSet sets the SCRAM users through INTERNAL.
    if config.security.scram() {
        client_peers.push(NetworkPolicyPeer {
            pod_selector: Some(labels(names.user_sync_labels())),
            ..Default::default()
        });
    }
    if !clients.namespaces.is_empty() {
        client_peers.push(NetworkPolicyPeer {
            namespace_selector: Some(LabelSelector {
                match_expressions: Some(vec![LabelSelectorRequirement {
                    key: NAMESPACE_NAME_LABEL.into(),
                    operator: "In".into(),
                    values: Some(clients.namespaces.clone()),
                }]),
                ..Default::default()
            }),
            pod_selector: Some(clients_selector),
            ..Default::default()
        });
    }
    NetworkPolicy {
        metadata: super::metadata(config, names.network_policy()),
        spec: Some(NetworkPolicySpec {
            pod_selector: Some(labels(names.instance_labels())),
            policy_types: Some(vec!["Ingress".into()]),
            ingress: Some(vec![
                NetworkPolicyIngressRule {
                    from: Some(vec![brokers]),
                    ports: Some(vec![port(naming::INTERNAL_PORT), port(naming::CONTROLLER_PORT)]),
                },
                NetworkPolicyIngressRule {
                    from: Some(client_peers),
                    ports: Some(vec![port(naming::INTERNAL_PORT)]),
                },
                // No `from`: any source, as the exposure needs.
                NetworkPolicyIngressRule { from: None, ports: Some(vec![port(naming::EXTERNAL_PORT)]) },
            ]),
            egress: None,
        }),
    }
}
