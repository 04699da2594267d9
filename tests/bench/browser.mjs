// Browser benchmark run by `cargo xtask bench`: numbers are reported, never
// asserted. Everything is measured twice in the same browser process: ours,
// and a plain-JavaScript reference doing the same logistic regression with
// the coefficients from the model card (a function, a batch loop over a
// Float32Array, and a minimal static page that predicts from inline script).
// Prints one JSON object on stdout.

import { launch, open, APP_URL } from '../browser/chromium.mjs';

const PLAIN_URL = process.env.PLAIN_URL;
if (!PLAIN_URL) throw new Error('PLAIN_URL is unset: run `cargo xtask bench`');

const COLD_RUNS = 11;
const CALLS = 100_000;
const REPEATS = 7;
const ROWS = 1_000_000;
const MAP_ROWS = 320 * 320;
const QUERY = '?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Navigation start to the first prediction on a fresh page with an empty cache. */
async function coldLoad(browser, url, event) {
  const { page, context } = await open(browser, null);
  await page.addInitScript((type) => {
    if (type) document.addEventListener(type, () => { window.firstPrediction ??= performance.now(); });
  }, event);
  await page.goto(url);
  await page.waitForFunction(() => window.firstPrediction !== undefined);
  const ms = await page.evaluate(() => window.firstPrediction);
  await context.close();
  return ms;
}

const browser = await launch();
try {
  const cold = { ours: [], plain: [], floor: [] };
  for (let i = 0; i < COLD_RUNS; i += 1) {
    cold.ours.push(await coldLoad(browser, `${APP_URL}${QUERY}`, 'iris-prediction'));
    cold.plain.push(await coldLoad(browser, `${PLAIN_URL}${QUERY}`, null));
    // The wasm floor: only iris.js predicting, served like the app.
    cold.floor.push(await coldLoad(browser, `${APP_URL}floor.html${QUERY}`, null));
  }

  const { page, context } = await open(browser, APP_URL);
  const warm = await page.evaluate(async ({ calls, repeats, rows, mapRows }) => {
    const iris = await import('/iris.js');
    await iris.default();
    const info = await iris.modelInfo();
    const { weights, intercepts } = info.coefficients;
    const names = info.species;
    const [w0, w1, w2] = weights;
    const [b0, b1, b2] = intercepts;

    // The reference: the same formula in plain JavaScript, no validation.
    const reference = (m) => {
      const x0 = m.sepalLength; const x1 = m.sepalWidth; const x2 = m.petalLength; const x3 = m.petalWidth;
      const s0 = b0 + w0[0] * x0 + w0[1] * x1 + w0[2] * x2 + w0[3] * x3;
      const s1 = b1 + w1[0] * x0 + w1[1] * x1 + w1[2] * x2 + w1[3] * x3;
      const s2 = b2 + w2[0] * x0 + w2[1] * x1 + w2[2] * x2 + w2[3] * x3;
      const top = Math.max(s0, s1, s2);
      const e0 = Math.exp(s0 - top); const e1 = Math.exp(s1 - top); const e2 = Math.exp(s2 - top);
      const t = e0 + e1 + e2;
      const p = [e0 / t, e1 / t, e2 / t];
      const best = p[0] >= p[1] ? (p[0] >= p[2] ? 0 : 2) : (p[1] >= p[2] ? 1 : 2);
      return { species: names[best], probabilities: { setosa: p[0], versicolor: p[1], virginica: p[2] }, warnings: [] };
    };
    // Kept for the file benchmark below, which runs in the same page.
    window.irisReference = reference;
    const referenceBatch = (data, into) => {
      const n = data.length / 4;
      const { species, probabilities, outside } = into
        ?? { species: new Uint8Array(n), probabilities: new Float64Array(3 * n), outside: new Uint8Array(n) };
      for (let i = 0; i < n; i += 1) {
        const x0 = data[4 * i]; const x1 = data[4 * i + 1]; const x2 = data[4 * i + 2]; const x3 = data[4 * i + 3];
        const s0 = b0 + w0[0] * x0 + w0[1] * x1 + w0[2] * x2 + w0[3] * x3;
        const s1 = b1 + w1[0] * x0 + w1[1] * x1 + w1[2] * x2 + w1[3] * x3;
        const s2 = b2 + w2[0] * x0 + w2[1] * x1 + w2[2] * x2 + w2[3] * x3;
        const top = Math.max(s0, s1, s2);
        const e0 = Math.exp(s0 - top); const e1 = Math.exp(s1 - top); const e2 = Math.exp(s2 - top);
        const t = e0 + e1 + e2;
        probabilities[3 * i] = e0 / t; probabilities[3 * i + 1] = e1 / t; probabilities[3 * i + 2] = e2 / t;
        species[i] = e0 >= e1 ? (e0 >= e2 ? 0 : 2) : (e1 >= e2 ? 1 : 2);
      }
      return { species, probabilities, outside };
    };

    const inputs = Array.from({ length: 1024 }, (_, i) => ({
      sepalLength: 4.5 + (i % 30) / 10,
      sepalWidth: 2.2 + (i % 20) / 10,
      petalLength: 1.1 + (i % 55) / 10,
      petalWidth: 0.1 + (i % 24) / 10,
    }));
    const perCall = (fn) => {
      let sink = 0;
      for (let i = 0; i < 20_000; i += 1) sink += fn(inputs[i & 1023]).probabilities.setosa; // warm-up
      const times = [];
      for (let r = 0; r < repeats; r += 1) {
        const t0 = performance.now();
        for (let i = 0; i < calls; i += 1) sink += fn(inputs[i & 1023]).probabilities.setosa;
        times.push(((performance.now() - t0) * 1000) / calls);
      }
      return { times, sink };
    };
    const data = new Float32Array(rows * 4);
    for (let i = 0; i < rows; i += 1) {
      const f = inputs[i & 1023];
      data[4 * i] = f.sepalLength; data[4 * i + 1] = f.sepalWidth; data[4 * i + 2] = f.petalLength; data[4 * i + 3] = f.petalWidth;
    }
    const mapData = data.subarray(0, mapRows * 4);
    // `reuse`: both sides write into arrays allocated once, outside the timing.
    const perBatch = (fn, d, reuse) => {
      const n = d.length / 4;
      const into = reuse
        ? { species: new Uint8Array(n), probabilities: new Float64Array(3 * n), outside: new Uint8Array(n) }
        : undefined;
      fn(d.subarray(0, 4000)); // warm-up
      if (into) fn(d, into);
      const times = [];
      for (let r = 0; r < repeats; r += 1) {
        const t0 = performance.now();
        const result = fn(d, into);
        times.push(performance.now() - t0);
        if (result.species.length !== d.length / 4) throw new Error('short result');
      }
      return times;
    };
    // batch(n), zero-copy: the rows are written into the module's memory
    // once, outside the timing, as the reference's are already in its
    // Float32Array; timed: run() and taking the three answer arrays. The
    // reference writes into arrays allocated once (the same work).
    const perZeroCopy = (d) => {
      const n = d.length / 4;
      const b = iris.batch(n);
      b.rows.set(d);
      b.run(); // warm-up
      const times = [];
      for (let r = 0; r < repeats; r += 1) {
        const t0 = performance.now();
        const { species, probabilities, outside } = b.run();
        times.push(performance.now() - t0);
        if (species.length !== n || probabilities.length !== 3 * n || outside.length !== n) throw new Error('short result');
      }
      return times;
    };
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // The explorer's decision map: a 320 × 320 canvas redrawn by the wasm
    // module (every pixel, the 150 flowers, the axes), the flower moving.
    const source = await (await fetch('/iris.js')).text();
    const explorerPath = source.match(/\.\/assets\/public\/explorer\.[0-9a-f]+\.js/)[0].slice(1);
    const explorer = await (await import(explorerPath)).load();
    const canvas = document.createElement('canvas');
    canvas.width = 320; canvas.height = 320;
    const draw = (i) => explorer.drawMap(canvas, {
      x: 'petalLength', y: 'petalWidth', values: [5.8, 3.0, 1 + (i % 50) / 10, 0.1 + (i % 20) / 10], scale: 1, dark: false,
    });
    for (let i = 0; i < 20; i += 1) draw(i); // warm-up
    const redraws = [];
    for (let i = 0; i < 60; i += 1) {
      const t0 = performance.now();
      draw(i);
      canvas.getContext('2d').getImageData(0, 0, 1, 1); // the drawing is done, not queued
      redraws.push(performance.now() - t0);
    }
    return {
      redrawMs: median(redraws),
      predictMicros: { ours: median(perCall(iris.predict).times), reference: median(perCall(reference).times) },
      batchMs: { ours: median(perBatch(iris.predictBatch, data)), reference: median(perBatch(referenceBatch, data)) },
      mapMs: { ours: median(perBatch(iris.predictBatch, mapData)), reference: median(perBatch(referenceBatch, mapData)) },
      batchIntoMs: { ours: median(perBatch(iris.predictBatch, data, true)), reference: median(perBatch(referenceBatch, data, true)) },
      mapIntoMs: { ours: median(perBatch(iris.predictBatch, mapData, true)), reference: median(perBatch(referenceBatch, mapData, true)) },
      zeroCopyMs: { ours: median(perZeroCopy(data)), reference: median(perBatch(referenceBatch, data, true)) },
      mapZeroCopyMs: { ours: median(perZeroCopy(mapData)), reference: median(perBatch(referenceBatch, mapData, true)) },
    };
  }, { calls: CALLS, repeats: REPEATS, rows: ROWS, mapRows: MAP_ROWS });

  // A million-row CSV (about 25 MB) through "Classify a file" as a person
  // uses it (the worker and the files module; file chosen to download link
  // shown), against a plain-JS reference in the same page: the file read
  // whole, split, parsed, classified and written back, unvalidated.
  await page.locator('#file[data-ready]').waitFor({ state: 'attached' });
  const file = await page.evaluate(async ({ rows: n, repeats }) => {
    const samples = ['5.1,3.5,1.4,0.2,setosa', '7.0,3.2,4.7,1.4,versicolor', '6.3,3.3,6.0,2.5,virginica'];
    const lines = new Array(n + 1);
    lines[0] = 'sepal_length,sepal_width,petal_length,petal_width,species';
    for (let i = 1; i <= n; i += 1) lines[i] = samples[i % 3];
    const csv = new File([`${lines.join('\n')}\n`], 'bench.csv', { type: 'text/csv' });
    const input = /** @type {HTMLInputElement} */ (document.querySelector('#file input[type="file"]'));
    const ours = async () => {
      document.querySelector('#file .file-result').replaceChildren();
      const t0 = performance.now();
      const transfer = new DataTransfer();
      transfer.items.add(csv);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve) => {
        const look = () => (document.querySelector('#file a[download]') ? resolve() : setTimeout(look, 5));
        look();
      });
      return performance.now() - t0;
    };
    const reference = async () => {
      const t0 = performance.now();
      const rows = (await csv.text()).split('\n');
      const out = [`${rows[0]},predicted_species,probability_setosa,probability_versicolor,probability_virginica`];
      for (let i = 1; i < rows.length; i += 1) {
        if (!rows[i]) continue;
        const f = rows[i].split(',');
        const { species, probabilities: p } = window.irisReference({
          sepalLength: Number(f[0]), sepalWidth: Number(f[1]), petalLength: Number(f[2]), petalWidth: Number(f[3]),
        });
        out.push(`${rows[i]},${species},${p.setosa.toFixed(6)},${p.versicolor.toFixed(6)},${p.virginica.toFixed(6)}`);
      }
      const result = new Blob([out.join('\n')]);
      if (result.size < csv.size) throw new Error('short reference output');
      return performance.now() - t0;
    };
    const times = { ours: [], reference: [] };
    for (let r = 0; r < Math.min(repeats, 3); r += 1) {
      times.ours.push(await ours());
      times.reference.push(await reference());
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { rows: n, bytes: csv.size, ours: median(times.ours), reference: median(times.reference) };
  }, { rows: ROWS, repeats: REPEATS });
  await context.close();

  console.log(JSON.stringify({
    browser: browser.version(),
    cold: { runs: COLD_RUNS, oursMs: median(cold.ours), plainMs: median(cold.plain), floorMs: median(cold.floor) },
    predict: { calls: CALLS, repeats: REPEATS, ...warm.predictMicros },
    batch: { rows: ROWS, ...warm.batchMs },
    map: { rows: MAP_ROWS, ...warm.mapMs },
    batchInto: { rows: ROWS, ...warm.batchIntoMs },
    mapInto: { rows: MAP_ROWS, ...warm.mapIntoMs },
    zeroCopy: { rows: ROWS, ...warm.zeroCopyMs },
    mapZeroCopy: { rows: MAP_ROWS, ...warm.mapZeroCopyMs },
    redrawMs: warm.redrawMs,
    file,
  }));
} finally {
  await browser.close();
}
