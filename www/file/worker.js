// file/worker.js: a Web Worker that classifies a whole file off the main
// thread with the files module (crate/files): `inspect` reads the first
// bytes (encoding, separator, header, which column is what); `run` streams
// the file through a FileJob chunk by chunk, posts progress about ten times
// a second, and ends with the report and the output as a Blob. A workbook
// (.xlsx, .xls, .ods) is first written as CSV by the workbooks module
// (crate/workbooks), fetched only then; the answer carries that CSV for the
// run. The page cancels by terminating the worker. Nothing here makes a
// request but for its own code.
//
//   → { type: 'inspect', file, sheet?, convention }
//                                      ← { type: 'inspected', inspection, limits, source, workbook? }
//   → { type: 'run', file, options }   ← { type: 'progress', done, total } …
//                                      ← { type: 'done', report, blob, seconds }
//   either                             ← { type: 'failed', code, value?, message, limits }
//
// `source` is what to run: the file itself, or the workbook's sheet as CSV;
// `workbook` is `{ sheet, sheets }`: the sheet read and every sheet with data.

import init, { FileJob, inspect, limits as fileLimits } from '../pkg/iris_files.js';

const started = init({ module_or_path: new URL('../pkg/iris_files_bg.wasm', import.meta.url) }).then(() => fileLimits());
/** The first bytes `inspect` reads: any first line of a real file fits. */
const HEAD = 64 * 1024;

/** The workbooks module, started on first use. */
let workbooks;
const workbookModule = () => {
  workbooks ??= import('../pkg/iris_workbooks.js').then(async (module) => {
    await module.default({ module_or_path: new URL('../pkg/iris_workbooks_bg.wasm', import.meta.url) });
    return module;
  });
  return workbooks;
};

function refuse(code, message, value) {
  throw Object.assign(new Error(message), { code, value });
}

const bytes = async (blob) => new Uint8Array(await blob.arrayBuffer());

/**
 * What the files and workbooks modules throw: an Error-like object with a
 * `code` (and the `value` it concerns), or anything else (internal).
 * @param {unknown} error
 * @returns {{ code?: string, value?: unknown, message?: string }}
 */
const thrown = (error) => (typeof error === 'object' && error !== null ? error : {});

/** How to read `file`; a workbook's sheet is read as CSV first. */
async function inspectFile(file, sheet, convention) {
  const head = await bytes(file.slice(0, HEAD));
  try {
    return { inspection: inspect(head, file.size <= HEAD), source: file };
  } catch (error) {
    if (thrown(error).code !== 'workbook') throw error;
  }
  const { workbookToCsv, maxWorkbookBytes } = await workbookModule();
  if (file.size > maxWorkbookBytes()) refuse('workbook-too-large', `larger than ${maxWorkbookBytes()} bytes`, maxWorkbookBytes());
  const read = workbookToCsv(file.name, await bytes(file), sheet ?? undefined, convention.separator, convention.decimalComma);
  const source = new Blob([read.csv], { type: 'text/csv;charset=utf-8' });
  const csvHead = read.csv.subarray(0, HEAD);
  return {
    inspection: inspect(csvHead, read.csv.length <= HEAD),
    source,
    workbook: { sheet: read.sheet, sheets: read.sheets },
  };
}

async function classify(file, options) {
  const begun = performance.now();
  const job = new FileJob(file.size, options);
  const parts = [];
  const reader = file.stream().getReader();
  let done = 0;
  let told = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    parts.push(job.feed(value));
    done += value.length;
    const now = performance.now();
    if (now - told > 100) {
      told = now;
      postMessage({ type: 'progress', done, total: file.size });
    }
  }
  const { head, tail, report } = /** @type {{ head: Uint8Array, tail: Uint8Array, report: object }} */ (job.finish());
  // The module's bytes are plain ArrayBuffer-backed arrays, as a Blob takes.
  const blob = new Blob(/** @type {BlobPart[]} */ ([head, ...parts, tail]), { type: 'text/csv;charset=utf-8' });
  return { report, blob, seconds: (performance.now() - begun) / 1000 };
}

onmessage = async ({ data }) => {
  let limits;
  try {
    limits = await started;
    if (data.file.size > limits.maxBytes) refuse('too-large', `larger than ${limits.maxBytes} bytes`, data.file.size);
    if (data.type === 'inspect') {
      postMessage({ type: 'inspected', limits, ...(await inspectFile(data.file, data.sheet, data.convention)) });
    } else if (data.type === 'run') {
      postMessage({ type: 'done', ...(await classify(data.file, data.options)) });
    }
  } catch (error) {
    const { code, value, message } = thrown(error);
    postMessage({ type: 'failed', code: code ?? 'internal', value, message: String(message ?? error), limits });
  }
};
