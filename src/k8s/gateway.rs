//! The Gateway API objects (`gateway.networking.k8s.io`) of TLS passthrough: the listener (a
//! Gateway of these files', or a ListenerSet attached to the platform's Gateway, or none: a
//! listener that exists), and one TLSRoute per broker plus one for bootstrap, each to a ClusterIP
//! Service. k8s-openapi has no types for these custom resources: they are the few fields written
//! here, nothing more.
//!
//! Fields and rules from kubernetes-sigs/gateway-api `apis/v1/tlsroute_types.go`,
//! `gateway_types.go` and `listenerset_types.go`: a TLSRoute's `hostnames` are 1 to 16 names, no
//! IP, a wildcard only as a leading `*.`; exactly one rule, of 1 to 16 backendRefs. A TLS listener
//! in `Passthrough` mode is the core support; `allowedRoutes.namespaces.from` defaults to `Same`.

use crate::config::{Config, GatewayApi, GatewayListener};
use crate::naming::{self, Names};
use crate::strategy::gateway_host as broker_host;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;
use std::collections::BTreeMap;

/// The API group.
pub const GROUP: &str = "gateway.networking.k8s.io";

/// A Gateway, or a ListenerSet: the listeners a TLSRoute attaches to.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listeners {
    pub api_version: String,
    pub kind: &'static str,
    pub metadata: ObjectMeta,
    pub spec: ListenersSpec,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListenersSpec {
    /// A Gateway's class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_class_name: Option<String>,
    /// A ListenerSet's Gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_ref: Option<ParentGateway>,
    pub listeners: Vec<Listener>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParentGateway {
    pub group: &'static str,
    pub kind: &'static str,
    pub name: String,
    pub namespace: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listener {
    pub name: String,
    pub protocol: &'static str,
    pub port: u32,
    pub hostname: String,
    pub tls: ListenerTls,
    pub allowed_routes: AllowedRoutes,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ListenerTls {
    pub mode: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AllowedRoutes {
    pub namespaces: RouteNamespaces,
    pub kinds: Vec<RouteKind>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteNamespaces {
    pub from: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    pub match_labels: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RouteKind {
    pub kind: &'static str,
}

/// A TLSRoute: one host name, to one Service.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsRoute {
    pub api_version: String,
    pub kind: &'static str,
    pub metadata: ObjectMeta,
    pub spec: TlsRouteSpec,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsRouteSpec {
    pub parent_refs: Vec<ParentRef>,
    pub hostnames: Vec<String>,
    pub rules: Vec<TlsRouteRule>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParentRef {
    pub group: &'static str,
    pub kind: &'static str,
    pub name: String,
    pub namespace: String,
    pub section_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsRouteRule {
    pub backend_refs: Vec<BackendRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BackendRef {
    pub name: String,
    pub port: u32,
}

/// The Gateway API objects of a config: the listener its routes attach to (none when it exists
/// already), and the routes, bootstrap's first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GatewayObjects {
    pub listeners: Option<Listeners>,
    pub routes: Vec<TlsRoute>,
}

/// The API version of the routes: `v1` from Gateway API 1.5 (standard channel), `v1alpha2` on the
/// experimental channel before it. Gateways and ListenerSets are `v1` either way.
fn route_version(config: &Config) -> String {
    match config.gateway.api {
        GatewayApi::V1 => format!("{GROUP}/v1"),
        GatewayApi::V1alpha2 => format!("{GROUP}/v1alpha2"),
    }
}

/// The Gateway API objects of a config (with the `gateway-tls-passthrough` strategy).
pub fn gateway_objects(config: &Config) -> GatewayObjects {
    let gateway = &config.gateway;
    let names = Names::new(config);
    let namespace = gateway.namespace.clone().unwrap_or_else(|| config.namespace.clone());
    // Routes live beside their Services (no ReferenceGrant needed); a listener in another
    // namespace must admit them by the namespace's own label.
    let admitted = if namespace == config.namespace {
        RouteNamespaces { from: "Same", selector: None }
    } else {
        RouteNamespaces {
            from: "Selector",
            selector: Some(LabelSelector {
                match_labels: BTreeMap::from([(
                    naming::NAMESPACE_NAME_LABEL.to_string(),
                    config.namespace.clone(),
                )]),
            }),
        }
    };
    let listener = Listener {
        name: gateway.section.clone(),
        protocol: "TLS",
        port: gateway.port,
        hostname: crate::strategy::gateway_wildcard(config),
        tls: ListenerTls { mode: "Passthrough" },
        allowed_routes: AllowedRoutes { namespaces: admitted, kinds: vec![RouteKind { kind: "TLSRoute" }] },
    };
    let meta = |name: String, namespace: String| ObjectMeta {
        name: Some(name),
        namespace: Some(namespace),
        labels: Some(names.labels()),
        ..Default::default()
    };
    let (listeners, parent) = match gateway.listener {
        GatewayListener::Gateway => (
            Some(Listeners {
                api_version: format!("{GROUP}/v1"),
                kind: "Gateway",
                metadata: meta(gateway.name.clone(), namespace.clone()),
                spec: ListenersSpec {
                    gateway_class_name: Some(gateway.class.clone()),
                    parent_ref: None,
                    listeners: vec![listener],
                },
            }),
            ("Gateway", gateway.name.clone(), namespace.clone()),
        ),
        // A ListenerSet of the Kafka namespace's own, attached to the platform's Gateway.
        GatewayListener::ListenerSet => {
            let name = names.listener_set();
            (
                Some(Listeners {
                    api_version: format!("{GROUP}/v1"),
                    kind: "ListenerSet",
                    metadata: meta(name.clone(), config.namespace.clone()),
                    spec: ListenersSpec {
                        gateway_class_name: None,
                        parent_ref: Some(ParentGateway {
                            group: GROUP,
                            kind: "Gateway",
                            name: gateway.name.clone(),
                            namespace: namespace.clone(),
                        }),
                        listeners: vec![Listener {
                            allowed_routes: AllowedRoutes {
                                namespaces: RouteNamespaces { from: "Same", selector: None },
                                kinds: vec![RouteKind { kind: "TLSRoute" }],
                            },
                            ..listener
                        }],
                    },
                }),
                ("ListenerSet", name, config.namespace.clone()),
            )
        }
        GatewayListener::Existing => (None, ("Gateway", gateway.name.clone(), namespace.clone())),
    };
    let route = |name: String, host: String, service: String| TlsRoute {
        api_version: route_version(config),
        kind: "TLSRoute",
        metadata: meta(name, config.namespace.clone()),
        spec: TlsRouteSpec {
            parent_refs: vec![ParentRef {
                group: GROUP,
                kind: parent.0,
                name: parent.1.clone(),
                namespace: parent.2.clone(),
                section_name: gateway.section.clone(),
            }],
            hostnames: vec![host],
            rules: vec![TlsRouteRule {
                backend_refs: vec![BackendRef { name: service, port: config.ports.external }],
            }],
        },
    };
    let bootstrap =
        route(names.bootstrap_service(), gateway.bootstrap_host.clone(), names.bootstrap_service());
    let brokers = (0..config.replicas)
        .map(|i| route(names.broker_service(i), broker_host(config, i), names.broker_service(i)));
    GatewayObjects { listeners, routes: std::iter::once(bootstrap).chain(brokers).collect() }
}
