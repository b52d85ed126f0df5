//! Share links, presets and the "download all" archive.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use kafka_expose::archive::{crc32, zip};
use kafka_expose::bundle::generate;
use kafka_expose::config::{Config, StrategyId};
use kafka_expose::presets::PRESETS;
use kafka_expose::share::{decode, encode, LinkError};
use kafka_expose::validate::validate;

#[test]
fn a_link_reproduces_the_config() {
    for id in StrategyId::ALL {
        let config = Config { replicas: 5, name: "events".into(), ..Config::example(id) };
        let link = encode(&config);
        assert!(link.starts_with("v1."));
        assert_eq!(decode(&link), Ok(Some(config.clone())));
        assert_eq!(decode(&format!("#{link}")), Ok(Some(config)));
    }
    assert_eq!(decode(""), Ok(None));
    assert_eq!(decode("#"), Ok(None));
}

#[test]
fn bad_links_are_refused_with_a_message() {
    let link = encode(&Config::default());
    assert_eq!(decode(&link[..link.len() - 7]), Err(LinkError::Corrupted), "cut short");
    assert_eq!(decode("v1.!!!not-base64"), Err(LinkError::Corrupted));
    assert_eq!(decode("hello"), Err(LinkError::Corrupted));
    assert_eq!(decode("v2.eyJ2ZXJzaW9uIjoyfQ"), Err(LinkError::NewerVersion("v2".into())));
    assert!(LinkError::NewerVersion("v2".into()).to_string().contains("newer kafka-expose"));
    // Valid base64 of something that is not a config.
    let not_config = format!("v1.{}", kafka_expose::share::base64url_encode(b"{\"replicas\": \"many\"}"));
    assert!(matches!(decode(&not_config), Err(LinkError::Config(_))));
}

#[test]
fn presets_are_valid_and_say_what_they_are_for() {
    for preset in PRESETS {
        let config = (preset.config)();
        assert!(validate(&config).is_ok(), "{}: {:#?}", preset.id, validate(&config).err());
    }
    // A preset says what it replaced, for the page's Undo; the bare-metal one agrees with the card
    // that calls NodePort per broker the default for bare metal.
    let bare_metal = (PRESETS[1].config)();
    assert_eq!(bare_metal.strategy, StrategyId::NodeportPerBroker);
    assert_eq!(bare_metal.advertised_host, "", "spread over the workers");
    assert_eq!(kafka_expose::config::changed_settings(&Config::default(), &bare_metal), ["the nodes"]);
    assert!(kafka_expose::config::changed_settings(&bare_metal, &bare_metal).is_empty());
    let minikube = (PRESETS[0].config)();
    assert_eq!(minikube.nodes.len(), 1);
    let hostport = Config { strategy: StrategyId::Hostport, ..minikube };
    let warnings = validate(&hostport)
        .unwrap()
        .warnings()
        .iter()
        .map(|f| f.message.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        warnings.contains("2 broker(s) (kafka-1 … kafka-2) will stay Pending"),
        "one node takes one broker: {warnings}"
    );
}

#[test]
fn the_archive_holds_the_bundles_files_byte_for_byte() {
    let bundle = generate(&validate(&Config::default()).unwrap());
    let archive = zip(&bundle, "kafka-expose");
    assert_eq!(archive, zip(&bundle, "kafka-expose"), "deterministic");
    assert_eq!(&archive[..4], b"PK\x03\x04");
    // Walk the local headers: every file, stored, with the right name, size and CRC.
    let mut at = 0;
    for file in &bundle.files {
        let header = &archive[at..at + 30];
        assert_eq!(&header[..4], b"PK\x03\x04");
        let u16_at = |i: usize| u16::from_le_bytes([header[i], header[i + 1]]) as usize;
        let u32_at = |i: usize| u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
        assert_eq!(u16_at(8), 0, "stored");
        let (size, name_len) = (u32_at(18) as usize, u16_at(26));
        let name = std::str::from_utf8(&archive[at + 30..at + 30 + name_len]).unwrap();
        assert_eq!(name, format!("kafka-expose/{}", file.name));
        let data = &archive[at + 30 + name_len..at + 30 + name_len + size];
        assert_eq!(data, file.contents.text().as_bytes());
        assert_eq!(u32_at(14), crc32(data));
        at += 30 + name_len + size;
    }
    assert_eq!(&archive[at..at + 4], b"PK\x01\x02", "central directory follows");
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    // A real reader, Python's zipfile: the central directory and the end record agree with the
    // entries, every CRC checks (testzip), and what it extracts is the bundle, byte for byte.
    let dir = std::env::temp_dir().join(format!("kafka-expose-zip-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kafka-expose.zip");
    std::fs::write(&path, &archive).unwrap();
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nbad = z.testzip()\nassert bad is None, bad\nz.extractall(sys.argv[2])\nprint(len(z.infolist()))"])
        .arg(&path)
        .arg(dir.join("out"))
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), bundle.files.len().to_string());
    for file in &bundle.files {
        let extracted = std::fs::read(dir.join("out/kafka-expose").join(&file.name)).unwrap();
        assert_eq!(extracted, file.contents.text().as_bytes(), "{}", file.name);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_page_starts_from_the_link_then_the_saved_config_then_the_defaults() {
    use kafka_expose::share::start;
    let saved = Config { replicas: 5, ..Config::default() };
    let saved_text = kafka_expose::format::to_json(&saved);
    let linked = Config { replicas: 7, ..Config::default() };
    let from_link = start(&encode(&linked), Some(&saved_text), None);
    assert_eq!((from_link.config, from_link.notice, from_link.persist), (linked, None, true));
    let from_saved = start("", Some(&saved_text), None);
    assert_eq!(from_saved.config, saved);
    assert!(start("", None, None).config == Config::default() && start("", None, None).notice.is_none());
    let bad_link = start("v1.garbage!", Some(&saved_text), None);
    assert_eq!(bad_link.config, Config::default());
    assert!(!bad_link.persist, "the saved config must survive a bad link");
    assert!(bad_link.notice.unwrap().contains("The link could not be opened"));
    let bad_saved = start("", Some("{not json"), None);
    assert!(
        !bad_saved.persist && bad_saved.notice.unwrap().contains("saved configuration could not be read")
    );
}

#[test]
fn unfinished_number_fields_come_back_with_the_saved_config_only() {
    use kafka_expose::share::{decode_drafts, encode_drafts, start, Drafts};
    let saved_text = kafka_expose::format::to_json(&Config { replicas: 5, ..Config::default() });
    let drafts =
        Drafts::from([("replicas".to_string(), String::new()), ("ports.external".into(), "90x".into())]);
    let drafts_text = encode_drafts(&drafts);
    assert_eq!(start("", Some(&saved_text), Some(&drafts_text)).drafts, drafts);
    let reloaded = encode(&Config { replicas: 5, ..Config::default() });
    assert_eq!(
        start(&reloaded, Some(&saved_text), Some(&drafts_text)).drafts,
        drafts,
        "a reload keeps the link"
    );
    let linked = encode(&Config { replicas: 7, ..Config::default() });
    assert!(
        start(&linked, Some(&saved_text), Some(&drafts_text)).drafts.is_empty(),
        "another config starts clean"
    );
    assert!(start("", None, Some(&drafts_text)).drafts.is_empty(), "no saved config, no drafts");
    assert!(start("", Some("{not json"), Some(&drafts_text)).drafts.is_empty());
    assert!(decode_drafts("not a draft").is_empty());
    assert_eq!(decode_drafts("replicas= 4 \nnodePorts.first=3o000\n").len(), 1, "a number is no draft");
}

/// A share link made before the `security` section existed (the default config of that build).
const LINK_BEFORE_SECURITY: &str = "v1.eyJ2ZXJzaW9uIjoxLCJzdHJhdGVneSI6Im5vZGVwb3J0LXBlci1icm9rZXIiLCJuYW1lc3BhY2UiOiJrYWZrYSIsIm5hbWUiOiJrYWZrYSIsImhlYWRsZXNzU2VydmljZSI6ImJyb2tlciIsInJlcGxpY2FzIjozLCJjbHVzdGVyRG9tYWluIjoiY2x1c3Rlci5sb2NhbCIsInBvcnRzIjp7ImludGVybmFsIjo5MDkyLCJjb250cm9sbGVyIjo5MDkzLCJleHRlcm5hbCI6OTA5NH0sIm5vZGVQb3J0cyI6eyJmaXJzdCI6MzAwOTMsImJvb3RzdHJhcCI6MzAwOTIsInJhbmdlIjoiMzAwMDAtMzI3NjcifSwiYWR2ZXJ0aXNlZEhvc3QiOiIyMDMuMC4xMTMuMTAiLCJub2RlcyI6W3sibmFtZSI6Im5vZGUtYSIsImFkZHJlc3MiOiIyMDMuMC4xMTMuMTEifSx7Im5hbWUiOiJub2RlLWIiLCJhZGRyZXNzIjoiMjAzLjAuMTEzLjEyIn0seyJuYW1lIjoibm9kZS1jIiwiYWRkcmVzcyI6IjIwMy4wLjExMy4xMyJ9XSwibm9kZUFkZHJlc3NTb3VyY2UiOiJzdGF0aWMtbWFwIiwibG9hZEJhbGFuY2VyIjp7Imhvc3RUZW1wbGF0ZSI6ImthZmthLXtvcmRpbmFsfS5leGFtcGxlLmNvbSIsImJvb3RzdHJhcEhvc3QiOiJrYWZrYS1ib290c3RyYXAuZXhhbXBsZS5jb20iLCJjbGFzcyI6bnVsbCwiYW5ub3RhdGlvbnMiOnt9LCJzb3VyY2VSYW5nZXMiOltdfSwia2Fma2EiOnsiaW1hZ2UiOiJhcGFjaGUva2Fma2E6NC4xLjEiLCJrdWJlY3RsSW1hZ2UiOiJhbHBpbmUvazhzOjEuMzMuNCIsImNsdXN0ZXJJZCI6bnVsbH0sInN0b3JhZ2UiOnsic2l6ZSI6IjEwR2kiLCJjbGFzc05hbWUiOm51bGx9fQ";

#[test]
fn a_link_made_before_security_existed_opens_as_the_plaintext_it_was_made_with() {
    let config = decode(LINK_BEFORE_SECURITY).unwrap().unwrap();
    assert_eq!(config.security, kafka_expose::config::Security::plaintext());
    assert_eq!(config.advertised_host, "203.0.113.10", "the link's own values");
    // New configs start secure; the minikube lab stays plaintext.
    assert!(Config::default().security.tls() && Config::default().security.scram());
    assert!(!(PRESETS[0].config)().security.tls());
    assert!((PRESETS[1].config)().security.tls() && (PRESETS[2].config)().security.tls());
    // What the link's config says is what it reads back as.
    assert_eq!(decode(&kafka_expose::share::encode(&config)).unwrap().unwrap(), config);
}

/// The same link, made before topologies and random cluster ids: every broker stays a voter in one
/// StatefulSet selected as before, and the id stays the derived one, with a warning.
#[test]
fn a_link_made_before_dedicated_controllers_opens_combined_with_its_derived_cluster_id() {
    use kafka_expose::config::Topology;
    let config = decode(LINK_BEFORE_SECURITY).unwrap().unwrap();
    assert_eq!(config.topology, Topology::combined());
    assert_eq!(config.kafka.cluster_id, None);
    let valid = kafka_expose::validate::validate(&config).expect("no error");
    assert!(valid
        .warnings()
        .iter()
        .any(|w| w.field.path() == "kafka.clusterId" && w.message.contains("derived")));
    let bundle = kafka_expose::bundle::generate(&valid);
    let server = common::properties(&common::file(&bundle, "server-1.properties"));
    assert_eq!(server["process.roles"], "broker,controller");
    assert_eq!(server["node.id"], "1");
    assert!(server["controller.quorum.voters"].starts_with("0@kafka-0.broker.kafka.svc.cluster.local:9093,"));
    let script = common::file(&bundle, "start.sh");
    let derived = kafka_expose::kafka::properties::cluster_id(&config);
    assert!(script.contains(&format!("--cluster-id '{derived}'")), "{script}");
    assert!(bundle.file("start-controller.sh").is_none());
    let docs = common::documents(&common::file(&bundle, "manifests.yaml"));
    let sets: Vec<&serde_yaml::Value> = docs.iter().filter(|d| d["kind"] == "StatefulSet").collect();
    assert_eq!(sets.len(), 1);
    assert!(sets[0]["spec"]["selector"]["matchLabels"].get("app.kubernetes.io/component").is_none());
    // New configs get dedicated controllers; the minikube lab stays combined.
    assert!(Config::default().topology.dedicated());
    assert!(!(PRESETS[0].config)().topology.dedicated());
    assert!((PRESETS[1].config)().topology.dedicated() && (PRESETS[2].config)().topology.dedicated());
}

/// A diagnosis is shared only on request: that link carries what was pasted beside the config,
/// opens with the same config, and every other link carries nothing of the doctor's.
#[test]
fn a_diagnosis_link_carries_the_pasted_text_only_when_asked_for() {
    use kafka_expose::share::{doctor_part, with_doctor};
    let config = Config::example(StrategyId::Hostport);
    let pasted = r#"{"objects":"{\"kind\":\"List\"}","properties":"node.id=0","kcat":"","inside":false,"bootstrap":"198.51.100.1:9094"}"#;
    let link = with_doctor(&encode(&config), pasted);
    assert_eq!(decode(&link).unwrap().unwrap(), config);
    assert_eq!(doctor_part(&format!("#{link}")).as_deref(), Some(pasted));
    assert!(!encode(&config).contains(".doctor."));
    assert_eq!(doctor_part(&encode(&config)), None);
    assert_eq!(doctor_part(LINK_BEFORE_SECURITY), None);
    // A damaged doctor part is no doctor part; the config still opens.
    let damaged = format!("{}.doctor.%%%", encode(&config));
    assert_eq!(doctor_part(&damaged), None);
    assert_eq!(decode(&damaged).unwrap().unwrap(), config);
}

/// New configs run the 4.3 line and spread the brokers over the nodes; a link made by an earlier
/// build (the default config of the build before the security section, as the e2e tests open it)
/// opens with the image and
/// the advertised host it was made with.
#[test]
fn an_old_link_keeps_its_image_and_its_advertised_host() {
    let defaults = Config::default();
    assert_eq!(defaults.kafka.image, "apache/kafka:4.3.1");
    assert_eq!(defaults.advertised_host, "");
    let old = decode("#v1.eyJ2ZXJzaW9uIjoxLCJzdHJhdGVneSI6Im5vZGVwb3J0LXBlci1icm9rZXIiLCJuYW1lc3BhY2UiOiJrYWZrYSIsIm5hbWUiOiJrYWZrYSIsImhlYWRsZXNzU2VydmljZSI6ImJyb2tlciIsInJlcGxpY2FzIjozLCJjbHVzdGVyRG9tYWluIjoiY2x1c3Rlci5sb2NhbCIsInBvcnRzIjp7ImludGVybmFsIjo5MDkyLCJjb250cm9sbGVyIjo5MDkzLCJleHRlcm5hbCI6OTA5NH0sIm5vZGVQb3J0cyI6eyJmaXJzdCI6MzAwOTMsImJvb3RzdHJhcCI6MzAwOTIsInJhbmdlIjoiMzAwMDAtMzI3NjcifSwiYWR2ZXJ0aXNlZEhvc3QiOiIyMDMuMC4xMTMuMTAiLCJub2RlcyI6W3sibmFtZSI6Im5vZGUtYSIsImFkZHJlc3MiOiIyMDMuMC4xMTMuMTEifSx7Im5hbWUiOiJub2RlLWIiLCJhZGRyZXNzIjoiMjAzLjAuMTEzLjEyIn0seyJuYW1lIjoibm9kZS1jIiwiYWRkcmVzcyI6IjIwMy4wLjExMy4xMyJ9XSwibm9kZUFkZHJlc3NTb3VyY2UiOiJzdGF0aWMtbWFwIiwibG9hZEJhbGFuY2VyIjp7Imhvc3RUZW1wbGF0ZSI6ImthZmthLXtvcmRpbmFsfS5leGFtcGxlLmNvbSIsImJvb3RzdHJhcEhvc3QiOiJrYWZrYS1ib290c3RyYXAuZXhhbXBsZS5jb20iLCJjbGFzcyI6bnVsbCwiYW5ub3RhdGlvbnMiOnt9LCJzb3VyY2VSYW5nZXMiOltdfSwia2Fma2EiOnsiaW1hZ2UiOiJhcGFjaGUva2Fma2E6NC4xLjEiLCJrdWJlY3RsSW1hZ2UiOiJhbHBpbmUvazhzOjEuMzMuNCIsImNsdXN0ZXJJZCI6bnVsbH0sInN0b3JhZ2UiOnsic2l6ZSI6IjEwR2kiLCJjbGFzc05hbWUiOm51bGx9fQ").unwrap().unwrap();
    assert_eq!(old.kafka.image, "apache/kafka:4.1.1");
    assert_eq!(old.advertised_host, "203.0.113.10");
    let server = generate(&validate(&old).unwrap());
    let props =
        server.files.iter().find(|f| f.name == "server-2.properties").unwrap().contents.text().into_owned();
    assert!(props.contains("EXTERNAL://203.0.113.10:30095"), "{props}");
    // Made before nodes had an inside address and clients a network: each node has the one
    // address it was given, the clients are on the internet, and the config writes as it did.
    assert!(old.nodes.iter().all(|n| n.internal.is_empty() && n.internal_address() == n.address));
    assert_eq!(old.client_network, kafka_expose::config::ClientNetwork::Internet);
    let json = kafka_expose::format::to_json(&old);
    for new in ["\"internal\": \"", "clientNetwork", "nodeAddressType"] {
        assert!(!json.contains(new), "{new} in {json}");
    }
}

/// A select box's values are the config file's own names (as every build has written them), each
/// reads back to itself from a document, and a value that is none of them is refused rather than
/// read as another, with a message that names the field and the values it takes.
#[test]
fn select_values_are_the_files_names_and_nothing_else_parses() {
    use kafka_expose::config::{
        Authentication, Choice, ClientNetwork, Config, IssuerKind, NodeAddressSource, NodeAddressType, Roles,
        TlsMode,
    };
    use kafka_expose::format::parse_config;
    /// The document with `value` at `path` (its dotted path in the file).
    fn document(path: &str, value: &str) -> String {
        let (section, field) = path.split_once('.').map_or((None, path), |(s, f)| (Some(s), f));
        let field = format!("\"{field}\": \"{value}\"");
        match (section, path) {
            (_, "security.issuer.kind") => {
                format!("{{\"security\": {{\"issuer\": {{\"kind\": \"{value}\", \"name\": \"ca\"}}}}}}")
            }
            (Some(section), _) => format!("{{\"version\": 1, \"{section}\": {{{field}}}}}"),
            (None, _) => format!("{{\"version\": 1, {field}}}"),
        }
    }
    fn check<T: Choice + serde::Serialize + PartialEq + std::fmt::Debug>(
        names: &[&str],
        path: &str,
        get: fn(&Config) -> T,
    ) {
        let written: Vec<String> = T::ALL.iter().map(|c| serde_json::to_string(c).unwrap()).collect();
        assert_eq!(written, names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>());
        for &choice in T::ALL {
            assert_eq!(T::parse(choice.as_str()), Some(choice));
            let read =
                parse_config(&document(path, choice.as_str())).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(get(&read), choice, "{path}");
        }
        for other in ["", "None", "plaintext", "Dedicated", "scram"] {
            assert_eq!(T::parse(other), None, "{other}");
            let refused = parse_config(&document(path, other)).unwrap_err().to_string();
            assert!(
                refused.contains(&format!("{path}: unknown variant `{other}`, expected one of `")),
                "{refused}"
            );
        }
    }
    check::<Roles>(&["dedicated", "combined"], "topology.roles", |c| c.topology.roles);
    check::<TlsMode>(&["cert-manager", "secret", "none"], "security.tls", |c| c.security.tls);
    check::<Authentication>(&["scram-sha512", "none"], "security.authentication", |c| {
        c.security.authentication
    });
    check::<IssuerKind>(&["ClusterIssuer", "Issuer"], "security.issuer.kind", |c| {
        c.security.issuer.as_ref().map(|i| i.kind).unwrap_or(IssuerKind::Issuer)
    });
    check::<NodeAddressSource>(&["static-map", "host-ip", "kubectl"], "nodeAddressSource", |c| {
        c.node_address_source
    });
    check::<NodeAddressType>(&["external-ip", "internal-ip"], "nodeAddressType", |c| c.node_address_type);
    check::<ClientNetwork>(&["internet", "nodes"], "clientNetwork", |c| c.client_network);
}
