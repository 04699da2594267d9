// A million generated inputs through the real wasm module (dist/), in node:
// every JS type in every field, getters that throw, proxies, NaN payloads,
// subnormals, every limit ± one ulp, and batches from empty to millions of
// rows. Nothing traps; every accepted input gets a sound answer; every
// rejected one gets the documented error. Fixed seed, fixed counts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.IRIS_DIST;
if (!dist) throw new Error('IRIS_DIST is unset: run `cargo xtask test wasm`');
const iris = await import(pathToFileURL(join(dist, 'iris.js')).href);
const publicAssets = join(dist, 'assets', 'public');
await iris.default(readFileSync(join(publicAssets, readdirSync(publicAssets).find((f) => /^iris_wasm_bg\.[0-9a-f]+\.wasm$/.test(f)))));
const glue = await import(pathToFileURL(join(publicAssets, readdirSync(publicAssets).find((f) => /^iris_wasm\.[0-9a-f]+\.js$/.test(f)))).href);

const INPUTS = 1_000_000;
const FIELDS = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'];
const SPECIES = ['setosa', 'versicolor', 'virginica'];
const CODES = ['missing', 'wrong-type', 'not-a-number', 'not-finite', 'not-positive', 'too-large'];
const ACCEPTED = '(expected a number of centimetres greater than 0 and at most 100)';

// A small, fast, seeded generator (xorshift128+), so every run is the same.
let s0 = 0x9e3779b97f4a7c15n; let s1 = 0xbf58476d1ce4e5b9n;
const MASK = (1n << 64n) - 1n;
function next64() {
  let x = s0; const y = s1; s0 = y;
  x = (x ^ (x << 23n)) & MASK; s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
  return (s1 + y) & MASK;
}
const view = new DataView(new ArrayBuffer(8));
const fromBits = (bits) => { view.setBigUint64(0, bits); return view.getFloat64(0); };
const toBits = (x) => { view.setFloat64(0, x); return view.getBigUint64(0); };
const uniform = () => Number(next64() >> 11n) / 2 ** 53;
const pick = (list) => list[Math.floor(uniform() * list.length)];
const nextUp = (x) => (x === 0 ? Number.MIN_VALUE : fromBits(x > 0 ? toBits(x) + 1n : toBits(x) - 1n));
const nextDown = (x) => -nextUp(-x);

const card = await iris.modelInfo();
const EDGES = [0, -0, Number.MIN_VALUE, 2.2250738585072014e-308, 100, 1e-300, 1e300, Number.MAX_VALUE,
  ...card.features.flatMap((f) => [f.min, f.max])]
  .flatMap((x) => [x, nextUp(x), nextDown(x)])
  .concat([Infinity, -Infinity, NaN, fromBits(0x7ff0000000000001n), fromBits(0xfff8deadbeef0001n)]);

function number() {
  switch (Math.floor(uniform() * 8)) {
    case 0: case 1: return fromBits(next64()); // any bit pattern, NaN payloads included
    case 2: return pick(EDGES);
    case 3: return uniform() * 200 - 50;
    default: return uniform() * 12;
  }
}

const thrower = () => { const o = {}; Object.defineProperty(o, 'valueOf', { get() { throw new Error('valueOf getter'); } }); return o; };
function anyValue() {
  const r = uniform();
  if (r < 0.8) return number();
  return pick([
    () => undefined, () => null, () => true, () => false, () => '', () => ' 5.1 ', () => '5,1', () => 'abc',
    () => String(number()), () => 10n, () => Symbol('s'), () => ({}), () => [5.1], () => [], () => () => 1,
    () => new Number(5.1), () => new Proxy({}, {}), thrower, () => new Date(0), () => new Float64Array(1),
  ])();
}

/** An input object: plain, with throwing getters, or a proxy. */
function anyInput() {
  const r = uniform();
  if (r < 0.01) return pick([undefined, null, 42, 'text', [], () => 0, Symbol('x'), 1n]);
  const values = FIELDS.map(anyValue);
  const object = Object.fromEntries(FIELDS.map((f, i) => [f, values[i]]));
  if (r < 0.02) {
    const field = pick(FIELDS);
    Object.defineProperty(object, field, { get() { throw new Error(`getter ${field} throws`); }, enumerable: true });
  } else if (r < 0.03) {
    return new Proxy(object, { get(target, key) { if (key === 'petalWidth') throw new RangeError('proxy says no'); return Reflect.get(target, key); } });
  } else if (r < 0.04) {
    return new Proxy(object, { has: () => true, get: () => 3 });
  }
  return object;
}

const isValid = (x) => typeof x === 'number' && x > 0 && x <= 100;

test('a million generated inputs: no trap, sound answers, documented errors', () => {
  let accepted = 0; let rejected = 0; let thrownByInput = 0;
  for (let i = 0; i < INPUTS; i += 1) {
    const input = anyInput();
    let result;
    try {
      result = iris.predict(input);
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap on input ${i}: ${e}`);
      if (e.name === 'MeasurementError') {
        rejected += 1;
        assert.ok(CODES.includes(e.code), `undocumented code ${e.code}`);
        assert.ok(e.message.endsWith(ACCEPTED) || /^expected an object/.test(e.message) || e.message.includes(ACCEPTED), e.message);
      } else {
        // The caller's own getter or proxy threw: that error, unchanged.
        thrownByInput += 1;
        assert.match(String(e.message), /getter|proxy says no|expected an object/, String(e));
      }
      continue;
    }
    accepted += 1;
    assert.ok(SPECIES.includes(result.species));
    const p = SPECIES.map((s) => result.probabilities[s]);
    assert.ok(p.every((q) => q >= 0 && q <= 1));
    assert.ok(Math.abs(p[0] + p[1] + p[2] - 1) < 1e-12);
    assert.ok(Array.isArray(result.warnings));
    if (typeof input === 'object' && input !== null && !(input instanceof Object && Object.getPrototypeOf(input) === null)) {
      const values = FIELDS.map((f) => { try { return input[f]; } catch { return undefined; } });
      if (values.every((v) => typeof v === 'number')) assert.ok(values.every(isValid), `accepted ${values}`);
    }
  }
  console.log(`fuzz (wasm): ${INPUTS} inputs, ${accepted} accepted, ${rejected} rejected with a MeasurementError, ${thrownByInput} stopped by the input's own throwing getter, 0 traps`);
  assert.ok(accepted > INPUTS / 20 && rejected > INPUTS / 20);
  assert.equal(iris.predict({ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 }).species, 'setosa');
});

test('the element\'s text path: generated text never traps', () => {
  const alphabet = [...'0123456789.,+-eE \t"\\x∞π５'];
  let read = 0; let rejected = 0;
  for (let i = 0; i < 100_000; i += 1) {
    const texts = FIELDS.map(() => (uniform() < 0.7
      ? ` ${(uniform() * 14 - 1).toFixed(Math.floor(uniform() * 4))} `
      : Array.from({ length: Math.floor(uniform() * 10) }, () => pick(alphabet)).join('')));
    try {
      glue.predictText(texts);
      read += 1;
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap on ${JSON.stringify(texts)}`);
      assert.equal(e.name, 'MeasurementError', String(e));
      assert.ok(CODES.includes(e.code));
      rejected += 1;
    }
  }
  console.log(`fuzz (wasm text): 100000 inputs, ${read} read and classified, ${rejected} rejected`);
  assert.ok(read > 1000 && rejected > 1000);
});

test('batches: empty, odd, huge and hostile contents; never a trap', () => {
  let rows = 0; let failed = 0;
  const sizes = [0, 1, 2, 3, 255, 256, 257, 4099, 2_000_000];
  for (let b = 0; b < 400; b += 1) {
    const n = b < sizes.length ? sizes[b] : Math.floor(uniform() * 3000);
    const data = new Float32Array(4 * n);
    const bits = new Uint32Array(data.buffer);
    const hostile = b % 3 === 0;
    for (let i = 0; i < data.length; i += 1) {
      if (hostile && uniform() < 0.001) bits[i] = Number(next64() & 0xffffffffn); // any f32 pattern, NaN payloads too
      else data[i] = uniform() * 12 + 0.01;
    }
    try {
      const r = iris.predictBatch(data);
      assert.equal(r.species.length, n);
      rows += n;
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap on batch ${b}: ${e}`);
      assert.equal(e.name, 'MeasurementError');
      assert.ok(Number.isInteger(e.row) && e.row >= 0 && e.row < n);
      const row = Array.from(data.subarray(4 * e.row, 4 * e.row + 4));
      assert.ok(!row.every(isValid), `row ${e.row} named but valid: ${row}`);
      assert.ok(Array.from({ length: e.row }, (_, k) => data.subarray(4 * k, 4 * k + 4)).every((r) => Array.from(r).every(isValid)), 'an earlier row was invalid');
      failed += 1;
    }
  }
  for (const odd of [new Float32Array(7), new Float32Array(1), new Float32Array(4 * 3 + 2)]) {
    assert.throws(() => iris.predictBatch(odd), /is not a multiple of 4/);
  }
  console.log(`fuzz (wasm batches): 400 batches, ${rows} rows classified, ${failed} rejected naming their first bad row, 0 traps`);
  assert.ok(failed > 10);
});
