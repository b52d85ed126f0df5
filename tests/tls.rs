//! A real TLS check of the SAN plan. For each strategy: a CA and a leaf certificate are made with
//! openssl from the generated Certificate's `dnsNames` and `ipAddresses` (a PKCS#8 key, as
//! cert-manager writes with `encoding: PKCS8`), the keystore is assembled by the generated
//! `start.sh` itself, `openssl s_server` serves it on loopback, and `openssl s_client` verifies it
//! for every address a broker advertises and every bootstrap address, exactly as each is written in
//! the rendered files: an IP with `-verify_ip`, a name with `-verify_hostname` and `-servername`.
//! A deliberately wrong address must fail.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::openssl::{issue, leaf, Server};
use common::{documents, file, generate, properties, within, Killed};
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
        let (dns, ips) = planned_sans(config);
        issue(&secret, &dns, &ips);
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

/// The SANs the generated Certificate asks cert-manager for: (dnsNames, ipAddresses).
fn planned_sans(config: &Config) -> (Vec<String>, Vec<String>) {
    let docs = documents(&file(&generate(config), "manifests.yaml"));
    let certificate =
        docs.iter().find(|d| d["kind"] == "Certificate" && d["spec"]["isCA"].is_null()).unwrap();
    let list = |key: &str| -> Vec<String> {
        certificate["spec"][key]
            .as_sequence()
            .map_or(Vec::new(), |s| s.iter().map(|v| v.as_str().unwrap().to_string()).collect())
    };
    (list("dnsNames"), list("ipAddresses"))
}

/// Points the mounted Secret at `version` at once, as the kubelet swaps a Secret volume's files
/// (a symlink renamed over the old one).
fn mount_secret(dir: &Path, version: &Path) {
    let next = dir.join("secret.next");
    let _ = std::fs::remove_file(&next);
    std::os::unix::fs::symlink(version, &next).unwrap();
    std::fs::rename(&next, dir.join("secret")).unwrap();
}

/// Copies the Secret's files to a new version folder.
fn secret_version(dir: &Path, from: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::create_dir_all(&to).unwrap();
    for f in ["ca.crt", "ca.key", "tls.key", "tls.crt"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    to
}

/// How long the watch loop (a 1 s interval here) may take to act: generous, since a machine busy
/// with the other tests' handshakes once took more than 5 s; a passing run waits only as long as
/// the loop needs.
const PATIENCE: u64 = 30;

/// A renewal reaches the broker with no manual step. `start.sh watch-tls` (the `tls-reload`
/// container) runs under sh with a stub `kafka-configs.sh` that records what it is asked: an
/// unchanged Secret leads to nothing; a renewed one (a new key, the same SANs) to a rebuilt
/// keystore and one request that broker 100 reload it, within the loop's interval; a PKCS#1 or a
/// cut-short key to no change and one clear log line; a broker that does not answer is asked
/// again. The renewed certificate, served by s_server from the keystore the loop rebuilt, verifies
/// for every advertised address against the ca.crt the client fetched before the renewal.
#[test]
fn a_renewed_certificate_reaches_the_broker_without_a_restart() {
    let config = Config::default();
    let dir = std::env::temp_dir().join(format!("kafka-expose-renewal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let v1 = dir.join("v1");
    std::fs::create_dir_all(&v1).unwrap();
    let (dns, ips) = planned_sans(&config);
    issue(&v1, &dns, &ips);
    mount_secret(&dir, &v1);
    let client_ca = dir.join("client-ca.crt");
    std::fs::copy(v1.join("ca.crt"), &client_ca).unwrap();
    let keystore = keystore_from_start_script(&config, &dir, &dir.join("secret"));
    // Kafka's tool, stubbed: it records its arguments, and fails while the broker is "down".
    let bin = dir.join("kafka/bin");
    std::fs::create_dir_all(&bin).unwrap();
    let calls = dir.join("calls");
    let tool = bin.join("kafka-configs.sh");
    std::fs::write(
        &tool,
        format!(
            "#!/bin/sh\n[ -e '{down}' ] && exit 1\nprintf '%s ' \"$@\" >>'{calls}'\necho >>'{calls}'\n",
            down = dir.join("down").display(),
            calls = calls.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&tool, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let (out, err) = (dir.join("out"), dir.join("err"));
    let _watch = Killed(
        Command::new("sh")
            .arg(dir.join("start.sh"))
            .arg("watch-tls")
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("KAFKA_EXPOSE_CONFIG_DIR", dir.join("etc"))
            .env("KAFKA_EXPOSE_TLS_DIR", dir.join("secret"))
            .env("KAFKA_EXPOSE_KAFKA_HOME", dir.join("kafka"))
            .env("KAFKA_EXPOSE_TLS_INTERVAL", "1")
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .expect("sh runs"),
    );
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let reloads = || read(&calls).lines().count();
    // Unchanged: nothing is asked.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(reloads(), 0, "{}", read(&calls));
    // Renewed: a new key, the same SANs, signed by the same CA.
    let v2 = secret_version(&dir, &v1, "v2");
    leaf(&v2, &dns, &ips);
    mount_secret(&dir, &v2);
    assert!(within(PATIENCE, || reloads() == 1), "no reload asked: {}{}", read(&out), read(&err));
    let expected = format!(
        "--bootstrap-server localhost:{} --entity-type brokers --entity-name 100 --alter --add-config \
         listener.name.external.ssl.keystore.location={} ",
        config.ports.internal,
        keystore.display()
    );
    assert_eq!(read(&calls).lines().next().unwrap(), expected);
    assert_eq!(read(&keystore), read(&v2.join("tls.key")) + &read(&v2.join("tls.crt")));
    assert!(read(&out).contains("broker 100 reloaded it"), "{}", read(&out));
    assert_ne!(read(&v1.join("tls.key")), read(&v2.join("tls.key")), "a new key");
    let san = |crt: &Path| {
        let o = Command::new("openssl")
            .args(["x509", "-noout", "-ext", "subjectAltName", "-in"])
            .arg(crt)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert_eq!(san(&v1.join("tls.crt")), san(&v2.join("tls.crt")), "the same SANs");
    {
        let server = Server::start(&keystore);
        for host in dialed_hosts(&config) {
            let (ok, output) = server.verifies(&host, &client_ca);
            assert!(ok, "{host} does not verify after the renewal against the client's ca.crt:\n{output}");
        }
    }
    // A PKCS#1 key, then a key cut short: the keystore stays, one line says why, nothing is asked.
    let v3 = secret_version(&dir, &v2, "v3");
    common::openssl::openssl(&["rsa", "-in", "tls.key", "-out", "tls.key", "-traditional"], &v3);
    mount_secret(&dir, &v3);
    assert!(within(PATIENCE, || read(&err).contains("is not an unencrypted PKCS#8 key")), "{}", read(&err));
    let v4 = secret_version(&dir, &v2, "v4");
    let cut: String = read(&v2.join("tls.key")).lines().take(5).map(|l| format!("{l}\n")).collect();
    std::fs::write(v4.join("tls.key"), cut).unwrap();
    mount_secret(&dir, &v4);
    assert!(within(PATIENCE, || read(&err).contains("is cut short")), "{}", read(&err));
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(reloads(), 1, "{}", read(&calls));
    assert_eq!(read(&keystore), read(&v2.join("tls.key")) + &read(&v2.join("tls.crt")), "unchanged");
    assert_eq!(
        read(&err).matches("the broker keeps the certificate it has").count(),
        2,
        "once each: {}",
        read(&err)
    );
    // The broker does not answer: it is asked again until it does.
    std::fs::write(dir.join("down"), "").unwrap();
    let v5 = secret_version(&dir, &v1, "v5");
    leaf(&v5, &dns, &ips);
    mount_secret(&dir, &v5);
    assert!(within(PATIENCE, || read(&err).contains("did not reload the keystore")), "{}", read(&err));
    std::fs::remove_file(dir.join("down")).unwrap();
    assert!(within(PATIENCE, || reloads() == 2), "{}{}", read(&calls), read(&err));
    drop(_watch);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The generated TLSRoutes as a real SNI router's configuration: HAProxy (Debian's) in TCP mode,
/// reading the ClientHello's server name (`req.ssl_sni`), one backend per route and no default, as
/// a Gateway's Passthrough listener routes. Listening on `port` on loopback; each route's Service
/// is an `openssl s_server` of `backends` (by Service name).
fn sni_router(
    docs: &[serde_yaml::Value],
    port: u16,
    backends: &std::collections::BTreeMap<String, u16>,
    dir: &Path,
) -> Killed {
    let mut frontend = format!(
        "global\n  maxconn 100\ndefaults\n  mode tcp\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\n\
         frontend gateway\n  bind 127.0.0.1:{port}\n  tcp-request inspect-delay 2s\n  \
         tcp-request content accept if {{ req_ssl_hello_type 1 }}\n"
    );
    let mut servers = String::new();
    for (i, route) in docs.iter().filter(|d| d["kind"] == "TLSRoute").enumerate() {
        let backend = route["spec"]["rules"][0]["backendRefs"][0]["name"].as_str().unwrap();
        for host in route["spec"]["hostnames"].as_sequence().unwrap() {
            frontend.push_str(&format!(
                "  use_backend route{i} if {{ req.ssl_sni -i {} }}\n",
                host.as_str().unwrap()
            ));
        }
        servers.push_str(&format!("backend route{i}\n  server s 127.0.0.1:{}\n", backends[backend]));
    }
    let config = dir.join("haproxy.cfg");
    std::fs::write(&config, frontend + &servers).unwrap();
    let check = Command::new("haproxy").args(["-c", "-f"]).arg(&config).output().expect("haproxy runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let child = Command::new("haproxy").args(["-db", "-f"]).arg(&config).spawn().unwrap();
    assert!(
        within(10, || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()),
        "haproxy did not start"
    );
    Killed(child)
}

/// Real SNI routing through the generated TLSRoutes: every broker's advertised name and bootstrap's
/// reach that broker (its own s_server, told apart by the certificate's subject) and verify against
/// the certificate issued from the generated SANs; by IP (no SNI) nothing answers; a route removed,
/// or a name left out of the certificate, fails.
#[test]
fn the_generated_tls_routes_route_each_broker_by_sni_through_a_real_router() {
    use std::collections::BTreeMap;
    use std::net::TcpListener;
    let free = || TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    // The Gateway's listener on a free loopback port: what every broker advertises.
    let port = free();
    let mut config = Config::example(StrategyId::GatewayTlsPassthrough);
    config.gateway.port = u32::from(port);
    let bundle = generate(&config);
    let docs = documents(&file(&bundle, "manifests.yaml"));
    let (dns, ips) = planned_sans(&config);
    let dir = std::env::temp_dir().join(format!("kafka-expose-sni-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    common::openssl::ca(&dir);
    // One s_server per route's Service, each with a certificate of the planned SANs and a subject
    // of its own.
    let mut backends = BTreeMap::new();
    let mut servers = Vec::new();
    for route in docs.iter().filter(|d| d["kind"] == "TLSRoute") {
        let service = route["spec"]["rules"][0]["backendRefs"][0]["name"].as_str().unwrap().to_string();
        let own = dir.join(&service);
        std::fs::create_dir_all(&own).unwrap();
        for f in ["ca.key", "ca.crt"] {
            std::fs::copy(dir.join(f), own.join(f)).unwrap();
        }
        common::openssl::leaf_named(&own, &service, &dns, &ips);
        let keystore = own.join("keystore.pem");
        let pem = std::fs::read_to_string(own.join("tls.key")).unwrap()
            + &std::fs::read_to_string(own.join("tls.crt")).unwrap();
        std::fs::write(&keystore, pem).unwrap();
        let server = Server::at(&keystore, "127.0.0.1", free());
        backends.insert(service, server.port());
        servers.push(server);
    }
    let _router = sni_router(&docs, port, &backends, &dir);
    let ca = dir.join("ca.crt");
    let reaches = |host: &str, service: &str| {
        let (ok, said) = common::openssl::dial(port, host, &ca);
        assert!(ok, "{host}: {said}");
        assert!(
            said.contains(&format!("CN={service}")) || said.contains(&format!("CN = {service}")),
            "{host} reached another: {said}"
        );
    };
    for i in 0..config.replicas {
        reaches(&format!("broker-{i}.kafka.example.com"), &format!("kafka-{i}-external"));
    }
    reaches("bootstrap.kafka.example.com", "kafka-bootstrap");
    // verify.sh, before DNS points the names at the Gateway: connected to it, sending each name.
    let verify = |dir: &Path| {
        std::fs::write(dir.join("verify.sh"), file(&bundle, "verify.sh").as_bytes()).unwrap();
        let out = Command::new("/bin/sh")
            .arg(dir.join("verify.sh"))
            .current_dir(dir)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("KAFKA_EXPOSE_CA", &ca)
            .env("KAFKA_EXPOSE_CONNECT_TO", "127.0.0.1")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let said = verify(&dir);
    for host in ["bootstrap.kafka.example.com", "broker-0.kafka.example.com", "broker-2.kafka.example.com"] {
        assert!(said.contains(&format!("ok (TLS verified for {host})")), "{said}");
    }
    // By IP no server name is sent: the router has no route to choose, and closes.
    assert!(!common::openssl::dial(port, "127.0.0.1", &ca).0);
    // A name without a route reaches nothing.
    assert!(!common::openssl::dial(port, "broker-9.kafka.example.com", &ca).0);
    // A route removed: its broker is cut off, the others are not.
    drop(_router);
    let without: Vec<serde_yaml::Value> = docs
        .iter()
        .filter(|d| !(d["kind"] == "TLSRoute" && d["metadata"]["name"] == "kafka-1-external"))
        .cloned()
        .collect();
    let _router = sni_router(&without, port, &backends, &dir);
    assert!(!common::openssl::dial(port, "broker-1.kafka.example.com", &ca).0);
    reaches("broker-2.kafka.example.com", "kafka-2-external");
    let said = verify(&dir);
    assert!(
        said.lines().any(|l| l.contains("FAIL") && l.contains("broker-1.kafka.example.com"))
            || said.contains("broker 101: FAIL"),
        "{said}"
    );
    assert!(said.contains("ok (TLS verified for broker-2.kafka.example.com)"), "{said}");
    // A certificate that lacks broker 2's name: the route reaches it, the client refuses it.
    drop(servers);
    let own = dir.join("kafka-2-external");
    let lacking: Vec<String> = dns.iter().filter(|d| *d != "broker-2.kafka.example.com").cloned().collect();
    common::openssl::leaf_named(&own, "kafka-2-external", &lacking, &ips);
    let pem = std::fs::read_to_string(own.join("tls.key")).unwrap()
        + &std::fs::read_to_string(own.join("tls.crt")).unwrap();
    std::fs::write(own.join("keystore.pem"), pem).unwrap();
    let _broker2 = Server::at(&own.join("keystore.pem"), "127.0.0.1", backends["kafka-2-external"]);
    let (ok, said) = common::openssl::dial(port, "broker-2.kafka.example.com", &ca);
    assert!(!ok && said.contains("CN"), "a name missing from the certificate verified: {said}");
    std::fs::remove_dir_all(&dir).unwrap();
}
