//! The one-replica StatefulSet that keeps Kafka's SCRAM users equal to their Secret (`users.sh`):
//! one small pod beside the cluster, the only one that reads the passwords. A StatefulSet rather than
//! a Deployment: it never runs two pods at once (a Deployment's rollout can, and two would set the
//! same passwords twice), and the page already carries its type.

use super::statefulset::{restricted, restricted_pod, scripts_volume, tool_resources};
use crate::naming::{self, Names};
use crate::validate::Valid;
use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetSpec};
use k8s_openapi::api::core::v1::{
    Container, EmptyDirVolumeSource, PodSpec, PodTemplateSpec, SecretVolumeSource, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use std::collections::BTreeMap;

/// The StatefulSet; `checksum` is that of `users.sh` in the ConfigMap, so a changed script rolls it.
pub fn user_sync(valid: &Valid, checksum: &str) -> StatefulSet {
    let config = valid.config();
    let names = Names::new(config);
    let labels = names.user_sync_labels();
    let mount = |name: &str, path: &str, read_only: bool| VolumeMount {
        name: name.into(),
        mount_path: path.into(),
        read_only: read_only.then_some(true),
        ..Default::default()
    };
    let container = Container {
        name: naming::USERS_CONTAINER.into(),
        image: Some(config.kafka.image.clone()),
        command: Some(vec!["sh".into(), format!("{}/{}", naming::SCRIPT_DIR, naming::USERS_SCRIPT_FILE)]),
        resources: Some(tool_resources()),
        security_context: Some(restricted()),
        volume_mounts: Some(vec![
            mount(naming::SCRIPT_VOLUME, naming::SCRIPT_DIR, true),
            mount(naming::USERS_VOLUME, naming::USERS_DIR, true),
            mount(naming::USERS_WORK_VOLUME, naming::USERS_WORK_DIR, false),
        ]),
        ..Default::default()
    };
    StatefulSet {
        metadata: super::metadata(config, names.user_sync()),
        spec: Some(StatefulSetSpec {
            replicas: Some(1),
            // The brokers' headless Service, which does not select this pod: no name of its own.
            service_name: Some(names.headless_service().into()),
            selector: LabelSelector { match_labels: Some(labels.clone()), ..Default::default() },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(names.pod_labels(labels)),
                    annotations: Some(BTreeMap::from([(
                        naming::CONFIG_CHECKSUM_ANNOTATION.to_string(),
                        checksum.to_string(),
                    )])),
                    ..Default::default()
                }),
                spec: Some(PodSpec {
                    automount_service_account_token: Some(false),
                    security_context: Some(restricted_pod()),
                    containers: vec![container],
                    volumes: Some(vec![
                        scripts_volume(&names),
                        // Optional: the pod starts before the Secret exists, and waits for it; the
                        // kubelet keeps the mounted copy up to date when the Secret changes.
                        Volume {
                            name: naming::USERS_VOLUME.into(),
                            secret: Some(SecretVolumeSource {
                                secret_name: Some(names.scram_users_secret()),
                                optional: Some(true),
                                default_mode: Some(0o440),
                                ..Default::default()
                            }),
                            ..Default::default()
                        },
                        Volume {
                            name: naming::USERS_WORK_VOLUME.into(),
                            empty_dir: Some(EmptyDirVolumeSource {
                                medium: Some("Memory".into()),
                                size_limit: Some(Quantity("1Mi".into())),
                            }),
                            ..Default::default()
                        },
                    ]),
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        ..Default::default()
    }
}
