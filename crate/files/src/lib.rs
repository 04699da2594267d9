/*!
Classifying a whole CSV file in the browser: the third WebAssembly module,
fetched only when a person chooses a file, and run in a Web Worker so the
page never freezes. The file streams through `csv-core` (the `csv` crate's
incremental parser and writer) chunk by chunk: [`inspect`] reads its first
line (separator, header, which column is what), [`job::Job`] classifies
every row with the embedded model (the same arithmetic as everywhere else)
and writes the original columns plus the prediction, the three
probabilities and a note, and counts everything for the [`report::Report`].
Nothing here touches JavaScript but `src/bindings.rs`.
*/
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod bindings;
pub mod columns;
pub mod job;
pub mod numbers;
pub mod report;

use csv_core::{ReadRecordResult, ReaderBuilder};
use iris_core::Feature;
use serde::Serialize;

use crate::columns::Mapping;
use crate::job::FileError;

/// What the start of a file says about how to read it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    /// `,`, `;` or tab.
    pub separator: char,
    /// Whether the first line holds column names (else it is data).
    pub header: bool,
    /// The column names (for a file without a header: `1`, `2`, …).
    pub columns: Vec<String>,
    /// Which column holds what, as far as the names tell.
    pub mapping: Mapping,
}

/// Reads the first line of `head` (the file's first bytes).
pub fn inspect(head: &[u8]) -> Result<Inspection, FileError> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.contains(&0) {
        return Err(FileError::NotText);
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .ok_or(FileError::Empty)?;
    let first = &head[start..];
    let line_end = first
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(first.len());
    let separator = columns::sniff_separator(&first[..line_end]);
    let fields = first_record(first, separator);
    let header = !columns::looks_like_data(&fields);
    let (columns, mapping) = if header {
        let mapping = columns::recognise(&fields);
        (fields, mapping)
    } else {
        // No names: the measurements in the usual order, then the species.
        let names = (1..=fields.len()).map(|i| i.to_string()).collect();
        let mapping = Mapping {
            fields: Feature::ALL.map(|f| Some(f.index()).filter(|&i| i < fields.len())),
            species: Some(Feature::COUNT).filter(|&i| i < fields.len()),
        };
        (names, mapping)
    };
    Ok(Inspection {
        separator: char::from(separator),
        header,
        columns,
        mapping,
    })
}

/// The fields of the first record in `bytes`.
fn first_record(bytes: &[u8], separator: u8) -> Vec<String> {
    let mut reader = ReaderBuilder::new().delimiter(separator).build();
    let mut out = vec![0; bytes.len() + 1];
    let mut ends = vec![0; bytes.len() + 1];
    let (mut input, mut written, mut ended) = (bytes, 0, 0);
    loop {
        let (result, read, w, e) =
            reader.read_record(input, &mut out[written..], &mut ends[ended..]);
        input = &input[read..];
        written += w;
        ended += e;
        match result {
            ReadRecordResult::InputEmpty if !input.is_empty() => continue,
            ReadRecordResult::InputEmpty => {
                // The head ends inside the first record: end it there.
                let (_, _, _, e) = reader.read_record(&[], &mut out[written..], &mut ends[ended..]);
                ended += e;
                break;
            }
            _ => break,
        }
    }
    (0..ended)
        .map(|i| {
            let from = if i == 0 { 0 } else { ends[i - 1] };
            String::from_utf8_lossy(&out[from..ends[i]]).into_owned()
        })
        .collect()
}
