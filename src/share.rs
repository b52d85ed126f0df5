//! Share links: the whole config in the URL fragment, versioned so old links keep working or are
//! refused with a message. `#v1.<base64url of the config's compact JSON>`.

use crate::config::Config;
use crate::format::{self, ParseError};
use std::fmt;

/// The fragment's version prefix this build writes.
const PREFIX: &str = "v1.";
/// Between the config and what was pasted into the doctor, in a link made to share a diagnosis
/// (only on the user's request: pasted objects can hold internal names).
const DOCTOR: &str = ".doctor.";

/// Between the config and how the page showed it (`View`): after the config, before the doctor's.
const VIEW: &str = ".view.";

/// How the page showed a config, which a link carries beside it so that it opens as it was
/// shared: where the client runs (a pod in the cluster, or outside: the config says on which
/// network) and the file that was open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub in_cluster: bool,
    /// The open file, when it is not the first (manifests.yaml).
    pub file: Option<String>,
}

/// A config's fragment (as `encode` made it) with how the page shows it; the fragment alone for
/// the page's first view, so that links to it stay as short as they were.
pub fn with_view(fragment: &str, view: &View) -> String {
    if *view == View::default() {
        return fragment.to_string();
    }
    let client = if view.in_cluster { "pod" } else { "outside" };
    format!("{fragment}{VIEW}{client}~{}", view.file.as_deref().unwrap_or_default())
}

/// How the link's page showed its config; the first view for a link that does not say (every
/// link made before links said).
pub fn view_part(fragment: &str) -> View {
    let fragment = fragment.trim_start_matches('#').trim();
    let fragment = fragment.split_once(DOCTOR).map_or(fragment, |(before, _)| before);
    let Some((_, view)) = fragment.split_once(VIEW) else { return View::default() };
    let (client, file) = view.split_once('~').unwrap_or((view, ""));
    View { in_cluster: client == "pod", file: (!file.is_empty()).then(|| file.to_string()) }
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// A link from a newer kafka-expose.
    NewerVersion(String),
    /// Not a kafka-expose link, or cut short.
    Corrupted,
    /// It decodes, but not to a config this build accepts.
    Config(ParseError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NewerVersion(v) => {
                write!(f, "this link was made by a newer kafka-expose (format {v}); it cannot be opened here")
            }
            LinkError::Corrupted => {
                f.write_str("this link is damaged or incomplete (was it cut short when copied?)")
            }
            LinkError::Config(error) => write!(f, "this link holds a config that cannot be read: {error}"),
        }
    }
}

/// The fragment (without `#`) that reproduces `config`.
pub fn encode(config: &Config) -> String {
    let json = serde_json::to_string(config).unwrap_or_default();
    format!("{PREFIX}{}", base64url_encode(json.as_bytes()))
}

/// The config in a fragment (with or without the leading `#`); `Ok(None)` for an empty fragment.
pub fn decode(fragment: &str) -> Result<Option<Config>, LinkError> {
    let fragment = fragment.trim_start_matches('#').trim();
    if fragment.is_empty() {
        return Ok(None);
    }
    let fragment = fragment.split_once(DOCTOR).map_or(fragment, |(config, _)| config);
    let fragment = fragment.split_once(VIEW).map_or(fragment, |(config, _)| config);
    let Some(payload) = fragment.strip_prefix(PREFIX) else {
        return match fragment.split_once('.') {
            Some((version, _))
                if version.len() <= 4 && version.starts_with('v') && version[1..].parse::<u32>().is_ok() =>
            {
                Err(LinkError::NewerVersion(version.to_string()))
            }
            _ => Err(LinkError::Corrupted),
        };
    };
    let bytes = base64url_decode(payload).ok_or(LinkError::Corrupted)?;
    let text = String::from_utf8(bytes).map_err(|_| LinkError::Corrupted)?;
    // Text that is not even JSON was cut short or mangled on the way.
    let value = serde_json::from_str::<serde_json::Value>(&text).map_err(|_| LinkError::Corrupted)?;
    format::read_config(&value, &text).map(Some).map_err(LinkError::Config)
}

/// A config's fragment (as `encode` made it) that also carries what was pasted into the doctor
/// (its saved JSON).
pub fn with_doctor(fragment: &str, pasted: &str) -> String {
    format!("{fragment}{DOCTOR}{}", base64url_encode(pasted.as_bytes()))
}

/// What was pasted into the doctor, if the link carries it; `None` for every other link.
pub fn doctor_part(fragment: &str) -> Option<String> {
    let (_, pasted) = fragment.trim_start_matches('#').trim().split_once(DOCTOR)?;
    String::from_utf8(base64url_decode(pasted)?).ok()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Unpadded (or padded) base64url; `None` for anything else.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let value = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= value << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// Where the page starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    pub config: Config,
    /// The unfinished number fields saved with the config, when the page starts from it.
    pub drafts: Drafts,
    /// Why the link or the saved config was not used, for a message on the page.
    pub notice: Option<String>,
    /// Whether the page may save its state right away. False after a bad link or saved config, so
    /// that the saved config survives until the user changes something.
    pub persist: bool,
    /// Whether the page starts a new config (the defaults), which gets a cluster id of its own.
    pub new: bool,
}

/// Chooses the starting config: the link's, else the saved one, else the defaults. The unfinished
/// number fields saved with the config come back when the page starts from that same config (a
/// reload keeps the link in the address, so it starts from the link).
pub fn start(fragment: &str, saved: Option<&str>, saved_drafts: Option<&str>) -> Start {
    let saved = saved.map(format::parse_config);
    let restored = || saved_drafts.map(decode_drafts).unwrap_or_default();
    let drafts_for = |config: &Config| match &saved {
        Some(Ok(saved)) if saved == config => restored(),
        _ => Drafts::new(),
    };
    match decode(fragment) {
        Ok(Some(config)) => Start { drafts: drafts_for(&config), config, notice: None, persist: true, new: false },
        Err(error) => Start {
            config: Config::default(),
            drafts: Drafts::new(),
            notice: Some(format!("The link could not be opened: {error}. Showing the defaults; your saved configuration is untouched.")),
            persist: false,
            new: true,
        },
        Ok(None) => match saved {
            None => Start { config: Config::default(), drafts: Drafts::new(), notice: None, persist: true, new: true },
            Some(Ok(config)) => Start { config, drafts: restored(), notice: None, persist: true, new: false },
            Some(Err(error)) => Start {
                config: Config::default(),
                drafts: Drafts::new(),
                notice: Some(format!("The saved configuration could not be read ({error}). Showing the defaults.")),
                persist: false,
                new: true,
            },
        },
    }
}

/// Text typed into number fields that is not a number (yet), as (field path, text), one entry per
/// field: kept beside the saved config so that a reload shows it again. Never part of a link. A
/// list, not a map: there are a handful at most, and a map's code would grow the page.
pub type Drafts = Vec<(String, String)>;

/// The saved form of the drafts: a `path=text` line each (a number field's text has no line break).
pub fn encode_drafts(drafts: &Drafts) -> String {
    drafts.iter().map(|(path, text)| format!("{path}={text}\n")).collect()
}

/// Reads saved drafts. They are the page's own bookkeeping: a line without `=` is dropped, and so
/// is any entry that is a number after all (the config holds numbers).
pub fn decode_drafts(text: &str) -> Drafts {
    text.lines()
        .filter_map(|line| line.split_once('='))
        .filter(|(_, text)| text.trim().parse::<u32>().is_err())
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect()
}
