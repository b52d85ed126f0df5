//! Shared by the native tests: independent checks of what Kafka and the Kubernetes API server
//! validate at start-up (rules summarised in the project's reference notes), written against the
//! generated text rather than the generator's own model.
#![allow(dead_code)]

pub mod configs;
pub mod k8s_rules;
pub mod kafka_rules;
pub mod openssl;
pub mod pod_security;
pub mod routing;

use kafka_expose::bundle::{self, Bundle};
use kafka_expose::config::Config;
use kafka_expose::validate;

/// Validates and generates, failing the test with the findings when the config is not valid.
pub fn generate(config: &Config) -> Bundle {
    match validate::validate(config) {
        Ok(valid) => bundle::generate(&valid),
        Err(findings) => panic!("config should be valid, got {findings:#?}"),
    }
}

/// A file's contents, failing the test when the bundle lacks it.
pub fn file<'a>(bundle: &'a Bundle, name: &str) -> std::borrow::Cow<'a, str> {
    bundle.file(name).unwrap_or_else(|| panic!("bundle has no {name}")).contents.text()
}

/// A `server.properties` as key → value; duplicate keys fail the test.
pub fn properties(text: &str) -> std::collections::BTreeMap<String, String> {
    let mut map = std::collections::BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("not key=value: {line}"));
        assert!(map.insert(key.to_string(), value.to_string()).is_none(), "duplicate key {key}");
    }
    map
}

/// Every document of a multi-document YAML text.
pub fn documents(yaml: &str) -> Vec<serde_yaml::Value> {
    use serde::Deserialize;
    serde_yaml::Deserializer::from_str(yaml)
        .map(|doc| serde_yaml::Value::deserialize(doc).expect("valid YAML"))
        .filter(|doc| !doc.is_null())
        .collect()
}

/// The security settings the tests run every strategy with: every TLS mode (none, cert-manager
/// with a generated CA, the user's own Secret) × every authentication (none, SCRAM), plus
/// cert-manager with a ClusterIssuer, extra SANs, two users and more in-cluster clients. Plaintext
/// without the NetworkPolicy is what every config made before the section existed reads as.
pub fn security_variants() -> Vec<(String, kafka_expose::config::Security)> {
    use kafka_expose::config::{Authentication, InternalClients, IssuerKind, IssuerRef, Security, TlsMode};
    let mut variants = Vec::new();
    for tls in [TlsMode::None, TlsMode::CertManager, TlsMode::Secret] {
        for authentication in [Authentication::None, Authentication::ScramSha512] {
            let security = match (tls, authentication) {
                (TlsMode::None, Authentication::None) => Security::plaintext(),
                _ => Security {
                    tls,
                    authentication,
                    tls_secret: (tls == TlsMode::Secret).then(|| "my-kafka-tls".into()),
                    ..Security::default()
                },
            };
            variants.push((format!("{tls:?}-{authentication:?}").to_lowercase(), security));
        }
    }
    variants.push((
        "issuer".into(),
        Security {
            issuer: Some(IssuerRef { kind: IssuerKind::ClusterIssuer, name: "letsencrypt".into() }),
            extra_sans: vec!["*.kafka.example.com".into(), "198.51.100.99".into()],
            users: vec!["alice".into(), "bob.smith".into()],
            internal_clients: Some(InternalClients {
                namespaces: vec!["apps".into(), "etl".into()],
                pod_labels: [("kafka-client".to_string(), "true".to_string())].into(),
            }),
            ..Security::default()
        },
    ));
    variants
}

/// A config with `security`, its node address source made one TLS allows where it must be: brokers
/// that advertise their node's address need the node list when their certificate lists it.
pub fn with_security(mut config: Config, security: kafka_expose::config::Security) -> Config {
    let advertises_node =
        kafka_expose::strategy::strategy(config.strategy).external_host(&config).uses_node_address();
    if security.tls() && advertises_node {
        config.node_address_source = kafka_expose::config::NodeAddressSource::StaticMap;
    }
    config.security = security;
    tls_where_required(config)
}

/// A Gateway routes by the TLS server name: that strategy keeps TLS on EXTERNAL (from cert-manager)
/// whatever else a test varies; every other config is left as it is.
pub fn tls_where_required(mut config: Config) -> Config {
    use kafka_expose::config::{StrategyId, TlsMode};
    if config.strategy == StrategyId::GatewayTlsPassthrough && !config.security.tls() {
        config.security.tls = TlsMode::CertManager;
    }
    config
}

/// A process killed when the test ends, passed or not.
pub struct Killed(pub std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits up to `seconds` for `done`, checking every 100 ms.
pub fn within(seconds: u64, done: impl Fn() -> bool) -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while std::time::Instant::now() < end {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    done()
}
