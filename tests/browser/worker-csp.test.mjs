// A dedicated worker runs under the policy of its own script's response,
// not its page's: nginx.conf gives scripts one (as h5bp does). Here a probe
// worker served by nginx with our nginx.conf (tests/browser/csp/) tries
// eval and a request to another origin, which must be refused, and a
// request to its own origin, which must not.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOST_URL, launch, open } from './chromium.mjs';

const PROBE_URL = process.env.PROBE_URL;
if (!PROBE_URL || !HOST_URL) throw new Error('PROBE_URL and HOST_URL are unset: run `cargo xtask test browser`');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('inside a worker, eval and a fetch to another origin are refused; its own origin is not', async () => {
  const { page, context } = await open(browser);
  await page.goto(`${PROBE_URL}?other=${encodeURIComponent(HOST_URL)}`);
  await page.locator('body[data-done]').waitFor();
  const outcome = JSON.parse(await page.locator('#result').textContent());
  assert.equal(outcome.eval, 'EvalError', 'eval inside the worker');
  assert.equal(outcome.otherOrigin, 'TypeError', 'a request to another origin from the worker');
  assert.equal(outcome.sameOrigin, 200, 'a request to its own origin');
  await context.close();
});
