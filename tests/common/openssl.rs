//! openssl for the tests: a CA and a leaf certificate, and `s_server` on loopback.

use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn openssl(args: &[&str], dir: &Path) {
    let out = Command::new("openssl").args(args).current_dir(dir).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A CA, and a leaf for these SANs signed by it, in `dir`: `ca.crt`, `tls.key`, `tls.crt`.
pub fn issue(dir: &Path, dns: &[String], ips: &[String]) {
    ca(dir);
    leaf(dir, dns, ips);
}

/// A CA in `dir`: `ca.key`, `ca.crt`.
pub fn ca(dir: &Path) {
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
}

/// A leaf for these SANs with a new key, signed by the CA in `dir` (as cert-manager issues one, and
/// reissues it on renewal with `rotationPolicy: Always`): `tls.key` (PKCS#8), `tls.crt`.
pub fn leaf(dir: &Path, dns: &[String], ips: &[String]) {
    leaf_named(dir, "kafka", dns, ips);
}

/// `leaf`, with `cn` as its subject's common name: what tells apart servers that share the SANs.
pub fn leaf_named(dir: &Path, cn: &str, dns: &[String], ips: &[String]) {
    let subject = format!("/CN={cn}");
    openssl(
        &["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tls.key", "-out", "tls.csr", "-subj", &subject],
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

/// `openssl s_server` with the keystore on a free loopback port, once it accepts connections.
pub struct Server(Child, u16);

impl Server {
    pub fn start(keystore: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Server::at(keystore, "127.0.0.1", port)
    }

    /// `openssl s_server` on `host:port`.
    pub fn at(keystore: &Path, host: &str, port: u16) -> Server {
        let keystore = keystore.to_str().unwrap();
        let child = Command::new("openssl")
            .args([
                "s_server",
                "-accept",
                &format!("{host}:{port}"),
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
        while TcpStream::connect((host, port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "s_server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Server(child, port)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.1
    }

    /// Whether a client that dialed `host` verifies the server, as a Kafka client would.
    pub fn verifies(&self, host: &str, ca: &Path) -> (bool, String) {
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

/// `openssl s_client` to `127.0.0.1:port` as a Kafka client that dialed `host`: the server name
/// (SNI) for a dotted name, verification of the name (or IP) against `ca`. Whether it verified,
/// and what it printed (the server's subject among it).
pub fn dial(port: u16, host: &str, ca: &Path) -> (bool, String) {
    let connect = format!("127.0.0.1:{port}");
    let mut args =
        vec!["s_client", "-connect", &connect, "-CAfile", ca.to_str().unwrap(), "-verify_return_error"];
    if host.parse::<IpAddr>().is_ok() {
        args.extend(["-verify_ip", host]);
    } else {
        args.extend(["-verify_hostname", host]);
        if host.contains('.') {
            args.extend(["-servername", host]);
        } else {
            args.push("-noservername");
        }
    }
    let out = Command::new("openssl").args(&args).stdin(Stdio::null()).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success() && text.contains("Verify return code: 0 (ok)"), text)
}
