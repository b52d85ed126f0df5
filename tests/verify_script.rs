//! `verify.sh` run as a user would run it on the client's machine, against loopback listeners
//! standing in for the brokers (plain TCP, or `openssl s_server` with a certificate made from the
//! plan) and a stub `kcat` that answers with metadata: every address ok, a broker that is down, a
//! certificate without the address, a broker that advertises something else. Its output is what
//! the doctor reads as kcat's.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::openssl::{issue, Server};
use common::{file, generate};
use kafka_expose::config::{Config, Node, Security, StrategyId};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

/// hostPort brokers on three loopback "nodes", 127.0.0.1-3, all on one free port: the plan's
/// addresses are real places on this machine.
fn config(security: Security) -> (Config, u16) {
    let port = (0..50)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port())
        .find(|p| (1..=3).all(|n| TcpListener::bind((format!("127.0.0.{n}").as_str(), *p)).is_ok()))
        .expect("a port free on 127.0.0.1-3");
    let mut config = Config { security, ..Config::example(StrategyId::Hostport) };
    config.nodes = (1..=3).map(|n| Node::new(format!("node-{n}"), format!("127.0.0.{n}"))).collect();
    config.advertised_host = "127.0.0.1".into();
    config.ports.external = u32::from(port);
    (config, port)
}

/// A `kcat` that prints this metadata, in kcat's words.
fn stub_kcat(dir: &Path, brokers: &[(u32, String)]) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let lines: String = brokers.iter().map(|(id, a)| format!("  broker {id} at {a}\n")).collect();
    let kcat = bin.join("kcat");
    std::fs::write(
        &kcat,
        format!("#!/bin/sh\ncat <<'EOF'\nMetadata for all topics (from broker 100: {}/100):\n {} brokers:\n{lines}EOF\n", brokers[0].1, brokers.len()),
    )
    .unwrap();
    Command::new("chmod").arg("755").arg(&kcat).status().unwrap();
    bin
}

fn run(script: &str, dir: &Path, bin: &Path, ca: Option<&Path>) -> (bool, String) {
    run_on_path(script, dir, &format!("{}:/usr/bin:/bin", bin.display()), ca, &[])
}

/// `verify.sh` with exactly this PATH, and `env`.
fn run_on_path(
    script: &str,
    dir: &Path,
    path: &str,
    ca: Option<&Path>,
    env: &[(&str, &str)],
) -> (bool, String) {
    std::fs::write(dir.join("verify.sh"), script).unwrap();
    let mut command = Command::new("/bin/sh");
    command
        .arg(dir.join("verify.sh"))
        .current_dir(dir)
        .env_clear()
        .env("PATH", path)
        .envs(env.iter().copied());
    if let Some(ca) = ca {
        command.env("KAFKA_EXPOSE_CA", ca);
    }
    let out = command.output().unwrap();
    (
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kafka-expose-verify-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn plaintext_every_address_connects_and_every_broker_advertises_the_plans_address() {
    let (config, port) = config(Security::plaintext());
    let bundle = generate(&config);
    let script = file(&bundle, "verify.sh").into_owned();
    let dir = temp_dir("plain");
    let addresses: Vec<String> = (1..=3).map(|n| format!("127.0.0.{n}:{port}")).collect();
    let mut listeners: Vec<TcpListener> =
        addresses.iter().map(|a| TcpListener::bind(a.as_str()).unwrap()).collect();
    // Dedicated controllers: the brokers are nodes 100, 101, 102.
    let metadata: Vec<(u32, String)> =
        addresses.iter().enumerate().map(|(i, a)| (100 + i as u32, a.clone())).collect();
    let bin = stub_kcat(&dir, &metadata);
    let (ok, out) = run(&script, &dir, &bin, None);
    assert!(ok, "{out}");
    for (i, address) in addresses.iter().enumerate() {
        assert!(out.contains(&format!("broker {} ({address}): ok\n", 100 + i)), "{out}");
        assert!(out.contains(&format!("broker {}: ok, advertises {address}\n", 100 + i)), "{out}");
    }
    assert!(out.contains(&format!("bootstrap 127.0.0.1:{port}: ok")), "{out}");

    // Broker 102 is down, and the cluster says broker 101 advertises its in-cluster name.
    // (The other two keep listening: a port let go and bound again can be taken in between, as
    // another test's connection's own port.)
    listeners.truncate(2);
    let internal = "kafka-1.broker.kafka.svc.cluster.local:9094".to_string();
    let bin =
        stub_kcat(&dir, &[(100, addresses[0].clone()), (101, internal.clone()), (102, addresses[2].clone())]);
    let (ok, out) = run(&script, &dir, &bin, None);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "broker 102 ({}): FAIL: nothing accepts connections on {}",
            addresses[2], addresses[2]
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("broker 101: FAIL: advertises {internal}, the plan says {}", addresses[1])),
        "{out}"
    );
    // The doctor reads the output as kcat's: the brokers and what they advertise.
    let d = kafka_expose::doctor::diagnose(&kafka_expose::doctor::Question {
        kcat: out.clone(),
        ..Default::default()
    });
    assert_eq!(d.reading.kcat, [(100, addresses[0].clone()), (101, internal), (102, addresses[2].clone())]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn with_tls_each_address_is_verified_against_the_certificate_for_that_host() {
    let (config, port) = config(Security {
        authentication: kafka_expose::config::Authentication::None,
        ..Security::default()
    });
    let bundle = generate(&config);
    let script = file(&bundle, "verify.sh").into_owned();
    assert!(script.contains("TLS=1"));
    let dir = temp_dir("tls");
    let addresses: Vec<String> = (1..=3).map(|n| format!("127.0.0.{n}:{port}")).collect();
    let metadata: Vec<(u32, String)> =
        addresses.iter().enumerate().map(|(i, a)| (100 + i as u32, a.clone())).collect();
    let bin = stub_kcat(&dir, &metadata);
    // A certificate for 127.0.0.1 and 127.0.0.2 only: the third broker's address is missing.
    let certs = dir.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    issue(&certs, &[], &["127.0.0.1".into(), "127.0.0.2".into()]);
    let pem = certs.join("server.pem");
    let key_and_chain = [
        std::fs::read_to_string(certs.join("tls.key")).unwrap(),
        std::fs::read_to_string(certs.join("tls.crt")).unwrap(),
    ]
    .concat();
    std::fs::write(&pem, key_and_chain).unwrap();
    let _servers: Vec<Server> = (1..=3).map(|n| Server::at(&pem, &format!("127.0.0.{n}"), port)).collect();
    let (ok, out) = run(&script, &dir, &bin, Some(&certs.join("ca.crt")));
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!("broker 100 ({}): ok (TLS verified for 127.0.0.1)", addresses[0])),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "broker 102 ({}): FAIL: TLS: the certificate is not valid for 127.0.0.3",
            addresses[2]
        )),
        "{out}"
    );
    // Without the CA the client has, nothing verifies.
    let (ok, out) = run(&script, &dir, &bin, Some(&dir.join("no-such-ca.crt")));
    assert!(!ok && !out.contains("TLS verified"), "{out}");
    // A listener that closes the connection before any handshake (plaintext Kafka does, on a TLS
    // hello) is no TLS verified, though openssl still prints "Verify return code: 0 (ok)".
    drop(_servers);
    let _first = Server::at(&pem, "127.0.0.1", port);
    let closing = std::net::TcpListener::bind(("127.0.0.2", port)).unwrap();
    std::thread::spawn(move || {
        for stream in closing.incoming() {
            drop(stream);
        }
    });
    let (ok, out) = run(&script, &dir, &bin, Some(&certs.join("ca.crt")));
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "broker 101 ({}): FAIL: TLS: no handshake on 127.0.0.2:{port}: the listener closed the connection",
            addresses[1]
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("broker 100 ({}): ok (TLS verified for 127.0.0.1)", addresses[0])),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A PATH with every tool of /usr/bin but the TCP probes (nc, bash, openssl) and kcat, plus the one
/// probe `keep` wrapped so that each use is written to `<dir>/probes`: verify.sh must take that
/// path and no other.
fn path_with_only(dir: &Path, keep: &str) -> PathBuf {
    let bin = dir.join(format!("bin-{keep}"));
    let _ = std::fs::remove_dir_all(&bin);
    std::fs::create_dir_all(&bin).unwrap();
    let probes = ["nc", "netcat", "nc.openbsd", "bash", "openssl", "kcat"];
    for entry in std::fs::read_dir("/usr/bin").unwrap().flatten() {
        let name = entry.file_name();
        if !probes.contains(&name.to_str().unwrap_or("")) {
            std::os::unix::fs::symlink(entry.path(), bin.join(&name)).unwrap();
        }
    }
    let wrapper = bin.join(keep);
    std::fs::write(
        &wrapper,
        format!("#!/bin/sh\necho {keep} >>'{}'\nexec /usr/bin/{keep} \"$@\"\n", dir.join("probes").display()),
    )
    .unwrap();
    Command::new("chmod").arg("755").arg(&wrapper).status().unwrap();
    bin
}

/// Each of verify.sh's ways to test a connection, forced in turn by what the machine has: nc, else
/// bash's /dev/tcp, else openssl s_client. Each finds the brokers that listen and the one that
/// does not, and is the one used.
#[test]
fn every_connection_probe_finds_what_listens_and_what_does_not() {
    let (config, port) = config(Security::plaintext());
    let script = file(&generate(&config), "verify.sh").into_owned();
    let dir = temp_dir("probes");
    let addresses: Vec<String> = (1..=3).map(|n| format!("127.0.0.{n}:{port}")).collect();
    // Brokers 100 and 101 listen; 102 is down.
    let _up: Vec<TcpListener> =
        addresses[..2].iter().map(|a| TcpListener::bind(a.as_str()).unwrap()).collect();
    for probe in ["nc", "bash", "openssl"] {
        let _ = std::fs::remove_file(dir.join("probes"));
        let bin = path_with_only(&dir, probe);
        // A second for a connection: these listeners accept and never answer, as a plaintext
        // listener waits for a request, so openssl's probe waits out its bound on each.
        let (ok, out) =
            run_on_path(&script, &dir, bin.to_str().unwrap(), None, &[("KAFKA_EXPOSE_TIMEOUT", "1")]);
        assert!(!ok, "{probe}: {out}");
        for (i, address) in addresses[..2].iter().enumerate() {
            assert!(out.contains(&format!("broker {} ({address}): ok\n", 100 + i)), "{probe}: {out}");
        }
        assert!(
            out.contains(&format!(
                "broker 102 ({0}): FAIL: nothing accepts connections on {0}",
                addresses[2]
            )),
            "{probe}: {out}"
        );
        assert!(out.contains("metadata: skipped: install kcat"), "{probe}: {out}");
        let used = std::fs::read_to_string(dir.join("probes")).unwrap_or_default();
        assert!(used.lines().count() >= 3 && used.lines().all(|l| l == probe), "{probe}: {used}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
