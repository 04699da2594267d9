//! Which text encoding a file is in, and its text as UTF-8, chunk by chunk.
//!
//! Spreadsheets save CSV in one of a few encodings: UTF-8 (LibreOffice, and
//! Excel's "CSV UTF-8", which starts with a byte-order mark), Windows-1252
//! (Excel's plain "CSV" on Windows in Western Europe and the Americas), and
//! UTF-16 with a mark (Excel's "Unicode text"). [`detect`] tells them apart
//! from the first bytes; [`Decoder`] turns the whole file into UTF-8 with
//! `encoding_rs`. A file that starts as plain ASCII and only later holds a
//! byte that is not UTF-8 is read as Windows-1252 from there (the two agree
//! on ASCII); one that mixes real UTF-8 letters with such bytes is refused.
//!
//! UTF-8 is checked here; the other encodings are decoded by a well-kept
//! implementation of the WHATWG Encoding Standard: `encoding_rs` natively
//! (the tests), the browser's own `TextDecoder` in the module (the same
//! standard, and about 130 KB less to download than `encoding_rs`'s
//! tables, measured). The browser tests read each encoding through it.

use serde::{Deserialize, Serialize};

use crate::error::FileError;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// How workbooks start: a zip (.xlsx, .xlsm, .xlsb, .ods) or an OLE
/// container (.xls, and any workbook encrypted with a password).
pub const WORKBOOK_SIGNATURES: [&[u8]; 2] = [b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"];

/// The text encodings a file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// UTF-16, little-endian, with a mark (Excel's "Unicode text").
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian, with a mark.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-1252 (Excel's "CSV" on Windows).
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    /// The byte-order mark the file starts with.
    pub const fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8Bom => UTF8_BOM,
            Encoding::Utf16Le => UTF16LE_BOM,
            Encoding::Utf16Be => UTF16BE_BOM,
            Encoding::Utf8 | Encoding::Windows1252 => b"",
        }
    }

    /// What the results file starts with: a UTF-8 mark whenever the input
    /// had a mark or was not UTF-8, so that Excel, which reads a CSV
    /// without one as Windows-1252, shows its accents.
    pub const fn output_bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 => b"",
            _ => UTF8_BOM,
        }
    }

    /// The encoding's WHATWG label, for a decoder; none for UTF-8 (checked here).
    const fn label(self) -> Option<&'static str> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => None,
            Encoding::Utf16Le => Some("utf-16le"),
            Encoding::Utf16Be => Some("utf-16be"),
            Encoding::Windows1252 => Some("windows-1252"),
        }
    }

    fn decoder(self) -> Option<backend::Decoder> {
        self.label().map(backend::Decoder::new)
    }
}

/// The encoding of a file that starts with `head`; `whole` says whether
/// `head` is all of it (else its last character may be cut short).
pub fn detect(head: &[u8], whole: bool) -> Result<Encoding, FileError> {
    if WORKBOOK_SIGNATURES.iter().any(|s| head.starts_with(s)) {
        return Err(FileError::Workbook);
    }
    for encoding in [Encoding::Utf8Bom, Encoding::Utf16Le, Encoding::Utf16Be] {
        if head.starts_with(encoding.bom()) {
            return Ok(encoding);
        }
    }
    if head.contains(&0) {
        return Err(FileError::NotText);
    }
    let scan = Utf8Scan::of(head, whole);
    match scan.first_invalid {
        None => Ok(Encoding::Utf8),
        Some(_) if !scan.non_ascii => Ok(Encoding::Windows1252),
        Some(at) => Err(FileError::MixedEncoding {
            line: line_of(head, at),
        }),
    }
}

/// What a look through bytes as UTF-8 found.
struct Utf8Scan {
    /// Whether valid non-ASCII UTF-8 (an accented letter, say) was seen.
    non_ascii: bool,
    /// Where the first byte that is not UTF-8 is.
    first_invalid: Option<usize>,
}

impl Utf8Scan {
    fn of(bytes: &[u8], whole: bool) -> Utf8Scan {
        let mut scan = Utf8Scan {
            non_ascii: false,
            first_invalid: None,
        };
        let mut at = 0;
        while at < bytes.len() {
            match std::str::from_utf8(&bytes[at..]) {
                Ok(text) => {
                    scan.non_ascii |= !text.is_ascii();
                    break;
                }
                Err(e) => {
                    let valid = &bytes[at..at + e.valid_up_to()];
                    scan.non_ascii |= !valid.is_ascii();
                    let Some(len) = e.error_len() else {
                        // Cut short at the end: invalid only if nothing follows.
                        if whole {
                            scan.first_invalid.get_or_insert(at + e.valid_up_to());
                        }
                        break;
                    };
                    scan.first_invalid.get_or_insert(at + e.valid_up_to());
                    at += e.valid_up_to() + len;
                }
            }
        }
        scan
    }
}

/// The line (from 1) that byte `at` of `bytes` is on.
fn line_of(bytes: &[u8], at: usize) -> u64 {
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

/// A file's text as UTF-8, fed in chunks of any size.
pub struct Decoder {
    encoding: Encoding,
    /// The standard decoder, for every encoding but UTF-8.
    inner: Option<backend::Decoder>,
    /// Bytes of the byte-order mark still to skip.
    bom_left: usize,
    /// UTF-8: the start of a character cut by the chunk's end.
    carry: Vec<u8>,
    /// UTF-8: whether valid non-ASCII text has been seen.
    non_ascii: bool,
    /// Lines of UTF-8 text passed so far (for a mixed-encoding error's line;
    /// not counted once the reading is another encoding, which cannot fail).
    lines: u64,
}

impl Decoder {
    /// A decoder for a file [`detect`] found to be in `encoding`.
    pub fn new(encoding: Encoding) -> Decoder {
        Decoder {
            encoding,
            inner: encoding.decoder(),
            bom_left: encoding.bom().len(),
            carry: Vec::new(),
            non_ascii: false,
            lines: 0,
        }
    }

    /// The encoding being read (Windows-1252 once a UTF-8 guess proved wrong).
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Appends the text of `bytes` to `out`; `last` ends the file.
    pub fn decode(&mut self, bytes: &[u8], last: bool, out: &mut Vec<u8>) -> Result<(), FileError> {
        let skip = self.bom_left.min(bytes.len());
        self.bom_left -= skip;
        let bytes = &bytes[skip..];
        let start = out.len();
        if self.inner.is_some() {
            self.decode_other(bytes, last, out);
        } else {
            self.decode_utf8(bytes, last, out)?;
        }
        let text = &out[start..];
        if text.contains(&0) {
            return Err(FileError::NotText);
        }
        // Only a UTF-8 reading can fail, and its error names the line.
        if self.inner.is_none() {
            self.lines += text.iter().filter(|&&b| b == b'\n').count() as u64;
        }
        Ok(())
    }

    fn decode_other(&mut self, bytes: &[u8], last: bool, out: &mut Vec<u8>) {
        if let Some(decoder) = self.inner.as_mut() {
            decoder.decode(bytes, last, out);
        }
    }

    fn decode_utf8(
        &mut self,
        bytes: &[u8],
        last: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), FileError> {
        let joined;
        let bytes = if self.carry.is_empty() {
            bytes
        } else {
            self.carry.extend_from_slice(bytes);
            joined = std::mem::take(&mut self.carry);
            &joined[..]
        };
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text.as_bytes(), &b""[..]),
            Err(e) => bytes.split_at(e.valid_up_to()),
        };
        self.non_ascii |= !valid.is_ascii();
        out.extend_from_slice(valid);
        if rest.is_empty() {
            return Ok(());
        }
        let cut_short = std::str::from_utf8(rest)
            .err()
            .is_some_and(|e| e.valid_up_to() == 0 && e.error_len().is_none());
        if cut_short && !last {
            self.carry = rest.to_vec();
            return Ok(());
        }
        if self.non_ascii {
            let line = self.lines + 1 + valid.iter().filter(|&&b| b == b'\n').count() as u64;
            return Err(FileError::MixedEncoding { line });
        }
        // Everything so far was ASCII, which Windows-1252 reads alike.
        self.encoding = Encoding::Windows1252;
        self.inner = self.encoding.decoder();
        self.decode_other(rest, last, out);
        Ok(())
    }
}

/// `encoding_rs`, natively.
#[cfg(not(target_arch = "wasm32"))]
mod backend {
    /// A streaming decoder for one encoding.
    pub struct Decoder(encoding_rs::Decoder);

    impl Decoder {
        /// A decoder for the encoding named `label` (a WHATWG label).
        pub fn new(label: &str) -> Decoder {
            let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
                .unwrap_or(encoding_rs::WINDOWS_1252);
            Decoder(encoding.new_decoder_without_bom_handling())
        }

        /// Appends the text of `bytes` to `out` (U+FFFD for what is not in
        /// the encoding); `last` ends the stream.
        pub fn decode(&mut self, bytes: &[u8], last: bool, out: &mut Vec<u8>) {
            let room = self
                .0
                .max_utf8_buffer_length(bytes.len())
                .unwrap_or(bytes.len() * 3 + 16);
            let at = out.len();
            out.resize(at + room, 0);
            // The room is the most the bytes can decode to: it all fits.
            let (_, _, written, _) = self.0.decode_to_utf8(bytes, &mut out[at..], last);
            out.truncate(at + written);
        }
    }
}

/// The browser's `TextDecoder`, in the module.
#[cfg(target_arch = "wasm32")]
mod backend {
    use web_sys::{TextDecodeOptions, TextDecoder};

    /// A streaming decoder for one encoding.
    pub struct Decoder(Option<TextDecoder>);

    impl Decoder {
        /// A decoder for the encoding named `label` (a WHATWG label, which
        /// every browser knows).
        pub fn new(label: &str) -> Decoder {
            Decoder(TextDecoder::new_with_label(label).ok())
        }

        /// Appends the text of `bytes` to `out` (U+FFFD for what is not in
        /// the encoding); `last` ends the stream.
        pub fn decode(&mut self, bytes: &[u8], last: bool, out: &mut Vec<u8>) {
            let Some(decoder) = &self.0 else { return };
            let options = TextDecodeOptions::new();
            options.set_stream(!last);
            // A decoder without `fatal` replaces what it cannot read: it never fails.
            if let Ok(text) = decoder.decode_with_u8_array_and_options(bytes, &options) {
                out.extend_from_slice(text.as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], chunk: usize) -> Result<(String, Encoding), FileError> {
        let encoding = detect(&bytes[..bytes.len().min(64)], bytes.len() <= 64)?;
        let mut decoder = Decoder::new(encoding);
        let mut out = Vec::new();
        for piece in bytes.chunks(chunk.max(1)) {
            decoder.decode(piece, false, &mut out)?;
        }
        decoder.decode(&[], true, &mut out)?;
        Ok((String::from_utf8(out).expect("UTF-8"), decoder.encoding()))
    }

    const TEXT: &str = "Longitud del sépalo;Ancho del pétalo;Espèce\n5,1;0,2;setosa\n";

    fn windows_1252(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        let mut bytes = if little {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            let pair = if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn every_encoding_reads_to_the_same_text_in_any_chunking() {
        let cases = [
            (TEXT.as_bytes().to_vec(), Encoding::Utf8),
            ([UTF8_BOM, TEXT.as_bytes()].concat(), Encoding::Utf8Bom),
            (utf16(TEXT, true), Encoding::Utf16Le),
            (utf16(TEXT, false), Encoding::Utf16Be),
            (windows_1252(TEXT), Encoding::Windows1252),
        ];
        for (bytes, encoding) in cases {
            for chunk in [1, 2, 3, 5, 1 << 20] {
                assert_eq!(
                    decode_all(&bytes, chunk),
                    Ok((TEXT.to_owned(), encoding)),
                    "{encoding:?} in chunks of {chunk}"
                );
            }
        }
    }

    #[test]
    fn ascii_first_then_windows_1252_is_read_as_windows_1252() {
        let text = format!("{}{TEXT}", "sepal_length,x\n".repeat(10));
        let bytes = windows_1252(&text);
        assert_eq!(detect(&bytes[..64], false), Ok(Encoding::Utf8));
        for chunk in [1, 7, 1 << 20] {
            assert_eq!(
                decode_all(&bytes, chunk),
                Ok((text.clone(), Encoding::Windows1252))
            );
        }
    }

    #[test]
    fn utf8_mixed_with_other_bytes_is_refused_with_its_line() {
        let mut bytes = "sépalo\nx\n".as_bytes().to_vec();
        bytes.extend(b"p\xE9talo\n");
        assert_eq!(
            detect(&bytes, true),
            Err(FileError::MixedEncoding { line: 3 })
        );
        let mut long = "sépalo\n".repeat(20).into_bytes();
        long.extend(b"p\xE9talo\n");
        for chunk in [1, 3, 1 << 20] {
            assert_eq!(
                decode_all(&long, chunk),
                Err(FileError::MixedEncoding { line: 21 }),
                "chunks of {chunk}"
            );
        }
        // The other way round, found in the first bytes.
        assert_eq!(
            detect(b"p\xE9talo\ns\xC3\xA9palo\n", true),
            Err(FileError::MixedEncoding { line: 1 })
        );
    }

    #[test]
    fn a_character_cut_by_the_first_bytes_end_is_not_an_error() {
        let bytes = "ab\u{e9}".as_bytes();
        assert_eq!(detect(&bytes[..3], false), Ok(Encoding::Utf8));
        assert_eq!(detect(&bytes[..3], true), Ok(Encoding::Windows1252));
        assert_eq!(detect(b"a\0b", true), Err(FileError::NotText));
        let nul = utf16("a\0b", true);
        assert_eq!(decode_all(&nul, 1), Err(FileError::NotText));
    }
}
