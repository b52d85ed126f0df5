//! The address formats of Kafka's files and of the objects that carry them: `NAME://host:port`
//! lists, `NAME:PROTOCOL` maps and `host:port` (IPv6 in brackets). Below every module that reads
//! them: the SAN plan, the start and verify scripts, the simulation.

/// `NAME://host:port,…` → (name, port).
pub fn listener_ports(list: &str) -> Vec<(String, u32)> {
    listener_addresses(list)
        .into_iter()
        .filter_map(|(name, address)| Some((name, split_host_port(&address)?.1)))
        .collect()
}

/// `NAME://host:port,…` → (name, `host:port`).
pub fn listener_addresses(list: &str) -> Vec<(String, String)> {
    list.split(',')
        .filter_map(|entry| entry.trim().split_once("://"))
        .map(|(name, address)| (name.trim().to_ascii_uppercase(), address.trim().to_string()))
        .collect()
}

/// `NAME:PROTOCOL,…` → (name, protocol).
pub fn protocol_map(map: &str) -> Vec<(String, String)> {
    map.split(',')
        .filter_map(|e| e.split_once(':'))
        .map(|(l, p)| (l.trim().to_ascii_uppercase(), p.trim().to_ascii_uppercase()))
        .collect()
}

/// The host of `host:port` (IPv6 without its brackets), or the whole when it has no port.
pub fn host_of(address: &str) -> &str {
    split_host_port(address).map_or(address, |(host, _)| host)
}

/// `host:port` (IPv6 in brackets) → (host, port).
pub fn split_host_port(address: &str) -> Option<(&str, u32)> {
    let (host, port) = address.rsplit_once(':')?;
    Some((host.trim_start_matches('[').trim_end_matches(']'), port.parse().ok()?))
}
