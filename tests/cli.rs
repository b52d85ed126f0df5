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
    // The defaults' node addresses are documentation ones: the file says so first.
    assert!(
        yaml.starts_with(
            "# Before you apply:\n\
             # - 203.0.113.11, 203.0.113.12 and 203.0.113.13 are example addresses, which no network routes: \
             replace them with your own in the config, and generate the files again\n\
             # - A default StorageClass"
        ),
        "{yaml}"
    );
    assert!(yaml.contains("\n# Then:\n# 1. Apply: kubectl apply -f manifests.yaml\n"), "{yaml}");
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
            "start.sh",
            "verify.sh"
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
    assert!(stderr.contains("error: name: \"K\" is not allowed"), "{stderr}");
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

/// `diagnose` reads a deployment's objects (YAML here, as `kubectl get -o yaml` prints them), its
/// brokers' properties and kcat's output, prints the report, writes the closest config, and exits 1
/// while a broker cannot be reached.
#[test]
fn diagnose_reads_yaml_objects_properties_and_kcat_and_reports_the_classic_failure() {
    let objects = temp(
        "objects.yaml",
        "apiVersion: v1\nkind: List\nitems:\n\
         - kind: Service\n  metadata: {name: kafka-headless, namespace: default}\n  spec: {clusterIP: None, selector: {app: kafka}, ports: [{port: 9092}]}\n\
         - kind: Service\n  metadata: {name: kafka-external, namespace: default}\n  spec: {type: NodePort, selector: {app: kafka}, ports: [{port: 9092, targetPort: 9092, nodePort: 30092}]}\n\
         - kind: Pod\n  metadata: {name: kafka-0, namespace: default, labels: {app: kafka}}\n  spec: {nodeName: node-1, subdomain: kafka-headless, containers: [{ports: [{containerPort: 9092}]}]}\n\
         ---\n\
         kind: Node\nmetadata: {name: node-1}\nstatus: {addresses: [{type: ExternalIP, address: 198.51.100.1}]}\n",
    );
    let properties = temp(
        "server.properties",
        "node.id=0\nlisteners=PLAINTEXT://:9092\nadvertised.listeners=PLAINTEXT://kafka-0.kafka-headless.default.svc.cluster.local:9092\n",
    );
    let kcat = temp(
        "kcat.txt",
        " 1 brokers:\n  broker 0 at kafka-0.kafka-headless.default.svc.cluster.local:9092 (controller)\n",
    );
    let config = std::env::temp_dir().join(format!("kafka-expose-cli-{}-closest.json", std::process::id()));
    let out = cli(
        &[
            "diagnose",
            "--bootstrap",
            "198.51.100.1:30092",
            "--config",
            config.to_str().unwrap(),
            objects.to_str().unwrap(),
            properties.to_str().unwrap(),
            kcat.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("# kafka-expose doctor\n"), "{report}");
    assert!(report.contains("**1 of 1 brokers cannot be reached.**"), "{report}");
    assert!(report.contains("### Broker 0: one listener for inside and outside"), "{report}");
    assert!(report.contains("```yaml\napiVersion: v1\nkind: Service\n"), "{report}");
    assert!(report.contains("Then bootstrap from `198.51.100.1:30093`."), "{report}");
    // The closest strategy's config, ready to render.
    let closest = std::fs::read_to_string(&config).unwrap();
    assert!(
        closest.contains("\"strategy\": \"nodeport-per-broker\"")
            && closest.contains("\"headlessService\": \"kafka-headless\""),
        "{closest}"
    );
    let rendered = cli(&["validate", config.to_str().unwrap()], None);
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    // A file that is no YAML gets its message, with the file's name.
    let broken = temp("broken.yaml", "kind: List\nitems: [\n");
    let out = cli(&["diagnose", broken.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("broken.yaml: objects line"), "{}", text(&out.stderr));
    assert_eq!(cli(&["diagnose"], None).status.code(), Some(2));
}
