//! A value that depends on the broker: text with holes for the broker's ordinal and its node. The
//! same template renders to a concrete value for the preview (`server-<i>.properties`) and to a shell
//! expression in the start script, so the two cannot drift apart.

use std::fmt::Write;

/// One piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// The pod's ordinal, `i`.
    Ordinal,
    /// `base + i`.
    OrdinalPlus(u32),
    /// The name of the node the pod runs on.
    NodeName,
    /// The external address of the node the pod runs on.
    NodeAddress,
    /// One of these by ordinal: broker `i` gets `values[i mod n]`, whatever node it runs on.
    OneOf(Vec<String>),
}

/// Text with holes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template(pub Vec<Part>);

/// Where one broker runs: what fills a template's holes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Broker<'a> {
    pub ordinal: u32,
    pub node_name: &'a str,
    pub node_address: &'a str,
}

impl Template {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Template(vec![Part::Text(text.into())])
    }

    /// A single hole.
    pub fn part(part: Part) -> Self {
        Template(vec![part])
    }

    /// This template followed by `other`.
    pub fn then(mut self, other: Template) -> Self {
        self.0.extend(other.0);
        self
    }

    /// This template followed by text.
    pub fn then_text(self, text: impl Into<String>) -> Self {
        self.then(Template::text(text))
    }

    /// A `{ordinal}` pattern as a template: `kafka-{ordinal}.example.com`.
    pub fn from_pattern(pattern: &str) -> Self {
        let mut parts = Vec::new();
        for (i, piece) in pattern.split("{ordinal}").enumerate() {
            if i > 0 {
                parts.push(Part::Ordinal);
            }
            if !piece.is_empty() {
                parts.push(Part::Text(piece.to_string()));
            }
        }
        Template(parts)
    }

    /// The value for one broker.
    pub fn render(&self, broker: &Broker) -> String {
        let mut out = String::new();
        self.render_into(&mut out, broker);
        out
    }

    /// Appends the value for one broker to `out`.
    pub fn render_into(&self, out: &mut String, broker: &Broker) {
        for part in &self.0 {
            // Writing to a String cannot fail.
            let _ = match part {
                Part::Text(text) => out.write_str(text),
                Part::Ordinal => write!(out, "{}", broker.ordinal),
                Part::OrdinalPlus(base) => write!(out, "{}", u64::from(*base) + u64::from(broker.ordinal)),
                Part::NodeName => out.write_str(broker.node_name),
                Part::NodeAddress => out.write_str(broker.node_address),
                Part::OneOf(values) => match values.len() {
                    0 => Ok(()),
                    n => out.write_str(&values[broker.ordinal as usize % n]),
                },
            };
        }
    }

    /// Whether the value is the same for every broker.
    pub fn is_constant(&self) -> bool {
        self.0.iter().all(|p| matches!(p, Part::Text(_)))
    }

    /// Whether the value picks one of a fixed list by ordinal (`OneOf`): the files then name every
    /// value of the list.
    pub fn picks_by_ordinal(&self) -> bool {
        self.0.iter().any(|p| matches!(p, Part::OneOf(_)))
    }

    /// Whether the value depends on the node's address, which the pod must look up at start.
    pub fn uses_node_address(&self) -> bool {
        self.0.iter().any(|p| matches!(p, Part::NodeAddress))
    }
}
