//! A real TLS check of the SAN plan. For each strategy: a CA and a leaf certificate are made with
//! openssl from the generated Certificate's `dnsNames` and `ipAddresses` (a PKCS#8 key, as
//! cert-manager writes with `encoding: PKCS8`), the keystore is assembled by the generated
//! `start.sh` itself, `openssl s_server` serves it on loopback, and `openssl s_client` verifies it
//! for every address a broker advertises and every bootstrap address, exactly as each is written in
//! the rendered files: an IP with `-verify_ip`, a name with `-verify_hostname` and `-servername`.
//! A deliberately wrong address must fail.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::openssl::{issue, Server};
use common::{documents, file, generate, properties};
use kafka_expose::config::{Config, StrategyId};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `start.sh configure` of broker 0, with the Secret mounted from `secret`: the keystore it writes.
fn keystore_from_start_script(config: &Config, dir: &Path, secret: &Path) -> PathBuf {
    let script = dir.join("start.sh");
    std::fs::write(&script, file(&generate(config), "start.sh").as_bytes()).unwrap();
    let node = &config.nodes[0];
    let out = Command::new("bash")
        .arg(&script)
        .arg("configure")
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("KAFKA_EXPOSE_CONFIG_DIR", dir.join("etc"))
        .env("KAFKA_EXPOSE_TLS_DIR", secret)
        .env("POD_NAME", format!("{}-0", config.name))
        .env("NODE_NAME", &node.name)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir.join("etc/external-keystore.pem")
}

/// Every host a client outside dials: each broker's advertised EXTERNAL host and every bootstrap
/// host, read from the rendered files.
fn dialed_hosts(config: &Config) -> Vec<String> {
    let bundle = generate(config);
    let mut hosts = Vec::new();
    for i in 0..config.replicas {
        let props = properties(&file(&bundle, &format!("server-{i}.properties")));
        let external =
            props["advertised.listeners"].split(',').find_map(|l| l.strip_prefix("EXTERNAL://")).unwrap();
        hosts.push(external.rsplit_once(':').unwrap().0.to_string());
    }
    let client = properties(&file(&bundle, "client.properties"));
    hosts.extend(client["bootstrap.servers"].split(',').map(|s| s.rsplit_once(':').unwrap().0.to_string()));
    hosts.sort();
    hosts.dedup();
    hosts
}

#[test]
fn every_advertised_and_bootstrap_address_verifies_against_a_certificate_made_from_the_plan() {
    let mut configs: Vec<Config> = StrategyId::ALL.into_iter().map(Config::example).collect();
    configs.push(Config { advertised_host: "kafka.example.com".into(), ..Config::default() });
    let mut wildcard = Config::example(StrategyId::LoadbalancerPerBroker);
    wildcard.security.extra_sans = vec!["*.example.com".into()];
    configs.push(wildcard);
    let mut checked = 0;
    for (n, config) in configs.iter().enumerate() {
        let dir = std::env::temp_dir().join(format!("kafka-expose-tls-check-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let secret = dir.join("secret");
        std::fs::create_dir_all(&secret).unwrap();
        // The SANs as the generated Certificate asks cert-manager for them.
        let docs = documents(&file(&generate(config), "manifests.yaml"));
        let certificate =
            docs.iter().find(|d| d["kind"] == "Certificate" && d["spec"]["isCA"].is_null()).unwrap();
        let list = |key: &str| -> Vec<String> {
            certificate["spec"][key]
                .as_sequence()
                .map_or(Vec::new(), |s| s.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        };
        issue(&secret, &list("dnsNames"), &list("ipAddresses"));
        assert!(std::fs::read_to_string(secret.join("tls.key"))
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----"));
        let keystore = keystore_from_start_script(config, &dir, &secret);
        let server = Server::start(&keystore);
        let ca = secret.join("ca.crt");
        for host in dialed_hosts(config) {
            let (ok, output) = server.verifies(&host, &ca);
            assert!(ok, "{}: {host} does not verify:\n{output}", config.strategy);
            checked += 1;
        }
        // An address the plan does not hold fails, as a name that is not in the certificate must.
        for wrong in ["192.0.2.250", "wrong.example.org"] {
            let (ok, output) = server.verifies(wrong, &ca);
            assert!(!ok, "{}: {wrong} verified:\n{output}", config.strategy);
        }
        drop(server);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    assert!(checked >= 20, "{checked} addresses checked");
}
