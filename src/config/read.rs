//! Reads a config document, already parsed as JSON (or YAML turned into the same values), into a
//! [`Config`], field by field: every field has a default, unknown fields are refused, and a value of
//! the wrong kind is named by its path (`nodes[1].address`).
//!
//! The one reader of the format, on the page and on the command line. serde's derive wrote a visitor
//! per struct, generic over every reader it met: about 22 KiB of the page's first download (gzip,
//! measured). Here each struct is a table of its fields, read by one loop.

use super::*;
use serde_json::Value;

/// The config in a document.
pub(super) fn document(value: &Value) -> Result<Config, Misread> {
    let mut config = Config::default();
    config.read_into(value, &At::Document)?;
    Ok(config)
}

/// A value a document holds where the format has no such field, or of the wrong kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misread {
    /// The value's path in the document (`nodes[1].adress`); empty for the document itself.
    pub at: String,
    pub message: String,
}

impl fmt::Display for Misread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.at.is_empty() { "the document" } else { &self.at };
        write!(f, "{at}: {}", self.message)
    }
}

/// Where a value is: the keys and indices from the document down to it, written out only for a
/// message.
enum At<'a> {
    Document,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Document => Ok(()),
            At::Key(At::Document, key) => f.write_str(key),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

fn misread(at: &At, message: String) -> Misread {
    Misread { at: at.to_string(), message }
}

/// A part of the format that a document's value can be read into.
trait ReadInto {
    /// Replaces `self` with `value`, found at `at`.
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread>;
}

/// What a value of a struct's field is before the document says: the struct's start (see
/// `read_struct!`), else the type's default.
trait Fresh {
    fn fresh() -> Self;
}

/// What a value is, in a message: "the string \"3\"", "a list".
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a map".into(),
    }
}

/// The message for a value of the wrong kind: "replicas: expected a whole number, found the string \"3\"".
fn expected(at: &At, what: &str, value: &Value) -> Misread {
    misread(at, format!("expected {what}, found {}", found(value)))
}

/// Reads a map into a struct's fields, given as (name in the file, field) in the file's order;
/// `required`: the names a document must give when it has the struct at all.
fn read_fields(
    value: &Value,
    at: &At,
    required: &[&str],
    fields: &mut [(&str, &mut dyn ReadInto)],
) -> Result<(), Misread> {
    let map = value.as_object().ok_or_else(|| expected(at, "a map", value))?;
    if let Some(missing) = required.iter().find(|name| !map.contains_key(**name)) {
        return Err(misread(at, format!("missing field `{missing}`")));
    }
    for (key, v) in map {
        let at = At::Key(at, key);
        match fields.iter_mut().find(|(name, _)| name == key) {
            Some((_, field)) => field.read_into(v, &at)?,
            None => {
                let names: Vec<String> = fields.iter().map(|(name, _)| format!("`{name}`")).collect();
                return Err(misread(
                    &at,
                    format!("unknown field `{key}`, expected one of {}", names.join(", ")),
                ));
            }
        }
    }
    Ok(())
}

/// Why a value is none of `names`, in serde's words.
fn unknown_choice(value: &str, names: &[&str]) -> String {
    let expected: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    format!("unknown variant `{value}`, expected one of {}", expected.join(", "))
}

impl ReadInto for u32 {
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
        *self = value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| expected(at, "a whole number from 0 to 4294967295", value))?;
        Ok(())
    }
}

impl ReadInto for bool {
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
        *self = value.as_bool().ok_or_else(|| expected(at, "true or false", value))?;
        Ok(())
    }
}

impl ReadInto for String {
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
        *self = value.as_str().ok_or_else(|| expected(at, "a string", value))?.to_string();
        Ok(())
    }
}

/// `null` is none.
impl<T: ReadInto + Fresh> ReadInto for Option<T> {
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
        *self = None;
        if !value.is_null() {
            let mut inner = T::fresh();
            inner.read_into(value, at)?;
            *self = Some(inner);
        }
        Ok(())
    }
}

impl<T: ReadInto + Fresh> ReadInto for Vec<T> {
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
        let items = value.as_array().ok_or_else(|| expected(at, "a list", value))?;
        self.clear();
        for (i, item) in items.iter().enumerate() {
            let mut inner = T::fresh();
            inner.read_into(item, &At::Index(at, i))?;
            self.push(inner);
        }
        Ok(())
    }
}

impl<T: Default> Fresh for T {
    fn fresh() -> Self {
        T::default()
    }
}

/// Labels and annotations: strings by string.
impl ReadInto for BTreeMap<String, String> {
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
        let map = value.as_object().ok_or_else(|| expected(at, "a map", value))?;
        self.clear();
        for (key, v) in map {
            let mut text = String::new();
            text.read_into(v, &At::Key(at, key))?;
            self.insert(key.clone(), text);
        }
        Ok(())
    }
}

/// The format's enums, written as their [`Choice::as_str`].
impl<T: Choice> ReadInto for T {
    fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
        let text = value.as_str().ok_or_else(|| expected(at, "a string", value))?;
        *self = T::parse(text).ok_or_else(|| {
            let names: Vec<&str> = T::ALL.iter().map(|c| c.as_str()).collect();
            misread(at, unknown_choice(text, &names))
        })?;
        Ok(())
    }
}

/// A struct of the format: its fields by their names in the file (`rename_all = "camelCase"` on its
/// serde `Serialize`; a test reads back a config with every field set), starting from `$start` (what
/// a missing field means), with the fields a document must name when it has the struct at all.
macro_rules! read_struct {
    ($ty:ty, start: $start:expr, required: [$($required:literal),*], { $($key:literal => $field:ident),* $(,)? }) => {
        impl ReadInto for $ty {
            fn read_into(&mut self, value: &Value, at: &At) -> Result<(), Misread> {
                *self = $start;
                read_fields(value, at, &[$($required),*], &mut [$(($key, &mut self.$field as &mut dyn ReadInto)),*])
            }
        }
    };
}

// A document without `security` or `topology` (every config made before they existed) means what
// it meant then: plaintext, combined roles (see their fields). Present, a section's missing fields
// take its type's default, as everywhere else.
read_struct!(Config, start: Config { security: Security::plaintext(), topology: Topology::combined(), ..Config::default() }, required: [], {
    "version" => version,
    "strategy" => strategy,
    "namespace" => namespace,
    "name" => name,
    "headlessService" => headless_service,
    "replicas" => replicas,
    "clusterDomain" => cluster_domain,
    "ports" => ports,
    "nodePorts" => node_ports,
    "advertisedHost" => advertised_host,
    "nodes" => nodes,
    "nodeAddressSource" => node_address_source,
    "nodeAddressType" => node_address_type,
    "clientNetwork" => client_network,
    "loadBalancer" => load_balancer,
    "sharedIp" => shared_ip,
    "gateway" => gateway,
    "kafka" => kafka,
    "storage" => storage,
    "security" => security,
    "topology" => topology,
});
read_struct!(Topology, start: Topology::default(), required: [], {
    "roles" => roles,
    "controllers" => controllers,
    "controllerMemory" => controller_memory,
    "controllerStorage" => controller_storage,
});
/// An issuer names both (no default): what a document leaves out is refused.
impl Fresh for IssuerRef {
    fn fresh() -> Self {
        IssuerRef { kind: IssuerKind::Issuer, name: String::new() }
    }
}
read_struct!(IssuerRef, start: <IssuerRef as Fresh>::fresh(), required: ["kind", "name"], {
    "kind" => kind,
    "name" => name,
});
read_struct!(InternalClients, start: InternalClients::default(), required: [], {
    "namespaces" => namespaces,
    "podLabels" => pod_labels,
});
read_struct!(Security, start: Security::default(), required: [], {
    "tls" => tls,
    "issuer" => issuer,
    "tlsSecret" => tls_secret,
    "extraSans" => extra_sans,
    "authentication" => authentication,
    "users" => users,
    "internalClients" => internal_clients,
});
read_struct!(Ports, start: Ports::default(), required: [], {
    "internal" => internal,
    "controller" => controller,
    "external" => external,
});
read_struct!(NodePorts, start: NodePorts::default(), required: [], {
    "first" => first,
    "bootstrap" => bootstrap,
    "range" => range,
});
read_struct!(Node, start: Node::default(), required: [], {
    "name" => name,
    "address" => address,
    "internal" => internal,
});
read_struct!(LoadBalancer, start: LoadBalancer::default(), required: [], {
    "hostTemplate" => host_template,
    "bootstrapHost" => bootstrap_host,
    "class" => class,
    "annotations" => annotations,
    "sourceRanges" => source_ranges,
});
read_struct!(SharedIp, start: SharedIp::default(), required: [], {
    "provider" => provider,
    "address" => address,
    "firstPort" => first_port,
    "pool" => pool,
});
read_struct!(Gateway, start: Gateway::default(), required: [], {
    "listener" => listener,
    "name" => name,
    "namespace" => namespace,
    "class" => class,
    "section" => section,
    "port" => port,
    "hostTemplate" => host_template,
    "bootstrapHost" => bootstrap_host,
    "api" => api,
    "wildcardSan" => wildcard_san,
});
read_struct!(Kafka, start: Kafka::default(), required: [], {
    "image" => image,
    "kubectlImage" => kubectl_image,
    "clusterId" => cluster_id,
    "memory" => memory,
    "cpu" => cpu,
});
read_struct!(Storage, start: Storage::default(), required: [], {
    "size" => size,
    "className" => class_name,
});
