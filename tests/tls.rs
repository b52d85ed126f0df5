//! A real TLS check of the SAN plan. For each strategy: a CA and a leaf certificate are made with
//! openssl from the generated Certificate's `dnsNames` and `ipAddresses` (a PKCS#8 key, as
//! cert-manager writes with `encoding: PKCS8`), the keystore is assembled by the generated
//! `start.sh` itself, `openssl s_server` serves it on loopback, and `openssl s_client` verifies it
//! for every address a broker advertises and every bootstrap address, exactly as each is written in
//! the rendered files: an IP with `-verify_ip`, a name with `-verify_hostname` and `-servername`.
//! A deliberately wrong address must fail.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{documents, file, generate, properties};
use kafka_expose::config::{Config, StrategyId};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn openssl(args: &[&str], dir: &Path) {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A CA, and a leaf for these SANs signed by it, in `dir`: `ca.crt`, `tls.key`, `tls.crt`.
fn issue(dir: &Path, dns: &[String], ips: &[String]) {
    openssl(
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-subj",
            "/CN=kafka-ca",
            "-days",
            "1",
        ],
        dir,
    );
    openssl(
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "tls.key",
            "-out",
            "tls.csr",
            "-subj",
            "/CN=kafka",
        ],
        dir,
    );
    let sans: Vec<String> =
        dns.iter().map(|d| format!("DNS:{d}")).chain(ips.iter().map(|i| format!("IP:{i}"))).collect();
    std::fs::write(
        dir.join("ext.cnf"),
        format!(
            "subjectAltName={}\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n",
            sans.join(",")
        ),
    )
    .unwrap();
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "tls.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "tls.crt",
            "-days",
            "1",
            "-extfile",
            "ext.cnf",
        ],
        dir,
    );
}

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

/// `openssl s_server` with the keystore on a free loopback port, once it accepts connections.
struct Server(Child, u16);

impl Server {
    fn start(keystore: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let keystore = keystore.to_str().unwrap();
        let child = Command::new("openssl")
            .args([
                "s_server",
                "-accept",
                &format!("127.0.0.1:{port}"),
                "-cert",
                keystore,
                "-key",
                keystore,
                "-naccept",
                "1000",
                "-quiet",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "s_server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Server(child, port)
    }

    /// Whether a client that dialed `host` verifies the server, as a Kafka client would.
    fn verifies(&self, host: &str, ca: &Path) -> (bool, String) {
        let port = self.1.to_string();
        let connect = format!("127.0.0.1:{port}");
        let mut args =
            vec!["s_client", "-connect", &connect, "-CAfile", ca.to_str().unwrap(), "-verify_return_error"];
        let is_ip = host.parse::<IpAddr>().is_ok();
        if is_ip {
            args.extend(["-verify_ip", host]);
        } else {
            args.extend(["-verify_hostname", host, "-servername", host]);
        }
        let out = Command::new("openssl").args(&args).stdin(Stdio::null()).output().unwrap();
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success() && text.contains("Verify return code: 0 (ok)"), text)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
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
