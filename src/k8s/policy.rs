//! The PodDisruptionBudget: voluntary disruptions (node drains) take one broker at a time.

use crate::config::Config;
use crate::naming::Names;
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

pub fn pod_disruption_budget(config: &Config) -> PodDisruptionBudget {
    let names = Names::new(config);
    PodDisruptionBudget {
        metadata: super::metadata(config, names.pod_disruption_budget()),
        spec: Some(PodDisruptionBudgetSpec {
            max_unavailable: Some(IntOrString::Int(1)),
            selector: Some(LabelSelector {
                match_labels: Some(names.selector_labels()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}
