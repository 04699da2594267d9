//! Rows from lines. A row is a line, read by `csv-core` (quotes, doubled
//! quotes, separators inside quotes), except that a quoted cell may hold
//! line breaks and so carry a row over several lines. A quote opened by
//! mistake (a stray `"`) would then swallow the rest of the file, so a row
//! may span lines only while that looks like what it is: at most
//! [`MAX_ROW_LINES`] lines, and as many cells as the first row. Otherwise
//! the quote is stray: its line is read on its own, to its end, and the
//! lines after it are read again as rows of their own. Every line ends up
//! in exactly one [`Event`].

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use crate::limits::{MAX_LINE_BYTES, MAX_ROW_LINES};
use crate::lines::Line;

/// The cells of one row: their bytes, and where each ends.
#[derive(Debug, Default)]
pub struct Cells {
    bytes: Vec<u8>,
    ends: Vec<usize>,
    count: usize,
}

impl Cells {
    /// How many cells the row has.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the row has no cell (a line too long to read).
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The `i`th cell (from 0); empty past the last.
    pub fn get(&self, i: usize) -> &[u8] {
        if i >= self.count {
            return b"";
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    /// Every cell, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.count).map(|i| self.get(i))
    }
}

/// One row, and the lines it came from.
#[derive(Debug)]
pub struct Row<'a> {
    /// The line it starts on (from 1).
    pub first_line: u64,
    /// The line it ends on: after `first_line` when a quoted cell holds line breaks.
    pub last_line: u64,
    /// Its cells (none for a line too long to read).
    pub cells: &'a Cells,
    /// The number of cells of the file's first row (its header, if it has one).
    pub width: usize,
    /// Whether a quote opened in it is never closed (it was read on its own).
    pub unclosed_quote: bool,
    /// For a line longer than the limit: its length in bytes (it was not read).
    pub too_long: Option<u64>,
}

/// What a line turned out to be.
#[derive(Debug)]
pub enum Event<'a> {
    /// A line with nothing on it but white space and separators.
    Blank(u64),
    /// A row, ended by this line.
    Row(Row<'a>),
}

/// Turns lines into rows.
pub struct Rows {
    reader: Reader,
    separator: u8,
    /// The text of a row still open (a quote not yet closed): its lines, each ended by `\n`.
    open: Vec<u8>,
    /// Where each of the open row's lines starts in `open`.
    starts: Vec<usize>,
    first_line: u64,
    cells: Cells,
    width: Option<usize>,
}

impl Rows {
    /// Rows of cells separated by `separator`.
    pub fn new(separator: u8) -> Rows {
        Rows {
            reader: ReaderBuilder::new().delimiter(separator).build(),
            separator,
            open: Vec::new(),
            starts: Vec::new(),
            first_line: 0,
            cells: Cells::default(),
            width: None,
        }
    }

    /// Takes line `number`, calling `each` with whatever it completes.
    pub fn line(&mut self, number: u64, line: Line<'_>, each: &mut impl FnMut(Event<'_>)) {
        let text = match line {
            Line::Text(text) => text,
            Line::TooLong(length) => {
                self.flush(each);
                self.cells.count = 0;
                let width = *self.width.get_or_insert(0);
                each(Event::Row(Row {
                    first_line: number,
                    last_line: number,
                    cells: &self.cells,
                    width,
                    unclosed_quote: false,
                    too_long: Some(length),
                }));
                return;
            }
        };
        if self.open.is_empty() {
            if self.is_blank(text) {
                each(Event::Blank(number));
                return;
            }
            self.first_line = number;
        }
        self.starts.push(self.open.len());
        self.open.extend_from_slice(text);
        self.open.push(b'\n');
        match self.parse(false) {
            Some(count) if self.starts.len() == 1 || self.width.is_none_or(|w| w == count) => {
                self.emit(number, false, each);
            }
            Some(_) => self.stray(each),
            None if self.starts.len() >= MAX_ROW_LINES || self.open.len() > MAX_LINE_BYTES => {
                self.stray(each);
            }
            None => {}
        }
    }

    /// Ends the text: a quote still open is stray.
    pub fn finish(&mut self, each: &mut impl FnMut(Event<'_>)) {
        self.flush(each);
    }

    /// Closes any open row: each quote still open is stray.
    fn flush(&mut self, each: &mut impl FnMut(Event<'_>)) {
        while !self.open.is_empty() {
            self.stray(each);
        }
    }

    /// The open row's first line, read on its own to its end; the lines
    /// after it read again.
    fn stray(&mut self, each: &mut impl FnMut(Event<'_>)) {
        let first = self.first_line;
        let rest = match self.starts.get(1) {
            Some(&second) => self.open.split_off(second),
            None => Vec::new(),
        };
        self.open.pop(); // its `\n`
        self.starts.truncate(1);
        self.parse(true);
        self.emit(first, true, each);
        if let Some(rest) = rest.strip_suffix(b"\n") {
            for (i, line) in rest.split(|&b| b == b'\n').enumerate() {
                self.line(first + 1 + i as u64, Line::Text(line), each);
            }
        }
    }

    fn emit(&mut self, last_line: u64, unclosed_quote: bool, each: &mut impl FnMut(Event<'_>)) {
        let width = *self.width.get_or_insert(self.cells.count);
        each(Event::Row(Row {
            first_line: self.first_line,
            last_line,
            cells: &self.cells,
            width,
            unclosed_quote,
            too_long: None,
        }));
        self.open.clear();
        self.starts.clear();
    }

    /// Reads the open text as one row: its number of cells, or `None` if a
    /// quote is still open at its end (unless `to_end`, which closes it).
    fn parse(&mut self, to_end: bool) -> Option<usize> {
        self.reader.reset();
        let need = self.open.len() + 1;
        if self.cells.bytes.len() < need {
            self.cells.bytes.resize(need, 0);
        }
        if self.cells.ends.len() < need + 1 {
            self.cells.ends.resize(need + 1, 0);
        }
        let (mut input, mut written, mut ended) = (&self.open[..], 0, 0);
        loop {
            let (result, read, w, e) = self.reader.read_record(
                input,
                &mut self.cells.bytes[written..],
                &mut self.cells.ends[ended..],
            );
            input = &input[read..];
            written += w;
            ended += e;
            match result {
                ReadRecordResult::InputEmpty if !input.is_empty() => continue,
                ReadRecordResult::InputEmpty if !to_end => return None,
                ReadRecordResult::InputEmpty => {
                    let (_, _, _, e) = self.reader.read_record(
                        &[],
                        &mut self.cells.bytes[written..],
                        &mut self.cells.ends[ended..],
                    );
                    ended += e;
                    break;
                }
                // The buffers hold more than the text can need.
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => break,
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        self.cells.count = ended;
        Some(ended)
    }

    fn is_blank(&self, text: &[u8]) -> bool {
        text.iter()
            .all(|&b| b == self.separator || b.is_ascii_whitespace())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (first line, last line, cells, unclosed) per row, and blank lines, for `lines`.
    fn rows(lines: &[&str]) -> Vec<(u64, u64, Vec<String>, bool)> {
        let mut rows = Rows::new(b',');
        let mut got = Vec::new();
        let mut each = |event: Event<'_>| {
            if let Event::Row(row) = event {
                let cells = row
                    .cells
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect();
                got.push((row.first_line, row.last_line, cells, row.unclosed_quote));
            } else if let Event::Blank(n) = event {
                got.push((n, n, Vec::new(), false));
            }
        };
        for (i, line) in lines.iter().enumerate() {
            rows.line(i as u64 + 1, Line::Text(line.as_bytes()), &mut each);
        }
        rows.finish(&mut each);
        got
    }

    fn cells(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_quoted_cell_may_hold_line_breaks() {
        assert_eq!(
            rows(&["a,b,c", "1,\"two", "lines\",3", "4,5,6"]),
            [
                (1, 1, cells(&["a", "b", "c"]), false),
                (2, 3, cells(&["1", "two\nlines", "3"]), false),
                (4, 4, cells(&["4", "5", "6"]), false),
            ]
        );
    }

    #[test]
    fn a_stray_quote_swallows_nothing() {
        let mut lines = vec!["a,b,c,d,e", "5.1,3.5,1.4,0.2,\"setosa"];
        lines.extend(std::iter::repeat_n("4.9,3.0,1.4,0.2,setosa", 1000));
        let got = rows(&lines);
        assert_eq!(got.len(), 1002);
        assert_eq!(
            got[1],
            (2, 2, cells(&["5.1", "3.5", "1.4", "0.2", "setosa"]), true)
        );
        for (i, row) in got.iter().enumerate().skip(2) {
            assert_eq!(
                row,
                &(
                    i as u64 + 1,
                    i as u64 + 1,
                    cells(&["4.9", "3.0", "1.4", "0.2", "setosa"]),
                    false
                )
            );
        }
    }

    #[test]
    fn a_stray_quote_closed_by_another_is_two_stray_quotes() {
        // Lines 2 to 4 would read as one row of 4 cells: not the header's 3.
        assert_eq!(
            rows(&["a,b,c", "1,2,\"x", "4,5,6", "7,8,y\",z", "9,9,9"]),
            [
                (1, 1, cells(&["a", "b", "c"]), false),
                (2, 2, cells(&["1", "2", "x"]), true),
                (3, 3, cells(&["4", "5", "6"]), false),
                (4, 4, cells(&["7", "8", "y\"", "z"]), false),
                (5, 5, cells(&["9", "9", "9"]), false),
            ]
        );
        // With as many cells as the header, they are one row (and its note says so).
        assert_eq!(
            rows(&["a,b,c", "1,2,\"x", "7,8,y\""])[1],
            (2, 3, cells(&["1", "2", "x\n7,8,y"]), false)
        );
    }

    #[test]
    fn blank_lines_and_empty_rows_are_blank() {
        assert_eq!(
            rows(&["a,b", "", " , ", "1,2"]),
            [
                (1, 1, cells(&["a", "b"]), false),
                (2, 2, vec![], false),
                (3, 3, vec![], false),
                (4, 4, cells(&["1", "2"]), false),
            ]
        );
    }

    #[test]
    fn a_quote_open_at_the_end_is_stray() {
        assert_eq!(
            rows(&["a,b", "1,\"2", "3,4"]),
            [
                (1, 1, cells(&["a", "b"]), false),
                (2, 2, cells(&["1", "2"]), true),
                (3, 3, cells(&["3", "4"]), false),
            ]
        );
    }
}
