//! The brokers' StatefulSet: the official Kafka image, started by the script from the ConfigMap.

use crate::config::NodeAddressSource;
use crate::naming::{self, Names};
use crate::strategy::Placement;
use crate::validate::Valid;
use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Affinity, ConfigMapVolumeSource, Container, ContainerPort, EmptyDirVolumeSource, EnvVar, EnvVarSource,
    NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectFieldSelector,
    PersistentVolumeClaim, PersistentVolumeClaimSpec, PodAffinityTerm, PodAntiAffinity, PodSecurityContext,
    PodSpec, PodTemplateSpec, Probe, SecretKeySelector, SecretVolumeSource, TCPSocketAction, Volume,
    VolumeMount, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::BTreeMap;

/// The user and group the official image runs Kafka as; the data volume is made writable for it.
const KAFKA_GID: i64 = 1000;

pub fn statefulset(valid: &Valid) -> StatefulSet {
    let config = valid.config();
    let strategy = valid.strategy();
    let names = Names::new(config);
    let reads_nodes = super::reads_nodes(valid);
    let uses_address = strategy.external_host(config).uses_node_address();
    let script = format!("{}/{}", naming::SCRIPT_DIR, naming::SCRIPT_FILE);

    let mut env = vec![field_env("POD_NAME", "metadata.name"), field_env("NODE_NAME", "spec.nodeName")];
    if uses_address && config.node_address_source == NodeAddressSource::HostIp {
        env.push(field_env("HOST_IP", "status.hostIP"));
    }
    let mount = |name: &str, path: &str| VolumeMount {
        name: name.into(),
        mount_path: path.into(),
        ..Default::default()
    };
    let container_port = |name: &str, port: u32, host_port: bool| ContainerPort {
        name: Some(name.into()),
        container_port: port as i32,
        host_port: host_port.then_some(port as i32),
        protocol: Some("TCP".into()),
        ..Default::default()
    };

    let tls = config.security.tls();
    let tls_mount = VolumeMount {
        name: naming::TLS_VOLUME.into(),
        mount_path: naming::TLS_DIR.into(),
        read_only: Some(true),
        ..Default::default()
    };
    // Each SCRAM user's password, from the Secret the user creates, for `kafka-storage.sh format`.
    let passwords = config.security.users.iter().enumerate().map(|(i, user)| EnvVar {
        name: format!("{}{i}", naming::SCRAM_PASSWORD_ENV),
        value_from: Some(EnvVarSource {
            secret_key_ref: Some(SecretKeySelector {
                name: names.scram_users_secret(),
                key: user.clone(),
                optional: Some(false),
            }),
            ..Default::default()
        }),
        ..Default::default()
    });
    let mut kafka_env = env.clone();
    if config.security.scram() {
        kafka_env.extend(passwords);
    }

    let configure = Container {
        name: naming::CONFIGURE_CONTAINER.into(),
        image: Some(if reads_nodes {
            config.kafka.kubectl_image.clone()
        } else {
            config.kafka.image.clone()
        }),
        command: Some(vec!["sh".into(), script.clone(), "configure".into()]),
        env: Some(env.clone()),
        // The init container assembles the keystore from the certificate's Secret.
        volume_mounts: Some(
            [
                mount(naming::SCRIPT_VOLUME, naming::SCRIPT_DIR),
                mount(naming::CONFIG_VOLUME, naming::CONFIG_DIR),
            ]
            .into_iter()
            .chain(tls.then(|| tls_mount.clone()))
            .collect(),
        ),
        ..Default::default()
    };
    let kafka = Container {
        name: naming::KAFKA_CONTAINER.into(),
        image: Some(config.kafka.image.clone()),
        command: Some(vec!["sh".into(), script, "run".into()]),
        env: Some(kafka_env),
        ports: Some(vec![
            container_port(naming::INTERNAL_PORT, config.ports.internal, false),
            container_port(naming::CONTROLLER_PORT, config.ports.controller, false),
            container_port(naming::EXTERNAL_PORT, config.ports.external, strategy.uses_host_port()),
        ]),
        readiness_probe: Some(Probe {
            tcp_socket: Some(TCPSocketAction {
                port: IntOrString::String(naming::INTERNAL_PORT.into()),
                ..Default::default()
            }),
            period_seconds: Some(10),
            ..Default::default()
        }),
        volume_mounts: Some(vec![
            mount(naming::DATA_VOLUME, naming::DATA_DIR),
            mount(naming::SCRIPT_VOLUME, naming::SCRIPT_DIR),
            mount(naming::CONFIG_VOLUME, naming::CONFIG_DIR),
        ]),
        ..Default::default()
    };

    // A pod that looks its node up in the node list must run on a listed node: elsewhere it could
    // not start, and the certificate lists only those nodes' addresses.
    let pinned = uses_address && config.node_address_source == NodeAddressSource::StaticMap;
    let node_affinity = pinned.then(|| NodeAffinity {
        required_during_scheduling_ignored_during_execution: Some(NodeSelector {
            node_selector_terms: vec![NodeSelectorTerm {
                match_fields: Some(vec![NodeSelectorRequirement {
                    key: "metadata.name".into(),
                    operator: "In".into(),
                    values: Some(config.nodes.iter().map(|n| n.name.clone()).collect()),
                }]),
                ..Default::default()
            }],
        }),
        ..Default::default()
    });
    let one_per_node = strategy.placement() == Placement::OneBrokerPerNode;
    let affinity = (one_per_node || pinned).then(|| Affinity {
        node_affinity,
        pod_anti_affinity: one_per_node.then(|| PodAntiAffinity {
            required_during_scheduling_ignored_during_execution: Some(vec![PodAffinityTerm {
                label_selector: Some(selector(names.selector_labels())),
                topology_key: naming::HOSTNAME_TOPOLOGY_KEY.into(),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        ..Default::default()
    });

    StatefulSet {
        metadata: super::metadata(config, names.statefulset()),
        spec: Some(StatefulSetSpec {
            service_name: Some(names.headless_service().into()),
            replicas: Some(config.replicas as i32),
            // KRaft controllers need a majority up before any of them is ready: start them together.
            pod_management_policy: Some("Parallel".into()),
            selector: selector(names.selector_labels()),
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta { labels: Some(names.labels()), ..Default::default() }),
                spec: Some(PodSpec {
                    service_account_name: reads_nodes.then(|| names.service_account()),
                    affinity,
                    security_context: Some(PodSecurityContext {
                        fs_group: Some(KAFKA_GID),
                        ..Default::default()
                    }),
                    init_containers: Some(vec![configure]),
                    containers: vec![kafka],
                    volumes: Some(
                        [
                            Volume {
                                name: naming::SCRIPT_VOLUME.into(),
                                config_map: Some(ConfigMapVolumeSource {
                                    name: names.config_map(),
                                    default_mode: Some(0o555),
                                    ..Default::default()
                                }),
                                ..Default::default()
                            },
                            Volume {
                                name: naming::CONFIG_VOLUME.into(),
                                empty_dir: Some(EmptyDirVolumeSource::default()),
                                ..Default::default()
                            },
                        ]
                        .into_iter()
                        // The whole Secret, not items by subPath: a renewed certificate shows up in it.
                        .chain(tls.then(|| Volume {
                            name: naming::TLS_VOLUME.into(),
                            secret: Some(SecretVolumeSource {
                                secret_name: Some(names.tls_secret()),
                                default_mode: Some(0o440),
                                ..Default::default()
                            }),
                            ..Default::default()
                        }))
                        .collect(),
                    ),
                    ..Default::default()
                }),
            },
            volume_claim_templates: Some(vec![PersistentVolumeClaim {
                metadata: ObjectMeta { name: Some(naming::DATA_VOLUME.into()), ..Default::default() },
                spec: Some(PersistentVolumeClaimSpec {
                    access_modes: Some(vec!["ReadWriteOnce".into()]),
                    storage_class_name: config.storage.class_name.clone(),
                    resources: Some(VolumeResourceRequirements {
                        requests: Some(BTreeMap::from([(
                            "storage".to_string(),
                            Quantity(config.storage.size.clone()),
                        )])),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn selector(labels: BTreeMap<String, String>) -> LabelSelector {
    LabelSelector { match_labels: Some(labels), ..Default::default() }
}

/// An environment variable from the downward API.
fn field_env(name: &str, field_path: &str) -> EnvVar {
    EnvVar {
        name: name.into(),
        value_from: Some(EnvVarSource {
            field_ref: Some(ObjectFieldSelector {
                api_version: Some("v1".into()),
                field_path: field_path.into(),
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}
