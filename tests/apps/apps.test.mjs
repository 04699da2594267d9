// The scratch apps, built from the packed tarball by Vite, webpack, esbuild
// and (React 19, Vue 3) Vite, served by a stock nginx: in Chromium, the JS
// API answers exactly as the site's iris.js does, the element predicts and
// draws its map, the frameworks' handlers get its events, and every file
// comes from the app's own server (the bundler emitted the .wasm files).
// Run by `cargo xtask test package`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, launch, open } from '../browser/chromium.mjs';

const APPS_URL = process.env.APPS_URL;
if (!APPS_URL) throw new Error('APPS_URL is unset: run `cargo xtask test package`');
const FLOWER = { sepalLength: 6.3, sepalWidth: 3.3, petalLength: 6.0, petalWidth: 2.5 };

let browser;
let reference;
before(async () => {
  browser = await launch();
  // What the site's own iris.js answers for the same flower.
  const { page, context } = await open(browser, APP_URL);
  reference = await page.evaluate(async (flower) => {
    const iris = await import(new URL('iris.js', location.href).href);
    await iris.default();
    return JSON.parse(JSON.stringify({ predicted: iris.predict(flower), explained: iris.explain(flower) }));
  }, FLOWER);
  await context.close();
});
after(async () => { await browser?.close(); });

/** Opens an app; fails on any page error, console error or request to another origin. */
async function app(name) {
  const url = new URL(`${name}/`, APPS_URL).href;
  const opened = await open(browser);
  const failed = [];
  opened.page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await opened.page.goto(url);
  return {
    ...opened,
    checkClean() {
      const { requests, errors, console: logged } = opened.log;
      assert.deepEqual(failed, [], 'failed requests');
      assert.deepEqual(errors, [], 'page errors');
      assert.deepEqual(logged, [], 'console errors');
      const foreign = requests.filter((r) => new URL(r).origin !== new URL(APPS_URL).origin);
      assert.deepEqual(foreign, [], 'requests to another origin');
      const wasm = requests.filter((r) => r.endsWith('.wasm'));
      assert.ok(wasm.length >= 2, `the model and the map's modules, from the app: ${wasm}`);
    },
  };
}

/** The element's map and its species, once drawn. */
async function elementShows(page, species) {
  const element = page.locator('iris-classifier');
  await assert.doesNotReject(element.locator('[part="species"]').filter({ hasText: species }).waitFor());
  const canvas = element.locator('[part~="map-canvas"]');
  await canvas.waitFor();
  const { width, height } = await canvas.evaluate((c) => ({ width: c.width, height: c.height }));
  assert.ok(width > 0 && height > 0, 'the map is drawn');
}

describe('a plain app from the tarball', () => {
  for (const bundler of ['vite', 'webpack', 'esbuild']) {
    test(`built by ${bundler}: predict(), explain() and the element with plot`, async () => {
      const { page, context, checkClean } = await app(bundler);
      const result = page.locator('#result');
      await page.waitForFunction(() => document.querySelector('#result')?.textContent !== '');
      const answer = JSON.parse(await result.textContent());
      assert.equal(answer.failed, undefined, answer.failed);
      assert.equal(answer.predicted.species, 'virginica');
      assert.deepEqual(answer, reference, 'the package answers as the site does');
      await elementShows(page, 'Iris virginica');
      await page.locator('iris-classifier [part~="why"]').waitFor();
      checkClean();
      await context.close();
    });
  }
});

for (const framework of ['react', 'vue']) {
  describe(`a ${framework === 'react' ? 'React 19' : 'Vue 3'} app from the tarball`, () => {
    test('its handlers get the element\'s events; a property it sets predicts; predict() agrees', async () => {
      const { page, context, checkClean } = await app(framework);
      const text = (id) => page.locator(`#${id}`).textContent();
      await page.locator('#event').filter({ hasText: 'virginica 6' }).waitFor();
      assert.equal(await text('api'), 'virginica');
      await elementShows(page, 'Iris virginica');

      await page.locator('#setosa').click();
      await page.locator('#event').filter({ hasText: 'setosa 1.4' }).waitFor();
      assert.equal(await page.locator('iris-classifier').getAttribute('petal-length'), '1.4', 'the property set the attribute');
      await page.locator('#api').filter({ hasText: 'setosa' }).waitFor();

      await page.locator('#invalid').click();
      await page.locator('#error').filter({ hasText: 'not-positive' }).waitFor();
      checkClean();
      await context.close();
    });
  });
}
