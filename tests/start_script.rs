//! The start script, run under bash for every broker with the environment its pod would have on its
//! preview node, writes exactly that broker's `server-<i>.properties`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{file, generate};
use kafka_expose::config::{Config, NodeAddressSource, StrategyId};
use std::path::Path;
use std::process::{Command, Output};

/// Runs `start.sh configure` as pod `ordinal` on its preview node; `kubectl` on PATH is a stub that
/// answers for the config's nodes as a cluster's API would.
fn configure(config: &Config, script: &str, dir: &Path, ordinal: u32, env: &[(&str, &str)]) -> Output {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let stub: String = config
        .nodes
        .iter()
        .map(|n| format!("  \"get node {} -o jsonpath={{.status.addresses[?(@.type==\\\"ExternalIP\\\")].address}}\") printf %s '{}' ;;\n", n.name, n.address))
        .collect();
    let kubectl = bin.join("kubectl");
    std::fs::write(
        &kubectl,
        format!("#!/bin/bash\ncase \"$*\" in\n{stub}  *) echo \"stub kubectl: unexpected: $*\" >&2; exit 1 ;;\nesac\n"),
    )
    .unwrap();
    make_executable(&kubectl);
    let script_path = dir.join("start.sh");
    std::fs::write(&script_path, script).unwrap();
    let node = &config.nodes[ordinal as usize % config.nodes.len()];
    let mut command = Command::new("bash");
    command
        .arg(&script_path)
        .arg("configure")
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("KAFKA_EXPOSE_CONFIG_DIR", dir.join(format!("etc-{ordinal}")))
        .env("POD_NAME", format!("{}-{ordinal}", config.name))
        .env("NODE_NAME", &node.name)
        .env("HOST_IP", &node.address);
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("bash runs")
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kafka-expose-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_strategy_and_address_source_writes_the_previewed_properties() {
    let mut runs = 0;
    for strategy in StrategyId::ALL {
        for source in NodeAddressSource::ALL {
            for replicas in [1, 3] {
                let config = Config { replicas, node_address_source: source, ..Config::example(strategy) };
                let bundle = generate(&config);
                let dir = temp_dir(&format!("{strategy}-{}-{replicas}", source.as_str()));
                for i in 0..replicas {
                    let out = configure(&config, &file(&bundle, "start.sh"), &dir, i, &[]);
                    assert!(
                        out.status.success(),
                        "{strategy} {source:?} broker {i}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                    let written =
                        std::fs::read_to_string(dir.join(format!("etc-{i}/server.properties"))).unwrap();
                    assert_eq!(
                        written,
                        file(&bundle, &format!("server-{i}.properties")),
                        "{strategy} {source:?} broker {i}"
                    );
                    runs += 1;
                }
                std::fs::remove_dir_all(&dir).unwrap();
            }
        }
    }
    assert_eq!(runs, 6 * 3 * 4);
}

#[test]
fn a_pod_on_a_node_missing_from_the_static_map_stops_with_a_message() {
    let config = Config::example(StrategyId::Hostport);
    let bundle = generate(&config);
    let dir = temp_dir("unknown-node");
    let out = configure(&config, &file(&bundle, "start.sh"), &dir, 0, &[("NODE_NAME", "node-z")]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("node node-z is not in this configuration's node list"), "{stderr}");
    assert!(!dir.join("etc-0/server.properties").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_node_without_an_external_ip_stops_with_a_message() {
    let config = Config {
        node_address_source: NodeAddressSource::Kubectl,
        ..Config::example(StrategyId::NodeportLocal)
    };
    let bundle = generate(&config);
    let dir = temp_dir("no-external-ip");
    // The stub knows node-a..c only; another node answers with an error, as kubectl would.
    let out = configure(&config, &file(&bundle, "start.sh"), &dir, 0, &[("NODE_NAME", "node-q")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("kubectl could not read node node-q"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn run_refuses_to_start_without_the_configured_properties() {
    let bundle = generate(&Config::default());
    let dir = temp_dir("run-missing");
    std::fs::write(dir.join("start.sh"), file(&bundle, "start.sh").as_bytes()).unwrap();
    let out = Command::new("bash")
        .arg(dir.join("start.sh"))
        .arg("run")
        .env("KAFKA_EXPOSE_CONFIG_DIR", dir.join("etc"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("the configure init container writes it"));
    std::fs::remove_dir_all(&dir).unwrap();
}
