// `cargo xtask serve` as a developer uses it, in headless Chromium: the page
// works under the production headers, a saved change reloads it, a broken
// build is shown on the page and the next good build clears it. Runs against
// a copy of the workspace (DEV_ROOT), never the checkout.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open } from '../browser/chromium.mjs';

const DEV_URL = process.env.DEV_URL;
const DEV_ROOT = process.env.DEV_ROOT;
if (!DEV_URL || !DEV_ROOT) throw new Error('DEV_URL and DEV_ROOT are unset: run `cargo xtask test serve`');

// A rebuild compiles the wasm module again: allow for it.
const REBUILD = 240_000;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const edit = (file, change) => {
  const path = join(DEV_ROOT, file);
  const text = readFileSync(path, 'utf8');
  const changed = change(text);
  // An edit that changes nothing would make the test wait for nothing.
  if (changed === text) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(path, changed);
  return () => writeFileSync(path, text);
};

test('a saved change reloads the page; a failed build shows on it until fixed', { timeout: 3 * REBUILD }, async () => {
  const { page, context, log } = await open(browser, `${DEV_URL}?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2`);
  const species = page.locator('iris-classifier [part="species"]');
  assert.equal(await species.textContent(), 'Iris setosa');
  assert.deepEqual(log.errors, []);

  // A page change: the open page reloads by itself and shows it.
  edit('www/index.html', (t) => t.replace('Iris classifier</h1>', 'Iris classifier (edited)</h1>'));
  await page.locator('h1', { hasText: '(edited)' }).waitFor({ timeout: REBUILD });

  // A broken data file stops the build: the error is shown over the page.
  const restore = edit('data/iris.csv', (t) => t.replace(/\n5\.1,3\.5,1\.4,0\.2,setosa\n/, '\n5.1,3.5,1.4x,0.2,setosa\n'));
  const overlay = page.locator('#xtask-build-error');
  await overlay.waitFor({ timeout: REBUILD });
  assert.match(await overlay.textContent(), /data\/iris\.csv:2:3: petal_length '1\.4x' is not a number/);
  assert.equal(await overlay.getAttribute('role'), 'alert');

  // Fixed: the page reloads, the error is gone and it predicts again.
  restore();
  await overlay.waitFor({ state: 'detached', timeout: REBUILD });
  await page.locator('h1', { hasText: '(edited)' }).waitFor();
  assert.equal(await species.textContent(), 'Iris setosa');
  await context.close();
});
