//! Share links, presets and the "download all" archive.
#![cfg(not(target_arch = "wasm32"))]

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
    assert_eq!(bare_metal.advertised_host, bare_metal.nodes[0].address);
    assert_eq!(
        kafka_expose::config::changed_settings(&Config::default(), &bare_metal),
        ["the advertised host", "the nodes"]
    );
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
