// file/worker.js: a Web Worker that classifies a whole file off the main
// thread with the files module (crate/files): `inspect` reads the first
// bytes (separator, header, which column is what); `run` streams the file
// through a FileJob chunk by chunk, posts progress about ten times a second,
// and ends with the report and the output as a Blob. The page cancels by
// terminating the worker. Nothing here makes a request but for its own code.
//
//   → { type: 'inspect', file }        ← { type: 'inspected', inspection }
//   → { type: 'run', file, options }   ← { type: 'progress', done, total } …
//                                      ← { type: 'done', report, blob, seconds }
//   either                             ← { type: 'failed', code, message }

import init, { FileJob, inspect, maxBytes } from '../pkg/iris_files.js';

const started = init({ module_or_path: new URL('../pkg/iris_files_bg.wasm', import.meta.url) });
/** The first bytes `inspect` reads: any first line of a real file fits. */
const HEAD = 64 * 1024;

function refuse(code, message) {
  throw Object.assign(new Error(message), { code });
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
  const { tail, report } = job.finish();
  parts.push(tail);
  const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
  return { report, blob, seconds: (performance.now() - begun) / 1000 };
}

onmessage = async ({ data }) => {
  try {
    await started;
    if (data.file.size > maxBytes()) refuse('too-large', `larger than ${maxBytes()} bytes`);
    if (data.type === 'inspect') {
      const head = new Uint8Array(await data.file.slice(0, HEAD).arrayBuffer());
      postMessage({ type: 'inspected', inspection: inspect(head), maxBytes: maxBytes() });
    } else if (data.type === 'run') {
      postMessage({ type: 'done', ...(await classify(data.file, data.options)) });
    }
  } catch (error) {
    postMessage({ type: 'failed', code: error?.code ?? 'internal', message: String(error?.message ?? error) });
  }
};
