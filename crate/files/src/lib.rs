/*!
Classifying a whole file in the browser: the third WebAssembly module,
fetched only when a person chooses a file, and run in a Web Worker so the
page never freezes. The file streams through chunk by chunk, each concern
in its own module, as rust-csv lays them out:

- [`text`]: which encoding (UTF-8, UTF-16, Windows-1252) and the text as UTF-8;
- [`lines`] and [`rows`]: physical lines, and rows of cells from them
  (`csv-core`), a stray quote swallowing nothing;
- [`inspect()`]: the first line: separator, header, which column is what;
- [`columns`] and [`numbers`]: column names in three languages, decimal commas;
- [`job`]: every row classified with the embedded model and written back
  with the prediction, the three probabilities and a [`notes`] column;
- [`report`]: what was counted, every line accounted for;
- [`limits`] and [`error`]: the limits, stated once, and what stops a file.

Nothing here touches JavaScript but `src/bindings.rs`.
*/
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod bindings;
pub mod columns;
pub mod error;
mod inspect;
pub mod job;
pub mod limits;
pub mod lines;
pub mod notes;
pub mod numbers;
pub mod report;
pub mod rows;
pub mod text;

pub use error::FileError;
pub use inspect::{inspect, Inspection};
