//! Every strategy × replicas {1, 3, 7} × node address source × security (every setting at three
//! brokers): `manifests.yaml` passes
//! `kubernetes-validate --strict` (the JSON schemas of the API server) for Kubernetes 1.29 and 1.37,
//! and the API server's own rules that the schemas cannot express.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{documents, file, generate, k8s_rules};
use kafka_expose::config::{Config, NodeAddressSource, StrategyId};
use std::path::PathBuf;
use std::process::Command;

fn configs() -> Vec<(String, Config)> {
    let mut configs = Vec::new();
    for strategy in StrategyId::ALL {
        for replicas in [1, 3, 7] {
            for source in NodeAddressSource::ALL {
                let mut config =
                    Config { replicas, node_address_source: source, ..Config::example(strategy) };
                // One broker per node needs seven nodes for seven brokers.
                while config.nodes.len() < replicas as usize {
                    let n = config.nodes.len();
                    config.nodes.push(kafka_expose::config::Node {
                        name: format!("node-{n}"),
                        address: format!("203.0.113.{}", 11 + n),
                    });
                }
                // Every security setting at three brokers; all of them would be a long run.
                for (name, security) in common::security_variants() {
                    if replicas == 3 || name == "default" {
                        let config = common::with_security(config.clone(), security);
                        configs.push((format!("{strategy}-{replicas}-{}-{name}", source.as_str()), config));
                    }
                }
            }
        }
    }
    configs
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
    let files: Vec<PathBuf> = configs()
        .into_iter()
        .map(|(name, config)| {
            let path = dir.join(format!("{name}.yaml"));
            // cert-manager's custom resources are checked against their own schemas elsewhere.
            let core: Vec<serde_yaml::Value> = documents(&file(&generate(&config), "manifests.yaml"))
                .into_iter()
                .filter(|d| !d["apiVersion"].as_str().unwrap_or_default().starts_with("cert-manager.io/"))
                .collect();
            let text: String =
                core.iter().map(|d| format!("---\n{}", serde_yaml::to_string(d).unwrap())).collect();
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    assert_eq!(files.len(), 6 * 3 * (3 + 4 - 1));
    for version in ["1.29.0", "1.37.0"] {
        let out = Command::new(&tool).args(["--strict", "-k", version]).args(&files).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "kubernetes-validate {version} failed:\n{stdout}\n{stderr}");
        let passed = stderr.lines().chain(stdout.lines()).filter(|l| l.contains(" passed ")).count();
        assert!(passed >= files.len() * 6, "only {passed} resources reported as passed for {version}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
