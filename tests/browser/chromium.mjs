// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, started with the flags this closed network needs.

import { chromium } from 'playwright-core';

export const APP_URL = process.env.APP_URL;
export const HOST_URL = process.env.HOST_URL;

if (!APP_URL) throw new Error('APP_URL is unset: run `cargo xtask test browser`');

/** Starts headless Chromium (with `extra` flags); the caller closes it. */
export async function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extra,
    ],
  });
}

/**
 * A new page that records every request, console error and uncaught
 * exception, for the test to assert on.
 */
export async function open(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const log = { requests: [], errors: [], console: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') log.console.push(m.text()); });
  if (url) await page.goto(url);
  return { page, context, log };
}
