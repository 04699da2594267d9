//! The JavaScript boundary, and the only file that names wasm-bindgen: the
//! file worker hands over a workbook's bytes and gets CSV back. Errors are
//! JS `Error`s with a `code` for the page to word.

use js_sys::{Array, Error, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::{Convention, WorkbookError};

fn error(e: &WorkbookError) -> JsValue {
    let js = Error::new(&e.to_string());
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &e.code().into());
    js.into()
}

/// The largest workbook read, in bytes.
#[wasm_bindgen(js_name = maxWorkbookBytes)]
pub fn max_workbook_bytes() -> f64 {
    crate::MAX_WORKBOOK_BYTES as f64
}

/// The sheet `sheet` (or the first with data) of the workbook `bytes` as
/// CSV: `{ csv: Uint8Array, sheet, sheets: [names of sheets with data] }`.
#[wasm_bindgen(js_name = workbookToCsv)]
pub fn workbook_to_csv(
    name: &str,
    bytes: Vec<u8>,
    sheet: Option<String>,
    separator: char,
    decimal_comma: bool,
) -> Result<Object, JsValue> {
    let convention = Convention {
        separator: if separator == ';' { b';' } else { b',' },
        decimal_comma,
    };
    let read = crate::to_csv(name, bytes, sheet.as_deref(), convention).map_err(|e| error(&e))?;
    let result = Object::new();
    Reflect::set(&result, &"csv".into(), &Uint8Array::from(&read.csv[..]))?;
    Reflect::set(&result, &"sheet".into(), &read.name.into())?;
    let sheets: Array = read.sheets.into_iter().map(JsValue::from).collect();
    Reflect::set(&result, &"sheets".into(), &sheets)?;
    Ok(result)
}
