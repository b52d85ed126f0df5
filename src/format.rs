//! Reading and writing a config document: JSON (the canonical form) or YAML, with errors a user can
//! act on. YAML goes in and out through this module and `yaml` only, so the crate can be swapped.

use crate::config::{Config, CONFIG_VERSION};
use std::fmt;

/// Why a document could not be read as a config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Empty input.
    Empty,
    /// The document says it is of a version this build does not know.
    UnsupportedVersion { found: u64 },
    /// Not JSON or YAML, or not a config: unknown field, wrong type... `line` is 1-based when known.
    Invalid { message: String, line: Option<usize>, column: Option<usize> },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("the config is empty"),
            ParseError::UnsupportedVersion { found } => write!(
                f,
                "this config is version {found}, but this kafka-expose reads version {CONFIG_VERSION} \
                 only; open it with a newer kafka-expose"
            ),
            ParseError::Invalid { message, line: Some(line), column: Some(column) } => {
                write!(f, "line {line}, column {column}: {message}")
            }
            ParseError::Invalid { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads a config from JSON or YAML text. A document that starts with `{` is JSON.
pub fn parse_config(text: &str) -> Result<Config, ParseError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    let value = if trimmed.starts_with('{') {
        serde_json::from_str::<serde_json::Value>(trimmed).map_err(json_error)?
    } else {
        parse_yaml(trimmed)?
    };
    read_config(&value, trimmed)
}

/// The config in a document already parsed (`text`: what it was parsed from, for positions).
pub fn read_config(value: &serde_json::Value, text: &str) -> Result<Config, ParseError> {
    // A parsed JSON object keeps the last of a key written twice; the author meant one of them.
    // (YAML's parser refuses a repeated key itself: see `parse_yaml`.)
    if let Some(repeated) = text.trim_start().starts_with('{').then(|| repeated_key(text)).flatten() {
        return Err(repeated);
    }
    // A newer document may well have fields this build does not know: say so, not "unknown field".
    let declared = value.get("version").and_then(serde_json::Value::as_u64);
    match (declared, crate::config::from_document(value)) {
        (Some(found), _) if found > u64::from(CONFIG_VERSION) => {
            Err(ParseError::UnsupportedVersion { found })
        }
        (_, Ok(config)) if config.version == 0 => Err(ParseError::Invalid {
            message: format!("\"version\" must be {CONFIG_VERSION}"),
            line: None,
            column: None,
        }),
        (_, Ok(config)) => Ok(config),
        (_, Err(misread)) => {
            let at = locate(text, &misread.at);
            Err(ParseError::Invalid {
                message: misread.to_string(),
                line: at.map(|(line, _)| line),
                column: at.map(|(_, column)| column),
            })
        }
    }
}

/// Where the text writes the last key of `path` (`nodePorts.frist`: `frist`), 1-based, when it
/// writes that key once: a document parsed into values keeps no positions, and a key written more
/// than once (`name`) would point at a guess.
fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let key = path.rsplit('.').next()?.split('[').next()?;
    if key.is_empty() {
        return None;
    }
    let (json, yaml) = (format!("\"{key}\""), format!("{key}:"));
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // A key: JSON's quoted one before a colon (anywhere on its line), YAML's at its line's start.
        for (at, _) in line.match_indices(&json) {
            if line[at + json.len()..].trim_start().starts_with(':') {
                found.push((i + 1, at + 1));
            }
        }
        let content = line.trim_start().trim_start_matches("- ");
        if content.starts_with(&yaml) {
            found.push((i + 1, line.len() - content.len() + 1));
        }
    }
    (found.len() == 1).then(|| found[0])
}

/// The first key that a JSON object in `text` (JSON that parsed) writes twice, with its path, line
/// and column. Keys are compared as written: the same key written once plain and once with an
/// escape (`"n\u0061me"`) is not seen.
fn repeated_key(text: &str) -> Option<ParseError> {
    /// An open object (its keys so far, the key being read) or list (the item being read), and
    /// how its parent names it.
    enum Open<'a> {
        Object { keys: Vec<&'a str>, key: Option<&'a str> },
        List { item: usize },
    }
    let name = |open: &[Open]| {
        let mut path = String::new();
        for part in open {
            match part {
                Open::Object { key: Some(key), .. } if path.is_empty() => path.push_str(key),
                Open::Object { key: Some(key), .. } => path.extend([".", key]),
                Open::Object { key: None, .. } => {}
                Open::List { item } => path.push_str(&format!("[{item}]")),
            }
        }
        path
    };
    let (mut open, mut line, mut line_start) = (Vec::<Open>::new(), 1, 0);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\n' => (line, line_start) = (line + 1, at + 1),
            '{' => open.push(Open::Object { keys: Vec::new(), key: None }),
            '[' => open.push(Open::List { item: 0 }),
            '}' | ']' => drop(open.pop()),
            ',' => {
                if let Some(Open::List { item }) = open.last_mut() {
                    *item += 1;
                }
            }
            '"' => {
                // A string: to its closing quote, past escapes; a key if a colon follows.
                let mut end = at + 1;
                let mut escaped = false;
                for (i, c) in chars.by_ref() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => {
                            end = i;
                            break;
                        }
                        _ => escaped = false,
                    }
                }
                while let Some((i, c)) = chars.next_if(|(_, c)| c.is_ascii_whitespace()) {
                    if c == '\n' {
                        (line, line_start) = (line + 1, i + 1);
                    }
                }
                let is_key = chars.peek().is_some_and(|&(_, c)| c == ':');
                if let (true, Some(Open::Object { keys, key })) = (is_key, open.last_mut()) {
                    let written = &text[at + 1..end];
                    if keys.contains(&written) {
                        *key = Some(written);
                        return Some(ParseError::Invalid {
                            message: format!(
                                "{}: written twice in the same object (a reader would keep only the \
                                 last); keep one",
                                name(&open)
                            ),
                            line: Some(line),
                            column: Some(text[line_start..at].chars().count() + 1),
                        });
                    }
                    keys.push(written);
                    *key = Some(written);
                }
            }
            _ => {}
        }
    }
    None
}

/// YAML read into YAML's values first: its parser refuses a key written twice in one mapping,
/// where reading straight into JSON values would keep the last.
#[cfg(not(target_arch = "wasm32"))]
fn parse_yaml(text: &str) -> Result<serde_json::Value, ParseError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(yaml_error)?;
    serde_json::to_value(value).map_err(|e| ParseError::Invalid {
        message: e.to_string(),
        line: None,
        column: None,
    })
}

/// The page reads JSON only (see Cargo.toml); it says so rather than failing obscurely.
#[cfg(target_arch = "wasm32")]
fn parse_yaml(_text: &str) -> Result<serde_json::Value, ParseError> {
    Err(ParseError::Invalid {
        message: "the page reads configs as JSON (export one to see the form); the kafka-expose \
                  command line also reads YAML"
            .into(),
        line: None,
        column: None,
    })
}

fn json_error(error: serde_json::Error) -> ParseError {
    let line = (error.line() > 0).then_some(error.line());
    let column = line.map(|_| error.column());
    let mut message = error.to_string();
    // serde_json appends " at line L column C"; the position is reported on its own.
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    ParseError::Invalid { message, line, column }
}

#[cfg(not(target_arch = "wasm32"))]
fn yaml_error(error: serde_yaml::Error) -> ParseError {
    let location = error.location();
    let mut message = error.to_string();
    if let Some(at) = message.find(" at line ") {
        message.truncate(at);
    }
    ParseError::Invalid {
        message,
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
    }
}

/// Writes a config as pretty JSON, every field present: the canonical form of the format.
pub fn to_json(config: &Config) -> String {
    let mut text = serde_json::to_string_pretty(config).unwrap_or_default();
    text.push('\n');
    text
}
