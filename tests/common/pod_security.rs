//! The Pod Security Standards' "baseline" and "restricted" levels (kubernetes.io, "Pod Security
//! Standards", the controls as Pod Security admission enforces them), checked on a pod template.
//! Returns the broken controls; the strictest level a template passes is what its namespace may
//! enforce.

use serde_yaml::Value;

fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, key| v.get(*key))
}

fn items<'a>(v: &'a Value, path: &[&str]) -> Vec<&'a Value> {
    get(v, path).and_then(Value::as_sequence).map(|s| s.iter().collect()).unwrap_or_default()
}

/// Baseline: what no ordinary workload needs (host namespaces, privileged, hostPath, hostPort…).
pub fn baseline(pod: &Value) -> Vec<String> {
    let mut broken = Vec::new();
    for key in ["hostNetwork", "hostPID", "hostIPC"] {
        if get(pod, &[key]).and_then(Value::as_bool) == Some(true) {
            broken.push(format!("host namespaces: {key}"));
        }
    }
    for volume in items(pod, &["volumes"]) {
        if volume.get("hostPath").is_some() {
            broken.push("hostPath volumes".into());
        }
    }
    let allowed_caps = [
        "AUDIT_WRITE",
        "CHOWN",
        "DAC_OVERRIDE",
        "FOWNER",
        "FSETID",
        "KILL",
        "MKNOD",
        "NET_BIND_SERVICE",
        "SETFCAP",
        "SETGID",
        "SETPCAP",
        "SETUID",
        "SYS_CHROOT",
    ];
    for container in containers(pod) {
        let name = container["name"].as_str().unwrap_or("?");
        if get(container, &["securityContext", "privileged"]).and_then(Value::as_bool) == Some(true) {
            broken.push(format!("{name}: privileged"));
        }
        for cap in items(container, &["securityContext", "capabilities", "add"]) {
            if !allowed_caps.contains(&cap.as_str().unwrap_or("")) {
                broken.push(format!("{name}: capability {cap:?}"));
            }
        }
        for port in items(container, &["ports"]) {
            if port.get("hostPort").and_then(Value::as_i64).unwrap_or(0) != 0 {
                broken.push(format!("{name}: hostPort"));
            }
        }
        if get(container, &["securityContext", "procMount"]).is_some_and(|m| m != "Default") {
            broken.push(format!("{name}: /proc mount"));
        }
    }
    for context in contexts(pod) {
        if get(context, &["seccompProfile", "type"]).and_then(Value::as_str) == Some("Unconfined") {
            broken.push("seccomp Unconfined".into());
        }
    }
    broken
}

/// Restricted: baseline, and current hardening practice besides.
pub fn restricted(pod: &Value) -> Vec<String> {
    let mut broken = baseline(pod);
    let allowed_volumes = [
        "configMap",
        "csi",
        "downwardAPI",
        "emptyDir",
        "ephemeral",
        "persistentVolumeClaim",
        "projected",
        "secret",
    ];
    for volume in items(pod, &["volumes"]) {
        let kind = volume
            .as_mapping()
            .into_iter()
            .flatten()
            .map(|(k, _)| k.as_str().unwrap_or(""))
            .find(|k| *k != "name");
        if !kind.is_some_and(|k| allowed_volumes.contains(&k)) {
            broken.push(format!("volume type {kind:?}"));
        }
    }
    let pod_context = get(pod, &["securityContext"]);
    let pod_says = |key: &str| pod_context.and_then(|c| c.get(key));
    for container in containers(pod) {
        let name = container["name"].as_str().unwrap_or("?");
        let own = |key: &str| get(container, &["securityContext", key]);
        if own("allowPrivilegeEscalation").and_then(Value::as_bool) != Some(false) {
            broken.push(format!("{name}: allowPrivilegeEscalation must be false"));
        }
        let non_root = own("runAsNonRoot").or_else(|| pod_says("runAsNonRoot")).and_then(Value::as_bool);
        if non_root != Some(true) {
            broken.push(format!("{name}: runAsNonRoot must be true"));
        }
        if own("runAsUser").or_else(|| pod_says("runAsUser")).and_then(Value::as_i64) == Some(0) {
            broken.push(format!("{name}: runAsUser 0"));
        }
        let seccomp = own("seccompProfile")
            .or_else(|| pod_says("seccompProfile"))
            .and_then(|s| s.get("type"))
            .and_then(Value::as_str);
        if !matches!(seccomp, Some("RuntimeDefault" | "Localhost")) {
            broken.push(format!("{name}: seccompProfile must be RuntimeDefault or Localhost"));
        }
        let drops: Vec<&str> = items(container, &["securityContext", "capabilities", "drop"])
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        if !drops.contains(&"ALL") {
            broken.push(format!("{name}: capabilities must drop ALL"));
        }
        for cap in items(container, &["securityContext", "capabilities", "add"]) {
            if cap.as_str() != Some("NET_BIND_SERVICE") {
                broken.push(format!("{name}: only NET_BIND_SERVICE may be added"));
            }
        }
    }
    broken
}

fn containers(pod: &Value) -> Vec<&Value> {
    items(pod, &["initContainers"]).into_iter().chain(items(pod, &["containers"])).collect()
}

fn contexts(pod: &Value) -> Vec<&Value> {
    let mut all: Vec<&Value> = get(pod, &["securityContext"]).into_iter().collect();
    all.extend(containers(pod).into_iter().filter_map(|c| c.get("securityContext")));
    all
}
