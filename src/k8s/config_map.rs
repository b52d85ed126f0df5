//! The ConfigMap that carries the start script.

use crate::kafka::properties::Line;
use crate::kafka::start_script;
use crate::naming::{self, Names};
use crate::validate::Valid;
use k8s_openapi::api::core::v1::ConfigMap;
use std::collections::BTreeMap;

pub fn start_script(valid: &Valid, lines: &[Line]) -> ConfigMap {
    let config = valid.config();
    ConfigMap {
        metadata: super::metadata(config, Names::new(config).config_map()),
        data: Some(BTreeMap::from([(
            naming::SCRIPT_FILE.to_string(),
            start_script::start_script(valid, lines),
        )])),
        ..Default::default()
    }
}
