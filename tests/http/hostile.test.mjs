// Hostile and odd HTTP requests, sent raw (a client library would clean
// them up first), against nginx with our nginx.conf: each gets the right
// status, nothing outside the web root is ever served, and the normal page
// keeps being served throughout. Run with the other HTTP checks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';

const BASE = new URL(process.env.BASE_URL ?? '');
if (!process.env.BASE_URL) throw new Error('BASE_URL is unset: run `cargo xtask test nginx`');

/**
 * Sends `bytes` on a fresh connection and collects everything until the
 * server closes it (or `ms` pass). Returns the status, headers, body and
 * how long the server took to close.
 */
function raw(bytes, { ms = 5000, slow = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(BASE.port || 80), BASE.hostname);
    const chunks = [];
    const started = Date.now();
    let timer;
    const finish = () => {
      clearTimeout(timer);
      clearInterval(drip);
      const text = Buffer.concat(chunks);
      const head = text.subarray(0, Math.max(0, text.indexOf('\r\n\r\n'))).toString('latin1');
      const status = Number(head.match(/^HTTP\/1\.[01] (\d{3})/)?.[1] ?? 0);
      let body = text.subarray(text.indexOf('\r\n\r\n') + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(head)) body = dechunk(body);
      resolve({ status, head, body, closedAfter: Date.now() - started });
    };
    socket.on('data', (c) => chunks.push(c));
    socket.on('close', finish);
    socket.on('error', (/** @type {NodeJS.ErrnoException} */ e) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? finish() : reject(e)));
    timer = setTimeout(() => { socket.destroy(); }, ms);
    let drip = null;
    if (slow) {
      // One byte every `slow` ms, never finishing the headers.
      let i = 0;
      drip = setInterval(() => { if (!socket.destroyed) socket.write(bytes.subarray(i, i + 1)); i = (i + 1) % bytes.length; }, slow);
    } else {
      socket.end(bytes);
    }
  });
}

/** A chunked body (a compressing proxy, the development server) made whole. */
function dechunk(body) {
  const parts = [];
  let at = 0;
  while (at < body.length) {
    const end = body.indexOf('\r\n', at);
    if (end < 0) break;
    const size = Number.parseInt(body.subarray(at, end).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(body.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

const request = (target, headers = '') =>
  Buffer.from(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: identity\r\nConnection: close\r\n${headers}\r\n`, 'latin1');

/**
 * What every refusal carries, nginx's own error pages included: never
 * stored (a CDN keeps a bare 4xx for minutes) and the document headers.
 */
function assertErrorHeaders(res, where) {
  const header = (name) => res.head.match(new RegExp(`\r\n${name}: ([^\r]*)`, 'i'))?.[1];
  assert.equal(header('Cache-Control'), 'no-store', `${where}: Cache-Control`);
  assert.equal(header('X-Content-Type-Options'), 'nosniff', `${where}: nosniff`);
  assert.equal(header('Referrer-Policy'), 'no-referrer', `${where}: Referrer-Policy`);
  assert.match(header('Content-Security-Policy') ?? '', /^default-src 'self'/, `${where}: CSP`);
  assert.equal(header('X-Frame-Options'), 'DENY', `${where}: X-Frame-Options`);
}

/** The normal page still comes back whole. */
async function pageStillServed() {
  const res = await raw(request('/'));
  assert.equal(res.status, 200, 'GET / after a hostile request');
  assert.match(res.body.toString(), /<iris-classifier/);
}

const SECRET = /root:x:0:0|\[containers\]|worker_processes/; // /etc/passwd, a conf file, nginx.conf

/** @type {[string, number[]][]} */
const traversals = [
  ['/../../../../etc/passwd', [400]],
  ['/%2e%2e/%2e%2e/%2e%2e/etc/passwd', [400]],
  ['/%2E%2E/%2E%2E/etc/passwd', [400]],
  ['/..%2f..%2f..%2fetc/passwd', [400, 404]],
  ['/assets/..%2f..%2f..%2fetc%2fpasswd', [400, 404]],
  ['/assets/../../etc/passwd', [400]],
  ['//etc/passwd', [404]],
  ['///etc//passwd', [404]],
  ['/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', [400, 404]], // overlong UTF-8 for '.'
  ['/%e0%80%ae%e0%80%ae/etc/passwd', [400, 404]],
  ['/.%2e/.%2e/etc/passwd', [400]],
  ['/..\\..\\etc\\passwd', [400, 404]],
  ['/etc/nginx/nginx.conf', [404]],
  ['/.git/config', [404]],
  ['/.env', [404]],
  ['/index.html%00.js', [400, 404]],
  ['/index.html/..', [200]], // resolves to / itself: the page, inside the root
];

for (const [target, statuses] of traversals) {
  test(`path traversal ${target} → ${statuses.join(' or ')}, nothing outside the web root`, async () => {
    const res = await raw(request(target));
    assert.ok(statuses.includes(res.status), `${target}: ${res.status}`);
    assert.doesNotMatch(res.body.toString('latin1'), SECRET);
    await pageStillServed();
  });
}

test('a raw NUL byte in the request line → 400', async () => {
  const res = await raw(Buffer.concat([Buffer.from('GET /index'), Buffer.from([0]), Buffer.from('.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]));
  assert.equal(res.status, 400);
  assertErrorHeaders(res, '400');
  await pageStillServed();
});

test('a 100 KB URL → 414', async () => {
  const res = await raw(request(`/${'a'.repeat(100 * 1024)}`));
  // 414, or (through podman's port forwarding) the connection reset before
  // the answer arrives: refused either way, and never a page.
  assert.ok([414, 0].includes(res.status), `status ${res.status}`);
  if (res.status === 414) assertErrorHeaders(res, '414');
  await pageStillServed();
});

test('a missing file → 404, never stored, with the document headers', async () => {
  for (const path of ['/missing.js', '/assets/public/iris_wasm_bg.0000000000.wasm']) {
    const res = await raw(request(path));
    assert.equal(res.status, 404, path);
    assertErrorHeaders(res, `404 ${path}`);
  }
});

test('1 MB of headers → 400 (too large), answered, not hung', async () => {
  const headers = Array.from({ length: 1024 }, (_, i) => `X-Filler-${i}: ${'x'.repeat(1000)}\r\n`).join('');
  const res = await raw(request('/', headers));
  assert.equal(res.status, 400);
  // nginx's own 494 page ("Request Header Or Cookie Too Large"), sent as 400.
  assertErrorHeaders(res, '494');
  assert.ok(res.closedAfter < 5000);
  await pageStillServed();
});

test('a slow client (one header byte a second) is cut off; others are served meanwhile', async () => {
  const slow = raw(Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'), { ms: 20_000, slow: 1000 });
  await pageStillServed();
  const res = await slow;
  // client_header_timeout 10s: closed well before our own 20 s give-up.
  assert.ok(res.closedAfter < 15_000, `the slow connection was held ${res.closedAfter} ms`);
  assert.ok(res.closedAfter >= 9_000, `cut off after ${res.closedAfter} ms, sooner than the configured 10 s`);
  assert.notEqual(res.status, 200);
});

for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'FOO']) {
  test(`${method} → 405 with Allow: GET, HEAD (or 400 for a malformed CONNECT)`, async () => {
    const target = method === 'CONNECT' ? 'localhost:80' : '/index.html';
    const res = await raw(Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`));
    if (method === 'CONNECT' && res.status === 400) return;
    assert.equal(res.status, 405, method);
    assert.match(res.head, /\r\nAllow: GET, HEAD/i);
    assertErrorHeaders(res, `405 ${method}`);
    await pageStillServed();
  });
}

test('Range requests on the wasm module: one range 206, an impossible one 416', async () => {
  const page = (await raw(request('/'))).body.toString();
  const wasm = page.match(/\.\/assets\/public\/iris_wasm_bg\.[0-9a-f]+\.wasm/)[0].slice(1);
  const whole = await raw(request(wasm));
  assert.equal(whole.status, 200);
  const part = await raw(request(wasm, 'Range: bytes=0-3\r\n'));
  assert.equal(part.status, 206);
  assert.equal(part.body.toString('latin1'), '\0asm');
  assert.match(part.head, new RegExp(`\\r\\nContent-Range: bytes 0-3/${whole.body.length}`, 'i'));
  const tail = await raw(request(wasm, 'Range: bytes=-8\r\n'));
  assert.equal(tail.status, 206);
  assert.deepEqual(tail.body, whole.body.subarray(whole.body.length - 8));
  const beyond = await raw(request(wasm, `Range: bytes=${whole.body.length + 10}-\r\n`));
  assert.equal(beyond.status, 416);
  const junk = await raw(request(wasm, 'Range: bytes=zz-yy\r\n'));
  // nginx refuses an unparsable range outright (RFC 9110 also allows ignoring it).
  assert.ok([200, 416].includes(junk.status), `unparsable Range: ${junk.status}`);
  await pageStillServed();
});

for (const value of ['gzip;q=2', '*;q=-1', 'identity;q=0', 'gzip;q=nan', `${'x'.repeat(4000)}`, 'br, zstd, gzip;q=0', ',,,;;;', 'GZIP']) {
  test(`Accept-Encoding: ${value.slice(0, 40)} → 200 and a body that decodes`, async () => {
    const res = await raw(Buffer.from(`GET /index.html HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: ${value}\r\nConnection: close\r\n\r\n`));
    assert.equal(res.status, 200);
    const encoding = res.head.match(/\r\nContent-Encoding: (\S+)/i)?.[1];
    const body = encoding === 'gzip' ? (await import('node:zlib')).gunzipSync(res.body) : res.body;
    assert.match(body.toString(), /<iris-classifier/);
  });
}
