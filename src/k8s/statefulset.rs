//! The StatefulSets of brokers and dedicated controllers: the official Kafka image, started by the
//! role's script from the ConfigMap.

use crate::config::NodeAddressSource;
use crate::naming::{self, Names};
use crate::plan::topology::{self, Role};
use crate::strategy::Placement;
use crate::validate::Valid;
use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Affinity, Capabilities, ConfigMapProjection, ConfigMapVolumeSource, Container, ContainerPort,
    DownwardAPIProjection, DownwardAPIVolumeFile, EmptyDirVolumeSource, EnvVar, EnvVarSource, KeyToPath,
    NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectFieldSelector,
    PersistentVolumeClaim, PersistentVolumeClaimSpec, PodAffinityTerm, PodAntiAffinity, PodSecurityContext,
    PodSpec, PodTemplateSpec, Probe, ProjectedVolumeSource, ResourceRequirements, SeccompProfile,
    SecretVolumeSource, SecurityContext, ServiceAccountTokenProjection, TCPSocketAction, Volume, VolumeMount,
    VolumeProjection, VolumeResourceRequirements, WeightedPodAffinityTerm,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::BTreeMap;

/// How long a broker (and a combined node) may take to stop cleanly before the kubelet kills it.
pub const BROKER_GRACE_SECONDS: i64 = 120;
/// A controller's: it holds no partitions, only the metadata log.
pub const CONTROLLER_GRACE_SECONDS: i64 = 60;

/// What the parts of one role's pod template share: the config, the role, and what follows from
/// them.
struct PodOf<'a> {
    valid: &'a Valid,
    role: Role,
    names: Names<'a>,
    /// Whether the pods serve clients (brokers), not only the quorum.
    clients: bool,
    /// Whether they look their node's address up with kubectl.
    reads_nodes: bool,
    /// Whether they serve EXTERNAL with TLS.
    tls: bool,
    /// The start script's path in the pod.
    script: String,
}

/// The ports of a pod in `role`: what clients and the quorum reach, by listener name.
fn ports(valid: &Valid, role: Role) -> Vec<ContainerPort> {
    let (config, clients) = (valid.config(), role.serves_clients());
    let container_port = |name: &str, port: u32, host_port: bool| ContainerPort {
        name: Some(name.into()),
        container_port: port as i32,
        host_port: host_port.then_some(port as i32),
        protocol: Some("TCP".into()),
        ..Default::default()
    };
    [
        clients.then(|| container_port(naming::INTERNAL_PORT, config.ports.internal, false)),
        role.votes().then(|| container_port(naming::CONTROLLER_PORT, config.ports.controller, false)),
        clients.then(|| {
            let host_port = valid.strategy().uses_host_port();
            container_port(naming::EXTERNAL_PORT, config.ports.external, host_port)
        }),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The StatefulSet of `role` as far as a client's connections go: its pods' labels and ports,
/// nothing else (`super::model`). The page's own module builds only this, and leaves the rest of a
/// pod template (and the code that writes it) to the files' module.
pub fn outline(valid: &Valid, role: Role) -> StatefulSet {
    let config = valid.config();
    let names = Names::new(config);
    let selector_labels = match role {
        Role::Controller => names.controller_selector_labels(),
        Role::Combined | Role::Broker => names.selector_labels(),
    };
    StatefulSet {
        metadata: super::metadata(config, topology::pool(config, role).statefulset),
        spec: Some(StatefulSetSpec {
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(names.pod_labels(selector_labels)),
                    ..Default::default()
                }),
                spec: Some(PodSpec {
                    containers: vec![Container {
                        name: naming::KAFKA_CONTAINER.into(),
                        ports: Some(ports(valid, role)),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The StatefulSet of the pods in `role`; `checksum` is that of what they read from the
/// ConfigMap, which the pod template carries.
pub fn statefulset(valid: &Valid, role: Role, checksum: &str) -> StatefulSet {
    let config = valid.config();
    let pool = topology::pool(config, role);
    let clients = role.serves_clients();
    let pod = PodOf {
        valid,
        role,
        names: Names::new(config),
        clients,
        // Only what serves clients advertises its node's address, and so reads it.
        reads_nodes: clients && super::reads_nodes(valid),
        tls: config.security.tls() && clients,
        script: format!("{}/{}", naming::SCRIPT_DIR, pool.script),
    };
    let names = &pod.names;
    let selector_labels = match role {
        Role::Controller => names.controller_selector_labels(),
        Role::Combined | Role::Broker => names.selector_labels(),
    };
    let storage = match role {
        Role::Controller => &config.topology.controller_storage,
        Role::Combined | Role::Broker => &config.storage.size,
    };
    StatefulSet {
        metadata: super::metadata(config, pool.statefulset.clone()),
        spec: Some(StatefulSetSpec {
            service_name: Some(match role {
                Role::Controller => names.controller_statefulset(),
                Role::Combined | Role::Broker => names.headless_service().into(),
            }),
            replicas: Some(pool.replicas as i32),
            // KRaft controllers need a majority up before any of them is ready: start them together.
            pod_management_policy: Some("Parallel".into()),
            selector: selector(selector_labels.clone()),
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(names.pod_labels(selector_labels.clone())),
                    annotations: Some(BTreeMap::from([(
                        naming::CONFIG_CHECKSUM_ANNOTATION.to_string(),
                        checksum.to_string(),
                    )])),
                    ..Default::default()
                }),
                spec: Some(PodSpec {
                    service_account_name: pod.reads_nodes.then(|| names.service_account()),
                    // No token in the broker: only the init container that runs kubectl gets one.
                    automount_service_account_token: Some(false),
                    affinity: Some(affinity(&pod, selector_labels)),
                    security_context: Some(restricted_pod()),
                    // A clean stop moves the leadership a broker holds to the other brokers and
                    // flushes and closes every log, so that the next start needs no log recovery
                    // (Kafka's operations guide, "Graceful shutdown"); Kubernetes' 30 s kills a
                    // busy broker in the middle of it.
                    termination_grace_period_seconds: Some(match role {
                        Role::Controller => CONTROLLER_GRACE_SECONDS,
                        Role::Combined | Role::Broker => BROKER_GRACE_SECONDS,
                    }),
                    init_containers: Some(vec![configure_container(&pod)]),
                    containers: [kafka_container(&pod)]
                        .into_iter()
                        .chain(tls_reload_container(&pod))
                        .collect(),
                    volumes: Some(volumes(&pod)),
                    ..Default::default()
                }),
            },
            volume_claim_templates: Some(vec![PersistentVolumeClaim {
                metadata: ObjectMeta { name: Some(naming::DATA_VOLUME.into()), ..Default::default() },
                spec: Some(PersistentVolumeClaimSpec {
                    access_modes: Some(vec!["ReadWriteOnce".into()]),
                    storage_class_name: config.storage.class_name.clone(),
                    resources: Some(VolumeResourceRequirements {
                        requests: Some(BTreeMap::from([("storage".to_string(), Quantity(storage.clone()))])),
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

/// The environment every container of the pod starts from: its name and node, and with the
/// kubelet's address as its node's, that address.
fn base_env(pod: &PodOf) -> Vec<EnvVar> {
    let config = pod.valid.config();
    let uses_address = pod.clients && pod.valid.strategy().external_host(config).uses_node_address();
    let mut env = vec![field_env("POD_NAME", "metadata.name"), field_env("NODE_NAME", "spec.nodeName")];
    if uses_address && config.node_address_source == NodeAddressSource::HostIp {
        env.push(field_env("HOST_IP", "status.hostIP"));
    }
    env
}

fn mount(name: &str, path: &str) -> VolumeMount {
    VolumeMount { name: name.into(), mount_path: path.into(), ..Default::default() }
}

/// The certificate's Secret, read-only.
fn tls_mount() -> VolumeMount {
    VolumeMount {
        name: naming::TLS_VOLUME.into(),
        mount_path: naming::TLS_DIR.into(),
        read_only: Some(true),
        ..Default::default()
    }
}

/// The init container that writes the properties (and assembles the keystore from the
/// certificate's Secret) before Kafka starts.
fn configure_container(pod: &PodOf) -> Container {
    let config = pod.valid.config();
    // The node reader's token, in the init container that runs kubectl and nowhere else.
    let token_mount = pod.reads_nodes.then(|| VolumeMount {
        name: naming::TOKEN_VOLUME.into(),
        mount_path: naming::SERVICE_ACCOUNT_DIR.into(),
        read_only: Some(true),
        ..Default::default()
    });
    Container {
        name: naming::CONFIGURE_CONTAINER.into(),
        image: Some(if pod.reads_nodes {
            config.kafka.kubectl_image.clone()
        } else {
            config.kafka.image.clone()
        }),
        command: Some(vec!["sh".into(), pod.script.clone(), "configure".into()]),
        env: Some(base_env(pod)),
        volume_mounts: Some(
            [
                mount(naming::SCRIPT_VOLUME, naming::SCRIPT_DIR),
                mount(naming::CONFIG_VOLUME, naming::CONFIG_DIR),
            ]
            .into_iter()
            .chain(pod.tls.then(tls_mount))
            .chain(token_mount)
            .collect(),
        ),
        security_context: Some(restricted()),
        ..Default::default()
    }
}

/// Beside a broker with TLS, the loop that reloads a renewed certificate (`start.sh watch-tls`):
/// the broker's image for Kafka's tools, the Secret's volume as the kubelet keeps it up to date,
/// and the keystore's. Small: a shell loop, and a tool's JVM now and then (the tools' own heap,
/// 256 MiB at most).
fn tls_reload_container(pod: &PodOf) -> Option<Container> {
    pod.tls.then(|| Container {
        name: naming::TLS_RELOAD_CONTAINER.into(),
        image: Some(pod.valid.config().kafka.image.clone()),
        command: Some(vec!["sh".into(), pod.script.clone(), "watch-tls".into()]),
        resources: Some(tool_resources()),
        security_context: Some(restricted()),
        volume_mounts: Some(vec![
            mount(naming::SCRIPT_VOLUME, naming::SCRIPT_DIR),
            mount(naming::CONFIG_VOLUME, naming::CONFIG_DIR),
            tls_mount(),
        ]),
        ..Default::default()
    })
}

/// Kafka itself: its ports, probes, memory and heap.
fn kafka_container(pod: &PodOf) -> Container {
    let (config, role, clients) = (pod.valid.config(), pod.role, pod.clients);
    let memory = match role {
        Role::Controller => &config.topology.controller_memory,
        Role::Combined | Role::Broker => &config.kafka.memory,
    };
    // The port that answers once the process has opened its log: INTERNAL, or a controller's own.
    let probed = if clients { naming::INTERNAL_PORT } else { naming::CONTROLLER_PORT };
    // No password reaches a broker or a controller: the users' StatefulSet sets them in Kafka.
    let mut env = base_env(pod);
    // Half the memory for the heap, the rest for the page cache; logs to the console only.
    let heap_mib = pod.valid.memory_bytes(role) / 2 / (1 << 20);
    env.push(value_env("KAFKA_HEAP_OPTS", format!("-Xms{heap_mib}m -Xmx{heap_mib}m")));
    env.push(value_env(
        "KAFKA_LOG4J_OPTS",
        format!("-Dlog4j2.configurationFile={}/{}", naming::SCRIPT_DIR, naming::LOG4J2_FILE),
    ));
    // kafka-server-start.sh passes `-loggc` unless EXTRA_ARGS is set
    // (`EXTRA_ARGS=${EXTRA_ARGS-'-name kafkaServer -loggc'}`), and kafka-run-class.sh then writes GC
    // logs into the container's writable layer, ten files of 100 MB (Kafka `bin/kafka-server-
    // start.sh`, `bin/kafka-run-class.sh`): the same process name, no GC file.
    env.push(value_env("EXTRA_ARGS", "-name kafkaServer".into()));
    Container {
        name: naming::KAFKA_CONTAINER.into(),
        image: Some(config.kafka.image.clone()),
        command: Some(vec!["sh".into(), pod.script.clone(), "run".into()]),
        env: Some(env),
        ports: Some(ports(pod.valid, role)),
        readiness_probe: Some(Probe { period_seconds: Some(10), ..port_probe(probed) }),
        // A broker replaying a long log after a crash is not dead: up to 30 minutes to open its
        // port, and only then does liveness count failures (a minute of them).
        startup_probe: Some(Probe {
            period_seconds: Some(10),
            failure_threshold: Some(180),
            ..port_probe(probed)
        }),
        liveness_probe: Some(Probe {
            period_seconds: Some(10),
            timeout_seconds: Some(5),
            failure_threshold: Some(6),
            ..port_probe(probed)
        }),
        resources: Some(ResourceRequirements {
            requests: Some(BTreeMap::from([
                ("cpu".to_string(), Quantity(config.kafka.cpu.clone())),
                ("memory".to_string(), Quantity(memory.clone())),
            ])),
            limits: Some(BTreeMap::from([("memory".to_string(), Quantity(memory.clone()))])),
            ..Default::default()
        }),
        security_context: Some(restricted()),
        volume_mounts: Some(vec![
            mount(naming::DATA_VOLUME, naming::DATA_DIR),
            mount(naming::SCRIPT_VOLUME, naming::SCRIPT_DIR),
            mount(naming::CONFIG_VOLUME, naming::CONFIG_DIR),
        ]),
        ..Default::default()
    }
}

/// Where the pods may run. A pod that looks its node up in the node list must run on a listed
/// node: elsewhere it could not start, and the certificate lists only those nodes' addresses. One
/// broker per node: required where a broker's address is its node's, preferred elsewhere, so that
/// one node's loss takes as few brokers (and voters) as the nodes allow. Controllers: required when
/// the listed nodes can hold one each, so that a node's loss takes one voter.
fn affinity(pod: &PodOf, selector_labels: BTreeMap<String, String>) -> Affinity {
    let config = pod.valid.config();
    let pinned = pod.clients && super::pins_brokers(pod.valid);
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
    let one_per_node = match pod.role {
        Role::Controller => config.nodes.len() >= config.topology.controllers as usize,
        Role::Combined | Role::Broker => pod.valid.strategy().placement() == Placement::OneBrokerPerNode,
    };
    let spread = PodAffinityTerm {
        label_selector: Some(selector(selector_labels)),
        topology_key: naming::HOSTNAME_TOPOLOGY_KEY.into(),
        ..Default::default()
    };
    let pod_anti_affinity = if one_per_node {
        PodAntiAffinity {
            required_during_scheduling_ignored_during_execution: Some(vec![spread]),
            ..Default::default()
        }
    } else {
        PodAntiAffinity {
            preferred_during_scheduling_ignored_during_execution: Some(vec![WeightedPodAffinityTerm {
                weight: 100,
                pod_affinity_term: spread,
            }]),
            ..Default::default()
        }
    };
    Affinity { node_affinity, pod_anti_affinity: Some(pod_anti_affinity), ..Default::default() }
}

/// The pod's volumes: the scripts, the properties' emptyDir, the certificate's Secret with TLS
/// (whole, not items by subPath: a renewed certificate shows up in it), the node reader's token.
fn volumes(pod: &PodOf) -> Vec<Volume> {
    [
        scripts_volume(&pod.names),
        Volume {
            name: naming::CONFIG_VOLUME.into(),
            empty_dir: Some(EmptyDirVolumeSource::default()),
            ..Default::default()
        },
    ]
    .into_iter()
    .chain(pod.tls.then(|| Volume {
        name: naming::TLS_VOLUME.into(),
        secret: Some(SecretVolumeSource {
            secret_name: Some(pod.names.tls_secret()),
            default_mode: Some(0o440),
            ..Default::default()
        }),
        ..Default::default()
    }))
    .chain(pod.reads_nodes.then(token_volume))
    .collect()
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

/// An environment variable with a fixed value.
fn value_env(name: &str, value: String) -> EnvVar {
    EnvVar { name: name.into(), value: Some(value), ..Default::default() }
}

/// A TCP probe of a named port.
fn port_probe(port: &str) -> Probe {
    Probe {
        tcp_socket: Some(TCPSocketAction { port: IntOrString::String(port.into()), ..Default::default() }),
        ..Default::default()
    }
}

/// The ConfigMap's scripts, executable.
pub(super) fn scripts_volume(names: &Names) -> Volume {
    Volume {
        name: naming::SCRIPT_VOLUME.into(),
        config_map: Some(ConfigMapVolumeSource {
            name: names.config_map(),
            default_mode: Some(0o555),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A container that runs a shell loop and Kafka's tools now and then (the tools' own heap, 256 MiB
/// at most): `tls-reload` and the users' StatefulSet.
pub(super) fn tool_resources() -> ResourceRequirements {
    ResourceRequirements {
        requests: Some(BTreeMap::from([
            ("cpu".to_string(), Quantity("10m".into())),
            ("memory".to_string(), Quantity("64Mi".into())),
        ])),
        limits: Some(BTreeMap::from([("memory".to_string(), Quantity("384Mi".into()))])),
        ..Default::default()
    }
}

/// A pod's part of Pod Security "restricted", as the official image runs (uid 1000, by name).
pub(super) fn restricted_pod() -> PodSecurityContext {
    PodSecurityContext {
        run_as_non_root: Some(true),
        run_as_user: Some(naming::KAFKA_UID),
        run_as_group: Some(naming::KAFKA_UID),
        fs_group: Some(naming::KAFKA_UID),
        fs_group_change_policy: Some("OnRootMismatch".into()),
        seccomp_profile: Some(SeccompProfile { type_: "RuntimeDefault".into(), ..Default::default() }),
        ..Default::default()
    }
}

/// A container's part of Pod Security "restricted": no privilege escalation, no capabilities.
pub(super) fn restricted() -> SecurityContext {
    SecurityContext {
        allow_privilege_escalation: Some(false),
        capabilities: Some(Capabilities { drop: Some(vec!["ALL".into()]), ..Default::default() }),
        ..Default::default()
    }
}

/// The node reader's token, projected as the kubelet would mount it, for the init container.
fn token_volume() -> Volume {
    Volume {
        name: naming::TOKEN_VOLUME.into(),
        projected: Some(ProjectedVolumeSource {
            sources: Some(vec![
                VolumeProjection {
                    service_account_token: Some(ServiceAccountTokenProjection {
                        path: "token".into(),
                        expiration_seconds: Some(3607),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    config_map: Some(ConfigMapProjection {
                        name: "kube-root-ca.crt".into(),
                        items: Some(vec![KeyToPath {
                            key: "ca.crt".into(),
                            path: "ca.crt".into(),
                            ..Default::default()
                        }]),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
                VolumeProjection {
                    downward_api: Some(DownwardAPIProjection {
                        items: Some(vec![DownwardAPIVolumeFile {
                            path: "namespace".into(),
                            field_ref: Some(ObjectFieldSelector {
                                api_version: Some("v1".into()),
                                field_path: "metadata.namespace".into(),
                            }),
                            ..Default::default()
                        }]),
                    }),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        }),
        ..Default::default()
    }
}
