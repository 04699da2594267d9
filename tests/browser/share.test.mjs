// Keeping and passing on what the page shows: the element's map as an
// image (toDataURL, toBlob), the page's "Save image" and "Copy link" in
// each language, and the print layout.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { APP_URL, launch, open } from './chromium.mjs';
import { CATALOGUES } from './files.mjs';

const ORIGIN = new URL(APP_URL).origin;
const FLOWER = '?sepal-length=6.3&sepal-width=3.3&petal-length=6&petal-width=2.5';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The app page with `query`, once its map is drawn and the share controls are there. */
async function app(query, options = {}) {
  const opened = await open(browser, `${APP_URL}${query}`, options);
  await opened.page.locator('iris-classifier [part~="map-canvas"]').waitFor();
  await opened.page.locator('.share-controls .copy-link:not([disabled])').waitFor();
  return opened;
}

/** Width and height of a PNG, from its header. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * The PNG `bytes` decoded by the browser: how many colours the map part
 * (above `mapHeight`) and the caption part (below it) hold.
 */
function looks(page, bytes, mapHeight) {
  return page.evaluate(async ([b, top]) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(b)], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
    context.drawImage(bitmap, 0, 0);
    const count = (y0, y1) => {
      const { data } = context.getImageData(0, y0, bitmap.width, y1 - y0);
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    };
    return { map: count(0, top), caption: count(top, bitmap.height) };
  }, [[...bytes], mapHeight]);
}

describe('the map as an image', () => {
  test('toDataURL() and toBlob(): the map with a caption under it; without plot, a clear error', async () => {
    const { page, context } = await app(FLOWER);
    const result = await page.evaluate(async () => {
      const el = /** @type {IrisElement} */ (document.querySelector('iris-classifier'));
      const url = el.toDataURL();
      const blob = await el.toBlob();
      const canvas = /** @type {HTMLCanvasElement} */ (el.shadowRoot.querySelector('canvas'));
      const bare = document.createElement('iris-classifier');
      bare.setAttribute('petal-length', '1.4');
      document.body.append(bare);
      let refused = '';
      try { await bare.toBlob(); } catch (error) { refused = error.message; }
      let thrown = '';
      try { bare.toDataURL(); } catch (error) { thrown = error.message; }
      return { url: url.slice(0, 22), bytes: [...new Uint8Array(await blob.arrayBuffer())], type: blob.type, map: [canvas.width, canvas.height], refused, thrown };
    });
    assert.equal(result.url, 'data:image/png;base64,');
    assert.equal(result.type, 'image/png');
    const image = pngSize(Buffer.from(result.bytes));
    assert.equal(image.width, result.map[0], 'as wide as the map');
    assert.ok(image.height > result.map[1] + 40, `a caption under the map (${image.height} > ${result.map[1]})`);
    const seen = await looks(page, Buffer.from(result.bytes), result.map[1]);
    assert.ok(seen.map > 20, `the map is drawn: ${seen.map} colours`);
    assert.ok(seen.caption > 4, `the caption is written: ${seen.caption} colours`);
    assert.match(result.refused, /set plot and a valid flower/);
    assert.match(result.thrown, /set plot and a valid flower/);
    await context.close();
  });
});

describe('the page: save, copy, print', () => {
  for (const lang of ['en', 'es', 'fr']) {
    test(`in ${lang}: "Save image" downloads the PNG; "Copy link" copies a link that reproduces the flower`, async () => {
      const { page } = CATALOGUES[lang];
      const { page: tab, context } = await app(`${FLOWER}&lang=${lang}`);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
      const controls = tab.locator('.share-controls');
      assert.equal(await controls.getAttribute('aria-label'), page.shareLabel);

      const [download] = await Promise.all([tab.waitForEvent('download'), controls.getByRole('button', { name: page.saveImage }).click()]);
      assert.equal(download.suggestedFilename(), 'iris-virginica.png');
      const saved = await readFile(await download.path());
      const { height } = pngSize(saved);
      const mapHeight = await tab.locator('iris-classifier canvas').evaluate((c) => /** @type {HTMLCanvasElement} */ (c).height);
      assert.ok(height > mapHeight);
      const seen = await looks(tab, saved, mapHeight);
      assert.ok(seen.map > 20 && seen.caption > 4, JSON.stringify(seen));
      await controls.getByRole('status').filter({ hasText: page.imageSaved('iris-virginica.png') }).waitFor();

      await controls.getByRole('button', { name: page.copyLink }).click();
      await controls.getByRole('status').filter({ hasText: page.linkCopied }).waitFor();
      const link = await tab.evaluate(() => navigator.clipboard.readText());
      const url = new URL(link);
      assert.equal(url.searchParams.get('lang'), lang);
      assert.equal(url.searchParams.get('petal-length'), '6');

      // The link, opened in a new page, shows the same flower and species in the same language.
      const other = await context.newPage();
      await other.goto(link);
      await other.locator('iris-classifier [part="species"]').filter({ hasText: 'Iris virginica' }).waitFor();
      assert.equal(await other.evaluate(() => document.documentElement.lang), lang);
      const values = await other.evaluate(() => {
        const el = /** @type {IrisElement} */ (document.querySelector('iris-classifier'));
        return [el.sepalLength, el.sepalWidth, el.petalLength, el.petalWidth];
      });
      assert.deepEqual(values, [6.3, 3.3, 6, 2.5]);
      await context.close();
    });
  }

  test('printed: the values, the result, the explanation and the map; no sliders, buttons or file section', async () => {
    const { page, context } = await app(FLOWER);
    await page.locator('iris-classifier [part~="why"] .contributions li').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const root = /** @type {ShadowRoot} */ (document.querySelector('iris-classifier')?.shadowRoot);
      const display = (/** @type {Element | null} */ node) => (node ? getComputedStyle(node).display : 'missing');
      return {
        slider: display(root.querySelector('.slider')),
        axes: display(root.querySelector('.explorer .axes')),
        input: display(root.querySelector('input.value')),
        species: display(root.querySelector('[part="species"]')),
        map: display(root.querySelector('canvas')),
        why: display(root.querySelector('[part~="why"]')),
        file: display(document.querySelector('#file')),
        share: display(document.querySelector('.share-controls')),
        examples: display(document.querySelector('.examples')),
        languages: display(document.querySelector('.languages')),
      };
    });
    assert.deepEqual(
      { slider: shown.slider, axes: shown.axes, file: shown.file, share: shown.share, examples: shown.examples, languages: shown.languages },
      { slider: 'none', axes: 'none', file: 'none', share: 'none', examples: 'none', languages: 'none' },
    );
    for (const kept of ['input', 'species', 'map', 'why']) assert.notEqual(shown[kept], 'none', kept);
    await context.close();
  });
});
