//! Every topology × strategy × replicas {1, 3, 7} × node address source × security (every setting
//! at three combined brokers, three with dedicated controllers): `manifests.yaml` passes
//! `kubernetes-validate --strict` (the JSON schemas of the API server) for Kubernetes 1.29 and 1.37,
//! and the API server's own rules that the schemas cannot express.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{documents, file, generate, k8s_rules};
use kafka_expose::config::{Config, NodeAddressSource, StrategyId, Topology};
use std::path::PathBuf;
use std::process::Command;

fn configs() -> Vec<(String, Config)> {
    let mut configs = Vec::new();
    for strategy in StrategyId::ALL {
        for replicas in [1, 3, 7] {
            for source in NodeAddressSource::ALL {
                let mut config = Config {
                    replicas,
                    node_address_source: source,
                    topology: Topology::combined(),
                    ..Config::example(strategy)
                };
                // One broker per node needs seven nodes for seven brokers.
                while config.nodes.len() < replicas as usize {
                    let n = config.nodes.len();
                    config.nodes.push(kafka_expose::config::Node::new(
                        format!("node-{n}"),
                        format!("203.0.113.{}", 11 + n),
                    ));
                }
                // Every security setting at three brokers; all of them would be a long run.
                for (name, security) in common::security_variants() {
                    let default = name == "certmanager-scramsha512";
                    if replicas == 3 || default {
                        let config = common::with_security(config.clone(), security.clone());
                        configs.push((format!("{strategy}-{replicas}-{}-{name}", source.as_str()), config));
                    }
                    // Dedicated controllers: the default security at every size, and the two
                    // extremes (plaintext, and the most settings) at three brokers.
                    if default || (replicas == 3 && ["none-none", "issuer"].contains(&name.as_str())) {
                        let config = Config {
                            topology: Topology::default(),
                            ..common::with_security(config.clone(), security)
                        };
                        configs.push((
                            format!("dedicated-{strategy}-{replicas}-{}-{name}", source.as_str()),
                            config,
                        ));
                    }
                }
            }
        }
    }
    configs
}

/// Whether a document is a custom resource (cert-manager's, Gateway API's), which the core
/// schemas do not know.
fn custom_resource(doc: &serde_yaml::Value) -> bool {
    let api = doc["apiVersion"].as_str().unwrap_or_default();
    api.starts_with("cert-manager.io/") || api.starts_with("gateway.networking.k8s.io/")
}

#[test]
fn every_combination_follows_the_api_servers_rules() {
    for (name, config) in configs() {
        let docs = documents(&file(&generate(&config), "manifests.yaml"));
        let errors = k8s_rules::check(&docs, (30000, 32767));
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn every_combination_passes_kubernetes_validate_strict_for_1_29_and_1_37() {
    let tool = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/venv/bin/kubernetes-validate");
    assert!(tool.exists(), "{} is missing: run `make test` (scripts/setup.sh installs it)", tool.display());
    let dir = std::env::temp_dir().join(format!("kafka-expose-kv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let configs = configs();
    // Combined: 2 sizes × 1 setting + 7 settings at three; dedicated: 3 sizes + 2 more at three.
    assert_eq!(configs.len(), StrategyId::ALL.len() * 3 * (2 + 7 + 3 + 2));
    // Each distinct document once, in the file of the first config that has it: most objects are
    // the same in many combinations (the Namespace, the controllers, the budgets), and the tool's
    // time grows with the documents it reads.
    let mut seen = std::collections::HashSet::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for (name, config) in configs {
        // cert-manager's and Gateway API's custom resources are checked against their own
        // schemas elsewhere.
        let text: String = documents(&file(&generate(&config), "manifests.yaml"))
            .into_iter()
            .filter(|d| !custom_resource(d))
            .map(|d| format!("---\n{}", serde_yaml::to_string(&d).unwrap()))
            .filter(|d| seen.insert(d.clone()))
            .collect();
        if !text.is_empty() {
            let path = dir.join(format!("{name}.yaml"));
            std::fs::write(&path, text).unwrap();
            files.push(path);
        }
    }
    let distinct = seen.len();
    // Both versions at once: each is one process, and the machine has two cores.
    let runs: Vec<_> = ["1.29.0", "1.37.0"]
        .into_iter()
        .map(|version| {
            let child = Command::new(&tool)
                .args(["--strict", "-k", version])
                .args(&files)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            (version, child)
        })
        .collect();
    for (version, child) in runs {
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "kubernetes-validate {version} failed:\n{stdout}\n{stderr}");
        let passed = stderr.lines().chain(stdout.lines()).filter(|l| l.contains(" passed ")).count();
        assert!(passed >= distinct, "only {passed} of {distinct} resources reported as passed for {version}");
        eprintln!("kubernetes-validate {version}: {passed} resources passed ({distinct} distinct documents)");
    }
    // It can fail: a misspelt field of the StatefulSet, and a wrong type in a Service.
    let mut docs = documents(&file(&generate(&Config::default()), "manifests.yaml"));
    let sts = docs.iter_mut().find(|d| d["kind"] == "StatefulSet").unwrap();
    sts["spec"]["replica"] = 3.into();
    let service = docs.iter_mut().find(|d| d["kind"] == "Service").unwrap();
    service["spec"]["ports"][0]["port"] = "ninety".into();
    let broken = dir.join("broken.yaml");
    let text: String = docs
        .iter()
        .filter(|d| !d["apiVersion"].as_str().unwrap_or_default().starts_with("cert-manager.io/"))
        .map(|d| format!("---\n{}", serde_yaml::to_string(d).unwrap()))
        .collect();
    std::fs::write(&broken, text).unwrap();
    let out = Command::new(&tool).args(["--strict", "-k", "1.37.0"]).arg(&broken).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "a broken file passed: {said}");
    assert!(said.contains("replica"), "{said}");
    assert!(said.contains("ninety"), "{said}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A CRD validator of `tests/validators`: the npm package of the CRDs' models it runs, its script,
/// and the API group whose objects it checks.
struct CrdValidator {
    package: &'static str,
    script: &'static str,
    group: &'static str,
}

/// npm `@kubernetes-models/cert-manager` and a strict unknown-field pass.
const CERT_MANAGER: CrdValidator = CrdValidator {
    package: "@kubernetes-models/cert-manager",
    script: "cert_manager.mjs",
    group: "cert-manager.io/",
};

/// npm `@kubernetes-models/gateway-api` 2.x, a strict unknown-field pass and the CRDs' host-name
/// rule.
const GATEWAY_API: CrdValidator = CrdValidator {
    package: "@kubernetes-models/gateway-api",
    script: "gateway_api.mjs",
    group: "gateway.networking.k8s.io/",
};

impl CrdValidator {
    /// Runs the validator on these objects; whether they passed, and its output.
    fn validate(&self, objects: &[serde_json::Value], name: &str) -> (bool, String) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let package = root.join(".tools/node/node_modules").join(self.package);
        assert!(
            package.exists(),
            "{} is missing: run `make test` (scripts/setup.sh installs it)",
            package.display()
        );
        let path = std::env::temp_dir().join(format!(
            "kafka-expose-{}-{}-{name}.json",
            self.script.trim_end_matches(".mjs"),
            std::process::id()
        ));
        std::fs::write(&path, serde_json::to_vec(objects).unwrap()).unwrap();
        let out = Command::new("node")
            .arg(root.join("tests/validators").join(self.script))
            .arg(&path)
            .output()
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        (
            out.status.success(),
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
        )
    }

    /// The objects of this validator's API group that a config makes, as JSON.
    fn objects(&self, config: &Config) -> Vec<serde_json::Value> {
        documents(&file(&generate(config), "manifests.yaml"))
            .into_iter()
            .filter(|d| d["apiVersion"].as_str().unwrap_or_default().starts_with(self.group))
            .map(|d| serde_json::to_value(d).unwrap())
            .collect()
    }
}

#[test]
fn every_strategy_and_security_setting_passes_the_cert_manager_schemas_strictly() {
    let mut objects = Vec::new();
    let mut with_cert_manager = 0;
    for (name, config) in configs() {
        let found = CERT_MANAGER.objects(&config);
        let expected = match config.security.tls {
            kafka_expose::config::TlsMode::CertManager if config.security.issuer.is_none() => 4,
            kafka_expose::config::TlsMode::CertManager => 1,
            _ => 0,
        };
        assert_eq!(found.len(), expected, "{name}");
        with_cert_manager += usize::from(expected > 0);
        objects.extend(found);
    }
    assert!(with_cert_manager > 50, "{with_cert_manager} configs with cert-manager");
    let (passed, output) = CERT_MANAGER.validate(&objects, "all");
    assert!(passed, "{output}");
    assert!(output.contains(&format!("{} passed, 0 failed", objects.len())), "{output}");
}

#[test]
fn the_cert_manager_validator_refuses_wrong_values_and_unknown_fields() {
    let good = CERT_MANAGER.objects(&Config::default());
    assert!(CERT_MANAGER.validate(&good, "good").0);
    let certificate = good.iter().position(|o| o["metadata"]["name"] == "kafka-external-tls").unwrap();
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 4] = [
        ("PKCS#1 is not an encoding", |c| c["spec"]["privateKey"]["encoding"] = "PKCS7".into()),
        ("a misspelt field", |c| c["spec"]["privateKey"]["encodng"] = "PKCS8".into()),
        ("an unknown top-level field", |c| c["spec"]["sans"] = serde_json::json!(["x"])),
        ("a wrong type", |c| c["spec"]["dnsNames"] = "kafka.example.com".into()),
    ];
    for (what, edit) in edits {
        let mut broken = good.clone();
        edit(&mut broken[certificate]);
        let (passed, output) = CERT_MANAGER.validate(&broken, "broken");
        assert!(!passed, "{what} passed: {output}");
    }
}

/// The pod template of every config, at the level its Namespace enforces: "restricted", or
/// "privileged" for hostPort, which every level above it forbids (and which passes "baseline"
/// in nothing else).
#[test]
fn every_pod_template_meets_the_pod_security_level_its_namespace_enforces() {
    use common::pod_security::{baseline, restricted};
    for (name, config) in configs() {
        let docs = documents(&file(&generate(&config), "manifests.yaml"));
        let namespace = docs.iter().find(|d| d["kind"] == "Namespace").unwrap();
        let level = namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"].as_str().unwrap();
        let hostport = config.strategy == kafka_expose::config::StrategyId::Hostport;
        assert_eq!(level, if hostport { "privileged" } else { "restricted" }, "{name}");
        let statefulsets: Vec<_> = docs.iter().filter(|d| d["kind"] == "StatefulSet").collect();
        // The brokers, the dedicated controllers, and with SCRAM the users' one-replica StatefulSet,
        // all under the same level.
        let expected = 1 + usize::from(config.topology.dedicated()) + usize::from(config.security.scram());
        assert_eq!(statefulsets.len(), expected, "{name}");
        for sts in statefulsets {
            let pod = &sts["spec"]["template"]["spec"];
            // The brokers' hostPort is the one thing "restricted" (and "baseline") refuses.
            let exposed = sts["metadata"]["name"] == "kafka";
            if hostport && exposed {
                assert_eq!(baseline(pod), ["kafka: hostPort"], "{name}: hostPort and nothing else");
            } else {
                assert_eq!(restricted(pod), Vec::<String>::new(), "{name}");
            }
            // No pod gets an API token; only a kubectl init container may.
            assert_eq!(pod["automountServiceAccountToken"], false, "{name}");
        }
    }
}

/// The checker fails a privileged template, and each restricted control on its own.
#[test]
fn the_pod_security_checker_catches_what_admission_refuses() {
    use common::pod_security::{baseline, restricted};
    let docs = documents(&file(&generate(&Config::default()), "manifests.yaml"));
    let good = docs.iter().find(|d| d["kind"] == "StatefulSet").unwrap()["spec"]["template"]["spec"].clone();
    assert!(restricted(&good).is_empty());
    type Edit = fn(&mut serde_yaml::Value);
    let edits: [(&str, Edit); 7] = [
        ("privileged", |p| p["containers"][0]["securityContext"]["privileged"] = true.into()),
        ("hostNetwork", |p| p["hostNetwork"] = true.into()),
        ("runAsNonRoot", |p| p["securityContext"]["runAsNonRoot"] = false.into()),
        ("allowPrivilegeEscalation", |p| {
            p["initContainers"][0]["securityContext"]["allowPrivilegeEscalation"] = true.into()
        }),
        ("seccompProfile", |p| p["securityContext"]["seccompProfile"]["type"] = "Unconfined".into()),
        ("drop ALL", |p| {
            p["containers"][0]["securityContext"]["capabilities"]["drop"] =
                serde_yaml::Value::Sequence(vec![])
        }),
        ("volume type", |p| p["volumes"][0]["hostPath"] = serde_yaml::from_str("{path: /}").unwrap()),
    ];
    for (what, edit) in edits {
        let mut broken = good.clone();
        edit(&mut broken);
        assert!(!restricted(&broken).is_empty(), "{what} passed restricted");
    }
    let mut privileged = good.clone();
    privileged["containers"][0]["securityContext"]["privileged"] = true.into();
    assert!(!baseline(&privileged).is_empty(), "privileged passed baseline");
}

/// Every way the Gateway strategy makes its listener (a Gateway, a ListenerSet, none), each
/// TLSRoute version, the Gateway in the brokers' namespace or another, passes the schemas strictly.
#[test]
fn every_gateway_setting_passes_the_gateway_api_schemas_strictly() {
    use kafka_expose::config::{GatewayApi, GatewayListener};
    let mut objects = Vec::new();
    for listener in [GatewayListener::Gateway, GatewayListener::ListenerSet, GatewayListener::Existing] {
        for api in [GatewayApi::V1, GatewayApi::V1alpha2] {
            for namespace in [None, Some("gateways".to_string())] {
                let mut config = Config::example(StrategyId::GatewayTlsPassthrough);
                (config.gateway.listener, config.gateway.api, config.gateway.namespace) =
                    (listener, api, namespace);
                if kafka_expose::validate::validate(&config).is_err() {
                    // A ListenerSet needs v1 routes: refused, with a message (tests/validation.rs).
                    assert_eq!((listener, api), (GatewayListener::ListenerSet, GatewayApi::V1alpha2));
                    continue;
                }
                let found = GATEWAY_API.objects(&config);
                // Bootstrap's route and three brokers', and the listener unless it exists.
                assert_eq!(found.len(), 4 + usize::from(listener != GatewayListener::Existing));
                objects.extend(found);
            }
        }
    }
    let (passed, output) = GATEWAY_API.validate(&objects, "all");
    assert!(passed, "{output}");
    assert!(output.contains(&format!("{} passed, 0 failed", objects.len())), "{output}");
}

#[test]
fn the_gateway_api_validator_refuses_wrong_values_unknown_fields_and_ip_host_names() {
    let good = GATEWAY_API.objects(&Config::example(StrategyId::GatewayTlsPassthrough));
    assert!(GATEWAY_API.validate(&good, "good").0);
    type Edit = fn(&mut Vec<serde_json::Value>);
    let edits: [(&str, Edit); 4] = [
        ("a wrong enum", |o| o[0]["spec"]["listeners"][0]["tls"]["mode"] = "Pass".into()),
        ("a misspelt field", |o| o[1]["spec"]["parentRefs"][0]["sectionNme"] = "kafka".into()),
        ("an IP in hostnames", |o| o[1]["spec"]["hostnames"] = serde_json::json!(["192.0.2.10"])),
        ("a wrong type", |o| o[2]["spec"]["hostnames"] = "broker-0.kafka.example.com".into()),
    ];
    for (what, edit) in edits {
        let mut broken = good.clone();
        edit(&mut broken);
        let (passed, output) = GATEWAY_API.validate(&broken, "broken");
        assert!(!passed, "{what} passed: {output}");
    }
}
