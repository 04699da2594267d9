//! The JavaScript boundary, and the only file that names wasm-bindgen: the
//! worker (`www/file/worker.js`) inspects a file's first bytes, then feeds
//! the whole file through a `FileJob`. Options come in and inspections,
//! limits and reports go out through serde-wasm-bindgen; file bytes cross as
//! `Uint8Array`s. Errors are JS `Error`s with a `code` (and a `value`, when
//! their words need one) for the page to word.

use js_sys::{Error, Object, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::job::{Job, Options};
use crate::FileError;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// A JS `Error` with the error's `code`, its `value` if any (and its English message).
fn error(e: &FileError) -> JsValue {
    let js = Error::new(&e.to_string());
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &e.code().into());
    if let Some(value) = e.value() {
        let _ = Reflect::set(&js, &"value".into(), &(value as f64).into());
    }
    js.into()
}

/// How to read a file, from its first bytes (`whole`: they are all of it):
/// `{ encoding, separator, header, columns, mapping: { fields: [column |
/// null, …], species }, speciesCodes }`.
#[wasm_bindgen]
pub fn inspect(head: &[u8], whole: bool) -> Result<JsValue, JsValue> {
    to_js(&crate::inspect(head, whole).map_err(|e| error(&e))?)
}

/// The limits: `{ maxBytes, maxLineBytes, maxRowLines, minColumns }`.
#[wasm_bindgen]
pub fn limits() -> Result<JsValue, JsValue> {
    to_js(&crate::limits::LIMITS)
}

/// One file being classified, fed in chunks.
#[wasm_bindgen]
pub struct FileJob {
    job: Option<Job>,
}

#[wasm_bindgen]
impl FileJob {
    /// A job for a file of `size` bytes; `options` as `Options` describes.
    #[wasm_bindgen(constructor)]
    pub fn new(size: f64, options: JsValue) -> Result<FileJob, JsValue> {
        let options: Options = serde_wasm_bindgen::from_value(options)?;
        let classifier =
            iris_wasm::classifier().map_err(|e| JsValue::from(Error::new(&e.to_string())))?;
        let job = Job::new(classifier, size as u64, options).map_err(|e| error(&e))?;
        Ok(FileJob { job: Some(job) })
    }

    /// Reads the next chunk; returns the output it completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Uint8Array, JsValue> {
        let job = self
            .job
            .as_mut()
            .ok_or_else(|| Error::new("the job has finished"))?;
        let out = job.feed(chunk).map_err(|e| error(&e))?;
        Ok(Uint8Array::from(&out[..]))
    }

    /// Ends the file: `{ head: Uint8Array, tail: Uint8Array, report }`; the
    /// output is `head`, then what `feed` returned, then `tail`.
    pub fn finish(&mut self) -> Result<Object, JsValue> {
        let job = self
            .job
            .take()
            .ok_or_else(|| Error::new("the job has finished"))?;
        let finished = job.finish().map_err(|e| error(&e))?;
        let result = Object::new();
        Reflect::set(&result, &"head".into(), &Uint8Array::from(finished.head))?;
        Reflect::set(
            &result,
            &"tail".into(),
            &Uint8Array::from(&finished.tail[..]),
        )?;
        Reflect::set(&result, &"report".into(), &to_js(&finished.report)?)?;
        Ok(result)
    }
}
