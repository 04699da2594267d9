// Browser benchmark run by `cargo xtask bench` (numbers are reported, never
// asserted). Prints one JSON object on stdout.

import { launch, open, APP_URL } from '../browser/chromium.mjs';

const COLD_RUNS = 5;
const CALLS = 100_000;
const ROWS = 1_000_000;

const browser = await launch();
try {
  // Cold: a fresh context (empty cache) each run, from navigation start to
  // the first iris-prediction event (values come from the URL).
  const cold = [];
  for (let i = 0; i < COLD_RUNS; i += 1) {
    const { page, context } = await open(browser, null);
    await page.addInitScript(() => {
      document.addEventListener('iris-prediction', () => {
        window.firstPrediction ??= performance.now();
      });
    });
    await page.goto(`${APP_URL}?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2`);
    await page.waitForFunction(() => window.firstPrediction !== undefined);
    cold.push(await page.evaluate(() => window.firstPrediction));
    await context.close();
  }

  const { page, context } = await open(browser, APP_URL);
  const warm = await page.evaluate(async ({ calls, rows }) => {
    const iris = await import('/iris.js');
    await iris.default();
    const inputs = Array.from({ length: 1024 }, (_, i) => ({
      sepalLength: 4 + (i % 40) / 10,
      sepalWidth: 2 + (i % 25) / 10,
      petalLength: 1 + (i % 60) / 10,
      petalWidth: 0.1 + (i % 24) / 10,
    }));
    for (let i = 0; i < 10_000; i += 1) iris.predict(inputs[i & 1023]); // warm-up
    let sink = 0;
    const t0 = performance.now();
    for (let i = 0; i < calls; i += 1) sink += iris.predict(inputs[i & 1023]).probabilities.setosa;
    const predictMs = performance.now() - t0;

    const data = new Float32Array(rows * 4);
    for (let i = 0; i < data.length; i += 1) data[i] = 0.5 + ((i * 7919) % 700) / 100;
    iris.predictBatch(data.subarray(0, 4000)); // warm-up
    const t1 = performance.now();
    const result = iris.predictBatch(data);
    const batchMs = performance.now() - t1;
    return { predictMs, batchMs, sink, batchRows: result.species.length };
  }, { calls: CALLS, rows: ROWS });
  await context.close();

  const sorted = [...cold].sort((a, b) => a - b);
  console.log(JSON.stringify({
    browser: browser.version(),
    coldFirstPredictionMs: { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: cold.length },
    predict: { calls: CALLS, meanMicroseconds: (warm.predictMs * 1000) / CALLS },
    predictBatch: { rows: warm.batchRows, ms: warm.batchMs, rowsPerSecond: warm.batchRows / (warm.batchMs / 1000) },
  }));
} finally {
  await browser.close();
}
