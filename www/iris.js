// iris.js: the public JavaScript API of the iris classifier (stable URL).
//
//   import init, { predict, predictBatch, batch, modelInfo } from './iris.js';
//   await init();
//   predict({ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 });
//   // -> { species: 'setosa', probabilities: { setosa, versicolor, virginica },
//   //      set: ['setosa'], warnings: [] }
//
// Everything runs in this page: the model is inside the wasm module, which is
// the only thing fetched before a prediction (the model card, modelInfo(),
// is a module of its own, loaded when asked for). Types: iris.d.ts beside
// this file.
//
// Fast paths: predict() hands four numbers to the module and reads the answer
// from a fixed place in its memory (no object crosses the boundary);
// predictBatch() writes rows straight into buffers the module keeps, and
// batch() hands out those buffers themselves, for no copy at all. Every
// input is still validated by the module; anything unusual (a value that is
// not a number, an invalid one, a warning to word) takes the general path,
// which builds the same answer or error as before.

import initCore, {
  predict as corePredict,
  predictNumbers,
  answerAddress,
  batchBuffers,
  batchRun,
} from './pkg/iris_wasm.js';

let starting = null;
let started = false;
let memory = null;
let answerAt = 0;
let answer = new Float64Array(0);
// Species and field names, in the model's order.
// generated:names begin (cargo xtask codegen, from crate/core: edit there)
const SPECIES = ['setosa', 'versicolor', 'virginica'];
const [f0, f1, f2, f3] = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'];
// generated:names end
const [s0, s1, s2] = SPECIES;

/**
 * Loads and starts the wasm module once; later calls return the same promise.
 * By default the module is fetched relative to this file, so it works from
 * any origin. `source` may instead be a URL, a Response, the module's bytes
 * or a compiled WebAssembly.Module. After a failed start, calling again retries.
 */
export default function init(source) {
  if (!starting) {
    const moduleOrPath = source ?? new URL('./pkg/iris_wasm_bg.wasm', import.meta.url);
    starting = initCore({ module_or_path: moduleOrPath }).then((exports) => {
      memory = exports.memory;
      answerAt = answerAddress();
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

/** A view of the module's answer; made again after the memory grows. */
function answerView() {
  if (answer.buffer !== memory.buffer) answer = new Float64Array(memory.buffer, answerAt, SPECIES.length + 2);
  return answer;
}

/**
 * The species of a prediction set (`bits`: bit i for species i), most
 * probable first under `p` (a tie keeps species order), as the module
 * orders them.
 */
function members(bits, p, top) {
  if (bits === 1 << top) return [SPECIES[top]];
  return SPECIES.filter((_, i) => bits & (1 << i)).sort((a, b) => p[SPECIES.indexOf(b)] - p[SPECIES.indexOf(a)]);
}

/**
 * Classifies one flower, measured in centimetres: the most probable
 * species, each species' probability, the prediction set (the species that
 * cannot be ruled out at the model card's coverage, most probable first)
 * and warnings. Throws an Error (name 'MeasurementError', with `field`, `code`, `reason`
 * and an `errors` list of every invalid field) when a value is missing, not a
 * number, not above 0 or above 100.
 */
export function predict(measurements) {
  assertStarted('predict');
  if (measurements === null || typeof measurements !== 'object') return corePredict(measurements);
  // Each field is read once (a getter runs once, whichever path follows).
  const a = measurements[f0];
  const b = measurements[f1];
  const c = measurements[f2];
  const d = measurements[f3];
  if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number'
      && typeof d === 'number' && predictNumbers(a, b, c, d) === 0) {
    const v = answerView();
    return {
      species: SPECIES[v[3]],
      probabilities: { [s0]: v[0], [s1]: v[1], [s2]: v[2] },
      set: members(v[4], v, v[3]),
      warnings: [],
    };
  }
  return corePredict({ [f0]: a, [f1]: b, [f2]: c, [f3]: d });
}

/**
 * Classifies many flowers at once. `rows` is a Float32Array of 4 values per
 * flower (sepal length, sepal width, petal length, petal width, cm). Returns
 * typed arrays: `species` (0 setosa, 1 versicolor, 2 virginica),
 * `probabilities` (3 per row), `outside` (per row, bit i set when feature
 * i lies outside the training data) and `sets` (per row, the prediction
 * set: bit i set for species i). Throws on the first invalid row, naming it.
 *
 * `into`, optional, is where to write the answers instead of new arrays
 * (the same object is returned): `{ species: Uint8Array(n),
 * probabilities: Float64Array(3n), outside: Uint8Array(n), sets: Uint8Array(n) }`. Reusing them
 * across calls saves allocating (and the browser zeroing) fresh memory
 * every time, which costs more than classifying on large batches.
 */
export function predictBatch(rows, into) {
  assertStarted('predictBatch');
  if (!(rows instanceof Float32Array)) {
    throw new TypeError(`predictBatch expects a Float32Array of 4 values per flower, got ${kind(rows)}`);
  }
  const n = Math.floor(rows.length / 4);
  if (into !== undefined) checkInto(into, n);
  const out = into ?? {
    species: new Uint8Array(n), probabilities: new Float64Array(3 * n), outside: new Uint8Array(n), sets: new Uint8Array(n),
  };
  const [rowsAt, speciesAt, probabilitiesAt, outsideAt, setsAt] = buffers(n, rows.length);
  // The buffers may have grown the memory: views are made after.
  new Float32Array(memory.buffer, rowsAt, rows.length).set(rows);
  batchRun();
  out.species.set(new Uint8Array(memory.buffer, speciesAt, n));
  out.probabilities.set(new Float64Array(memory.buffer, probabilitiesAt, 3 * n));
  out.outside.set(new Uint8Array(memory.buffer, outsideAt, n));
  out.sets.set(new Uint8Array(memory.buffer, setsAt, n));
  return out;
}

// Which batch() owns the module's batch buffers (predictBatch takes them too).
let owner = 0;

/**
 * A batch classified in place, in the module's own memory: nothing is
 * copied in or out. `n` is the number of flowers.
 *
 *   const b = batch(n);
 *   b.rows.set(values);   // or write into b.rows: 4 values per flower (cm),
 *                         // all 0 until written (0 is refused, naming the row)
 *   b.run();              // validates and classifies, throws like predictBatch
 *   b.species; b.probabilities; b.outside; b.sets;   // the answers, as predictBatch's
 *
 * Each property is a typed array over the module's memory. Read it again
 * after any other call into iris.js: when the memory grows, an older view
 * is emptied by the browser. A later batch() or predictBatch() takes the
 * buffers over, and this batch then throws instead of answering wrongly.
 */
export function batch(n) {
  assertStarted('batch');
  if (!(Number.isInteger(n) && n >= 0 && n < 2 ** 30)) {
    throw new RangeError(`batch(n) expects a whole number of flowers from 0 to ${2 ** 30 - 1}, got ${typeof n === 'number' ? n : kind(n)}`);
  }
  const at = buffers(n, 4 * n);
  const mine = owner;
  const views = [];
  const view = (i, Type, length) => {
    if (mine !== owner) throw new Error('iris.js: this batch was replaced by a later batch() or predictBatch(); make a new one');
    if (views[i]?.buffer !== memory.buffer) views[i] = new Type(memory.buffer, at[i], length);
    return views[i];
  };
  // Zeros, which the module refuses: a row left unwritten is an error
  // naming it, not an answer for another batch's leftover values.
  view(0, Float32Array, 4 * n).fill(0);
  return Object.freeze({
    length: n,
    get rows() { return view(0, Float32Array, 4 * n); },
    get species() { return view(1, Uint8Array, n); },
    get probabilities() { return view(2, Float64Array, 3 * n); },
    get outside() { return view(3, Uint8Array, n); },
    get sets() { return view(4, Uint8Array, n); },
    run() {
      view(0, Float32Array, 4 * n);
      batchRun();
      return this;
    },
  });
}

/**
 * Takes the module's batch buffers for `n` rows (`values` numbers): their
 * addresses, or a RangeError when they do not fit.
 */
function buffers(n, values) {
  owner += 1;
  if (!batchBuffers(values)) throw new RangeError(`iris.js: ${n} rows do not fit in the module's memory (4 GiB at most, 43 bytes a row)`);
  return [...answerView()];
}

/** @type {[string, Uint8ArrayConstructor | Float64ArrayConstructor, number][]} */
const INTO = [['species', Uint8Array, 1], ['probabilities', Float64Array, 3], ['outside', Uint8Array, 1], ['sets', Uint8Array, 1]];

function checkInto(into, n) {
  for (const [name, Type, perRow] of INTO) {
    const array = into?.[name];
    if (!(array instanceof Type && array.length === perRow * n)) {
      throw new TypeError(`predictBatch: into.${name} must be a ${Type.name} of length ${perRow * n}, got ${array instanceof Type ? `length ${array.length}` : kind(array)}`);
    }
  }
}

function kind(value) {
  if (value === null) return 'null';
  return typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
}

let explorer = null;

/**
 * Why the model answers what it does: each measurement's contribution to
 * the decision against the runner-up, the prediction set (uncertain when it
 * holds more than one species), and the nearest training flowers. Loads the explorer module on first use.
 * Invalid measurements throw the same errors as predict().
 */
export async function explain(measurements) {
  predict(measurements);
  explorer ??= import('./explorer.js').then((m) => m.load());
  return (await explorer).explain(new Float64Array([f0, f1, f2, f3].map((f) => measurements[f])));
}

let card = null;

/**
 * The model card (family, smartcore version, cross-validation with
 * calibration, prediction sets, ranges, examples), frozen. Loads its module
 * on first use: it is not in the wasm module, so no prediction waits for
 * it, and it needs no init(). After a failed load, calling again retries.
 */
export function modelInfo() {
  if (!card) {
    card = import('./pkg/iris_card.js').then((m) => deepFreeze(m.default));
    card.catch(() => {
      card = null;
    });
  }
  return card;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
