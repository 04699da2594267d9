// The app page (dist/index.html) as a person uses it, in headless Chromium.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, HOST_URL, launch, open } from './chromium.mjs';
import { CATALOGUES } from './files.mjs';

const ORIGIN = new URL(APP_URL).origin;
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The page with the classifier started. */
async function app(query = '', options = {}) {
  const opened = await open(browser, `${APP_URL}${query}`, options);
  await opened.page.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
  return opened;
}

async function typeFlower(page, [sl, sw, pl, pw]) {
  await page.getByLabel('Sepal length', { exact: true }).fill(String(sl));
  await page.getByLabel('Sepal width', { exact: true }).fill(String(sw));
  await page.getByLabel('Petal length', { exact: true }).fill(String(pl));
  await page.getByLabel('Petal width', { exact: true }).fill(String(pw));
}

const species = (page) => page.locator('iris-classifier [part="species"]').textContent();
const status = (page) => page.locator('iris-classifier [role="status"]').textContent();

describe('the app page', () => {
  test('typing four measurements shows the species and its probabilities', async () => {
    const { page, log, context } = await app();
    await typeFlower(page, [6.3, 3.3, 6.0, 2.5]);
    assert.equal(await species(page), 'Iris virginica');
    const bars = page.locator('iris-classifier .bars li');
    assert.equal(await bars.count(), 3);
    const percents = await page.locator('iris-classifier .pct').allTextContents();
    assert.equal(percents.length, 3);
    assert.match(await status(page), /^Iris virginica · (\d+(\.\d)?|>99\.9) % probability\. With 95 % confidence: Iris virginica\.$/);
    await typeFlower(page, [5.1, 3.5, 1.4, 0.2]);
    assert.equal(await species(page), 'Iris setosa');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console, []);
    await context.close();
  });

  test('an invalid value is explained at its field, hides the old result and recovers', async () => {
    const { page, context } = await app();
    await typeFlower(page, [5.9, 3.0, 4.2, 1.5]);
    assert.equal(await species(page), 'Iris versicolor');
    const width = page.getByLabel('Petal width', { exact: true });
    await width.fill('-1');
    const message = page.locator('iris-classifier #petalWidth-error');
    assert.equal(await message.textContent(), 'Petal width must be greater than 0 cm.');
    assert.equal(await width.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('iris-classifier [part="species"]').count(), 0, 'stale species shown');
    assert.equal(await page.locator('iris-classifier .bars').isVisible(), false, 'stale bars shown');
    assert.match(await status(page), /Fix the highlighted value/);
    await width.fill('150');
    assert.equal(await message.textContent(), 'Petal width must be at most 100 cm.');
    await width.fill('');
    assert.equal(await message.textContent(), 'Petal width is required.');
    await width.fill('1.5');
    assert.equal(await message.isVisible(), false);
    assert.equal(await width.getAttribute('aria-invalid'), null);
    assert.equal(await species(page), 'Iris versicolor');
    await context.close();
  });

  test('values outside the training data still predict, with a warning', async () => {
    const { page, context } = await app();
    await typeFlower(page, [5, 3, 8.5, 2]);
    assert.equal(await species(page), 'Iris virginica');
    assert.match(await page.locator('iris-classifier .warnings').textContent(),
      /Petal length 8\.5 cm is outside the training data \(1 to 6\.9 cm\)/);
    await context.close();
  });

  test('the example buttons show a typical flower of each species', async () => {
    const { page, context } = await app();
    for (const [button, name] of [['Setosa', 'Iris setosa'], ['Versicolor', 'Iris versicolor'], ['Virginica', 'Iris virginica']]) {
      await page.getByRole('button', { name: button, exact: true }).click();
      assert.equal(await species(page), name);
    }
    assert.equal(await page.getByLabel('Sepal length', { exact: true }).inputValue(), '6.8');
    await context.close();
  });

  test('the URL prefills the values and mirrors every change', async () => {
    const { page, context } = await app('?sepal-length=7&sepal-width=3.2&petal-length=4.7&petal-width=1.4');
    assert.equal(await species(page), 'Iris versicolor');
    await page.getByLabel('Petal length', { exact: true }).fill('6.1');
    await page.getByLabel('Petal width', { exact: true }).fill('2.3');
    assert.equal(await species(page), 'Iris virginica');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('petal-length'), '6.1');
    assert.equal(url.searchParams.get('petal-width'), '2.3');
    const again = await app(url.search);
    assert.equal(await species(again.page), 'Iris virginica');
    await again.context.close();
    await context.close();
  });

  test('a bad value in the URL is shown at its field', async () => {
    const { page, context } = await app('?sepal-length=abc&sepal-width=3&petal-length=1.4&petal-width=0.2');
    assert.equal(await page.locator('iris-classifier #sepalLength-error').textContent(), 'Sepal length must be a number.');
    await context.close();
  });

  test('the sliders move the values', async () => {
    const { page, context } = await app('?sepal-length=5&sepal-width=3&petal-length=1.5&petal-width=0.2');
    const slider = page.getByLabel('Petal length slider, cm');
    await slider.fill('6');
    assert.equal(await page.getByLabel('Petal length', { exact: true }).inputValue(), '6');
    assert.notEqual(await species(page), 'Iris setosa');
    await context.close();
  });

  test('keyboard only: tab to a field, type, press Enter', async () => {
    const { page, context } = await app();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    // Tab past the three example buttons to the first field.
    let focused = '';
    for (let i = 0; i < 8 && focused !== 'sepalLength'; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id ?? '');
    }
    assert.equal(focused, 'sepalLength');
    await page.keyboard.type('6.4');
    await page.keyboard.press('Tab'); // slider
    await page.keyboard.press('Tab');
    await page.keyboard.type('2.8');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('iris-classifier #petalLength-error').textContent(), 'Petal length is required.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5.6');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2.1');
    await page.keyboard.press('Enter');
    assert.equal(await species(page), 'Iris virginica');
    await context.close();
  });

  test('the result is announced in a live region', async () => {
    const { page, context } = await app('?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2');
    const live = page.locator('iris-classifier [role="status"][aria-live="polite"]');
    assert.equal(await live.count(), 1);
    assert.match(await live.textContent(), /Iris setosa/);
    await context.close();
  });

  test('the model card shows accuracy, the confusion matrix and the family', async () => {
    const { page, context } = await app();
    const card = page.locator('#model-card');
    await card.locator('table.confusion').waitFor();
    const text = await card.textContent();
    assert.match(text, /LogisticRegression/);
    assert.match(text, /97\.3 % ± 4\.4 %, stratified 10-fold cross-validation on 150 flowers/);
    // Same sources, same model bytes: the served module (even one built inside
    // the image) embeds exactly the model this checkout trains natively.
    const expected = process.env.MODEL_SHA256;
    assert.match(expected ?? '', /^[0-9a-f]{64}$/, 'MODEL_SHA256 is unset: run `cargo xtask test browser`');
    assert.match(text, new RegExp(`SHA-256 ${expected.slice(0, 16)}…`));
    // /version.json names the same model as the card the page shows.
    const { modelSha256, smartcoreVersion } = await page.evaluate(async () => (await fetch('/version.json')).json());
    const shown = await page.evaluate(async () => (await import('/iris.js')).modelInfo());
    assert.equal(modelSha256, expected);
    assert.equal(modelSha256, shown.modelSha256);
    assert.equal(smartcoreVersion, shown.smartcoreVersion);
    const cells = await card.locator('table.confusion tbody tr').evaluateAll(
      (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)),
    );
    assert.deepEqual(cells, [
      ['Setosa', '50', '0', '0'],
      ['Versicolor', '0', '47', '3'],
      ['Virginica', '0', '1', '49'],
    ]);
    await context.close();
  });

  test('no request leaves the page origin', async () => {
    const { page, log, context } = await app('?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2');
    await page.getByRole('button', { name: 'Virginica', exact: true }).click();
    await page.waitForLoadState('networkidle');
    assert.ok(log.requests.length >= 5, `only ${log.requests.length} requests seen`);
    const foreign = log.requests.filter((u) => new URL(u).origin !== ORIGIN);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('what the page downloads before its first prediction fits its byte budget', async () => {
    const budget = Number(process.env.FIRST_LOAD_BUDGET);
    assert.ok(budget > 0, 'FIRST_LOAD_BUDGET is unset: run `cargo xtask test browser`');
    const { page, context } = await open(browser, null);
    await page.addInitScript(() => {
      document.addEventListener('iris-prediction', () => { window.firstPrediction ??= performance.now(); });
    });
    await page.goto(`${APP_URL}?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2`);
    await page.waitForFunction(() => window.firstPrediction !== undefined);
    // The explorer (map and explanation) comes after the first prediction.
    await page.locator('iris-classifier canvas').waitFor();
    await page.waitForLoadState('networkidle');
    const { first, entries } = await page.evaluate(() => ({
      first: window.firstPrediction,
      entries: /** @type {PerformanceResourceTiming[]} */ ([
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ]).map((e) => ({ name: e.name, start: e.startTime, bytes: e.encodedBodySize, decoded: e.decodedBodySize })),
    }));
    // Everything asked for before the first prediction, but the icon and the
    // model card's code (app.js loads that once the classifier has started;
    // the first prediction does not wait for it).
    const needed = entries.filter((e) => e.start <= first && !e.name.includes('favicon') && !e.name.includes('/model-card.'));
    for (const kind of ['/languages.', '.wasm', '.css', '/app.', '/iris-classifier-element.']) {
      assert.ok(needed.some((e) => e.name.includes(kind)), `${kind} not among ${needed.map((e) => e.name)}`);
    }
    // The page takes the element's hashed module itself, not the public widget.js.
    assert.ok(!entries.some((e) => e.name.endsWith('/widget.js')), 'widget.js is for other sites');
    const explorer = entries.filter((e) => /explorer/.test(e.name));
    assert.ok(explorer.length >= 3, `the explorer's view, glue and module load: ${explorer.map((e) => e.name)}`);
    assert.ok(explorer.every((e) => e.start > first), `the explorer is fetched only after the first prediction (at ${first} ms): ${JSON.stringify(explorer)}`);
    assert.ok(entries.some((e) => e.name.includes('/model-card.')), 'the model card code loads too');
    assert.ok(needed.every((e) => e.bytes > 0 && e.bytes < e.decoded), 'every download is compressed');
    const total = needed.reduce((sum, e) => sum + e.bytes, 0);
    console.log(`page weight before first prediction: ${total} bytes gzip in ${needed.length} files (budget ${budget})`);
    assert.ok(total <= budget, `${total} bytes > ${budget}`);
    await context.close();
  });

  test('iris.js, its glue and the module fit their byte budget', async () => {
    const budget = Number(process.env.IRIS_JS_BUDGET);
    assert.ok(budget > 0, 'IRIS_JS_BUDGET is unset: run `cargo xtask test browser`');
    // A same-origin page that is not the app (so only iris.js's own downloads count).
    const { page, context } = await open(browser, new URL('healthz', APP_URL).href);
    const entries = await page.evaluate(async () => {
      const iris = await import('/iris.js');
      await iris.default();
      iris.predict({ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 });
      return /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'))
        // The browser's own request for /favicon.ico is not iris.js's.
        .filter((e) => !e.name.endsWith('/favicon.ico'))
        .map((e) => ({ name: e.name, bytes: e.encodedBodySize }));
    });
    for (const kind of ['/iris.js', '/iris_wasm.', '/iris_wasm_bg.']) {
      assert.ok(entries.some((e) => e.name.includes(kind) && e.bytes > 0), `${kind} not among ${entries.map((e) => e.name)}`);
    }
    const total = entries.reduce((sum, e) => sum + e.bytes, 0);
    console.log(`iris.js path: ${total} bytes gzip in ${entries.length} files (budget ${budget})`);
    assert.ok(total <= budget, `${total} bytes > ${budget}`);
    await context.close();
  });

  test('explain() and the explorer module: loaded on demand, the map drawn by wasm into a canvas', async () => {
    const { page, context } = await app('?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2');
    await page.getByText(/setosa/i).first().waitFor();
    const result = await page.evaluate(async () => {
      // The page itself does not load iris.js before its first prediction: start it here.
      const iris = await import('/iris.js');
      await iris.default();
      const explanation = await iris.explain({ sepalLength: 6.0, sepalWidth: 2.8, petalLength: 4.8, petalWidth: 1.7 });
      const predicted = iris.predict({ sepalLength: 6.0, sepalWidth: 2.8, petalLength: 4.8, petalWidth: 1.7 });
      let error = null;
      try { await iris.explain({ sepalLength: 6.0, sepalWidth: 2.7, petalLength: -5, petalWidth: 1.6 }); } catch (e) { error = e.message; }
      // The map: the explorer module draws it; every sampled pixel's hue
      // must be the colour of the species the model predicts there.
      const source = await (await fetch('/iris.js')).text();
      const explorerPath = source.match(/\.\/assets\/public\/explorer\.[0-9a-f]+\.js/)[0].slice(1);
      const explorer = await (await import(explorerPath)).load();
      const canvas = document.createElement('canvas');
      canvas.width = 320; canvas.height = 320;
      const values = [5.8, 3.0, 4.35, 1.3];
      const drawn = explorer.drawMap(canvas, { x: 'petalLength', y: 'petalWidth', values, scale: 1, dark: false });
      const pixels = canvas.getContext('2d').getImageData(0, 0, 320, 320).data;
      let agree = 0; let samples = 0;
      for (let i = 1; i < 16; i += 1) {
        for (let j = 1; j < 16; j += 1) {
          const px = Math.round(drawn.plot.left + (i / 16) * drawn.plot.width);
          const py = Math.round(drawn.plot.top + (j / 16) * drawn.plot.height);
          const petalLength = ((px + 0.5 - drawn.plot.left) / drawn.plot.width) * drawn.xMax;
          const petalWidth = (1 - (py + 0.5 - drawn.plot.top) / drawn.plot.height) * drawn.yMax;
          const want = iris.predict({ sepalLength: 5.8, sepalWidth: 3.0, petalLength, petalWidth }).species;
          const k = 4 * (py * 320 + px);
          const [r, g, b] = [pixels[k], pixels[k + 1], pixels[k + 2]];
          const hue = b > r + 15 && b > g ? 'versicolor' : g > r + 15 ? 'virginica' : r > b + 15 ? 'setosa' : 'none';
          samples += 1; if (hue === want) agree += 1;
        }
      }
      return { explanation, predicted, error, drawn, agree, samples };
    });
    const e = result.explanation;
    assert.equal(e.uncertain, true);
    assert.deepEqual([e.species, e.runnerUp].sort(), ['versicolor', 'virginica']);
    // "Uncertain" is the prediction set: both species, most probable first.
    assert.deepEqual(e.set, [e.species, e.runnerUp]);
    assert.deepEqual(result.predicted.set, e.set);
    // Named as predict() names them, summed in measurement order.
    assert.deepEqual(Object.keys(e.contributions), ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth']);
    assert.deepEqual(Object.keys(e.probabilities), ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(Object.keys(e.nearest[0].measurements), Object.keys(e.contributions));
    for (const s of Object.keys(e.probabilities)) assert.equal(e.probabilities[s], result.predicted.probabilities[s]);
    const summed = Object.values(e.contributions).reduce((sum, c) => sum + c, e.baseline);
    assert.equal(summed, e.margin, 'contributions add up to the margin');
    assert.equal(e.nearest.length, 3);
    assert.match(result.error, /invalid petal length '-5': must be greater than 0 cm/);
    assert.equal(result.drawn.region, 'versicolor');
    assert.ok(result.drawn.boundary && ['setosa', 'virginica'].includes(result.drawn.boundary.species));
    // Training points, the flower's marker and the axes may cover a few samples.
    assert.ok(result.agree >= 0.9 * result.samples, `${result.agree} of ${result.samples} pixels have their species' colour`);
    await context.close();
  });

  test('the map and the explanation: beside the inputs on a wide screen, below them on a narrow one, following what is typed', async () => {
    const boxes = async (page) => {
      await page.locator('iris-classifier .contributions li').first().waitFor();
      return {
        form: await page.locator('iris-classifier form').boundingBox(),
        map: await page.locator('iris-classifier canvas').boundingBox(),
        why: await page.locator('iris-classifier .why-text').boundingBox(),
      };
    };
    const query = '?sepal-length=6&sepal-width=2.7&petal-length=5&petal-width=1.6';
    const wide = await app(query, { viewport: { width: 1280, height: 900 } });
    const w = await boxes(wide.page);
    assert.ok(w.map.x >= w.form.x + w.form.width && w.map.y < w.form.y + w.form.height, `beside: ${JSON.stringify(w)}`);
    assert.ok(w.why.x >= w.form.x + w.form.width, 'the explanation is in the second column too');
    // Typed values move the flower on the map and change the explanation.
    const mapText = wide.page.locator('iris-classifier .map-text');
    await mapText.getByText(/petal length 5 cm, petal width 1.6 cm/).waitFor();
    await wide.page.getByLabel('Petal length', { exact: true }).fill('1.4');
    await wide.page.getByLabel('Petal width', { exact: true }).fill('0.2');
    await mapText.getByText(/petal length 1.4 cm, petal width 0.2 cm\) lies in the setosa region/).waitFor();
    await wide.page.locator('iris-classifier .why-text').getByText(/for setosa over/).waitFor();
    assert.ok(await wide.page.locator('iris-classifier .uncertain').isHidden(), 'a clear setosa is not called uncertain');
    await wide.context.close();
    const narrow = await app(query, { viewport: { width: 360, height: 800 } });
    const n = await boxes(narrow.page);
    assert.ok(n.map.y >= n.form.y + n.form.height, `below: ${JSON.stringify(n)}`);
    assert.ok(n.map.x >= 0 && n.map.x + n.map.width <= 360, 'the map fits 360 px');
    await narrow.context.close();
  });

  test('a flower a hair from a boundary lies in the region of its own species, not of the map cell it is drawn in', async () => {
    // Versicolor at 50.6 %; at this map's resolution the centre of the
    // cell it is drawn in is virginica.
    const { page, context } = await app('?sepal-length=6&sepal-width=2.9&petal-length=4.9&petal-width=1.6', { viewport: { width: 1280, height: 900 } });
    const mapText = page.locator('iris-classifier .map-text');
    await mapText.getByText(/petal length 4.9 cm, petal width 1.6 cm/).waitFor();
    assert.equal(await page.locator('iris-classifier [part="species"]').textContent(), 'Iris versicolor');
    assert.match(await mapText.textContent(), /lies in the versicolor region; the nearest boundary is with virginica, 0\.0\d cm away/);
    await context.close();
  });

  test('usable at 360 px wide, with no sideways scrolling', async () => {
    const { page, context } = await app('?sepal-length=5&sepal-width=3&petal-length=8.5&petal-width=2', { viewport: { width: 360, height: 800 } });
    await page.locator('iris-classifier .contributions li').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 360, `page is ${overflow} px wide`);
    const input = page.getByLabel('Sepal length', { exact: true });
    const box = await input.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360);
    await context.close();
  });

  test('follows the dark colour scheme', async () => {
    const dark = await app('', { colorScheme: 'dark' });
    const light = await app('', { colorScheme: 'light' });
    const background = (p) => p.evaluate(() => [
      getComputedStyle(document.documentElement).backgroundColor,
      getComputedStyle(document.querySelector('iris-classifier').shadowRoot.querySelector('.root')).backgroundColor,
    ]);
    const [darkPage, darkWidget] = await background(dark.page);
    const [lightPage, lightWidget] = await background(light.page);
    assert.notEqual(darkPage, lightPage);
    assert.notEqual(darkWidget, lightWidget);
    assert.equal(darkWidget, 'rgb(23, 26, 34)');
    assert.equal(lightWidget, 'rgb(255, 255, 255)');
    await dark.context.close();
    await light.context.close();
  });

  test('a blocked wasm module gives a clear message, not a blank page', async () => {
    const { page, context, log } = await open(browser, null);
    await page.route('**/*.wasm', (route) => route.abort('blockedbyclient'));
    await page.goto(APP_URL);
    const notice = page.locator('#load-error');
    await notice.waitFor();
    assert.match(await notice.textContent(), /could not be loaded/);
    assert.match(await status(page), /The classifier could not start/);
    assert.deepEqual(log.errors, [], 'no uncaught errors');
    await context.close();
  });

  test('shows a loading state while the module starts', async () => {
    const { page, context } = await open(browser, null);
    /** @type {(value?: unknown) => void} */
    let release = () => {};
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    await page.goto(APP_URL);
    const live = page.locator('iris-classifier [role="status"]');
    await live.waitFor();
    assert.equal(await live.textContent(), 'Loading the classifier…');
    release();
    await page.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
    assert.equal(await live.textContent(), 'Enter all four measurements to see the species.');
    await context.close();
  });

  test('without JavaScript the page says what it needs', async () => {
    const { page, context } = await open(browser, APP_URL, { javaScriptEnabled: false });
    assert.match(await page.locator('noscript').textContent(), /needs\s+JavaScript and WebAssembly/);
    await context.close();
  });

  test('the demo page shows the element and the iframe side by side, both predicting', async () => {
    const { page, context, log } = await open(browser, new URL('demo.html', APP_URL).href);
    const element = page.locator('#preview-element');
    await element.locator('.root:not([data-state="loading"])').waitFor();
    assert.equal(await element.locator('[part="species"]').textContent(), 'Iris versicolor');
    const frame = page.frameLocator('iframe.iris-frame');
    await frame.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
    assert.equal(await frame.locator('[part="species"]').textContent(), 'Iris versicolor', 'the same options as the element');
    // demo.js sizes the frame to the height the embed reports.
    await page.waitForFunction(() => /** @type {HTMLIFrameElement} */ (document.querySelector('iframe.iris-frame')).style.height.endsWith('px'));
    const [frameHeight, contentHeight] = await Promise.all([
      page.evaluate(() => Math.round(document.querySelector('iframe.iris-frame').getBoundingClientRect().height)),
      page.frames().find((f) => f.url().includes('embed.html'))
        .evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
    ]);
    assert.equal(frameHeight, contentHeight);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console, []);
    await context.close();
  });

  test('the demo writes the embed code for this server and the options set; pasted into another site, it works', async () => {
    const { page, context, log } = await open(browser, new URL('demo.html', APP_URL).href);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(APP_URL).origin });
    const options = page.locator('#options');
    await options.getByLabel('Petal length').fill('1.4');
    await options.getByLabel('Petal width').fill('0.2');
    await options.getByLabel('Sepal length').fill('5.1');
    await options.getByLabel('Sepal width').fill('3.5');
    await options.getByLabel('Theme').selectOption('dark');
    await options.getByLabel('Language').selectOption('es');
    await options.getByLabel('compact').uncheck();
    await options.getByLabel('the map').check();
    const origin = new URL(APP_URL).origin;
    const elementCode = await page.locator('#element-code').textContent();
    assert.equal(elementCode, `<script type="module" src="${origin}/widget.js"></script>\n`
      + '<iris-classifier sepal-length="5.1" sepal-width="3.5" petal-length="1.4" petal-width="0.2" theme="dark" lang="es" plot></iris-classifier>');
    const frameCode = await page.locator('#frame-code').textContent();
    assert.ok(frameCode.includes(`src="${origin}/embed.html?sepal-length=5.1&amp;sepal-width=3.5&amp;petal-length=1.4&amp;petal-width=0.2&amp;theme=dark&amp;lang=es&amp;plot="`), frameCode);
    // The previews follow the options.
    const preview = page.locator('#preview-element');
    await preview.locator('[part="species"]').filter({ hasText: 'Iris setosa' }).waitFor();
    assert.equal(await preview.getAttribute('lang'), 'es');
    await page.frameLocator('#preview-frame').locator('[part="species"]').filter({ hasText: 'Iris setosa' }).waitFor();
    // Copy, then paste both into a page on another origin.
    await page.getByRole('button', { name: 'Copy the element code' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied the element code.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), elementCode);
    await page.getByRole('button', { name: 'Copy the iframe code' }).click();
    const pastedFrame = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(pastedFrame, frameCode);

    const host = await context.newPage();
    const errors = [];
    host.on('pageerror', (e) => errors.push(String(e)));
    await host.goto(HOST_URL);
    await host.setContent(`<!doctype html><html lang="en"><body><h1>A blog</h1>${elementCode}${pastedFrame}</body></html>`);
    const pasted = host.locator('body > iris-classifier');
    await pasted.locator('[part="species"]').filter({ hasText: 'Iris setosa' }).waitFor();
    await pasted.locator('[part~="map-canvas"]').waitFor();
    assert.equal(await pasted.locator('label[for="petalLength"]').textContent(), CATALOGUES.es.element.fields.petalLength);
    await host.frameLocator('iframe').locator('[part="species"]').filter({ hasText: 'Iris setosa' }).waitFor();
    await host.frameLocator('iframe').locator('[part~="map-canvas"]').waitFor();
    // The pasted listener sizes the frame to what the embed reports.
    await host.waitForFunction(() => /** @type {HTMLIFrameElement} */ (document.querySelector('iframe')).style.height.endsWith('px'));
    assert.deepEqual(errors, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
});
