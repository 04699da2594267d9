// HTTP checks of the server in front of dist/: nginx with our nginx.conf,
// either Debian's on loopback or the real image. BASE_URL says which.
// Nothing here reads local files: the image builds its own bundle.
// Run by `cargo xtask test nginx` and `cargo xtask test image`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
const BASE = process.env.BASE_URL;
if (!BASE) throw new Error('BASE_URL is unset: run `cargo xtask test nginx`');

/** A raw HTTP request (no automatic decompression), body as a Buffer. */
function fetchRaw(path, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, BASE), { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
    req.end();
  });
}

const GZIP = { 'accept-encoding': 'gzip' };

// Hashed asset names, as the served page links them (the image builds its own
// bundle, so local dist/ names need not match).
const page = (await fetchRaw('/')).body.toString();
const linked = (pattern) => {
  const match = page.match(pattern);
  assert.ok(match, `index.html links no ${pattern}`);
  return match[0].replace(/^\./, '');
};
const WASM = linked(/\.\/assets\/public\/iris_wasm_bg\.[0-9a-f]+\.wasm/);
const GLUE = linked(/\.\/assets\/public\/iris_wasm\.[0-9a-f]+\.js/);
const ELEMENT = linked(/\.\/assets\/public\/iris-classifier-element\.[0-9a-f]+\.js/);
const APP = linked(/\.\/assets\/app\.[0-9a-f]+\.js/);
const CSS = linked(/\.\/assets\/style\.[0-9a-f]+\.css/);

/** Headers every response carries, whatever its type. */
function assertCommonHeaders(res, where) {
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${where}: nosniff`);
  assert.equal(res.headers['referrer-policy'], 'no-referrer', `${where}: Referrer-Policy`);
  assert.equal(res.headers.server, 'nginx', `${where}: Server must not name a version`);
}

/** Headers a document (an HTML page, an HTML error page) carries on top. */
function assertSecurityHeaders(res, where) {
  assertCommonHeaders(res, where);
  assert.match(res.headers['content-type'] ?? '', /^text\/html/, `${where}: a document`);
  const csp = res.headers['content-security-policy'] ?? '';
  assert.match(csp, /default-src 'self'/, `${where}: CSP`);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, `${where}: CSP script-src`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${where}: CSP must not allow inline code`);
  assert.match(csp, /require-trusted-types-for 'script'; trusted-types iris-worker(;|$)/, `${where}: CSP requires Trusted Types`);
  assert.match(res.headers['permissions-policy'] ?? '', /camera=\(\)/, `${where}: Permissions-Policy`);
  assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', `${where}: COOP`);
}

/** The policy a script runs under when it is a worker: its own response's, not the page's. */
const SCRIPT_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

/**
 * What a script, style, wasm module or JSON file carries: no document
 * headers, but a script its own CSP (a worker runs under it).
 */
function assertNotDocumentHeaders(res, where) {
  assertCommonHeaders(res, where);
  for (const name of ['x-frame-options', 'permissions-policy', 'cross-origin-opener-policy']) {
    assert.equal(res.headers[name], undefined, `${where}: ${name} belongs on documents only`);
  }
  const script = /^text\/javascript/.test(res.headers['content-type'] ?? '');
  assert.equal(res.headers['content-security-policy'], script ? SCRIPT_POLICY : undefined, `${where}: CSP`);
}

test('the app page: HTML, revalidated, framing refused, security headers', async () => {
  for (const path of ['/', '/index.html']) {
    const res = await fetchRaw(path, { headers: GZIP });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(res.body).toString(), /<title[^>]*>Iris classifier/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.ok(res.headers.etag, 'ETag for revalidation');
    assert.match(res.headers['content-security-policy'], /frame-ancestors 'none'/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['access-control-allow-origin'], undefined, 'no CORS on the page');
    assertSecurityHeaders(res, path);
  }
});

test('revalidation with the ETag answers 304', async () => {
  const first = await fetchRaw('/iris.js', { headers: GZIP });
  const again = await fetchRaw('/iris.js', { headers: { ...GZIP, 'if-none-match': first.headers.etag } });
  assert.equal(again.status, 304);
});

test('the wasm module: application/wasm, precompressed, immutable, CORS', async () => {
  const plain = (await fetchRaw(WASM)).body;
  assert.equal(plain.subarray(0, 4).toString('latin1'), '\0asm', 'a wasm module');
  const gz = await fetchRaw(WASM, { headers: GZIP });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-type'], 'application/wasm');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.match(gz.headers.vary ?? '', /Accept-Encoding/i);
  assert.ok(gz.body.length < plain.length / 1.5, 'compressed');
  assert.ok(gz.headers['content-length'], 'precompressed (gzip_static), not gzipped on the fly (chunked)');
  assert.deepEqual(gunzipSync(gz.body), plain);
  assert.equal(gz.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(gz.headers['access-control-allow-origin'], '*');
  assert.equal(gz.headers['cross-origin-resource-policy'], 'cross-origin');
  assertNotDocumentHeaders(gz, WASM);
  const identity = await fetchRaw(WASM);
  assert.equal(identity.headers['content-encoding'], undefined);
  assert.deepEqual(identity.body, plain);
});

test('every asset has its type, caching and CORS exactly where needed', async () => {
  const cases = [
    ['/iris.js', 'text/javascript; charset=utf-8', 'no-cache', '*'],
    ['/widget.js', 'text/javascript; charset=utf-8', 'no-cache', '*'],
    [GLUE, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable', '*'],
    [ELEMENT, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable', '*'],
    ['/widget.d.ts', 'text/plain; charset=utf-8', 'no-cache', undefined],
    [APP, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable', undefined],
    [CSS, 'text/css; charset=utf-8', 'public, max-age=31536000, immutable', undefined],
    ['/iris.d.ts', 'text/plain; charset=utf-8', 'no-cache', undefined],
  ];
  for (const [path, type, cache, cors] of cases) {
    const res = await fetchRaw(path, { headers: GZIP });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'], type, path);
    assert.equal(res.headers['content-encoding'], 'gzip', path);
    assert.equal(res.headers['cache-control'], cache, path);
    assert.equal(res.headers['access-control-allow-origin'], cors, path);
    assert.deepEqual(gunzipSync(res.body), (await fetchRaw(path)).body, path);
    assert.ok(res.headers['content-length'], `${path}: precompressed, not chunked`);
    assertNotDocumentHeaders(res, path);
  }
});

test('document headers by content type: pages yes, the embed page framable, nothing else', async () => {
  const embed = await fetchRaw('/embed.html');
  assertSecurityHeaders(embed, '/embed.html');
  assert.match(embed.headers['content-security-policy'], /frame-ancestors \*/);
  assert.equal(embed.headers['x-frame-options'], undefined, '/embed.html may be framed');
  for (const path of ['/demo.html', '/']) {
    const res = await fetchRaw(path);
    assertSecurityHeaders(res, path);
    assert.equal(res.headers['x-frame-options'], 'DENY', path);
  }
  const health = await fetchRaw('/healthz');
  assert.match(health.headers['content-type'], /^text\/plain/);
  assertNotDocumentHeaders(health, '/healthz');
});

test('a missing file is a real 404 with security headers, never the page', async () => {
  for (const path of ['/missing.wasm', '/missing.js', '/assets/iris_wasm_bg.0000000000.wasm', '/nope/', '/assets/', '/.git/config']) {
    const res = await fetchRaw(path, { headers: GZIP });
    assert.equal(res.status, 404, path);
    assert.notEqual(res.headers['content-type'], 'application/wasm', path);
    const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;
    assert.doesNotMatch(body.toString(), /Iris classifier/, `${path} served the page`);
    assert.equal(res.headers['cache-control'], 'no-store', `${path}: a 404 is never stored (a CDN would keep it for minutes)`);
    assertSecurityHeaders(res, path);
  }
});

test('only GET and HEAD: other methods get 405 with Allow', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const res = await fetchRaw('/', { method });
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.allow, 'GET, HEAD', method);
    assert.equal(res.headers['cache-control'], 'no-store', method);
    assertSecurityHeaders(res, method);
  }
  const head = await fetchRaw('/', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  const get = await fetchRaw('/');
  assert.equal(get.headers.allow, undefined, 'Allow only on 405');
});

test('/version.json: what this instance runs, revalidated, readable from any origin', async () => {
  const res = await fetchRaw('/version.json');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.equal(res.headers['access-control-allow-origin'], '*');
  assertNotDocumentHeaders(res, '/version.json');
  const version = JSON.parse(res.body.toString());
  assert.match(version.version, /^\d+\.\d+\.\d+/);
  assert.ok(version.revision === null || /^[0-9a-f]{40}(-dirty)?$/.test(version.revision), `revision ${version.revision}`);
  assert.match(version.modelSha256, /^[0-9a-f]{64}$/);
  assert.match(version.smartcoreVersion, /^\d+\.\d+\.\d+$/);
  // The module it names is the one the page loads, and its hash is of the
  // bytes as served (uncompressed).
  assert.equal(version.wasm, WASM);
  const { createHash } = await import('node:crypto');
  const module = (await fetchRaw(version.wasm)).body;
  assert.equal(version.wasmSha256, createHash('sha256').update(module).digest('hex'));
});

test('/healthz answers 200', async () => {
  const res = await fetchRaw('/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.body.toString(), 'ok\n');
});

// IPv6: the nginx suite also listens on [::1] (nginx.conf's `listen [::]:80`).
const IPV6 = process.env.IPV6_URL;
test('IPv6: the page and /healthz answer on [::1] too', { skip: IPV6 ? false : 'IPV6_URL is set by the nginx suite only' }, async () => {
  for (const path of ['/healthz', '/']) {
    const res = await fetch(new URL(path, IPV6));
    assert.equal(res.status, 200, path);
  }
});

test('/sbom.cdx.json: the bundle\'s bill of materials, served as JSON', async () => {
  const res = await fetchRaw('/sbom.cdx.json');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(res.headers['cache-control'], 'no-cache');
  const bom = JSON.parse(res.body.toString());
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.ok(bom.components.some((c) => c.name === 'iris-wasm'), 'lists the module');
  assertNotDocumentHeaders(res, '/sbom.cdx.json');
});
