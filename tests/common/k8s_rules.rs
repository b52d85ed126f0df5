//! What the Kubernetes API server (and the NodePort allocator, the StatefulSet controller and the
//! kubelet) check in the generated objects, beyond the JSON schema that kubernetes-validate covers.

use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

fn s<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    get(v, path)?.as_str()
}

fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, key| v.get(*key))
}

fn seq<'a>(v: &'a Value, path: &[&str]) -> Vec<&'a Value> {
    get(v, path).and_then(Value::as_sequence).map(|s| s.iter().collect()).unwrap_or_default()
}

fn labels(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_mapping)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    (k.as_str().unwrap_or_default().to_string(), v.as_str().unwrap_or_default().to_string())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// DNS-1123 label (`must_start_with_letter` makes it DNS-1035).
pub fn is_label(value: &str, max: usize, must_start_with_letter: bool) -> bool {
    !value.is_empty()
        && value.len() <= max
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && (!must_start_with_letter || value.starts_with(|c: char| c.is_ascii_lowercase()))
}

pub fn is_subdomain(value: &str) -> bool {
    value.len() <= 253 && value.split('.').all(|l| is_label(l, 63, false))
}

/// IANA service name, as container and target port names must be.
pub fn is_port_name(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 15
        && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && value.chars().any(|c| c.is_ascii_lowercase())
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
}

/// Every rule broken by these documents; `node_port_range` is the cluster's NodePort range.
pub fn check(docs: &[Value], node_port_range: (i64, i64)) -> Vec<String> {
    let mut errors = Vec::new();
    let mut node_ports = BTreeSet::new();
    let services: Vec<&Value> = docs.iter().filter(|d| s(d, &["kind"]) == Some("Service")).collect();
    let mut object_names = BTreeSet::new();
    for doc in docs {
        let kind = s(doc, &["kind"]).unwrap_or_default();
        let name = s(doc, &["metadata", "name"]).unwrap_or_default();
        if !object_names.insert((kind.to_string(), name.to_string())) {
            errors.push(format!("{kind} {name} is defined twice"));
        }
    }
    for svc in &services {
        let name = s(svc, &["metadata", "name"]).unwrap_or_default();
        let err = |m: String| format!("Service {name}: {m}");
        if !is_label(name, 63, true) {
            errors.push(err("name is not a DNS-1035 label".into()));
        }
        let type_ = s(svc, &["spec", "type"]).unwrap_or("ClusterIP");
        if !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(&type_) {
            errors.push(err(format!("unknown type {type_}")));
        }
        let headless = s(svc, &["spec", "clusterIP"]) == Some("None");
        if headless && type_ != "ClusterIP" {
            errors.push(err(format!("may not be set to 'None' for {type_} services")));
        }
        if type_ == "ExternalName" {
            if get(svc, &["spec", "clusterIP"]).is_some() || get(svc, &["spec", "clusterIPs"]).is_some() {
                errors.push(err("clusterIPs may not be set for ExternalName services".into()));
            }
            match s(svc, &["spec", "externalName"]) {
                Some(target) if is_subdomain(target.trim_end_matches('.')) => {}
                other => errors.push(err(format!("externalName {other:?} is not a DNS-1123 subdomain"))),
            }
        }
        let externally_accessible = type_ == "NodePort" || type_ == "LoadBalancer";
        if get(svc, &["spec", "externalTrafficPolicy"]).is_some() && !externally_accessible {
            errors
                .push(err("externalTrafficPolicy may only be set for externally-accessible services".into()));
        }
        if let Some(policy) = s(svc, &["spec", "externalTrafficPolicy"]) {
            if !["Cluster", "Local"].contains(&policy) {
                errors.push(err(format!("externalTrafficPolicy {policy}")));
            }
        }
        let ports = seq(svc, &["spec", "ports"]);
        if ports.is_empty() && !headless && type_ != "ExternalName" {
            errors.push(err("spec.ports is required".into()));
        }
        let mut seen = BTreeSet::new();
        let mut names = BTreeSet::new();
        for port in &ports {
            let number = get(port, &["port"]).and_then(Value::as_i64).unwrap_or(0);
            let protocol = s(port, &["protocol"]).unwrap_or("TCP");
            if !(1..=65535).contains(&number) {
                errors.push(err(format!("port {number} out of range")));
            }
            if !seen.insert((protocol.to_string(), number)) {
                errors.push(err(format!("duplicate port {protocol}/{number}")));
            }
            match s(port, &["name"]) {
                Some(n) if is_label(n, 63, false) => {
                    if !names.insert(n.to_string()) {
                        errors.push(err(format!("duplicate port name {n}")));
                    }
                }
                None if ports.len() == 1 => {}
                other => errors.push(err(format!("port name {other:?} is required and must be a DNS label"))),
            }
            if let Some(target) = get(port, &["targetPort"]) {
                let ok = match target {
                    Value::Number(n) => n.as_i64().is_some_and(|n| (1..=65535).contains(&n)),
                    Value::String(t) => is_port_name(t),
                    _ => false,
                };
                if !ok {
                    errors.push(err(format!("targetPort {target:?} is invalid")));
                }
            }
            if let Some(node_port) = get(port, &["nodePort"]).and_then(Value::as_i64) {
                if !externally_accessible {
                    errors.push(err(format!("nodePort may not be used when `type` is '{type_}'")));
                }
                if !(node_port_range.0..=node_port_range.1).contains(&node_port) {
                    errors.push(err(format!("provided port {node_port} is not in the valid range")));
                }
                if !node_ports.insert(node_port) {
                    errors.push(err(format!("provided port {node_port} is already allocated")));
                }
            }
        }
    }

    // Every pod of every StatefulSet, with the StatefulSet's selector.
    let mut pods: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut selectors: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    for sts in docs.iter().filter(|d| s(d, &["kind"]) == Some("StatefulSet")) {
        let name = s(sts, &["metadata", "name"]).unwrap_or_default();
        let namespace = s(sts, &["metadata", "namespace"]).unwrap_or_default();
        let err = |m: String| format!("StatefulSet {name}: {m}");
        if !is_label(name, 52, false) {
            errors.push(err("name must be a DNS label of at most 52 characters".into()));
        }
        let selector = labels(get(sts, &["spec", "selector", "matchLabels"]));
        let template_labels = labels(get(sts, &["spec", "template", "metadata", "labels"]));
        if selector.is_empty() {
            errors.push(err("empty selector is invalid for statefulset".into()));
        }
        if selector.iter().any(|(k, v)| template_labels.get(k) != Some(v)) {
            errors.push(err("`selector` does not match template `labels`".into()));
        }
        let service_name = s(sts, &["spec", "serviceName"]).unwrap_or_default();
        let governing = services.iter().find(|svc| {
            s(svc, &["metadata", "name"]) == Some(service_name)
                && s(svc, &["metadata", "namespace"]) == Some(namespace)
        });
        match governing {
            Some(svc) if s(svc, &["spec", "clusterIP"]) == Some("None") => {}
            _ => errors
                .push(err(format!("serviceName {service_name} is not a headless Service of the bundle"))),
        }
        let replicas = get(sts, &["spec", "replicas"]).and_then(Value::as_i64).unwrap_or(1);
        if !is_label(&format!("{name}-{}", replicas - 1), 63, false) {
            errors.push(err("pod hostnames must be DNS labels".into()));
        }
        let pod_spec = get(sts, &["spec", "template", "spec"]).cloned().unwrap_or(Value::Null);
        let mut host_ports = BTreeSet::new();
        let containers =
            seq(&pod_spec, &["containers"]).into_iter().chain(seq(&pod_spec, &["initContainers"]));
        for container in containers {
            let mut port_names = BTreeSet::new();
            for port in seq(container, &["ports"]) {
                if let Some(n) = s(port, &["name"]) {
                    if !is_port_name(n) || !port_names.insert(n.to_string()) {
                        errors.push(err(format!("container port name {n} invalid or repeated")));
                    }
                }
                if let Some(hp) = get(port, &["hostPort"]).and_then(Value::as_i64) {
                    if !host_ports.insert(hp) {
                        errors.push(err(format!("hostPort {hp} repeated")));
                    }
                }
            }
            for env in seq(container, &["env"]) {
                let env_name = s(env, &["name"]).unwrap_or_default();
                if env_name.is_empty() || env_name.starts_with(|c: char| c.is_ascii_digit()) {
                    errors.push(err(format!("env name {env_name:?} invalid")));
                }
                if let Some(path) = s(env, &["valueFrom", "fieldRef", "fieldPath"]) {
                    let allowed = [
                        "metadata.name",
                        "metadata.namespace",
                        "metadata.uid",
                        "spec.nodeName",
                        "spec.serviceAccountName",
                        "status.hostIP",
                        "status.podIP",
                    ];
                    if !allowed.contains(&path) {
                        errors.push(err(format!("fieldRef {path} not supported")));
                    }
                }
            }
        }
        selectors.push((name.to_string(), selector.clone()));
        pods.extend((0..replicas).map(|i| {
            let mut l = template_labels.clone();
            l.insert("statefulset.kubernetes.io/pod-name".into(), format!("{name}-{i}"));
            (name.to_string(), l)
        }));
    }
    // A StatefulSet whose selector matches another's pods fights it over them (the controller
    // adopts what its selector matches).
    for (owner, selector) in &selectors {
        for (pod_owner, pod) in &pods {
            if pod_owner != owner && selector.iter().all(|(k, v)| pod.get(k) == Some(v)) {
                errors.push(format!(
                    "StatefulSet {owner}: its selector matches pods of StatefulSet {pod_owner}"
                ));
                break;
            }
        }
    }
    // Services that select one pod must select exactly that pod.
    for svc in &services {
        let selector = labels(get(svc, &["spec", "selector"]));
        if selector.contains_key("statefulset.kubernetes.io/pod-name") {
            let selected =
                pods.iter().filter(|(_, p)| selector.iter().all(|(k, v)| p.get(k) == Some(v))).count();
            if selected != 1 {
                errors.push(format!(
                    "Service {} selects {selected} pods instead of one",
                    s(svc, &["metadata", "name"]).unwrap_or_default()
                ));
            }
        }
    }
    errors
}
