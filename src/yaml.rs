//! The one YAML writer. Kubernetes objects go out through `to_yaml`, in block style: mappings in
//! field order, sequences of mappings with their first key on the dash, multi-line strings as
//! literal blocks, and any string YAML could read as something else in double quotes.
//!
//! Written here rather than taken from a YAML crate: it is the only YAML the page needs, and a
//! full YAML library more than doubled the page's download. It is a serde `Serializer` that writes
//! as it goes, with no intermediate tree.

use serde::ser::{self, Serialize};
use std::fmt::{self, Write as _};

/// One YAML document (without the `---` line) for a serializable value.
pub fn to_yaml(value: &impl Serialize) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; an unsupported value (a non-string map key) ends the text.
    let _ = value.serialize(Writer { out: &mut out, indent: 0, at: At::Top });
    out
}

/// Writes a value inside a mapping or sequence. A value only the API server sets is
/// unsupported there, like any value with no YAML form (struct fields of that kind are left out
/// before their key is written).
fn nested<T: ?Sized + Serialize>(value: &T, writer: Writer<'_>) -> Result<(), Error> {
    if server_set::<T>() {
        return Err(Error);
    }
    value.serialize(writer)
}

/// Whether `T` is a value only the API server writes: a timestamp (`creationTimestamp`,
/// `lastTransitionTime`, …), the managed-fields records, an object's `status`. Generators never
/// set them and `kubectl apply` ignores them. Leaving them out also leaves out their serializers,
/// which format through the jiff date library and serde_json's `Value`: 145 KB of the page's wasm
/// (50 KB compressed) for fields that are always empty. `T` is known at compile time, so the
/// test folds away and each serializer is either linked or not.
fn server_set<T: ?Sized>() -> bool {
    use k8s_openapi::api::apps::v1::StatefulSetStatus;
    use k8s_openapi::api::core::v1::{NamespaceStatus, PersistentVolumeClaimStatus, ServiceStatus};
    use k8s_openapi::api::policy::v1::PodDisruptionBudgetStatus;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ManagedFieldsEntry, MicroTime, Time};
    let t = typeid::of::<T>();
    // Maps and sequences hand their values over by reference.
    t == typeid::of::<Time>()
        || t == typeid::of::<&Time>()
        || t == typeid::of::<MicroTime>()
        || t == typeid::of::<&MicroTime>()
        || t == typeid::of::<Vec<ManagedFieldsEntry>>()
        || t == typeid::of::<StatefulSetStatus>()
        || t == typeid::of::<ServiceStatus>()
        || t == typeid::of::<PodDisruptionBudgetStatus>()
        || t == typeid::of::<PersistentVolumeClaimStatus>()
        || t == typeid::of::<NamespaceStatus>()
}

/// Where a value starts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// The document itself.
    Top,
    /// Right after `key:`, the key at `indent`.
    AfterKey,
    /// Right after `-`, the dash at `indent`.
    SeqItem,
}

/// A value with no YAML form here (a map key that is not text, a tuple or struct variant). It
/// carries no message: `to_yaml` stops at the first one, and formatting the messages of every
/// serializer it passes through (k8s-openapi's timestamps bring a date library's) would ship code
/// that never runs.
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value has no YAML form")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Error
    }
}

fn pad(out: &mut String, indent: usize) {
    const SPACES: &str = "                                ";
    let mut left = indent;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        left -= n;
    }
}

/// Writes one value.
struct Writer<'a> {
    out: &'a mut String,
    indent: usize,
    at: At,
}

impl<'a> Writer<'a> {
    fn scalar(self, text: &str) -> Result<(), Error> {
        if self.at != At::Top {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.out.push('\n');
        Ok(())
    }

    fn string(self, text: &str) -> Result<(), Error> {
        if self.at != At::Top && is_literal_block(text) {
            write_literal(self.out, text, self.indent + 2);
        } else {
            if self.at != At::Top {
                self.out.push(' ');
            }
            push_scalar_string(self.out, text);
            self.out.push('\n');
        }
        Ok(())
    }

    fn map(self) -> Compound<'a> {
        let (indent, prefix) = match self.at {
            At::Top => (0, ""),
            At::AfterKey => (self.indent + 2, "\n"),
            At::SeqItem => (self.indent + 2, " "),
        };
        Compound {
            out: self.out,
            indent,
            prefix: Some(prefix),
            inline_first: self.at == At::SeqItem,
            seq: false,
            at: self.at,
        }
    }

    fn seq(self) -> Compound<'a> {
        // Sequences under a key start at the key's own indentation, as kubectl writes them.
        let (indent, prefix) = match self.at {
            At::Top => (0, ""),
            At::AfterKey => (self.indent, "\n"),
            At::SeqItem => (self.indent + 2, "\n"),
        };
        Compound { out: self.out, indent, prefix: Some(prefix), inline_first: false, seq: true, at: self.at }
    }
}

/// A mapping or a sequence being written. The text before its first entry waits until there is
/// one, so an empty collection becomes `{}` or `[]`.
struct Compound<'a> {
    out: &'a mut String,
    indent: usize,
    prefix: Option<&'static str>,
    inline_first: bool,
    seq: bool,
    at: At,
}

impl Compound<'_> {
    fn start_entry(&mut self) {
        match self.prefix.take() {
            Some(prefix) => {
                self.out.push_str(prefix);
                if !self.inline_first {
                    pad(self.out, self.indent);
                }
            }
            None => pad(self.out, self.indent),
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.start_entry();
        self.out.push('-');
        nested(value, Writer { out: self.out, indent: self.indent, at: At::SeqItem })
    }

    fn key(&mut self, key: &str) {
        self.start_entry();
        push_scalar_string(self.out, key);
        self.out.push(':');
    }

    fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        nested(value, Writer { out: self.out, indent: self.indent, at: At::AfterKey })
    }

    fn end(self) -> Result<(), Error> {
        if self.prefix.is_some() {
            let empty = if self.seq { "[]" } else { "{}" };
            if self.at != At::Top {
                self.out.push(' ');
            }
            self.out.push_str(empty);
            self.out.push('\n');
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        let text = if v.is_finite() {
            let t = v.to_string();
            if t.contains(['.', 'e']) {
                t
            } else {
                format!("{t}.0")
            }
        } else if v.is_nan() {
            ".nan".into()
        } else if v > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        };
        self.scalar(&text)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.seq();
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.scalar("null")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        nested(value, self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.scalar("null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        nested(value, self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut map = self.map();
        map.key(variant);
        map.value(value)?;
        map.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.seq())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.seq())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.seq())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.map())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.map())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        let key = key.serialize(KeyText)?;
        self.key(&key);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.value(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        if server_set::<T>() {
            return Ok(());
        }
        self.key(key);
        self.value(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// A map key, which must be text (Kubernetes objects have no other keys).
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<String, Error> {
        Ok("null".into())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Ok("null".into())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, Error> {
        Ok("null".into())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(variant.into())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, Error> {
        Err(Error)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

/// Multi-line text of printable characters reads best as a literal block (tabs and trailing spaces
/// do not survive one intact).
fn is_literal_block(text: &str) -> bool {
    text.contains('\n')
        && !text.contains(" \n")
        && !text.ends_with(' ')
        && text.chars().all(|c| c == '\n' || !needs_escape(c))
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
fn push_scalar_string(out: &mut String, text: &str) {
    if is_plain(text) {
        out.push_str(text);
    } else {
        push_quoted(out, text);
    }
}

/// A double-quoted scalar, with escapes for whatever YAML would not read back as written.
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Characters that must be escaped to survive a YAML reader: control characters (YAML does not
/// allow them as they are), the ones YAML 1.1 readers such as Kubernetes' take for line breaks
/// (next line, line and paragraph separators), the byte-order mark and the two non-characters.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else { return false };
    if !(first.is_ascii_alphanumeric() || first == b'/' || first == b'_') || text.ends_with([' ', ':']) {
        return false;
    }
    // One pass: only these characters, and never ": " (which would start a mapping).
    let mut previous = 0u8;
    for &b in bytes {
        let allowed = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'/' | b':' | b'@' | b'=' | b'+' | b'(' | b')' | b'~' | b' ');
        if !allowed || (previous == b':' && b == b' ') {
            return false;
        }
        previous = b;
    }
    !reads_as_other_type(text)
}

/// Words and numbers YAML (1.1 or 1.2) would turn into a boolean, null or number.
fn reads_as_other_type(text: &str) -> bool {
    const WORDS: [&str; 11] = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"];
    text.len() <= 5 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(text))
        || text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+' || c == '-')
            && text.chars().all(|c| c.is_ascii_hexdigit() || "xXoO._:+-".contains(c))
}
