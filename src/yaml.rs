//! The one YAML writer. Kubernetes objects go out through `to_yaml`, in block style: mappings in
//! field order, sequences of mappings with their first key on the dash, multi-line strings as
//! literal blocks, and any string YAML could read as something else in double quotes.
//!
//! Written here rather than taken from a YAML crate: it is the only YAML the page needs, and a
//! full YAML library more than doubled the page's download.

use serde::Serialize;
use serde_json::{Map, Value};

/// One YAML document (without the `---` line) for a serializable value.
pub fn to_yaml(value: &impl Serialize) -> String {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
    let mut out = String::new();
    match &value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0, false),
        Value::Array(items) if !items.is_empty() => write_seq(&mut out, items, 0),
        scalar => {
            write_after_key(&mut out, scalar, 0);
            // A top-level scalar has no key before it: drop the leading space.
            out.remove(0);
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A mapping at `indent`; with `inline_first`, the first key continues the current line (after `- `).
fn write_map(out: &mut String, map: &Map<String, Value>, indent: usize, inline_first: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push_str(&scalar_string(key));
        out.push(':');
        write_after_key(out, value, indent);
    }
}

/// A sequence at `indent`.
fn write_seq(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() => {
                out.push(' ');
                write_map(out, map, indent + 2, true);
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_seq(out, inner, indent + 2);
            }
            other => write_after_key(out, other, indent),
        }
    }
}

/// What follows `key:` (or `-`) for a value whose key sits at `indent`.
fn write_after_key(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2, false);
        }
        // Sequences under a key start at the key's own indentation, as kubectl writes them.
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(out, items, indent);
        }
        Value::Object(_) => out.push_str(" {}\n"),
        Value::Array(_) => out.push_str(" []\n"),
        Value::String(text) if is_literal_block(text) => write_literal(out, text, indent + 2),
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar_string(s),
        // Collections are written as blocks before reaching here.
        other => other.to_string(),
    }
}

/// Multi-line text of printable characters reads best as a literal block (tabs and trailing spaces
/// do not survive one intact).
fn is_literal_block(text: &str) -> bool {
    text.contains('\n')
        && !text.contains(" \n")
        && !text.ends_with(' ')
        && text.chars().all(|c| c == '\n' || !c.is_control())
}

fn write_literal(out: &mut String, text: &str, indent: usize) {
    out.push_str(" |");
    if text.starts_with(' ') || text.starts_with('\n') {
        out.push_str(&(indent % 10).to_string());
    }
    let body = text.strip_suffix('\n');
    match body {
        None => out.push('-'),
        Some(rest) if rest.ends_with('\n') || rest.is_empty() => out.push('+'),
        Some(_) => {}
    }
    out.push('\n');
    let content = body.unwrap_or(text);
    for line in content.split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// A string as a plain scalar when YAML reads it back as that same string, else double-quoted.
fn scalar_string(text: &str) -> String {
    if is_plain(text) {
        text.to_string()
    } else {
        // A JSON string is a valid YAML double-quoted scalar.
        serde_json::to_string(text).unwrap_or_default()
    }
}

fn is_plain(text: &str) -> bool {
    let Some(&first) = text.as_bytes().first() else { return false };
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || b"-_./:@=+()~ ".contains(b);
    (first.is_ascii_alphanumeric() || first == b'/' || first == b'_')
        && text.as_bytes().iter().all(allowed)
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !reads_as_other_type(text)
}

/// Words and numbers YAML (1.1 or 1.2) would turn into a boolean, null or number.
fn reads_as_other_type(text: &str) -> bool {
    const WORDS: [&str; 11] = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"];
    let lower = text.to_ascii_lowercase();
    WORDS.contains(&lower.as_str())
        || text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+' || c == '-')
            && text.chars().all(|c| c.is_ascii_hexdigit() || "xXoO._:+-".contains(c))
}
