// The real wasm module (dist/), run in node, against the native build's
// answers written by `cargo xtask test wasm` (target/parity/cases.json):
// identical bits for every probability, identical messages, no trap ever.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.IRIS_DIST;
const casesPath = process.env.IRIS_PARITY_CASES;
if (!dist || !casesPath) {
  throw new Error('IRIS_DIST and IRIS_PARITY_CASES are unset: run `cargo xtask test wasm`');
}

const iris = await import(pathToFileURL(join(dist, 'iris.js')).href);
const publicAssets = join(dist, 'assets', 'public');
const wasmName = readdirSync(publicAssets).find((f) => /^iris_wasm_bg\.[0-9a-f]+\.wasm$/.test(f));
await iris.default(readFileSync(join(publicAssets, wasmName)));
const { cases, batch, texts, card, explanations } = JSON.parse(readFileSync(casesPath, 'utf8'));
// The same glue module instance iris.js started (the element's path uses it).
const glueName = readdirSync(publicAssets).find((f) => /^iris_wasm\.[0-9a-f]+\.js$/.test(f));
const glue = await import(pathToFileURL(join(publicAssets, glueName)).href);

const view = new DataView(new ArrayBuffer(8));
const f64 = (hex) => { view.setBigUint64(0, BigInt(`0x${hex}`)); return view.getFloat64(0); };
const f32 = (hex) => { view.setUint32(0, Number.parseInt(hex, 16)); return view.getFloat32(0); };
const hex64 = (x) => { view.setFloat64(0, x); return view.getBigUint64(0).toString(16).padStart(16, '0'); };
const FIELDS = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'];
const SPECIES = ['setosa', 'versicolor', 'virginica'];

test('native and wasm agree bit for bit on every single prediction', () => {
  assert.ok(cases.length >= 10_150, `only ${cases.length} cases`);
  const mismatches = [];
  let predicted = 0;
  for (const c of cases) {
    const input = Object.fromEntries(FIELDS.map((f, i) => [f, f64(c.input[i])]));
    if (c.error) {
      try {
        iris.predict(input);
        mismatches.push({ input, expected: c.error, got: 'a prediction' });
      } catch (e) {
        if (e.message !== c.error || e.name !== 'MeasurementError') {
          mismatches.push({ input, expected: c.error, got: `${e.name}: ${e.message}` });
        }
      }
      continue;
    }
    const r = iris.predict(input);
    predicted += 1;
    const got = SPECIES.map((s) => hex64(r.probabilities[s]));
    if (r.species !== c.species || got.join() !== c.probabilities.join() || r.set.join() !== c.set.join()
        || r.warnings.map((w) => w.message).join('|') !== c.warnings.join('|')) {
      mismatches.push({ input, expected: c, got: { ...r, bits: got } });
    }
  }
  assert.ok(predicted >= 10_150, `only ${predicted} predictions compared`);
  // Sets of one and of two species are both among them.
  const sizes = new Set(cases.filter((c) => c.set).map((c) => c.set.length));
  assert.ok(sizes.has(1) && sizes.has(2), `set sizes compared: ${[...sizes]}`);
  assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} mismatches`);
});

test('native and wasm agree bit for bit on predictBatch', () => {
  const rows = Float32Array.from(batch.rows, f32);
  const r = iris.predictBatch(rows);
  assert.equal(r.species.length, rows.length / 4);
  assert.deepEqual(Array.from(r.species), batch.species);
  assert.deepEqual(Array.from(r.outside), batch.outside);
  assert.deepEqual(Array.from(r.probabilities, hex64), batch.probabilities);
  assert.deepEqual(Array.from(r.sets), batch.sets);
  assert.ok(batch.sets.some((bits) => bits !== 1 && bits !== 2 && bits !== 4), 'a set of two species among the rows');

  // The same bits written into arrays the caller owns, reused across calls.
  const n = rows.length / 4;
  const into = {
    species: new Uint8Array(n), probabilities: new Float64Array(3 * n), outside: new Uint8Array(n), sets: new Uint8Array(n),
  };
  into.probabilities.fill(-1);
  assert.equal(iris.predictBatch(rows, into), into);
  assert.deepEqual(Array.from(into.species), batch.species);
  assert.deepEqual(Array.from(into.outside), batch.outside);
  assert.deepEqual(Array.from(into.probabilities, hex64), batch.probabilities);
  assert.deepEqual(Array.from(into.sets), batch.sets);
  // Every odd and even length, so the last unpaired row is covered too.
  for (const rowsNow of [1, 2, 3, 255, 256, 257, 513]) {
    const part = rows.subarray(0, 4 * rowsNow);
    const answers = iris.predictBatch(part);
    assert.deepEqual(Array.from(answers.probabilities, hex64), batch.probabilities.slice(0, 3 * rowsNow));
  }
});

test('native and wasm agree bit for bit on batch(n), the zero-copy batch', () => {
  const rows = Float32Array.from(batch.rows, f32);
  const n = rows.length / 4;
  const b = iris.batch(n);
  assert.equal(b.length, n);
  assert.equal(b.rows.length, 4 * n);
  b.rows.set(rows);
  assert.equal(b.run(), b);
  assert.deepEqual(Array.from(b.species), batch.species);
  assert.deepEqual(Array.from(b.outside), batch.outside);
  assert.deepEqual(Array.from(b.probabilities, hex64), batch.probabilities);
  assert.deepEqual(Array.from(b.sets), batch.sets);
  // Written in place, value by value, and run again: the same bits.
  b.probabilities.fill(-1);
  for (let i = 0; i < rows.length; i += 1) b.rows[i] = rows[i];
  b.run();
  assert.deepEqual(Array.from(b.probabilities, hex64), batch.probabilities);
  // Every odd and even length, so the last unpaired row is covered too.
  for (const rowsNow of [0, 1, 2, 3, 255, 256, 257, 513]) {
    const part = iris.batch(rowsNow);
    part.rows.set(rows.subarray(0, 4 * rowsNow));
    part.run();
    assert.deepEqual(Array.from(part.probabilities, hex64), batch.probabilities.slice(0, 3 * rowsNow));
    assert.deepEqual(Array.from(part.species), batch.species.slice(0, rowsNow));
  }
});

test('batch(n) rejects bad input clearly, survives memory growth and is never read stale', () => {
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 30, '3', null, undefined]) {
    assert.throws(() => iris.batch(bad), (e) => e instanceof RangeError
      && /^batch\(n\) expects a whole number of flowers from 0 to 1073741823, got /.test(e.message), String(bad));
  }
  // Rows never written are zeros, which the module refuses, naming the row.
  assert.throws(() => iris.batch(2).run(), (/** @type {any} */ e) => e.row === 0 && /^row 0: invalid sepal length '0'/.test(e.message));
  const b = iris.batch(3);
  b.rows.set([5.1, 3.5, 1.4, 0.2, 6.3, 3.3, 6.0, 2.5, 5.9, 3.0, 4.2, 1.5]);
  b.rows[6] = Number.NaN;
  assert.throws(() => b.run(), (/** @type {any} */ e) => e.row === 1 && e.field === 'petalLength');
  b.rows[6] = 6.0;
  b.run();
  assert.deepEqual(Array.from(b.species), [0, 2, 1]);
  // A much bigger batch grows the memory: the first batch is taken over
  // and says so, instead of answering from buffers now used by another.
  const buffer = iris.batch(1).rows.buffer;
  const big = iris.batch(2_000_000);
  assert.notEqual(big.rows.buffer, buffer, 'the memory grew');
  assert.throws(() => b.species, /this batch was replaced by a later batch\(\) or predictBatch\(\); make a new one/);
  assert.throws(() => b.run(), /replaced/);
  big.rows.fill(1);
  big.run();
  assert.equal(big.species.length, 2_000_000);
  assert.deepEqual(Array.from(big.species.subarray(0, 2)), Array.from(iris.predictBatch(new Float32Array(8).fill(1)).species));
  // predictBatch takes the buffers over too.
  assert.throws(() => big.rows, /replaced/);
  // More rows than the module can ever hold: an error, not a trap.
  assert.throws(() => iris.batch(2 ** 30 - 1), (e) => e instanceof RangeError
    && /^iris\.js: 1073741823 rows do not fit in the module's memory/.test(e.message));
  assert.equal(iris.predict({ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 }).species, 'setosa');
  const again = iris.batch(1);
  again.rows.set([6.3, 3.3, 6.0, 2.5]);
  assert.equal(again.run().species[0], 2);
});

test('field text (the element\'s path) reads and predicts as natively, bit for bit', () => {
  assert.ok(texts.length >= 20);
  for (const c of texts) {
    let got;
    try {
      const r = glue.predictText(c.texts);
      got = { species: r.species, probabilities: SPECIES.map((s) => hex64(r.probabilities[s])) };
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `trapped on ${c.texts}`);
      got = { errors: e.errors.map((x) => x.message) };
    }
    const expected = c.errors ? { errors: c.errors } : { species: c.species, probabilities: c.probabilities };
    assert.deepEqual(got, expected, JSON.stringify(c.texts));
  }
});

test('modelInfo() is the native model card, loaded once', async () => {
  const shown = await iris.modelInfo();
  assert.deepEqual(shown, card);
  assert.ok(Object.isFrozen(shown.crossValidation.confusionMatrix[0]));
  assert.ok(Object.isFrozen(shown.predictionSets.nested.sizes));
  assert.equal(await iris.modelInfo(), shown, 'the same object every time');
});

test('every bad input throws a clear Error and the module keeps working', () => {
  const valid = { sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 };
  const hostile = new Proxy({}, { get() { throw new Error('hostile getter'); } });
  /** @type {[unknown, RegExp][]} */
  const cases = [
    [undefined, /expected an object \{ sepalLength, sepalWidth, petalLength, petalWidth \}/],
    [null, /got null/],
    [42, /got 42/],
    ['5.1,3.5,1.4,0.2', /got "5.1,3.5,1.4,0.2"/],
    [{}, /^missing sepal length \(expected a number of centimetres greater than 0 and at most 100\)$/],
    [{ ...valid, petalWidth: '0.2' }, /^invalid petal width "0.2": must be a number/],
    [{ ...valid, petalWidth: {} }, /^invalid petal width \{\}: must be a number/],
    [{ ...valid, petalWidth: 10n }, /^invalid petal width a bigint: must be a number/],
    [{ ...valid, petalWidth: Symbol('x') }, /^invalid petal width a symbol: must be a number/],
    [{ ...valid, petalWidth: true }, /^invalid petal width true: must be a number/],
    [{ ...valid, sepalWidth: -0 }, /^invalid sepal width '-0': must be greater than 0 cm/],
    // A literal too large for a double, as a person might type it: it reads as Infinity.
    // eslint-disable-next-line no-loss-of-precision
    [{ ...valid, sepalWidth: 1e400 }, /^invalid sepal width 'Infinity': must be a finite number/],
    [{ ...valid, sepalLength: Number.NaN }, /^invalid sepal length 'NaN': must be a number/],
    [{ ...valid, sepalLength: 120 }, /^invalid sepal length '120': must be at most 100 cm/],
    [hostile, /hostile getter/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => iris.predict(input), (/** @type {any} */ e) => {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `trapped on case ${message}: ${e}`);
      assert.match(e.message, message);
      return true;
    });
    assert.equal(iris.predict(valid).species, 'setosa', 'module still works');
  }
});

test('an error lists every invalid field with its code', () => {
  try {
    iris.predict({ sepalLength: 5, petalLength: -1, petalWidth: 'x' });
    assert.fail('no error');
  } catch (e) {
    assert.equal(e.name, 'MeasurementError');
    assert.equal(e.field, 'sepalWidth');
    assert.deepEqual(
      e.errors.map((x) => [x.field, x.code, x.reason]),
      [
        ['sepalWidth', 'missing', 'is required'],
        ['petalLength', 'not-positive', 'must be greater than 0 cm'],
        ['petalWidth', 'wrong-type', 'must be a number'],
      ],
    );
  }
});

test('predictBatch rejects bad input clearly and keeps working', () => {
  assert.throws(() => iris.predictBatch([5, 3, 1, 0.2]), /expects a Float32Array of 4 values per flower, got Array/);
  assert.throws(() => iris.predictBatch(null), /got null/);
  assert.throws(() => iris.predictBatch(new Float32Array(7)), /batch length 7 is not a multiple of 4/);
  assert.throws(
    () => iris.predictBatch(Float32Array.of(5, 3, 1, 0.2, 5, 3, Number.NaN, 0.2)),
    (/** @type {any} */ e) => e.row === 1 && e.field === 'petalLength' && /^row 1: invalid petal length 'NaN'/.test(e.message),
  );
  const one = Float32Array.of(5.1, 3.5, 1.4, 0.2);
  assert.throws(() => iris.predictBatch(one, null), /into\.species must be a Uint8Array of length 1, got undefined/);
  assert.throws(
    () => iris.predictBatch(one, { species: new Uint8Array(1), probabilities: new Float32Array(3), outside: new Uint8Array(1) }),
    /into\.probabilities must be a Float64Array of length 3, got Float32Array/,
  );
  assert.throws(
    () => iris.predictBatch(one, { species: new Uint8Array(2), probabilities: new Float64Array(3), outside: new Uint8Array(1) }),
    /into\.species must be a Uint8Array of length 1, got length 2/,
  );
  const empty = iris.predictBatch(new Float32Array(0));
  assert.equal(empty.species.length, 0);
  assert.equal(iris.predictBatch(Float32Array.of(5.1, 3.5, 1.4, 0.2)).species[0], 0);
});

test('calling before init() says to await it', async () => {
  const fresh = await import(`${pathToFileURL(join(dist, 'iris.js')).href}?fresh`);
  assert.throws(() => fresh.predict({}), /predict\(\) was called before init\(\) finished; await init\(\) first/);
});

test('explain(): the explorer module answers as natively, and rejects clearly', async () => {
  const named = (pattern) => join(publicAssets, readdirSync(publicAssets).find((f) => pattern.test(f)));
  const explorer = await import(pathToFileURL(named(/^iris_explorer\.[0-9a-f]+\.js$/)).href);
  explorer.initSync({ module: readFileSync(named(/^iris_explorer_bg\.[0-9a-f]+\.wasm$/)) });
  assert.ok(explanations.length > 500);
  for (const { input, explanation } of explanations) {
    assert.deepEqual(explorer.explain(Float64Array.from(input)), explanation);
  }
  const flowers = explorer.flowers();
  assert.equal(flowers.length, 150);
  assert.deepEqual(flowers[0], { measurements: { sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 }, species: 'setosa' });
  // Named in measurement order, as predict()'s input is.
  assert.deepEqual(Object.keys(flowers[0].measurements), ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth']);
  assert.throws(() => explorer.explain(Float64Array.of(1, 2, 3)), /expected 4 values, got 3/);
  assert.throws(() => explorer.explain(Float64Array.of(5, 3, -1, 1)), /^Error: invalid petal length '-1': must be greater than 0 cm/);
  assert.equal(explorer.explain(Float64Array.of(5.1, 3.5, 1.4, 0.2)).species, 'setosa', 'still works');
});

test("decimal commas: the element's reading in Spanish and French (readable, then the module's text path) agrees with the files module's rule", async () => {
  const { readable } = await import('../../www/i18n/languages.js');
  const { cases } = JSON.parse(readFileSync(new URL('../../crate/files/tests/decimal-marks.json', import.meta.url), 'utf8'));
  for (const [text, want] of cases) {
    for (const lang of ['es', 'fr']) {
      let got;
      try {
        got = glue.predictText([readable(text, lang), '3.5', '1.4', '0.2']).probabilities;
      } catch (error) {
        const codes = error.errors.filter((e) => e.field === 'sepalLength').map((e) => e.code);
        assert.ok(codes.length === 1 && ['missing', 'wrong-type', 'not-a-number'].includes(codes[0]), `${text}: ${codes}`);
        got = null;
      }
      // Read as the number listed: the same answer as that number typed.
      const read = want === null ? null : iris.predict({ sepalLength: want, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 }).probabilities;
      assert.deepEqual(got, read, `${JSON.stringify(text)} in ${lang}`);
    }
  }
});
