//! The YAML writer: whatever it writes, a YAML parser reads back as the same value.
#![cfg(not(target_arch = "wasm32"))]

use kafka_expose::yaml::to_yaml;
use proptest::prelude::*;
use serde_json::{json, Value};

fn read_back(yaml: &str) -> Value {
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

#[test]
fn tricky_strings_keep_their_type_and_text() {
    let value = json!({
        "empty": "", "yes": "yes", "no": "No", "null": "null", "tilde": "~", "number": "30093",
        "float": "1.5", "octal": "0o555", "hex": "0x1F", "ip": "203.0.113.10", "colon": "a: b",
        "hash": "a #b", "dash": "-x", "star": "*x", "quote": "it's \"q\"", "space": " lead",
        "trail": "trail ", "unicode": "brokers → pods", "tab": "a\tb", "date": "2001-12-14",
        "script": "#!/bin/sh\necho \"$1\"\n\n  indented\n", "no-newline": "a\nb", "two-newlines": "a\n\n",
        "leading-space-block": "  x\ny\n", "key: with colon": 1, "list": [[], {}, [1, [2]], {"a": null}],
        "true": true, "n": 3.25, "line-separator": "a\u{2028}b", "\u{2029}": "paragraph separator as a key",
        "next-line": "a\u{85}b", "controls": "\u{0}\u{7}\u{1b}\u{7f}\u{9f}\r", "bom": "\u{feff}x",
        "separator-in-lines": "a\u{2028}b\nc\n"
    });
    assert_eq!(read_back(&to_yaml(&value)), value, "{}", to_yaml(&value));
}

#[test]
fn every_generated_manifest_reads_back_as_the_objects() {
    use kafka_expose::config::{Config, NodeAddressSource, Security, StrategyId};
    for id in StrategyId::ALL {
        for (source, security) in [
            (NodeAddressSource::Kubectl, Security::plaintext()),
            (NodeAddressSource::StaticMap, Security::default()),
        ] {
            let mut config = Config { node_address_source: source, security, ..Config::example(id) };
            // A Gateway routes by the TLS server name: that strategy keeps TLS.
            if id == StrategyId::GatewayTlsPassthrough && !config.security.tls() {
                config.security.tls = kafka_expose::config::TlsMode::CertManager;
            }
            let valid = kafka_expose::validate::validate(&config).unwrap();
            let m = kafka_expose::bundle::generate_all(&valid).manifests;
            for service in &m.services {
                assert_eq!(read_back(&to_yaml(service)), serde_json::to_value(service).unwrap());
            }
            assert_eq!(read_back(&to_yaml(&m.statefulset)), serde_json::to_value(&m.statefulset).unwrap());
            assert_eq!(read_back(&to_yaml(&m.config_map)), serde_json::to_value(&m.config_map).unwrap());
            if let Some(policy) = &m.network_policy {
                assert_eq!(read_back(&to_yaml(policy)), serde_json::to_value(policy).unwrap());
            }
            if let Some(certificate) = &m.cert_manager.certificate {
                assert_eq!(read_back(&to_yaml(certificate)), serde_json::to_value(certificate).unwrap());
            }
            if let Some(listeners) = &m.gateway.listeners {
                assert_eq!(read_back(&to_yaml(listeners)), serde_json::to_value(listeners).unwrap());
            }
            for route in &m.gateway.routes {
                assert_eq!(read_back(&to_yaml(route)), serde_json::to_value(route).unwrap());
            }
        }
    }
}

#[test]
fn fields_only_the_api_server_sets_are_left_out() {
    use k8s_openapi::api::core::v1::{Service, ServiceStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        Condition, FieldsV1, ManagedFieldsEntry, ObjectMeta, Time,
    };
    let stamp = Time(k8s_openapi::jiff::Timestamp::UNIX_EPOCH);
    let meta = ObjectMeta {
        name: Some("kafka".into()),
        creation_timestamp: Some(stamp.clone()),
        managed_fields: Some(vec![ManagedFieldsEntry {
            manager: Some("kubectl".into()),
            time: Some(stamp.clone()),
            fields_v1: Some(FieldsV1(json!({ "f:metadata": {} }))),
            ..Default::default()
        }]),
        ..Default::default()
    };
    assert_eq!(to_yaml(&meta), "name: kafka\n");
    let service = Service {
        metadata: meta,
        status: Some(ServiceStatus {
            conditions: Some(vec![Condition {
                type_: "Ready".into(),
                status: "True".into(),
                reason: "Ready".into(),
                message: String::new(),
                last_transition_time: stamp.clone(),
                observed_generation: None,
            }]),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(to_yaml(&service), "apiVersion: v1\nkind: Service\nmetadata:\n  name: kafka\n");
}

proptest! {
    #[test]
    fn any_string_reads_back_unchanged(key in "\\PC{0,12}", text in "[ -~\n\t→é]{0,40}") {
        let value = json!({ key: text, "list": [text.clone()] });
        prop_assert_eq!(read_back(&to_yaml(&value)), value);
    }
}
