//! The client's side: `client.properties` for Java clients and the console tools, and
//! `client-librdkafka.properties` for kcat and the many clients built on librdkafka. Both trust
//! the CA in `ca.crt` (PEM), and neither holds a password: Java reads it from the environment
//! through `EnvVarConfigProvider` (KIP-887, Kafka 3.5+), kcat from `-X sasl.password=…`.

use crate::plan::listeners::SCRAM;
use crate::validate::Valid;
use std::fmt::Write;

/// One thing to run once the files are downloaded (or later, on the running cluster): the page
/// lists them, `manifests.yaml` carries them in its first lines, `client.properties` the client's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// What it does, in a few words.
    pub what: String,
    pub command: String,
    /// Run where the client is (the first lines of `client.properties` show these).
    pub client: bool,
}

/// The protocol a client speaks to EXTERNAL.
fn protocol(valid: &Valid) -> &'static str {
    let security = &valid.config().security;
    match (security.tls(), security.scram()) {
        (true, true) => "SASL_SSL",
        (true, false) => "SSL",
        (false, true) => "SASL_PLAINTEXT",
        (false, false) => "PLAINTEXT",
    }
}

/// The comment on top: the client's steps, and why it fails when it does.
fn header(steps: &[Step], warning: Option<&str>, intro: &str) -> String {
    let mut out = format!("# {intro}\n");
    for step in steps.iter().filter(|s| s.client) {
        let _ = writeln!(out, "#   {}", step.command);
    }
    if let Some(warning) = warning {
        let _ = writeln!(out, "# {warning}");
    }
    out
}

/// `client.properties` for a Java client outside the cluster.
pub fn java(valid: &Valid, steps: &[Step], warning: Option<&str>) -> String {
    let config = valid.config();
    let security = &config.security;
    let mut out = header(steps, warning, "A Kafka client outside the cluster, e.g.");
    let servers = valid.strategy().bootstrap_servers(config);
    let _ = writeln!(out, "bootstrap.servers={}", servers.join(","));
    let _ = writeln!(out, "security.protocol={}", protocol(valid));
    if let (true, Some(user)) = (security.scram(), security.users.first()) {
        let _ = writeln!(out, "sasl.mechanism={SCRAM}");
        out.push_str(
            "config.providers=env\n\
             config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n",
        );
        let _ = writeln!(
            out,
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"{user}\" password=\"${{env:KAFKA_PASSWORD}}\";"
        );
    }
    if security.tls() {
        out.push_str("ssl.truststore.type=PEM\nssl.truststore.location=ca.crt\n");
    }
    out
}

/// `client-librdkafka.properties`, for `kcat -F`.
pub fn librdkafka(valid: &Valid, steps: &[Step], warning: Option<&str>) -> String {
    let config = valid.config();
    let security = &config.security;
    let mut out = header(
        steps,
        warning,
        "A librdkafka client (kcat, confluent-kafka-python, …) outside the cluster, e.g.",
    );
    let servers = valid.strategy().bootstrap_servers(config);
    let _ = writeln!(out, "bootstrap.servers={}", servers.join(","));
    let _ = writeln!(out, "security.protocol={}", protocol(valid).to_ascii_lowercase());
    if let (true, Some(user)) = (security.scram(), security.users.first()) {
        let _ = writeln!(out, "sasl.mechanisms={SCRAM}\nsasl.username={user}");
    }
    if security.tls() {
        out.push_str("ssl.ca.location=ca.crt\n");
    }
    out
}
