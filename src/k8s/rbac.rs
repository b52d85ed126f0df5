//! Read-only access to nodes, for pods that look their node's ExternalIP up with kubectl.

use crate::config::Config;
use crate::naming::Names;
use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::api::rbac::v1::{ClusterRole, ClusterRoleBinding, PolicyRule, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

pub fn node_reader(config: &Config) -> (ServiceAccount, ClusterRole, ClusterRoleBinding) {
    let names = Names::new(config);
    let cluster_meta =
        |name: String| ObjectMeta { name: Some(name), labels: Some(names.labels()), ..Default::default() };
    let account =
        ServiceAccount { metadata: super::metadata(config, names.service_account()), ..Default::default() };
    let role = ClusterRole {
        metadata: cluster_meta(names.cluster_role()),
        rules: Some(vec![PolicyRule {
            api_groups: Some(vec![String::new()]),
            resources: Some(vec!["nodes".into()]),
            verbs: vec!["get".into()],
            ..Default::default()
        }]),
        ..Default::default()
    };
    let binding = ClusterRoleBinding {
        metadata: cluster_meta(names.cluster_role_binding()),
        role_ref: RoleRef {
            api_group: "rbac.authorization.k8s.io".into(),
            kind: "ClusterRole".into(),
            name: names.cluster_role(),
        },
        subjects: Some(vec![Subject {
            kind: "ServiceAccount".into(),
            name: names.service_account(),
            namespace: Some(config.namespace.clone()),
            ..Default::default()
        }]),
    };
    (account, role, binding)
}
