//! The start scripts, run under bash for every broker and controller with the environment its pod
//! would have on its preview node, write exactly that node's `server-<i>.properties` (or
//! `controller-<i>.properties`), and format its volume only when they should, for every role.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{file, generate};
use kafka_expose::config::{Config, NodeAddressSource, Security, StrategyId, Topology};
use kafka_expose::validate::validate;
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
        .env("KAFKA_EXPOSE_TLS_DIR", tls_secret(dir, "pkcs8"))
        .env("POD_NAME", format!("{}-{ordinal}", config.name))
        .env("NODE_NAME", &node.name)
        .env("HOST_IP", &node.address);
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
    for strategy in StrategyId::ALL {
        for source in NodeAddressSource::ALL {
            for (replicas, topology) in
                [(1, Topology::default()), (3, Topology::default()), (3, Topology::combined())]
            {
                // Plaintext everywhere; TLS and SCRAM wherever a certificate can be planned.
                let config =
                    Config { replicas, node_address_source: source, topology, ..Config::example(strategy) };
                let config = match validate(&config) {
                    Ok(_) => config,
                    Err(_) => Config { security: Security::plaintext(), ..config },
                };
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
    // Brokers: 1 + 3 + 3 per strategy and source; controllers: 3 + 3.
    assert_eq!(runs, 6 * 3 * (7 + 6));
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
    let quorum = match replication {
        Some(table) => format!("cat <<'TABLE'\n{table}TABLE\n"),
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

#[test]
fn run_creates_the_scram_users_from_the_secrets_environment_and_never_prints_a_password() {
    let mut config = Config::default();
    config.security.users = vec!["client".into(), "etl.job".into()];
    // The users go into the metadata log, which the controllers' format creates.
    let script = file(&generate(&config), "start-controller.sh").into_owned();
    let dir = temp_dir("scram");
    let env = [("SCRAM_PASSWORD_0", "pa$$ word=\"1\""), ("SCRAM_PASSWORD_1", "second-secret")];
    let (out, calls) = run(&script, &dir, &env);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let args: Vec<&str> = calls.lines().skip_while(|l| *l != "kafka-storage.sh").collect();
    assert_eq!(args[0], "kafka-storage.sh", "{calls}");
    let scram: Vec<&str> = args.windows(2).filter(|w| w[0] == "--add-scram").map(|w| w[1]).collect();
    assert_eq!(
        scram,
        [
            "SCRAM-SHA-512=[name=client,password=pa$$ word=\"1\"]",
            "SCRAM-SHA-512=[name=etl.job,password=second-secret]"
        ]
    );
    assert!(calls.contains("kafka-server-start.sh"), "then the broker starts");
    let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        !printed.contains("second-secret") && !printed.contains("word="),
        "no password in the log: {printed}"
    );
    // A comma would be read as the end of the password: refused before anything is formatted.
    let (out, calls) = run(&script, &dir, &[("SCRAM_PASSWORD_0", "a,b"), ("SCRAM_PASSWORD_1", "x")]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the password of SCRAM user client contains a comma"), "{stderr}");
    assert!(!stderr.contains("a,b"), "the refused password is not printed either");
    assert!(!calls.contains("kafka-storage.sh"), "kafka-storage.sh never ran: {calls}");
    // No password: the message names the Secret to create.
    let (out, _) = run(&script, &dir, &[("SCRAM_PASSWORD_0", "x")]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("create the Secret kafka-scram-users with a key etl.job"));
    // Without SCRAM, nothing is added.
    let plain = file(
        &generate(&Config { security: Security::plaintext(), ..Config::default() }),
        "start-controller.sh",
    )
    .into_owned();
    let (out, calls) = run(&plain, &dir, &[]);
    assert!(out.status.success() && !calls.contains("--add-scram"), "{calls}");
    // Brokers beside dedicated controllers format without users (and have no passwords); combined
    // brokers are voters and add them.
    let broker = file(&generate(&config), "start.sh").into_owned();
    let (out, calls) = run(&broker, &dir, &[]);
    assert!(
        out.status.success() && calls.contains("kafka-storage.sh") && !calls.contains("--add-scram"),
        "{calls}"
    );
    let combined = file(&generate(&Config { topology: Topology::combined(), ..config.clone() }), "start.sh")
        .into_owned();
    let (out, calls) = run(&combined, &dir, &env);
    assert!(out.status.success() && calls.matches("--add-scram").count() == 2, "{calls}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What a voter answers: the quorum's view of each node's replication.
fn replication(offsets: &[(u32, i64)]) -> String {
    let mut table =
        String::from("NodeId  DirectoryId             LogEndOffset  Lag  LastFetchTimestamp  LastCaughtUpTimestamp  Status\n");
    for (id, offset) in offsets {
        table.push_str(&format!("{id}       AAAAAAAAAAAAAAAAAAAAAA  {offset}  0  1  1  Follower\n"));
    }
    table
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
    // Restart: the volume is formatted; nothing is asked or formatted.
    let (out, calls) = run_with_quorum(&script, &dir, &with(&[]), Some(&replication(&[(1, 500)])));
    assert!(out.status.success());
    assert_eq!(formats(&calls), 0, "{what}: {calls}");
    assert!(!calls.contains("kafka-metadata-quorum.sh"), "{calls}");
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
        Some(&replication(&[(1, 480)])),
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
