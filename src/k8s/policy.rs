//! The PodDisruptionBudgets: voluntary disruptions (node drains) take one broker, and one
//! controller, at a time.

use crate::config::Config;
use crate::naming::Names;
use crate::plan::topology::Role;
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

pub fn pod_disruption_budget(config: &Config, role: Role) -> PodDisruptionBudget {
    let names = Names::new(config);
    let (name, selector) = match role {
        Role::Controller => (names.controller_statefulset(), names.controller_selector_labels()),
        Role::Combined | Role::Broker => (names.pod_disruption_budget().to_string(), names.selector_labels()),
    };
    PodDisruptionBudget {
        metadata: super::metadata(config, name),
        spec: Some(PodDisruptionBudgetSpec {
            max_unavailable: Some(IntOrString::Int(1)),
            selector: Some(LabelSelector { match_labels: Some(selector), ..Default::default() }),
            ..Default::default()
        }),
        ..Default::default()
    }
}
