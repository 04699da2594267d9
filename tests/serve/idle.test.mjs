// `cargo xtask serve` left alone: with a page open and no file changed,
// nothing is rebuilt and the page is not reloaded; then one real edit
// rebuilds once and reloads once. Runs before reload.test.mjs (files run in
// name order, one at a time) so the server is quiet when it starts.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, open } from '../browser/chromium.mjs';

const DEV_URL = process.env.DEV_URL;
const DEV_ROOT = process.env.DEV_ROOT;
if (!DEV_URL || !DEV_ROOT) throw new Error('DEV_URL and DEV_ROOT are unset: run `cargo xtask test serve`');

/** How long nothing may happen while nothing changes. */
const QUIET = 60_000;
/** A rebuild compiles the wasm module again: allow for it. */
const REBUILD = 240_000;
/** After the edit's rebuild, time for a second one to start if the build set one off. */
const AFTER = 20_000;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The reload channel's state: the served build's id and every rebuild so far. */
async function state() {
  const response = await fetch(new URL('__dev/build.json', DEV_URL), { cache: 'no-store' });
  assert.equal(response.status, 200);
  const { id, rebuilds, error } = await response.json();
  assert.equal(typeof rebuilds, 'number', 'build.json counts rebuilds');
  return { id, rebuilds, error };
}

/** Polls the channel every second for `ms`, returning each state it saw. */
async function watch(ms) {
  const seen = [];
  for (const end = Date.now() + ms; Date.now() < end;) {
    seen.push(await state());
    await sleep(1000);
  }
  return seen;
}

test('left alone it rebuilds nothing and reloads nothing; one edit rebuilds and reloads once', { timeout: QUIET + REBUILD + AFTER + 60_000 }, async () => {
  const { page, context, log } = await open(browser);
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.goto(`${DEV_URL}?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2`);
  const species = page.locator('iris-classifier [part="species"]');
  assert.equal(await species.textContent(), 'Iris setosa');
  const start = await state();
  assert.equal(start.error, null);

  // Nothing changes: the channel keeps the same build and counts no rebuild.
  const quiet = await watch(QUIET);
  const rebuilt = quiet.filter((s) => s.rebuilds !== start.rebuilds || s.id !== start.id);
  assert.deepEqual(rebuilt, [], `rebuilt with no file changed (started at ${JSON.stringify(start)})`);
  assert.equal(loads, 1, 'the page reloaded with no file changed');

  // One real edit: one rebuild, one reload, and the page shows it.
  const path = join(DEV_ROOT, 'www/index.html');
  const text = readFileSync(path, 'utf8');
  const edited = text.replace('</head>', '<meta name="x-serve-test" content="edited"></head>');
  assert.notEqual(edited, text);
  writeFileSync(path, edited);
  await page.locator('meta[name="x-serve-test"]').waitFor({ state: 'attached', timeout: REBUILD });
  await sleep(AFTER);
  const end = await state();
  assert.equal(end.rebuilds, start.rebuilds + 1, 'one edit, one rebuild');
  assert.equal(end.id, start.id + 1);
  assert.equal(loads, 2, 'one edit, one reload');
  assert.equal(await species.textContent(), 'Iris setosa');
  assert.deepEqual(log.errors, []);
  await context.close();
});
