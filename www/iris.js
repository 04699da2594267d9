// iris.js: the public JavaScript API of the iris classifier (stable URL).
//
//   import init, { predict, predictBatch, modelInfo } from './iris.js';
//   await init();
//   predict({ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 });
//   // -> { species: 'setosa', probabilities: { setosa, versicolor, virginica }, warnings: [] }
//
// Everything runs in this page: the model is inside the wasm module, which is
// the only thing fetched. Types: iris.d.ts beside this file.

import initCore, {
  predict as corePredict,
  predictBatch as coreBatch,
  modelCard,
} from './pkg/iris_wasm.js';

let starting = null;
let started = false;
let card = null;

/**
 * Loads and starts the wasm module once; later calls return the same promise.
 * By default the module is fetched relative to this file, so it works from
 * any origin. `source` may instead be a URL, a Response, the module's bytes
 * or a compiled WebAssembly.Module. After a failed start, calling again retries.
 */
export default function init(source) {
  if (!starting) {
    const moduleOrPath = source ?? new URL('./pkg/iris_wasm_bg.wasm', import.meta.url);
    starting = initCore({ module_or_path: moduleOrPath }).then(() => {
      started = true;
    });
    starting.catch(() => {
      starting = null;
    });
  }
  return starting;
}

function assertStarted(name) {
  if (!started) {
    throw new Error(`iris.js: ${name}() was called before init() finished; await init() first`);
  }
}

/**
 * Classifies one flower, measured in centimetres.
 * Throws an Error (name 'MeasurementError', with `field`, `code`, `reason`
 * and an `errors` list of every invalid field) when a value is missing, not a
 * number, not above 0 or above 100.
 */
export function predict(measurements) {
  assertStarted('predict');
  return corePredict(measurements);
}

/**
 * Classifies many flowers at once. `rows` is a Float32Array of 4 values per
 * flower (sepal length, sepal width, petal length, petal width, cm). Returns
 * typed arrays: `species` (0 setosa, 1 versicolor, 2 virginica),
 * `probabilities` (3 per row) and `outside` (per row, bit i set when feature
 * i lies outside the training data). Throws on the first invalid row, naming it.
 */
export function predictBatch(rows) {
  assertStarted('predictBatch');
  if (!(rows instanceof Float32Array)) {
    const got = rows === null ? 'null' : typeof rows === 'object' ? rows.constructor?.name ?? 'object' : typeof rows;
    throw new TypeError(
      `predictBatch expects a Float32Array of 4 values per flower, got ${got}`,
    );
  }
  const n = Math.floor(rows.length / 4);
  const result = {
    species: new Uint8Array(n),
    probabilities: new Float64Array(3 * n),
    outside: new Uint8Array(n),
  };
  coreBatch(rows, result.species, result.probabilities, result.outside);
  return result;
}

/** The model card: family, smartcore version, cross-validation, ranges, examples. */
export function modelInfo() {
  assertStarted('modelInfo');
  card ??= deepFreeze(JSON.parse(modelCard()));
  return card;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
