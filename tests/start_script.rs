//! The start scripts, run under bash for every broker and controller with the environment its pod
//! would have on its preview node, write exactly that node's `server-<i>.properties` (or
//! `controller-<i>.properties`), and format its volume only when they should, for every role.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{file, generate, within, Killed};
use kafka_expose::config::{
    Choice, Config, NodeAddressSource, NodeAddressType, Security, StrategyId, Topology,
};
use kafka_expose::validate::validate;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `start.sh configure` as pod `ordinal` on its preview node; `kubectl` on PATH is a stub that
/// answers for the config's nodes as a cluster's API would.
fn configure(config: &Config, script: &str, dir: &Path, ordinal: u32, env: &[(&str, &str)]) -> Output {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    // What `kubectl get node` prints of each node's addresses, as the Node object lists them: its
    // InternalIP, and its ExternalIP where it has one.
    let stub: String = config
        .nodes
        .iter()
        .map(|n| {
            let mut lines = format!("InternalIP {}\\n", n.internal_address());
            if let Some(external) = n.external_ip() {
                lines.push_str(&format!("ExternalIP {external}\\n"));
            }
            format!(
                "  'get node {} -o jsonpath={{range .status.addresses[*]}}{{.type}} {{.address}}{{\"\\n\"}}{{end}}') printf '{lines}' ;;\n",
                n.name
            )
        })
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
        .env("KAFKA_EXPOSE_TLS_DIR", tls_secret(dir, "pkcs8"))
        .env("POD_NAME", format!("{}-{ordinal}", config.name))
        .env("NODE_NAME", &node.name)
        .env("HOST_IP", node.internal_address());
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("bash runs")
}

/// A mounted `kubernetes.io/tls` Secret made with openssl: `tls.key` as `kind` says (`pkcs8`, as
/// cert-manager writes with `encoding: PKCS8`, or `pkcs1`), and `tls.crt`.
/// Made once per test run and kind (`dir` is the test's own folder, unused): RSA keys take time.
fn tls_secret(_dir: &Path, kind: &str) -> std::path::PathBuf {
    static MADE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _once = MADE.lock().unwrap_or_else(|e| e.into_inner());
    let secret = std::env::temp_dir().join(format!("kafka-expose-tls-{}-{kind}", std::process::id()));
    if secret.join("tls.crt").exists() {
        return secret;
    }
    std::fs::create_dir_all(&secret).unwrap();
    let (key, crt) = (secret.join("tls.key"), secret.join("tls.crt"));
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).output().expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let (key, crt) = (key.to_str().unwrap(), crt.to_str().unwrap());
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        crt,
        "-subj",
        "/CN=kafka",
        "-days",
        "1",
    ]);
    if kind == "pkcs1" {
        openssl(&["rsa", "-in", key, "-out", key, "-traditional"]);
    }
    secret
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
    // Each source; then behind NAT (each node's InternalIP is not the address clients use), each
    // source again and kubectl with either address type first.
    let sources = NodeAddressSource::ALL
        .map(|s| (s, NodeAddressType::ExternalIp, false))
        .into_iter()
        .chain(NodeAddressSource::ALL.map(|s| (s, NodeAddressType::ExternalIp, true)))
        .chain([(NodeAddressSource::Kubectl, NodeAddressType::InternalIp, true)]);
    for strategy in StrategyId::ALL {
        for (source, kind, nat) in sources.clone() {
            let shapes: &[(u32, Topology)] = if nat {
                &[(3, Topology::combined())]
            } else {
                &[(1, Topology::default()), (3, Topology::default()), (3, Topology::combined())]
            };
            for (replicas, topology) in shapes.iter().cloned() {
                // Plaintext everywhere; TLS and SCRAM wherever a certificate can be planned.
                let mut config = Config {
                    replicas,
                    node_address_source: source,
                    node_address_type: kind,
                    topology,
                    ..Config::example(strategy)
                };
                if nat {
                    for (i, node) in config.nodes.iter_mut().enumerate() {
                        node.internal = format!("10.20.0.{}", 11 + i);
                    }
                }
                let config = match validate(&config) {
                    Ok(_) => config,
                    Err(_) => Config { security: Security::plaintext(), ..config },
                };
                let bundle = generate(&config);
                let dir =
                    temp_dir(&format!("{strategy}-{}-{}-{nat}-{replicas}", source.as_str(), kind.as_str()));
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
                // Each dedicated controller, from its own script.
                let controllers = if config.topology.dedicated() { config.topology.controllers } else { 0 };
                for i in 0..controllers {
                    let pod = format!("{}-controller-{i}", config.name);
                    let script = file(&bundle, "start-controller.sh");
                    let out = configure(&config, &script, &dir, i, &[("POD_NAME", &pod)]);
                    assert!(
                        out.status.success(),
                        "{strategy} controller {i}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                    let written =
                        std::fs::read_to_string(dir.join(format!("etc-{i}/server.properties"))).unwrap();
                    assert_eq!(
                        written,
                        file(&bundle, &format!("controller-{i}.properties")),
                        "{strategy} {i}"
                    );
                    runs += 1;
                }
                std::fs::remove_dir_all(&dir).unwrap();
            }
        }
    }
    // Brokers: 1 + 3 + 3 per strategy and source, and 3 behind NAT for each of 4 ways;
    // controllers: 3 + 3.
    assert_eq!(runs, StrategyId::ALL.len() * (3 * (7 + 6) + 4 * 3));
}

#[test]
fn behind_nat_each_source_advertises_the_address_it_can_know() {
    // Three nodes at 10.20.0.11-13 inside, reached at 203.0.113.11-13 from outside.
    let mut config = Config { security: Security::plaintext(), ..Config::example(StrategyId::Hostport) };
    for (i, node) in config.nodes.iter_mut().enumerate() {
        node.internal = format!("10.20.0.{}", 11 + i);
    }
    let advertised = |config: &Config| {
        let bundle = generate(config);
        let dir = temp_dir(&format!(
            "nat-{}-{}",
            config.node_address_source.as_str(),
            config.node_address_type.as_str()
        ));
        let out = configure(config, &file(&bundle, "start.sh"), &dir, 1, &[]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let written = std::fs::read_to_string(dir.join("etc-1/server.properties")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        written.lines().find(|l| l.starts_with("advertised.listeners=")).unwrap().to_string()
    };
    let with =
        |source, kind| Config { node_address_source: source, node_address_type: kind, ..config.clone() };
    let outside = "EXTERNAL://203.0.113.12:9094";
    let inside = "EXTERNAL://10.20.0.12:9094";
    assert!(advertised(&with(NodeAddressSource::StaticMap, NodeAddressType::ExternalIp)).contains(outside));
    assert!(advertised(&with(NodeAddressSource::HostIp, NodeAddressType::ExternalIp)).contains(inside));
    assert!(advertised(&with(NodeAddressSource::Kubectl, NodeAddressType::ExternalIp)).contains(outside));
    assert!(advertised(&with(NodeAddressSource::Kubectl, NodeAddressType::InternalIp)).contains(inside));
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
        security: Security::plaintext(),
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

#[test]
fn configure_assembles_the_pem_keystore_and_refuses_a_key_kafka_cannot_read() {
    let config = Config::default();
    let script = file(&generate(&config), "start.sh").into_owned();
    let dir = temp_dir("keystore");
    let out = configure(&config, &script, &dir, 0, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let secret = tls_secret(&dir, "pkcs8");
    let keystore = std::fs::read_to_string(dir.join("etc-0/external-keystore.pem")).unwrap();
    let expected = std::fs::read_to_string(secret.join("tls.key")).unwrap()
        + &std::fs::read_to_string(secret.join("tls.crt")).unwrap();
    assert_eq!(keystore, expected, "the key, then the chain, in one file");
    assert!(keystore.starts_with("-----BEGIN PRIVATE KEY-----"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.join("etc-0/external-keystore.pem")).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "only the broker's user reads the key");
    // A PKCS#1 key, as cert-manager writes by default, stops the pod with the fix.
    let out = configure(
        &config,
        &script,
        &dir,
        1,
        &[("KAFKA_EXPOSE_TLS_DIR", tls_secret(&dir, "pkcs1").to_str().unwrap())],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not an unencrypted PKCS#8 key") && stderr.contains("encoding: PKCS8"),
        "{stderr}"
    );
    assert!(!dir.join("etc-1/server.properties").exists(), "no half-configured broker");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs `start.sh run` with stub Kafka tools that record their arguments; `env` is the pod's.
/// `run` on a first start: an empty volume, no voter answering yet.
fn run(script: &str, dir: &Path, env: &[(&str, &str)]) -> (Output, String) {
    let _ = std::fs::remove_dir_all(dir.join("logs"));
    run_with_quorum(script, dir, env, None)
}

/// `run` as pod `kafka-1`, where the other voters answer `kafka-metadata-quorum.sh describe
/// --replication` with `replication` (none answers when `None`); the stub `kafka-storage.sh`
/// writes `meta.properties` as the real one does. Every tool records its arguments.
fn run_with_quorum(
    script: &str,
    dir: &Path,
    env: &[(&str, &str)],
    replication: Option<&str>,
) -> (Output, String) {
    let home = dir.join("kafka");
    std::fs::create_dir_all(home.join("bin")).unwrap();
    let calls = dir.join("calls");
    let logs = dir.join("logs");
    // The real tool logs through KAFKA_LOG4J_OPTS when it is set: in these pods that is the
    // broker's console logging, INFO lines on stdout before the table.
    let quorum = match replication {
        Some(table) => format!(
            "printf 'KAFKA_LOG4J_OPTS=%s\\n' \"${{KAFKA_LOG4J_OPTS:-}}\" >>\"{calls}\"\n\
             if [ -n \"${{KAFKA_LOG4J_OPTS:-}}\" ]; then\n{LOG_LINES}fi\n\
             cat <<'TABLE'\n{table}TABLE\n",
            calls = calls.display()
        ),
        None => "echo 'Timed out waiting for a node assignment' >&2\nexit 1\n".into(),
    };
    let tools = [
        (
            "kafka-storage.sh",
            format!("mkdir -p '{0}' && echo version=1 >'{0}/meta.properties'\n", logs.display()),
        ),
        ("kafka-server-start.sh", String::new()),
        ("kafka-metadata-quorum.sh", quorum),
    ];
    for (tool, then) in tools {
        let path = home.join("bin").join(tool);
        let record = format!("printf '%s\\n' \"{tool}\" \"$@\" >>\"{}\"\n", calls.display());
        std::fs::write(&path, format!("#!/bin/bash\n{record}{then}")).unwrap();
        make_executable(&path);
    }
    let etc = dir.join("etc");
    std::fs::create_dir_all(&etc).unwrap();
    std::fs::write(etc.join("server.properties"), "node.id=1\n").unwrap();
    std::fs::write(dir.join("start.sh"), script).unwrap();
    let _ = std::fs::remove_file(&calls);
    let mut command = Command::new("bash");
    command
        .arg(dir.join("start.sh"))
        .arg("run")
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("KAFKA_EXPOSE_CONFIG_DIR", &etc)
        .env("KAFKA_EXPOSE_KAFKA_HOME", &home)
        .env("KAFKA_EXPOSE_LOG_DIR", &logs)
        .env("POD_NAME", "kafka-1");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    let calls = std::fs::read_to_string(&calls).unwrap_or_default();
    (out, calls)
}

/// No start script creates users or reads a password: `kafka-storage.sh format` runs without
/// `--add-scram` for every role, so no controller waits for the users' Secret.
#[test]
fn no_start_script_reads_a_password_or_creates_users() {
    let config = Config::default();
    assert!(config.security.scram());
    let combined = Config { topology: Topology::combined(), ..config.clone() };
    let dir = temp_dir("no-scram-at-format");
    for (config, script) in [(&config, "start-controller.sh"), (&config, "start.sh"), (&combined, "start.sh")]
    {
        let script = file(&generate(config), script).into_owned();
        assert!(!script.contains("--add-scram") && !script.contains("SCRAM_PASSWORD"), "{script}");
        let (out, calls) = run(&script, &dir, &[]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(calls.contains("kafka-storage.sh") && !calls.contains("--add-scram"), "{calls}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `users.sh` (the users' StatefulSet) keeps Kafka's SCRAM users equal to the Secret, under sh, with
/// a stub `kafka-configs.sh` that keeps a user list as Kafka would and prints `--describe` as Kafka
/// does: a user Kafka had that the Secret does not is removed at start; each key becomes a user
/// whose password goes through a file (commas, `=` and backslashes kept), never on a command line
/// nor in a log; a changed value is set again, once; a new key is added; a removed key is removed;
/// a password Kafka's tool would misread is refused, once; an emptied Secret removes no one.
#[test]
fn the_users_deployment_keeps_kafkas_scram_users_equal_to_the_secret() {
    let config = Config::default();
    let script = file(&generate(&config), "users.sh").into_owned();
    let dir = temp_dir("users-sync");
    let (secret, work, bin) = (dir.join("secret"), dir.join("work"), dir.join("kafka/bin"));
    for d in [&secret, &secret.join("..data"), &work, &bin] {
        std::fs::create_dir_all(d).unwrap();
    }
    let first = "pa$$ word,with=comma\\back]";
    std::fs::write(secret.join("client"), first).unwrap();
    std::fs::write(secret.join("etl.job"), "second-secret").unwrap();
    std::fs::write(dir.join("kafka-users"), "legacy\n").unwrap();
    let d = dir.display();
    let stub = format!(
        r#"#!/bin/sh
[ -e '{d}/down' ] && exit 1
printf '%s ' "$@" >>'{d}/calls'
echo >>'{d}/calls'
name=; file=; action=
while [ $# -gt 0 ]; do
  case "$1" in
  --entity-name) name=$2; shift ;;
  --add-config-file) file=$2; action=add; shift ;;
  --delete-config) action=delete; shift ;;
  --describe) action=describe ;;
  esac
  shift
done
case $action in
describe)
  while read -r u; do
    echo "Quota configs for user-principal '$u' are "
    echo "SCRAM credential configs for user-principal '$u' are SCRAM-SHA-512=iterations=8192"
  done <'{d}/kafka-users' ;;
add) cp "$file" '{d}/set-'"$name"; grep -qx "$name" '{d}/kafka-users' || echo "$name" >>'{d}/kafka-users' ;;
delete) grep -vx "$name" '{d}/kafka-users' >'{d}/k.tmp' || true; mv '{d}/k.tmp' '{d}/kafka-users' ;;
esac
"#
    );
    std::fs::write(bin.join("kafka-configs.sh"), stub).unwrap();
    make_executable(&bin.join("kafka-configs.sh"));
    std::fs::write(dir.join("users.sh"), &script).unwrap();
    let (out, err) = (dir.join("out"), dir.join("err"));
    let _sync = Killed(
        Command::new("sh")
            .arg(dir.join("users.sh"))
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("KAFKA_EXPOSE_USERS_DIR", &secret)
            .env("KAFKA_EXPOSE_WORK_DIR", &work)
            .env("KAFKA_EXPOSE_KAFKA_HOME", dir.join("kafka"))
            .env("KAFKA_EXPOSE_USERS_INTERVAL", "1")
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .expect("sh runs"),
    );
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let kafka = || {
        let mut users: Vec<String> = read(&dir.join("kafka-users")).lines().map(str::to_string).collect();
        users.sort();
        users
    };
    let adds = |user: &str| {
        read(&dir.join("calls"))
            .lines()
            .filter(|l| l.contains(&format!("--entity-name {user} --add-config-file")))
            .count()
    };
    assert!(within(6, || kafka() == ["client", "etl.job"]), "{:?}\n{}{}", kafka(), read(&out), read(&err));
    assert_eq!(
        read(&dir.join("set-client")),
        "SCRAM-SHA-512=iterations=8192,password=pa$$ word,with=comma\\\\back]\n",
        "as a properties file holds it: the backslash doubled"
    );
    assert!(read(&out).contains("removed user legacy"), "{}", read(&out));
    // Unchanged: nothing is set again.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!((adds("client"), adds("etl.job")), (1, 1), "{}", read(&dir.join("calls")));
    // A changed password, a new key, a removed key.
    std::fs::write(secret.join("client"), "rotated").unwrap();
    std::fs::write(secret.join("alice"), "alice-secret").unwrap();
    std::fs::remove_file(secret.join("etl.job")).unwrap();
    assert!(within(6, || kafka() == ["alice", "client"] && adds("client") == 2), "{:?}", kafka());
    assert_eq!(read(&dir.join("set-client")), "SCRAM-SHA-512=iterations=8192,password=rotated\n");
    // A password the tool would misread: refused once, never printed.
    std::fs::write(secret.join("bob"), "pässword").unwrap();
    assert!(within(6, || read(&err).contains("user bob holds characters other than printable ASCII")));
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(read(&err).matches("user bob holds").count(), 1, "{}", read(&err));
    assert_eq!(adds("bob"), 0);
    // Emptied: nobody is removed, and it says why, once.
    for user in ["client", "alice", "bob"] {
        std::fs::remove_file(secret.join(user)).unwrap();
    }
    assert!(within(6, || read(&err).contains("holds no user")), "{}", read(&err));
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(kafka(), ["alice", "client"]);
    assert_eq!(read(&err).matches("holds no user").count(), 1);
    // No password on any command line, in any log, or left on disk.
    let said = format!("{}{}{}", read(&out), read(&err), read(&dir.join("calls")));
    for password in [first, "second-secret", "rotated", "alice-secret", "pässword"] {
        assert!(!said.contains(password), "{password} leaked: {said}");
    }
    assert!(!work.join("credential.properties").exists());
    drop(_sync);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What the Kafka tools print on stdout before their output when they run with the broker's
/// console logging (log4j2's console appender, the AdminClient's config dump at INFO).
const LOG_LINES: &str = "cat <<'LOG'
[2026-12-04 10:00:00,001] INFO AdminClientConfig values: 
\tbootstrap.controllers = [kafka-controller-0.kafka-controller.kafka.svc.cluster.local:9093]
\tbootstrap.servers = []
\tclient.id = 
[2026-12-04 10:00:00,214] INFO Kafka version: 4.1.1 (org.apache.kafka.common.utils.AppInfoParser)
LOG
";

/// What a voter answers to `describe --replication`, as Kafka 4 prints it: a header, then the
/// leader, the other voters and the observers, each cell padded to its column's width and
/// followed by a tab (`MetadataQuorumCommand.handleDescribeReplication`,
/// `ToolsUtils.prettyPrintTable`). `rows`: node id, LogEndOffset, status.
fn replication_table(rows: &[(u32, i64, &str)]) -> String {
    let header = [
        "NodeId",
        "DirectoryId",
        "LogEndOffset",
        "Lag",
        "LastFetchTimestamp",
        "LastCaughtUpTimestamp",
        "Status",
    ];
    let leader_offset = rows.iter().find(|r| r.2 == "Leader").map_or(0, |r| r.1);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(id, offset, status)| {
            let fetched = if *offset < 0 { "-1".to_string() } else { "1733306400123".to_string() };
            vec![
                id.to_string(),
                "AAAAAAAAAAAAAAAAAAAAAA".into(),
                offset.to_string(),
                (leader_offset - offset).to_string(),
                fetched.clone(),
                fetched,
                status.to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| cells.iter().map(|r| r[i].len()).chain([header[i].len()]).max().unwrap())
        .collect();
    let line = |row: Vec<String>| -> String {
        row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}\t")).collect::<String>() + "\n"
    };
    let mut table = line(header.iter().map(|h| h.to_string()).collect());
    for row in cells {
        table.push_str(&line(row));
    }
    table
}

/// The quorum's view when `offsets` are the voters' (the first is the leader).
fn replication(offsets: &[(u32, i64)]) -> String {
    let rows: Vec<(u32, i64, &str)> = offsets
        .iter()
        .enumerate()
        .map(|(i, (id, offset))| (*id, *offset, if i == 0 { "Leader" } else { "Follower" }))
        .collect();
    replication_table(&rows)
}

/// A voter (a combined broker, or a dedicated controller) formats on its first start, never on a
/// restart, and refuses a lost volume the quorum remembers.
#[test]
fn run_formats_a_first_start_never_a_restart_and_refuses_a_voter_whose_volume_was_lost() {
    let plaintext = Config { security: Security::plaintext(), ..Config::default() };
    let combined = Config { topology: Topology::combined(), ..plaintext.clone() };
    for (what, config, script, pod) in [
        ("combined", &combined, "start.sh", "kafka-1"),
        ("controller", &plaintext, "start-controller.sh", "kafka-controller-1"),
    ] {
        let script = file(&generate(config), script).into_owned();
        voter_formats_once(what, &script, &[("POD_NAME", pod)]);
    }
}

fn voter_formats_once(what: &str, script: &str, pod: &[(&str, &str)]) {
    let dir = temp_dir(&format!("format-{what}"));
    let with = |extra: &[(&'static str, &'static str)]| -> Vec<(&str, &str)> {
        pod.iter().chain(extra).copied().collect()
    };
    let script = script.to_string();
    let formats = |calls: &str| calls.lines().filter(|l| *l == "kafka-storage.sh").count();
    // First start: no voter has seen this node fetch: it formats, then starts.
    let (out, calls) =
        run_with_quorum(&script, &dir, &with(&[]), Some(&replication(&[(0, 120), (1, -1), (2, 118)])));
    assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(formats(&calls), 1, "{what}: {calls}");
    assert!(calls.contains("--cluster-id") && !calls.contains("--ignore-formatted"), "{calls}");
    assert!(calls.contains("kafka-server-start.sh"));
    // Restart: the volume is formatted; the quorum is asked for its voters, nothing is formatted.
    let (out, calls) =
        run_with_quorum(&script, &dir, &with(&[]), Some(&replication(&[(0, 520), (1, 500), (2, 520)])));
    assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(formats(&calls), 0, "{what}: {calls}");
    assert!(calls.contains("kafka-metadata-quorum.sh"), "{calls}");
    // Lost volume: empty again, and the quorum remembers node 1 at offset 480: it stops, says why.
    std::fs::remove_dir_all(dir.join("logs")).unwrap();
    let (out, calls) =
        run_with_quorum(&script, &dir, &with(&[]), Some(&replication(&[(0, 500), (1, 480), (2, 500)])));
    assert!(!out.status.success(), "{what}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the data volume of node 1 is empty, but the quorum remembers it replicating metadata up to offset 480"),
        "{what}: {stderr}"
    );
    assert!(stderr.contains("KAFKA_EXPOSE_FORCE_FORMAT=1"), "{stderr}");
    assert_eq!(formats(&calls), 0, "nothing formatted: {calls}");
    assert!(!calls.contains("kafka-server-start.sh"));
    // No voter answers (the whole cluster is starting): it formats.
    let (out, calls) = run_with_quorum(&script, &dir, &with(&[]), None);
    assert!(out.status.success());
    assert_eq!(formats(&calls), 1);
    // The operator, having followed the procedure, formats it once on purpose.
    std::fs::remove_dir_all(dir.join("logs")).unwrap();
    let (out, calls) = run_with_quorum(
        &script,
        &dir,
        &with(&[("KAFKA_EXPOSE_FORCE_FORMAT", "1")]),
        Some(&replication(&[(0, 500), (1, 480), (2, 500)])),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(formats(&calls), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A broker beside dedicated controllers holds no vote: an empty volume is formatted, even when
/// the quorum remembers the broker fetching, which is how a broker's lost disk is replaced (it
/// fetches the metadata and its partitions again); a restart formats nothing.
#[test]
fn a_broker_only_node_formats_an_empty_volume_without_asking_the_quorum() {
    let config = Config { security: Security::plaintext(), ..Config::default() };
    let script = file(&generate(&config), "start.sh").into_owned();
    assert!(!script.contains("refuse_if_forgotten"), "{script}");
    let dir = temp_dir("format-broker");
    let formats = |calls: &str| calls.lines().filter(|l| *l == "kafka-storage.sh").count();
    let quorum = replication(&[(0, 500), (101, 480)]);
    let (out, calls) = run_with_quorum(&script, &dir, &[], Some(&quorum));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(formats(&calls), 1, "{calls}");
    assert!(!calls.contains("kafka-metadata-quorum.sh"), "{calls}");
    let (out, calls) = run_with_quorum(&script, &dir, &[], Some(&quorum));
    assert!(out.status.success());
    assert_eq!(formats(&calls), 0, "a restart: {calls}");
    std::fs::remove_dir_all(dir.join("logs")).unwrap();
    let (out, calls) = run_with_quorum(&script, &dir, &[], Some(&quorum));
    assert!(out.status.success());
    assert_eq!(formats(&calls), 1, "a replaced disk: {calls}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The lost-volume guard reads the quorum's answer as Kafka 4 prints it, in a pod whose
/// KAFKA_LOG4J_OPTS is the broker's console logging: the tool runs with the tools' own logging,
/// the header is found after any log lines, and an answer it cannot read refuses, never formats.
#[test]
fn the_lost_volume_guard_reads_the_quorum_as_kafka_prints_it_and_never_formats_on_what_it_cannot_read() {
    let config = Config { security: Security::plaintext(), ..Config::default() };
    let script = file(&generate(&config), "start-controller.sh").into_owned();
    let dir = temp_dir("guard-real-output");
    let pod = [
        ("POD_NAME", "kafka-controller-1"),
        ("KAFKA_LOG4J_OPTS", "-Dlog4j2.configurationFile=/opt/kafka-expose/scripts/log4j2.yaml"),
    ];
    let formats = |calls: &str| calls.lines().filter(|l| *l == "kafka-storage.sh").count();
    let remembers = replication_table(&[
        (0, 1200, "Leader"),
        (2, 1200, "Follower"),
        (1, 1180, "Follower"),
        (100, 1200, "Observer"),
    ]);
    // The tool runs without the broker's logging, and the empty volume the quorum remembers is
    // refused.
    let (out, calls) = run_with_quorum(&script, &dir, &pod, Some(&remembers));
    assert!(calls.contains("KAFKA_LOG4J_OPTS=\n"), "the tool ran with the tools' own logging: {calls}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && formats(&calls) == 0, "{calls}\n{stderr}");
    assert!(stderr.contains("remembers it replicating metadata up to offset 1180"), "{stderr}");
    // Log lines before the table, however they got there: the header is found after them.
    let logged = format!(
        "[2026-12-04 10:00:00,001] INFO AdminClientConfig values: \n\tbootstrap.controllers = []\n\
         [2026-12-04 10:00:00,214] INFO Kafka version: 4.1.1 (org.apache.kafka.common.utils.AppInfoParser)\n{remembers}"
    );
    let (out, calls) = run_with_quorum(&script, &dir, &pod, Some(&logged));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && formats(&calls) == 0, "{calls}");
    assert!(stderr.contains("remembers it replicating metadata up to offset 1180"), "{stderr}");
    // An answer with no table in it: refused, saying so; nothing formatted.
    let (out, calls) =
        run_with_quorum(&script, &dir, &pod, Some("Error while executing: the leader is not known\n"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && formats(&calls) == 0, "{calls}");
    assert!(stderr.contains("with nothing this script can read"), "{stderr}");
    assert!(stderr.contains("it does not format the empty volume"), "{stderr}");
    // A header and no row it can read (the columns moved under it): refused too.
    let (out, calls) = run_with_quorum(
        &script,
        &dir,
        &pod,
        Some("NodeId\tLogEndOffset\tStatus\t\nleader\tunknown\tLeader\t\n"),
    );
    assert!(!out.status.success() && formats(&calls) == 0, "{calls}");
    // The quorum never saw node 1 fetch (a first start): it formats.
    let first = replication_table(&[(0, 90, "Leader"), (1, -1, "Follower"), (2, 90, "Follower")]);
    let (out, calls) = run_with_quorum(&script, &dir, &pod, Some(&first));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(formats(&calls), 1, "{calls}");
    // A restart that cannot read the answer starts (its volume is intact) and says it did not compare.
    let (out, calls) = run_with_quorum(&script, &dir, &pod, Some("garbage\n"));
    assert!(out.status.success() && formats(&calls) == 0, "{calls}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("starting without comparing voters"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A voter whose configured voters are not the quorum's refuses to start, formatted or not: the
/// number of controllers of a running cluster changed, which is a migration.
#[test]
fn a_voter_whose_configured_voters_differ_from_the_quorums_refuses_to_start() {
    let mut config = Config { security: Security::plaintext(), ..Config::default() };
    config.topology.controllers = 5;
    config.nodes.extend(
        (4..=5).map(|i| kafka_expose::config::Node::new(format!("node-{i}"), format!("198.51.100.{i}"))),
    );
    assert!(validate(&config).is_ok());
    let script = file(&generate(&config), "start-controller.sh").into_owned();
    let dir = temp_dir("voters-changed");
    let three = replication(&[(0, 700), (1, 690), (2, 700)]);
    for (what, empty) in [("a restart", false), ("a new controller", true)] {
        if empty {
            let _ = std::fs::remove_dir_all(dir.join("logs"));
        } else {
            std::fs::create_dir_all(dir.join("logs")).unwrap();
            std::fs::write(dir.join("logs/meta.properties"), "version=1\n").unwrap();
        }
        let (out, calls) =
            run_with_quorum(&script, &dir, &[("POD_NAME", "kafka-controller-1")], Some(&three));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{what}: {calls}");
        assert!(
            stderr.contains(
                "the quorum's voters are node(s) 0 1 2, but this node is configured with 0 1 2 3 4"
            ),
            "{what}: {stderr}"
        );
        assert!(stderr.contains("kraft.version=1"), "{stderr}");
        assert!(!calls.contains("kafka-storage.sh") && !calls.contains("kafka-server-start.sh"), "{calls}");
    }
    // The quorum has the configured five: it starts.
    let five = replication(&[(3, 700), (0, 700), (1, 690), (2, 700), (4, 700)]);
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    std::fs::write(dir.join("logs/meta.properties"), "version=1\n").unwrap();
    let (out, calls) = run_with_quorum(&script, &dir, &[("POD_NAME", "kafka-controller-1")], Some(&five));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(calls.contains("kafka-server-start.sh"));
    std::fs::remove_dir_all(&dir).unwrap();
}
