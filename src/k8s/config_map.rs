//! The ConfigMap that carries the start script and the brokers' logging configuration, and its
//! checksum, which the pod template carries so that re-applying a changed ConfigMap rolls the pods.

use crate::kafka::properties::Line;
use crate::kafka::{start_script, users_script};
use crate::naming::{self, Names};
use crate::plan::topology::{self, Role};
use crate::validate::Valid;
use k8s_openapi::api::core::v1::ConfigMap;
use std::collections::BTreeMap;

/// Log4j2 (Kafka 4) to the console only: the official image's configuration sends the controller's
/// and several other loggers to files alone, where `kubectl logs` never shows them.
pub const LOG4J2: &str = "Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: \"[%d] %p %m (%c)%n\"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
";

/// One start script for each role's pods, from their lines, and the logging configuration.
pub fn start_scripts(valid: &Valid, roles: &[(Role, Vec<Line>)]) -> ConfigMap {
    let config = valid.config();
    let mut data = BTreeMap::from([(naming::LOG4J2_FILE.to_string(), LOG4J2.to_string())]);
    for (role, lines) in roles {
        data.insert(
            topology::pool(config, *role).script.to_string(),
            start_script::start_script(valid, *role, lines),
        );
    }
    if config.security.scram() {
        data.insert(naming::USERS_SCRIPT_FILE.into(), users_script::users_script(valid));
    }
    ConfigMap {
        metadata: super::metadata(config, Names::new(config).config_map()),
        data: Some(data),
        ..Default::default()
    }
}

/// A checksum of what the pods of `role` read from the ConfigMap, their script and the logging
/// configuration (FNV-1a, 64 bits, hex): equal data, equal checksum, and a change to the brokers'
/// script does not roll the controllers.
pub fn checksum(config_map: &ConfigMap, script: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let read = |key: &&String| key.as_str() == script || key.as_str() == naming::LOG4J2_FILE;
    for (key, value) in config_map.data.iter().flatten().filter(|(key, _)| read(key)) {
        for byte in key.bytes().chain([0]).chain(value.bytes()).chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
