//! The command line: exit codes and messages for good, invalid and unreadable files.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn cli(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kafka-expose"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default().as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp(name: &str, contents: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("kafka-expose-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn example_prints_a_complete_config_that_validates() {
    let out = cli(&["example", "--strategy", "hostport"], None);
    assert!(out.status.success());
    let example = text(&out.stdout);
    for field in [
        "\"version\": 1",
        "\"strategy\": \"hostport\"",
        "\"nodeAddressSource\"",
        "\"range\": \"30000-32767\"",
    ] {
        assert!(example.contains(field), "example lacks {field}:\n{example}");
    }
    // A new config gets a cluster id of its own, different on every run.
    let id = |text: &str| {
        text.split("\"clusterId\": \"").nth(1).and_then(|r| r.split('"').next()).map(str::to_string)
    };
    let first = id(&example).expect("a cluster id");
    assert_eq!(first.len(), 22);
    let again = id(&text(&cli(&["example"], None).stdout)).unwrap();
    assert_ne!(first, again);
    let validated = cli(&["validate", "-"], Some(&example));
    assert_eq!(validated.status.code(), Some(0), "{}", text(&validated.stderr));
    assert!(text(&validated.stdout).contains("valid"));
}

#[test]
fn render_without_out_prints_the_manifests() {
    let out = cli(&["render", "-"], Some("strategy: nodeport-per-broker\nreplicas: 2\n"));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let yaml = text(&out.stdout);
    assert!(yaml.starts_with("# 1. Apply: kubectl apply -f manifests.yaml\n"), "{yaml}");
    assert!(yaml.contains("\n---\napiVersion: v1\nkind: Namespace\n"));
    assert!(yaml.contains("name: kafka-1-external"));
    assert!(!yaml.contains("name: kafka-2-external"));
}

#[test]
fn render_with_out_writes_every_file_of_the_bundle() {
    let dir = std::env::temp_dir().join(format!("kafka-expose-cli-out-{}", std::process::id()));
    let config = temp("render.json", "{\"replicas\": 2, \"strategy\": \"nodeport-local\"}");
    let out = cli(&["render", config.to_str().unwrap(), "--out", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "client-librdkafka.properties",
            "client.properties",
            "manifests.yaml",
            "server-0.properties",
            "server-1.properties",
            "start.sh"
        ]
    );
    let server1 = std::fs::read_to_string(dir.join("server-1.properties")).unwrap();
    assert!(server1.contains("EXTERNAL://203.0.113.12:30093"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_invalid_config_exits_1_naming_the_field() {
    let config = temp("invalid.yaml", "name: Kafka_Cluster\nreplicas: 0\n");
    let out = cli(&["validate", config.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error: name: `K` is not allowed"), "{stderr}");
    assert!(stderr.contains("error: replicas: must be at least 1"), "{stderr}");
    let render = cli(&["render", config.to_str().unwrap()], None);
    assert_eq!(render.status.code(), Some(1));
    assert!(text(&render.stdout).is_empty());
}

#[test]
fn an_unknown_field_exits_1_with_its_name_and_line() {
    let out = cli(&["validate", "-"], Some("{\n  \"replicas\": 3,\n  \"replica\": 5\n}"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("line 3") && stderr.contains("unknown field `replica`"), "{stderr}");
}

#[test]
fn a_newer_version_is_refused_with_a_message() {
    let out = cli(&["validate", "-"], Some("{\"version\": 2, \"somethingNew\": true}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("this config is version 2"), "{}", text(&out.stderr));
}

#[test]
fn an_unreadable_file_and_bad_usage_exit_2() {
    let missing = cli(&["validate", "/nonexistent/kafka.json"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read /nonexistent/kafka.json"));
    for args in [
        &[][..],
        &["frobnicate"],
        &["render"],
        &["example", "--strategy", "teleport"],
        &["render", "a", "--out"],
    ] {
        let out = cli(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("usage: kafka-expose"), "{args:?}");
    }
}

#[test]
fn garbage_input_is_an_invalid_config_not_a_crash() {
    for garbage in ["\u{0}\u{1}\u{2}", "[1, 2, 3]", "{", "replicas: [", "---\n- a\n- b\n", ""] {
        let out = cli(&["validate", "-"], Some(garbage));
        assert_eq!(out.status.code(), Some(1), "{garbage:?}: {}", text(&out.stderr));
        assert!(!text(&out.stderr).contains("panicked"));
    }
}
