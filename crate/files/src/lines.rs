//! A file's text cut into physical lines, chunk by chunk: a line ends at
//! `\n`, `\r\n` or a lone `\r` (what Excel for Mac writes). A line longer
//! than [`MAX_LINE_BYTES`] is not kept: only its length is, so one runaway
//! line cannot exhaust the tab's memory.

use crate::limits::MAX_LINE_BYTES;

/// One physical line, without its line break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// The line's text.
    Text(&'a [u8]),
    /// A line longer than [`MAX_LINE_BYTES`]: how long it was.
    TooLong(u64),
}

/// Cuts text into lines, numbered from 1.
#[derive(Debug, Default)]
pub struct Lines {
    /// The start of a line the last chunk did not end.
    pending: Vec<u8>,
    /// The pending line's length when it is too long to keep.
    overflow: Option<u64>,
    /// Whether the last chunk ended with `\r` (a `\n` next belongs to it).
    after_cr: bool,
    /// Lines ended so far.
    count: u64,
}

impl Lines {
    /// Lines ended so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Cuts `text`, calling `each` with every line it ends and its number.
    pub fn push(&mut self, mut text: &[u8], each: &mut impl FnMut(u64, Line<'_>)) {
        if self.after_cr {
            self.after_cr = false;
            text = text.strip_prefix(b"\n").unwrap_or(text);
        }
        while let Some(end) = text.iter().position(|&b| b == b'\n' || b == b'\r') {
            let (line, rest) = text.split_at(end);
            self.end(line, each);
            text = match rest {
                [b'\r', b'\n', rest @ ..] => rest,
                [b'\r'] => {
                    self.after_cr = true;
                    &[]
                }
                [_, rest @ ..] => rest,
                [] => &[],
            };
        }
        self.keep(text);
    }

    /// Ends the text: the last line, if it had no line break.
    pub fn finish(&mut self, each: &mut impl FnMut(u64, Line<'_>)) {
        if !self.pending.is_empty() || self.overflow.is_some() {
            self.end(&[], each);
        }
    }

    fn keep(&mut self, text: &[u8]) {
        if let Some(length) = &mut self.overflow {
            *length += text.len() as u64;
        } else if self.pending.len() + text.len() > MAX_LINE_BYTES {
            self.overflow = Some((self.pending.len() + text.len()) as u64);
            self.pending = Vec::new();
        } else {
            self.pending.extend_from_slice(text);
        }
    }

    fn end(&mut self, tail: &[u8], each: &mut impl FnMut(u64, Line<'_>)) {
        self.keep(tail);
        self.count += 1;
        match self.overflow.take() {
            Some(length) => each(self.count, Line::TooLong(length)),
            None => each(self.count, Line::Text(&self.pending)),
        }
        self.pending.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &[u8], chunk: usize) -> Vec<(u64, String)> {
        let mut lines = Lines::default();
        let mut got = Vec::new();
        let mut each = |n: u64, line: Line<'_>| {
            got.push((
                n,
                match line {
                    Line::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    Line::TooLong(len) => format!("<{len}>"),
                },
            ));
        };
        for piece in text.chunks(chunk.max(1)) {
            lines.push(piece, &mut each);
        }
        lines.finish(&mut each);
        got
    }

    #[test]
    fn every_line_break_ends_a_line_in_any_chunking() {
        let want: Vec<(u64, String)> = ["a", "b", "", "c", "d", "", "e"]
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u64 + 1, (*s).to_owned()))
            .collect();
        for chunk in [1, 2, 3, 100] {
            assert_eq!(
                cut(b"a\nb\r\n\r\nc\rd\r\re", chunk),
                want,
                "chunks of {chunk}"
            );
        }
        assert_eq!(cut(b"a\n", 1), [(1, "a".to_owned())]);
        assert_eq!(cut(b"", 1), []);
    }

    #[test]
    fn a_runaway_line_is_measured_not_kept() {
        let mut text = vec![b'x'; MAX_LINE_BYTES + 10];
        text.extend(b"\nok\n");
        for chunk in [4096, 1 << 22] {
            assert_eq!(
                cut(&text, chunk),
                [
                    (1, format!("<{}>", MAX_LINE_BYTES + 10)),
                    (2, "ok".to_owned())
                ]
            );
        }
    }
}
