// Lighthouse (npm `lighthouse`, pinned in package.json) on the app page and
// the iframe embed, in the suite's own Chromium. Accessibility must score
// 100; Performance, Best Practices and SEO are printed for the README (their
// scores come from simulated throttling, so they are reports, not checks).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import lighthouse from 'lighthouse';
import { APP_URL, launch } from './chromium.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
let browser;
let port;

/** A loopback port nobody listens on, for Chromium's DevTools endpoint. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(free));
    }).on('error', reject);
  });
}

before(async () => {
  port = await freePort();
  browser = await launch([`--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1']);
});
after(async () => { await browser?.close(); });

/** Runs Lighthouse on `url`; prints every score and what cost points. */
async function audit(url) {
  const { lhr } = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
  assert.equal(lhr.runtimeError, undefined, `Lighthouse failed: ${lhr.runtimeError?.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id].score]));
  console.log(`lighthouse ${new URL(url).pathname}: ${CATEGORIES.map((id) => `${id} ${scores[id] === null ? 'n/a' : Math.round(scores[id] * 100)}`).join(', ')}`);
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id].auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`  ${id}: ${a.title} ${a.displayValue ?? ''} (${a.score})`);
      if (a.errorMessage) console.log(`  ${id}: ${a.id} could not run: ${a.errorMessage}`);
    }
  }
  return { lhr, scores };
}

describe('Lighthouse', () => {
  for (const page of ['', 'embed.html']) {
    test(`${page || 'index.html'} scores 100 in accessibility`, async () => {
      const { lhr, scores } = await audit(new URL(page, APP_URL).href);
      const failed = lhr.categories.accessibility.auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1)
        .map((a) => a.id);
      assert.deepEqual(failed, []);
      assert.equal(scores.accessibility, 1);
    });
  }
});
