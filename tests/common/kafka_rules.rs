//! What a Kafka 4 node checks in its `server.properties` at start-up (KRaft: combined,
//! broker-only or controller-only, as `KafkaConfig.validateValues` of 4.1 does), returning Kafka's
//! own complaint for each broken rule.

use std::collections::{BTreeMap, BTreeSet};

const PROTOCOLS: [&str; 4] = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];

/// One `NAME://host:port` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub name: String,
    pub host: String,
    pub port: i64,
}

/// Parses a listener list as Kafka's `listenerListToEndPoints` does:
/// `^(.*)://\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)`.
pub fn endpoints(list: &str) -> Result<Vec<Endpoint>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|entry| {
            let err = || format!("Unable to parse {entry} to a broker endpoint");
            let (name, rest) = entry.split_once("://").ok_or_else(err)?;
            let (host, port) = rest.rsplit_once(':').ok_or_else(err)?;
            let host = host.trim_start_matches('[').trim_end_matches(']');
            if !host.chars().all(|c| c.is_ascii_alphanumeric() || "-%._:".contains(c)) {
                return Err(err());
            }
            let port: i64 = port.parse().map_err(|_| err())?;
            Ok(Endpoint { name: name.to_uppercase(), host: host.to_string(), port })
        })
        .collect()
}

/// Every rule broken by these properties; empty when a broker would start.
pub fn check(props: &BTreeMap<String, String>) -> Vec<String> {
    let mut errors = Vec::new();
    let get = |key: &str| props.get(key).map(String::as_str);

    // process.roles
    let roles: Vec<&str> = get("process.roles").unwrap_or("").split(',').map(str::trim).collect();
    if roles.iter().any(|r| !["broker", "controller"].contains(r)) {
        errors.push(format!("Unknown process role in {roles:?}"));
    }
    if roles.iter().collect::<BTreeSet<_>>().len() != roles.len() {
        errors.push("Duplicate role names found in `process.roles`".into());
    }
    let (is_broker, is_controller) = (roles.contains(&"broker"), roles.contains(&"controller"));

    // node.id
    let node_id: Option<i64> = get("node.id").and_then(|v| v.parse().ok());
    match node_id {
        None => errors
            .push("Missing configuration `node.id` which is required when `process.roles` is defined".into()),
        Some(id) if id < 0 => errors.push("node.id must be at least 0".into()),
        _ => {}
    }

    // Quorum
    let voters: Vec<(i64, String, i64)> = match get("controller.quorum.voters") {
        Some(list) => list
            .split(',')
            .filter_map(|v| {
                let parsed = v.split_once('@').and_then(|(id, addr)| {
                    let (host, port) = addr.rsplit_once(':')?;
                    Some((id.parse().ok()?, host.to_string(), port.parse().ok()?))
                });
                if parsed.is_none() {
                    errors.push(format!("Unable to parse voter `{v}`"));
                }
                parsed
            })
            .collect(),
        None => Vec::new(),
    };
    if voters.is_empty() && get("controller.quorum.bootstrap.servers").is_none() {
        errors.push("controller.quorum.voters or controller.quorum.bootstrap.servers must be set".into());
    }
    for (_, host, _) in &voters {
        if host == "0.0.0.0" || host.is_empty() {
            errors.push(format!("voter host {host} is not routeable"));
        }
    }
    let in_voters = node_id.is_some_and(|id| voters.iter().any(|(v, _, _)| *v == id));
    if is_controller && !voters.is_empty() && !in_voters {
        errors.push("If process.roles contains the 'controller' role, the node id must be included in controller.quorum.voters".into());
    }
    if is_broker && !is_controller && in_voters {
        errors.push("If process.roles contains just the 'broker' role, the node id must not be included in controller.quorum.voters".into());
    }

    // Protocol map
    let mut map: BTreeMap<String, String> =
        PROTOCOLS.iter().map(|p| (p.to_string(), p.to_string())).collect();
    if let Some(text) = get("listener.security.protocol.map") {
        map.clear();
        for entry in text.split(',') {
            match entry.split_once(':') {
                Some((name, protocol)) if PROTOCOLS.contains(&protocol.trim()) => {
                    map.insert(name.trim().to_uppercase(), protocol.trim().to_string());
                }
                _ => errors.push(format!(
                    "Invalid security protocol `{entry}` defined in listener.security.protocol.map"
                )),
            }
        }
    }

    // listeners
    let listeners = endpoints(get("listeners").unwrap_or("PLAINTEXT://:9092")).unwrap_or_else(|e| {
        errors.push(e);
        Vec::new()
    });
    let names: BTreeSet<&str> = listeners.iter().map(|l| l.name.as_str()).collect();
    if names.len() != listeners.len() {
        errors.push("Each listener must have a different name".into());
    }
    let ports: Vec<i64> = listeners.iter().map(|l| l.port).filter(|p| *p != 0).collect();
    if ports.iter().collect::<BTreeSet<_>>().len() != ports.len() {
        errors.push("Each listener must have a different port".into());
    }
    for l in &listeners {
        if !map.contains_key(&l.name) {
            errors.push(format!("No security protocol defined for listener {}", l.name));
        }
        if !(0..=65535).contains(&l.port) {
            errors.push(format!("listener port {} out of range", l.port));
        }
    }

    // Controller listeners
    let controller_names: Vec<String> = get("controller.listener.names")
        .unwrap_or("")
        .split(',')
        .map(|n| n.trim().to_uppercase())
        .filter(|n| !n.is_empty())
        .collect();
    if controller_names.is_empty() {
        errors.push("controller.listener.names must contain at least one value".into());
    }
    for name in &controller_names {
        if !map.contains_key(name) {
            errors.push(format!(
                "Controller listener with name {name} defined in controller.listener.names not found in listener.security.protocol.map"
            ));
        }
        if is_controller && !names.contains(name.as_str()) {
            errors.push(format!("controller.listener.names must contain at least one value appearing in the 'listeners' configuration ({name})"));
        }
        if !is_controller && names.contains(name.as_str()) {
            errors.push(format!("The listeners config must not contain a controller listener ({name}) when process.roles=broker"));
        }
    }
    if is_controller && !is_broker && listeners.iter().any(|l| !controller_names.contains(&l.name)) {
        errors.push("The listeners config must only contain KRaft controller listeners from controller.listener.names when process.roles=controller".into());
    }

    // advertised.listeners (falls back to listeners)
    let advertised = match get("advertised.listeners") {
        Some(list) => endpoints(list).unwrap_or_else(|e| {
            errors.push(e);
            Vec::new()
        }),
        None => listeners.clone(),
    };
    let advertised_names: BTreeSet<&str> = advertised.iter().map(|l| l.name.as_str()).collect();
    if advertised_names.len() != advertised.len() {
        errors.push("Each listener must have a different name (advertised.listeners)".into());
    }
    for l in &advertised {
        if l.host == "0.0.0.0" {
            errors.push("advertised.listeners cannot use the nonroutable meta-address 0.0.0.0".into());
        }
        if l.host.is_empty() {
            errors.push(format!(
                "advertised listener {} has no host: Kafka would advertise the pod's own host name",
                l.name
            ));
        }
        if !names.contains(l.name.as_str()) {
            errors.push(format!("advertised listener {} is not in listeners", l.name));
        }
    }
    let broker_advertised: Vec<&Endpoint> =
        advertised.iter().filter(|l| !controller_names.contains(&l.name)).collect();
    if is_broker && broker_advertised.is_empty() {
        errors.push("There must be at least one broker advertised listener. Perhaps all listeners appear in controller.listener.names?".into());
    }

    // Inter-broker listener
    match (get("inter.broker.listener.name"), get("security.inter.broker.protocol")) {
        (Some(_), Some(_)) => errors.push(
            "Only one of inter.broker.listener.name and security.inter.broker.protocol should be set.".into(),
        ),
        (Some(name), None) => {
            let name = name.to_uppercase();
            if !map.contains_key(&name) {
                errors.push(format!("Listener with name {name} defined in inter.broker.listener.name not found in listener.security.protocol.map."));
            }
            if is_broker && !broker_advertised.iter().any(|l| l.name == name) {
                errors.push(
                    "inter.broker.listener.name must be a listener name defined in advertised.listeners"
                        .into(),
                );
            }
            if controller_names.contains(&name) {
                errors.push("controller.listener.names must not contain the inter-broker listener".into());
            }
        }
        (None, _) => {
            if is_broker && !broker_advertised.iter().any(|l| l.name == "PLAINTEXT") {
                errors.push(
                    "inter.broker.listener.name must be a listener name defined in advertised.listeners"
                        .into(),
                );
            }
        }
    }
    check_security(props, &map, &controller_names, &mut errors);
    check_replication(props, &mut errors);
    errors
}

/// Each min-ISR below its replication factor: equal, a single broker down (a drain the
/// PodDisruptionBudget allows) stops every write that needs it (Kafka's "Replication" docs:
/// `min.insync.replicas`). A replication factor of one is a single broker, which has none to lose.
fn check_replication(props: &BTreeMap<String, String>, errors: &mut Vec<String>) {
    let number = |key: &str| props.get(key).and_then(|v| v.parse::<u32>().ok());
    for (factor, min_isr) in [
        ("default.replication.factor", "min.insync.replicas"),
        ("offsets.topic.replication.factor", "min.insync.replicas"),
        ("transaction.state.log.replication.factor", "transaction.state.log.min.isr"),
    ] {
        if let (Some(rf), Some(min)) = (number(factor), number(min_isr)) {
            if min >= rf && rf > 1 {
                errors.push(format!(
                    "{min_isr}={min} is not below {factor}={rf}: one broker down stops writes"
                ));
            }
            if min > rf {
                errors.push(format!("{min_isr}={min} exceeds {factor}={rf}"));
            }
        }
    }
}

/// The TLS and SASL settings a listener needs, as Kafka 4.1 checks them at start-up (`SslConfigs`,
/// `DefaultSslEngineFactory`, `BrokerSecurityConfigs`; notes in the project's TLS reference).
fn check_security(
    props: &BTreeMap<String, String>,
    map: &BTreeMap<String, String>,
    controller_names: &[String],
    errors: &mut Vec<String>,
) {
    let get = |key: &str| props.get(key).map(String::as_str);
    for (name, protocol) in map {
        let prefix = format!("listener.name.{}.", name.to_lowercase());
        // A listener's own setting, else the broker-wide one.
        let setting = |key: &str| get(&format!("{prefix}{key}")).or_else(|| get(key));
        if protocol.ends_with("SSL") {
            match setting("ssl.keystore.type").unwrap_or("JKS") {
                "PEM" => {
                    let location = setting("ssl.keystore.location");
                    let inline = setting("ssl.keystore.key").is_some()
                        || setting("ssl.keystore.certificate.chain").is_some();
                    if location.is_none() && !inline {
                        errors
                            .push(format!("listener {name}: SSL without a keystore (ssl.keystore.location)"));
                    }
                    if location.is_some() && inline {
                        errors.push(format!(
                            "listener {name}: ssl.keystore.location together with an inline PEM key"
                        ));
                    }
                    if setting("ssl.keystore.password").is_some() {
                        errors.push(format!(
                            "listener {name}: SSL key store password cannot be specified with PEM format"
                        ));
                    }
                    if let Some(location) = location.filter(|l| !is_pem_file(l)) {
                        errors.push(format!(
                            "listener {name}: {location} is no PEM file (.pem, .crt, .key), read as PEM"
                        ));
                    }
                }
                kind @ ("JKS" | "PKCS12") => {
                    match setting("ssl.keystore.location") {
                        None => errors
                            .push(format!("listener {name}: SSL without a keystore (ssl.keystore.location)")),
                        // A key store file of these types is read with its password, which PEM
                        // files have none of (`DefaultSslEngineFactory.createKeystore`: "SSL key
                        // store is specified, but key store password is not specified").
                        Some(location) => {
                            if setting("ssl.keystore.password").is_none() {
                                errors.push(format!(
                                    "listener {name}: SSL key store is specified, but key store password is not specified"
                                ));
                            }
                            if is_pem_file(location) {
                                errors.push(format!(
                                    "listener {name}: {location} is a PEM file, read as {kind}: Failed to load SSL keystore"
                                ));
                            }
                        }
                    }
                }
                other => errors.push(format!("listener {name}: unknown ssl.keystore.type {other}")),
            }
        }
        if protocol.starts_with("SASL") {
            // The default is GSSAPI, which needs Kerberos.
            let mechanisms: Vec<&str> = setting("sasl.enabled.mechanisms")
                .unwrap_or("GSSAPI")
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .collect();
            if mechanisms.is_empty() || mechanisms.contains(&"GSSAPI") {
                errors.push(format!("listener {name}: SASL with GSSAPI needs sasl.kerberos.service.name and a Kerberos JAAS login"));
            }
            for mechanism in &mechanisms {
                if !["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI"].contains(mechanism) {
                    errors.push(format!("listener {name}: unknown SASL mechanism {mechanism}"));
                }
                let jaas = format!("{prefix}{}.sasl.jaas.config", mechanism.to_lowercase());
                if mechanism.starts_with("SCRAM") {
                    match get(&jaas).or_else(|| get("sasl.jaas.config")) {
                        Some(v) if v.contains("ScramLoginModule") && v.trim_end().ends_with(';') => {}
                        _ => errors.push(format!(
                            "listener {name}: Could not find a 'KafkaServer' or '{}.KafkaServer' entry in the JAAS configuration ({jaas})",
                            name.to_lowercase()
                        )),
                    }
                }
            }
            // KAFKA-15513: a controller quorum over SCRAM fails to authenticate.
            if controller_names.contains(name) && mechanisms.iter().any(|m| m.starts_with("SCRAM")) {
                errors.push(format!(
                    "listener {name}: SCRAM on the controller listener is not supported (KAFKA-15513)"
                ));
            }
        }
    }
    if get("sasl.mechanism.controller.protocol").is_some_and(|m| m.starts_with("SCRAM")) {
        errors.push("sasl.mechanism.controller.protocol cannot be SCRAM (KAFKA-15513)".into());
    }
    // A prefixed setting for a listener that does not exist is silently ignored: a typo.
    for key in props.keys().filter_map(|k| k.strip_prefix("listener.name.")) {
        let listener = key.split('.').next().unwrap_or_default().to_uppercase();
        if !map.contains_key(&listener) {
            errors.push(format!("listener.name.{key}: there is no listener {listener}"));
        }
    }
}

/// Whether a key store's file is PEM text, by its name: what the generated start scripts write.
fn is_pem_file(location: &str) -> bool {
    [".pem", ".crt", ".key"].iter().any(|ext| location.ends_with(ext))
}
