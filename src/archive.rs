//! "Download all": the bundle as one ZIP archive (stored, not compressed: the files are small and
//! the page stays free of a compression library), with the same names and bytes as
//! `kafka-expose render --out` writes.

use crate::bundle::Bundle;

/// A ZIP archive of every file of the bundle, in bundle order, inside a folder named `folder`.
pub fn zip(bundle: &Bundle, folder: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for file in &bundle.files {
        let name = format!("{folder}/{}", file.name);
        let text = file.contents.text();
        let data = text.as_bytes();
        let crc = crc32(data);
        let offset = out.len() as u32;
        // Local file header: version 2.0, UTF-8 names, stored, a fixed date (1980-01-01) so the same
        // bundle gives the same bytes.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for field in [20u16, 0x0800, 0, 0, 0x21] {
            out.extend_from_slice(&field.to_le_bytes());
        }
        for field in [crc, data.len() as u32, data.len() as u32] {
            out.extend_from_slice(&field.to_le_bytes());
        }
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for field in [0x0314u16, 20, 0x0800, 0, 0, 0x21] {
            central.extend_from_slice(&field.to_le_bytes());
        }
        for field in [crc, data.len() as u32, data.len() as u32] {
            central.extend_from_slice(&field.to_le_bytes());
        }
        for field in [name.len() as u16, 0, 0, 0, 0] {
            central.extend_from_slice(&field.to_le_bytes());
        }
        // External attributes: a regular file, rw-r--r-- (rwxr-xr-x for the script).
        let mode: u32 = if file.name.ends_with(".sh") { 0o100755 } else { 0o100644 };
        central.extend_from_slice(&(mode << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    let count = bundle.files.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for field in [0u16, 0, count, count] {
        out.extend_from_slice(&field.to_le_bytes());
    }
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE), as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
