// The embeddable widget on someone else's site: host pages are served from a
// different loopback origin (another port) than the app, as a blog would be.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, HOST_URL, launch, open } from './chromium.mjs';

if (!HOST_URL) throw new Error('HOST_URL is unset: run `cargo xtask test browser`');

const WIDGET = new URL('widget.js', APP_URL).href;
const EMBED = new URL('embed.html', APP_URL).href;
const APP_ORIGIN = new URL(APP_URL).origin;

// Registered before anything else on the host page: every widget event.
const RECORDER = `<script>
  window.events = [];
  for (const type of ['iris-prediction', 'iris-error']) {
    document.addEventListener(type, (e) => window.events.push({
      type: e.type, bubbles: e.bubbles, composed: e.composed,
      target: e.target.id, detail: JSON.parse(JSON.stringify(e.detail)),
    }));
  }
  window.heights = [];
  window.addEventListener('message', (e) => {
    if (e.origin === ${JSON.stringify(APP_ORIGIN)} && e.data?.type === 'iris-classifier:resize') {
      window.heights.push(e.data.height);
    }
  });
</script>`;

let browser;
before(async () => {
  assert.notEqual(new URL(HOST_URL).origin, APP_ORIGIN, 'host and app must be different origins');
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** A host page on the other origin with `body`, loading the widget by script tag. */
async function host(body, { head = '', script = true } = {}) {
  const opened = await open(browser, HOST_URL);
  const loader = script ? `<script type="module" src="${WIDGET}"></script>` : '';
  await opened.page.setContent(`<!doctype html><html lang="en"><head>${RECORDER}${head}${loader}</head><body>${body}</body></html>`);
  return opened;
}

const started = (page, selector = 'iris-classifier') =>
  page.locator(`${selector} .root:not([data-state="loading"])`).first().waitFor();
const species = (scope) => scope.locator('[part="species"]').textContent();
/** From the focused element before the widget: Tab into each field, type, Enter. */
async function typeByKeyboard(page, values) {
  for (const [i, value] of values.entries()) {
    await page.keyboard.press('Tab'); // into the next number field
    await page.keyboard.type(value);
    if (i < values.length - 1) await page.keyboard.press('Tab'); // onto its slider
  }
  await page.keyboard.press('Enter');
}

const events = (page, type) => page.evaluate((t) => window.events.filter((e) => e.type === t), type);

describe('the <iris-classifier> element on another origin', () => {
  test('predicts from its attributes and from typed values', async () => {
    const { page, context, log } = await host(
      '<iris-classifier id="w" sepal-length="6.3" sepal-width="3.3" petal-length="6.0" petal-width="2.5"></iris-classifier>',
    );
    await started(page);
    const widget = page.locator('#w');
    assert.equal(await species(widget), 'Iris virginica');
    await widget.getByLabel('Sepal length', { exact: true }).fill('5.1');
    await widget.getByLabel('Sepal width', { exact: true }).fill('3.5');
    await widget.getByLabel('Petal length', { exact: true }).fill('1.4');
    await widget.getByLabel('Petal width', { exact: true }).fill('0.2');
    assert.equal(await species(widget), 'Iris setosa');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console, []);
    await context.close();
  });

  test('iris-prediction bubbles out of the shadow root with inputs, species and probabilities', async () => {
    const { page, context } = await host(
      '<iris-classifier id="w" sepal-length="6.3" sepal-width="3.3" petal-length="6.0" petal-width="2.5"></iris-classifier>',
    );
    await started(page);
    await page.waitForFunction(() => window.events.length > 0);
    const [first] = await events(page, 'iris-prediction');
    assert.equal(first.target, 'w');
    assert.equal(first.bubbles, true);
    assert.equal(first.composed, true);
    assert.deepEqual(first.detail.inputs, { sepalLength: 6.3, sepalWidth: 3.3, petalLength: 6, petalWidth: 2.5 });
    assert.equal(first.detail.species, 'virginica');
    assert.deepEqual(Object.keys(first.detail.probabilities), ['setosa', 'versicolor', 'virginica']);
    const sum = Object.values(first.detail.probabilities).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-12);
    assert.deepEqual(first.detail.warnings, []);
    await context.close();
  });

  test('an invalid value fires iris-error and shows the same message a person gets', async () => {
    const { page, context, log } = await host(
      '<iris-classifier id="w" sepal-length="5.1" sepal-width="3.5" petal-length="abc" petal-width="0.2"></iris-classifier>',
    );
    await started(page);
    const widget = page.locator('#w');
    assert.equal(await widget.locator('#petalLength-error').textContent(), 'Petal length must be a number.');
    let errors = await events(page, 'iris-error');
    assert.equal(errors[0].detail.field, 'petalLength');
    assert.equal(errors[0].detail.code, 'wrong-type');
    assert.match(errors[0].detail.message, /^invalid petal length "abc": must be a number/);
    await widget.getByLabel('Petal width', { exact: true }).fill('-1');
    errors = await events(page, 'iris-error');
    const last = errors.at(-1);
    assert.deepEqual([last.detail.field, last.detail.code, last.bubbles, last.composed], ['petalWidth', 'not-positive', true, true]);
    assert.equal(await widget.locator('#petalWidth-error').textContent(), 'Petal width must be greater than 0 cm.');
    assert.deepEqual(log.errors, [], 'nothing uncaught on the host page');
    await context.close();
  });

  test('two widgets share one wasm download and do not interfere', async () => {
    const { page, context, log } = await host(`
      <iris-classifier id="a" sepal-length="5.1" sepal-width="3.5" petal-length="1.4" petal-width="0.2"></iris-classifier>
      <iris-classifier id="b" sepal-length="6.3" sepal-width="3.3" petal-length="6.0" petal-width="2.5"></iris-classifier>`);
    await started(page, '#a');
    await started(page, '#b');
    const [a, b] = [page.locator('#a'), page.locator('#b')];
    assert.equal(await species(a), 'Iris setosa');
    assert.equal(await species(b), 'Iris virginica');
    await a.getByLabel('Petal length', { exact: true }).fill('4.5');
    await a.getByLabel('Petal width', { exact: true }).fill('1.4');
    assert.equal(await species(a), 'Iris versicolor');
    assert.equal(await species(b), 'Iris virginica');
    assert.equal(await b.getByLabel('Petal length', { exact: true }).inputValue(), '6');
    const wasm = log.requests.filter((u) => u.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `wasm downloaded ${wasm.length} times`);
    await context.close();
  });

  test('a hostile host stylesheet does not change the widget, nor the widget the host', async () => {
    const HOSTILE = `<style>
      * { color: red !important; font-size: 30px !important; line-height: 3 !important;
          font-family: serif !important; letter-spacing: 4px !important; text-transform: uppercase !important; }
      input { display: none !important; }
      div, p, span, ul, li, section, form, label { background: yellow !important; border: 5px solid green !important; }
      .root, .bar, .fill, .error, .field { display: none !important; }
    </style>`;
    const BODY = `
      <div class="root" id="host-root">host root</div>
      <p class="error" id="host-error">host error</p>
      <input id="host-input" value="host">
      <div style="width: 520px"><iris-classifier id="w" sepal-length="6.3" sepal-width="3.3" petal-length="6.0" petal-width="2.5"></iris-classifier></div>`;
    const measure = (page) => page.evaluate(() => {
      const root = document.querySelector('#w').shadowRoot;
      const box = root.querySelector('.root').getBoundingClientRect();
      const style = (el) => { const s = getComputedStyle(el); return [s.color, s.fontSize, s.fontFamily, s.display, s.backgroundColor, s.textTransform].join('|'); };
      return {
        size: [Math.round(box.width), Math.round(box.height)],
        species: style(root.querySelector('[part="species"]')),
        input: style(root.querySelector('#sepalLength')),
        fill: style(root.querySelector('.fill')),
      };
    });
    const hostStyles = (page) => page.evaluate(() => ['#host-root', '#host-error', '#host-input'].map((s) => {
      const c = getComputedStyle(document.querySelector(s));
      return [c.color, c.display, c.backgroundColor, c.fontSize, c.borderTopWidth, c.padding].join('|');
    }));

    const clean = await host(BODY);
    await started(clean.page);
    const hostile = await host(BODY, { head: HOSTILE });
    await started(hostile.page);
    assert.deepEqual(await measure(hostile.page), await measure(clean.page), 'the widget changed under hostile CSS');
    assert.ok(await hostile.page.locator('#w').getByLabel('Sepal length', { exact: true }).isVisible());

    const without = await host(BODY, { head: HOSTILE, script: false });
    assert.deepEqual(await hostStyles(hostile.page), await hostStyles(without.page), 'the widget changed the host');
    const plain = await host(BODY.replace(/<iris-classifier.*<\/iris-classifier>/, ''), { script: false });
    assert.deepEqual(await hostStyles(clean.page), await hostStyles(plain.page), 'the widget changed the host');
    for (const o of [clean, hostile, without, plain]) await o.context.close();
  });

  test('theme, compact, reflected properties, parts and custom properties', async () => {
    const { page, context } = await host(
      '<iris-classifier id="w" theme="dark" compact sepal-length="5.1" sepal-width="3.5" petal-length="1.4" petal-width="0.2"></iris-classifier>',
      { head: '<style>iris-classifier::part(species) { color: rgb(1, 2, 3); } iris-classifier { --iris-accent: rgb(4, 5, 6); }</style>' },
    );
    await started(page);
    const state = () => page.evaluate(() => {
      const el = /** @type {IrisElement} */ (document.querySelector('#w'));
      const root = el.shadowRoot;
      return {
        background: getComputedStyle(root.querySelector('.root')).backgroundColor,
        slider: getComputedStyle(root.querySelector('.slider')).display,
        species: getComputedStyle(root.querySelector('[part="species"]')).color,
        fill: getComputedStyle(root.querySelector('.fill')).backgroundColor,
        theme: el.theme, compact: el.compact, sepalLength: el.sepalLength,
      };
    });
    let s = await state();
    assert.equal(s.background, 'rgb(23, 26, 34)', 'dark theme');
    assert.equal(s.slider, 'none', 'compact hides the sliders');
    assert.equal(s.species, 'rgb(1, 2, 3)', '::part(species)');
    assert.equal(s.fill, 'rgb(4, 5, 6)', '--iris-accent');
    assert.deepEqual([s.theme, s.compact, s.sepalLength], ['dark', true, 5.1]);
    await page.evaluate(() => {
      const el = /** @type {IrisElement} */ (document.querySelector('#w'));
      el.theme = 'light';
      el.compact = false;
      el.petalLength = 6;
      el.petalWidth = 2.4;
    });
    s = await state();
    assert.equal(s.background, 'rgb(255, 255, 255)');
    assert.notEqual(s.slider, 'none');
    const attributes = await page.evaluate(() => {
      const el = document.querySelector('#w');
      return [el.getAttribute('theme'), el.hasAttribute('compact'), el.getAttribute('petal-length')];
    });
    assert.deepEqual(attributes, ['light', false, '6']);
    assert.equal(await species(page.locator('#w')), 'Iris virginica');
    await page.evaluate(() => document.querySelector('#w').setAttribute('theme', 'neon'));
    assert.equal(await page.evaluate(() => /** @type {IrisElement} */ (document.querySelector('#w')).theme), 'auto', 'unknown theme reads as auto');
    await context.close();
  });

  test('adds nothing to the global scope but the element name', async () => {
    const { page, context, log } = await host('<iris-classifier></iris-classifier>', { script: false });
    const added = await page.evaluate(async (url) => {
      const before = new Set(Object.getOwnPropertyNames(window));
      await import(url);
      await customElements.whenDefined('iris-classifier');
      return Object.getOwnPropertyNames(window).filter((k) => !before.has(k));
    }, WIDGET);
    assert.deepEqual(added, []);
    assert.ok(await page.evaluate(() => typeof customElements.get('iris-classifier') === 'function'));
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('works on a host page that enforces Trusted Types, map and explanation included', async () => {
    // The host allows no policy at all: any innerHTML, eval or script URL
    // from a string in the element or its modules would be a violation.
    const head = `<meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types 'none'">
      <script>
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.sample));
      </script>`;
    const { page, context, log } = await host(
      '<iris-classifier id="w" plot explain sepal-length="5.9" sepal-width="3" petal-length="4.2" petal-width="1.5"></iris-classifier>',
      { head },
    );
    assert.equal(await page.evaluate(() => {
      try {
        document.body.innerHTML = '<b>x</b>';
        return 'not enforced';
      } catch (error) {
        return error.name;
      }
    }), 'TypeError', 'the host page enforces Trusted Types');
    // That probe is the one violation expected; nothing of ours may add one.
    await page.evaluate(() => { window.violations = []; });
    await started(page);
    const widget = page.locator('#w');
    assert.equal(await species(widget), 'Iris versicolor');
    await widget.locator('[part="explorer"] .contributions li').first().waitFor();
    await widget.locator('canvas[part="map-canvas"]').waitFor();
    await widget.getByLabel('Petal length', { exact: true }).fill('1.4');
    await widget.getByLabel('Petal width', { exact: true }).fill('0.2');
    assert.equal(await species(widget), 'Iris setosa');
    await page.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('.map-text')?.textContent !== '');
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.console.filter((m) => !m.includes('<b>x</b>') && !/TrustedHTML/.test(m)), []);
    await context.close();
  });

  test('keyboard only: tab in from the host page, type, press Enter', async () => {
    const { page, context } = await host('<button id="before">before</button><iris-classifier id="w"></iris-classifier>');
    await started(page);
    await page.locator('#before').focus();
    await typeByKeyboard(page, ['6.4', '2.8', '5.6', '2.1']);
    assert.equal(await species(page.locator('#w')), 'Iris virginica');
    await context.close();
  });
});

describe('the iframe embed', () => {
  test('predicts and tells its parent a height that matches its content', async () => {
    const { page, context } = await host(
      `<iframe id="f" style="width: 480px; height: 300px; border: 0" title="Iris classifier"
         src="${EMBED}?sepal-length=6.3&sepal-width=3.3&petal-length=6.0&petal-width=2.5"></iframe>`,
      { script: false },
    );
    const frame = page.frameLocator('#f');
    await frame.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
    assert.equal(await species(frame.locator('iris-classifier')), 'Iris virginica');
    const embed = page.frames().find((f) => f.url().startsWith(EMBED));
    const contentHeight = () => embed.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await page.waitForFunction(() => window.heights.length > 0);
    let expected = await contentHeight();
    await page.waitForFunction((h) => window.heights.at(-1) === h, expected);
    const before = expected;

    await frame.getByLabel('Petal width', { exact: true }).fill('-1');
    assert.equal(await frame.locator('#petalWidth-error').textContent(), 'Petal width must be greater than 0 cm.');
    expected = await contentHeight();
    assert.notEqual(expected, before, 'content height changed');
    await page.waitForFunction((h) => window.heights.at(-1) === h, expected);
    await context.close();
  });

  test('keyboard only: tab from the host into the frame and predict', async () => {
    const { page, context } = await host(
      `<button id="before">before</button><iframe id="f" style="width: 480px; height: 600px; border: 0" title="Iris classifier" src="${EMBED}"></iframe>`,
      { script: false },
    );
    const frame = page.frameLocator('#f');
    await frame.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
    await page.locator('#before').focus();
    await typeByKeyboard(page, ['5.0', '3.4', '1.5', '0.2']);
    assert.equal(await species(frame.locator('iris-classifier')), 'Iris setosa');
    await context.close();
  });

  test('the embed page may be framed by another origin; the app page may not', async () => {
    const { page, context } = await host(
      `<iframe name="embed" src="${EMBED}"></iframe><iframe name="app" src="${APP_URL}"></iframe>`,
      { script: false },
    );
    await page.waitForLoadState('load');
    const embed = page.frame({ name: 'embed' });
    await embed.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
    const app = page.frame({ name: 'app' });
    // Chromium replaces a refused frame with its own error page.
    assert.match(app.url(), /^chrome-error:/, `the app page loaded in a foreign frame: ${app.url()}`);
    assert.equal(await app.locator('iris-classifier').count(), 0, 'the app rendered inside a foreign frame');
    await context.close();
  });
});
