// <iris-classifier> as GitHub's small elements are tested: created each way,
// registered under another name, removed and re-added, checked against its
// Custom Elements Manifest, and audited for accessibility (axe-core), with
// the page and the iframe embed.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { APP_URL, HOST_URL, launch, open } from './chromium.mjs';

const WIDGET = new URL('widget.js', APP_URL).href;
const FLOWER = { 'sepal-length': '6.3', 'sepal-width': '3.3', 'petal-length': '6.0', 'petal-width': '2.5' };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A blank page on the host origin with widget.js imported as `window.widget`. */
async function blank() {
  const opened = await open(browser, HOST_URL);
  await opened.page.evaluate(async (url) => { window.widget = await import(url); }, WIDGET);
  return opened;
}

/** The species an element shows once it has predicted. */
const speciesOf = (page, selector) => page.locator(`${selector} [part="species"]`).textContent();

describe('<iris-classifier> like a small element', () => {
  test('is created by document.createElement and by its constructor', async () => {
    const { page, context, log } = await blank();
    await page.evaluate((flower) => {
      const made = document.createElement('iris-classifier');
      made.id = 'made';
      const built = new window.widget.IrisClassifierElement();
      built.id = 'built';
      for (const [name, value] of Object.entries(flower)) {
        made.setAttribute(name, value);
        built.setAttribute(name, value);
      }
      document.body.append(made, built);
    }, FLOWER);
    assert.equal(await speciesOf(page, '#made'), 'Iris virginica');
    assert.equal(await speciesOf(page, '#built'), 'Iris virginica');
    assert.ok(await page.evaluate(() => document.querySelector('#built') instanceof window.widget.IrisClassifierElement));
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('define() registers under another name and returns the class', async () => {
    const { page, context } = await blank();
    const same = await page.evaluate((flower) => {
      class OtherIris extends window.widget.IrisClassifierElement {}
      const returned = OtherIris.define('other-iris');
      const el = document.createElement('other-iris');
      for (const [name, value] of Object.entries(flower)) el.setAttribute(name, value);
      document.body.append(el);
      return returned === OtherIris && customElements.get('other-iris') === OtherIris;
    }, FLOWER);
    assert.ok(same);
    assert.equal(await speciesOf(page, 'other-iris'), 'Iris virginica');
    // The default registration is left alone, and defining it again is refused.
    const again = await page.evaluate(() => {
      try { window.widget.IrisClassifierElement.define(); return 'defined twice'; } catch (e) { return e.name; }
    });
    assert.equal(again, 'NotSupportedError');
    await context.close();
  });

  test('removed and re-added: listeners are cleaned up, then it works again', async () => {
    const { page, context } = await blank();
    await page.evaluate((flower) => {
      const el = document.createElement('iris-classifier');
      for (const [name, value] of Object.entries(flower)) el.setAttribute(name, value);
      window.predictions = 0;
      el.addEventListener('iris-prediction', () => { window.predictions += 1; });
      window.el = el;
      document.body.append(el);
    }, FLOWER);
    assert.equal(await speciesOf(page, 'iris-classifier'), 'Iris virginica');
    const type = (value) => page.evaluate((v) => {
      const input = /** @type {HTMLInputElement} */ (window.el.shadowRoot.querySelector('#petalLength'));
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
    const count = () => page.evaluate(() => window.predictions);

    const before = await count();
    await page.evaluate(() => window.el.remove());
    await type('1.4');
    assert.equal(await count(), before, 'a removed element still listened');

    await page.evaluate(() => document.body.append(window.el));
    await page.waitForFunction((n) => window.predictions > n, before);
    const afterReAdd = await count();
    await type('5.9');
    assert.equal(await count(), afterReAdd + 1, 'one prediction per change: no duplicate listeners');
    await context.close();
  });

  test('plot and explain: the map and the explanation, loaded only when asked for', async () => {
    const { page, context, log } = await blank();
    await page.evaluate((flower) => {
      const element = document.createElement('iris-classifier');
      for (const [name, value] of Object.entries({ ...flower, 'petal-length': '4.8', 'petal-width': '1.7', 'sepal-length': '6.0', 'sepal-width': '2.8' })) element.setAttribute(name, value);
      document.body.append(element);
    }, FLOWER);
    await page.locator('iris-classifier [part="species"]').waitFor();
    assert.ok(!log.requests.some((url) => url.includes('explorer')), 'nothing of the explorer before it is asked for');
    await page.evaluate(() => { const e = document.querySelector('iris-classifier'); e.plot = true; e.explain = true; });
    const canvas = page.locator('iris-classifier canvas[part="map-canvas"]');
    await canvas.waitFor();
    // An honest "uncertain" for this borderline flower (its prediction set
    // holds both species), and the deciding measurement.
    await page.locator('iris-classifier .uncertain').getByText(/Uncertain: (virginica or versicolor|versicolor or virginica)\./).waitFor();
    assert.match(await page.locator('iris-classifier .why-text').textContent(), /counts most for (virginica|versicolor) over (versicolor|virginica)\./);
    assert.equal(await page.locator('iris-classifier .contributions li').count(), 4);
    // The text alternative names the region the flower lies in: the
    // species it is given, even this close to a boundary.
    await page.waitForFunction(() => document.querySelector('iris-classifier').shadowRoot.querySelector('canvas').getAttribute('aria-label')?.includes('region'));
    const given = (await speciesOf(page, 'iris-classifier')).replace('Iris ', '');
    assert.match(await page.locator('iris-classifier .map-text').textContent(), new RegExp(`lies in the ${given} region; the nearest boundary is with`));
    // A click on the map sets the two measurements of its axes.
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.85);
    await page.waitForFunction(() => document.querySelector('iris-classifier').petalLength < 3);
    const clicked = await page.evaluate(() => { const e = document.querySelector('iris-classifier'); return [e.petalLength, e.petalWidth]; });
    assert.ok(clicked[0] > 0 && clicked[0] < 3 && clicked[1] > 0 && clicked[1] < 1.5, String(clicked));
    assert.equal(await speciesOf(page, 'iris-classifier'), 'Iris setosa');
    // Arrow keys move the flower by a step when the map has focus.
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((before) => document.querySelector('iris-classifier').petalLength > before, clicked[0]);
    const moved = await page.evaluate(() => document.querySelector('iris-classifier').petalLength);
    assert.equal(Math.round((moved - clicked[0]) * 10) / 10, 0.1);
    // A nearest training flower loads on click.
    const first = page.locator('iris-classifier .nearest button').first();
    const text = await first.textContent();
    const values = text.match(/: (.*) cm$/)[1].split('; ').map(Number);
    await first.click();
    await page.waitForFunction((v) => document.querySelector('iris-classifier').sepalLength === v[0], values);
    assert.deepEqual(await page.evaluate(() => { const e = document.querySelector('iris-classifier'); return [e.sepalLength, e.sepalWidth, e.petalLength, e.petalWidth]; }), values);
    // Off again: the explorer hides.
    await page.evaluate(() => { const e = document.querySelector('iris-classifier'); e.plot = false; e.explain = false; });
    await page.waitForFunction(() => /** @type {HTMLElement} */ (document.querySelector('iris-classifier').shadowRoot.querySelector('.explorer')).hidden);
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('in forced colours (high contrast), the probability bars stay visible', async () => {
    const { page, context } = await open(browser, HOST_URL, { forcedColors: 'active' });
    await page.evaluate(async (url) => {
      await import(url);
      document.body.innerHTML = '<iris-classifier sepal-length="5.1" sepal-width="3.5" petal-length="1.4" petal-width="0.2"></iris-classifier>';
    }, WIDGET);
    await page.locator('iris-classifier [part="species"]').waitFor();
    // The colours on screen, read back from a screenshot of each bar.
    const colours = async (species) => {
      const shot = (await page.locator(`iris-classifier .bars li[data-species="${species}"] .bar`).screenshot()).toString('base64');
      return page.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context2d = canvas.getContext('2d');
        context2d.drawImage(image, 0, 0);
        const pixels = context2d.getImageData(0, 0, image.width, image.height).data;
        const counts = new Map();
        for (let i = 0; i < pixels.length; i += 4) {
          const key = `${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        const [top] = [...counts].sort((a, b) => b[1] - a[1]);
        return { dominant: top[0], share: top[1] / (pixels.length / 4) };
      }, shot);
    };
    const full = await colours('setosa');
    const empty = await colours('virginica');
    // The setosa bar (about 97 %) is mostly its fill; the virginica bar
    // (under 0.1 %) mostly the page's background inside a border: two
    // different colours, so the filled share is visible.
    assert.notEqual(full.dominant, empty.dominant, JSON.stringify({ full, empty }));
    assert.ok(full.share > 0.5, JSON.stringify(full));
    const border = await page.locator('iris-classifier .bars li[data-species="virginica"] .bar').evaluate((bar) => getComputedStyle(bar).borderTopWidth);
    assert.equal(border, '1px', 'the empty track is outlined');
    await context.close();
  });

  test('in forced colours, the sliders, the focus ring, the map and its marker stay visible', async () => {
    const { page, context } = await open(browser, HOST_URL, { forcedColors: 'active' });
    await page.evaluate(async (url) => {
      await import(url);
      const el = document.createElement('iris-classifier');
      for (const [name, value] of Object.entries({ 'sepal-length': '5.1', 'sepal-width': '3.5', 'petal-length': '1.4', 'petal-width': '0.2' })) el.setAttribute(name, value);
      el.setAttribute('plot', '');
      document.body.append(el);
    }, WIDGET);
    const canvas = page.locator('iris-classifier [part~="map-canvas"]');
    await canvas.waitFor();
    await page.waitForFunction(() => document.querySelector('iris-classifier')?.shadowRoot?.querySelector('.map-text')?.textContent !== '');
    /** How many colours a screenshot of `locator` holds. */
    const colours = async (locator) => {
      const shot = (await locator.screenshot()).toString('base64');
      return page.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const c = new OffscreenCanvas(image.width, image.height);
        const context2d = /** @type {OffscreenCanvasRenderingContext2D} */ (c.getContext('2d'));
        context2d.drawImage(image, 0, 0);
        const pixels = context2d.getImageData(0, 0, image.width, image.height).data;
        const seen = new Set();
        for (let i = 0; i < pixels.length; i += 4) seen.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
        return seen.size;
      }, shot);
    };
    // A slider draws a track and a thumb: more than the background.
    const slider = page.locator('iris-classifier .slider').first();
    assert.ok(await colours(slider) >= 2, 'the slider is drawn');
    // The map keeps its own colours (a picture), so its regions, flowers and marker show.
    assert.ok(await colours(canvas) > 20, 'the map is drawn in its colours');
    // The focus ring: an outline, which forced colours keep (in a system colour).
    const input = page.locator('iris-classifier input.value').first();
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.querySelector('iris-classifier')?.shadowRoot?.activeElement?.classList.contains('value'));
    const ring = await input.evaluate((node) => {
      const style = getComputedStyle(node);
      return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth), colour: style.outlineColor, background: getComputedStyle(document.body).backgroundColor };
    });
    assert.equal(ring.style, 'solid');
    assert.ok(ring.width >= 2, JSON.stringify(ring));
    assert.notEqual(ring.colour, ring.background, JSON.stringify(ring));
    await context.close();
  });

  test('its custom-elements.json describes the live element', async () => {
    const { page, context } = await blank();
    const manifest = await (await fetch(new URL('custom-elements.json', APP_URL))).json();
    const [declaration] = manifest.modules.find((m) => m.path === 'widget.js').declarations;
    assert.equal(declaration.tagName, 'iris-classifier');
    const live = await page.evaluate(async (flower) => {
      const Element = window.widget.IrisClassifierElement;
      const el = new Element();
      // A flower with the map and the explanation, so their parts are there too.
      for (const [name, value] of Object.entries(flower)) el.setAttribute(name, value);
      el.plot = true;
      el.explain = true;
      document.body.append(el);
      const root = el.shadowRoot;
      for (let waited = 0; !root.querySelector('[part~="why"]') || !root.querySelector('[part~="map-canvas"]'); waited += 50) {
        if (waited > 10000) throw new Error('the explorer did not mount');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const parts = new Set([...root.querySelectorAll('[part]')].flatMap((n) => n.getAttribute('part').split(/\s+/)));
      // Made with each prediction.
      parts.add('species');
      parts.add('set');
      const css = [...root.adoptedStyleSheets].flatMap((s) => [...s.cssRules]).map((r) => r.cssText).join('\n');
      return {
        observed: Element.observedAttributes,
        properties: Object.getOwnPropertyNames(Element.prototype).filter((p) => p !== 'constructor'),
        parts: [...parts].sort(),
        cssProperties: [...new Set(css.match(/--iris-[a-z-]+/g))].sort(),
      };
    }, FLOWER);
    const attributes = declaration.attributes.map((a) => a.name);
    assert.deepEqual(live.observed.filter((a) => !attributes.includes(a)), [], 'observed attributes missing from the manifest');
    assert.ok(attributes.includes('compact'));
    for (const member of declaration.members.filter((m) => m.kind === 'field')) {
      assert.ok(live.properties.includes(member.name), `manifest member ${member.name} is not a property`);
    }
    assert.deepEqual(declaration.cssParts.map((p) => p.name).sort(), live.parts);
    assert.deepEqual(declaration.cssProperties.map((p) => p.name).sort(), live.cssProperties);
    assert.deepEqual(declaration.events.map((e) => e.name).sort(), ['iris-error', 'iris-prediction']);
    await context.close();
  });
});

describe('accessibility (axe-core)', () => {
  const audit = async (page, include) => {
    const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
    if (include) builder.include(include);
    const { violations } = await builder.analyze();
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  };
  const query = new URLSearchParams(FLOWER).toString();

  test('the app page with its map and explanation, light and dark, with a prediction and with an error: no violations', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, context } = await open(browser, `${APP_URL}?${query}`, { colorScheme });
      await page.locator('iris-classifier [part="species"]').waitFor();
      await page.locator('iris-classifier .contributions li').first().waitFor();
      await page.locator('#model-card table').first().waitFor();
      assert.deepEqual(await audit(page), [], colorScheme);
      await page.getByLabel('Petal width', { exact: true }).fill('-1');
      assert.deepEqual(await audit(page), [], colorScheme);
      await context.close();
    }
  });

  test('the element on a host page, light and dark: no violations', async () => {
    for (const theme of ['light', 'dark']) {
      const { page, context } = await open(browser, HOST_URL);
      const attributes = Object.entries(FLOWER).map(([k, v]) => `${k}="${v}"`).join(' ');
      await page.setContent(`<!doctype html><html lang="en"><head><title>Host</title>
        <script type="module" src="${WIDGET}"></script></head>
        <body><main><iris-classifier theme="${theme}" ${attributes}></iris-classifier></main></body></html>`);
      await page.locator('iris-classifier [part="species"]').waitFor();
      assert.deepEqual(await audit(page, 'iris-classifier'), [], theme);
      await context.close();
    }
  });

  test('the iframe embed: no violations', async () => {
    const { page, context } = await open(browser, `${new URL('embed.html', APP_URL).href}?${query}`);
    await page.locator('iris-classifier [part="species"]').waitFor();
    assert.deepEqual(await audit(page), []);
    await context.close();
  });
});

describe('<iris-classifier> in a host form', () => {
  const FORM = `${new URL('form.html', HOST_URL).href}?widget=${encodeURIComponent(WIDGET)}`;
  const field = (page, label) => page.locator('#w').getByLabel(label, { exact: true });
  const validity = (page) => page.evaluate(() => {
    const w = /** @type {IrisElement} */ (document.querySelector('#w'));
    const { valid, valueMissing, rangeUnderflow, rangeOverflow, badInput } = w.validity;
    return { valid, valueMissing, rangeUnderflow, rangeOverflow, badInput, message: w.validationMessage, form: w.form?.id, formValid: w.form?.checkValidity() };
  });

  test('is invalid with the field\'s message until every measurement is valid, then submits them and the species', async () => {
    const { page, context, log } = await open(browser, FORM);
    await page.locator('#w .root:not([data-state="loading"])').waitFor();
    // Three measurements missing: the form may not be submitted.
    let v = await validity(page);
    assert.deepEqual([v.valid, v.valueMissing, v.form, v.formValid], [false, true, 'f', false]);
    assert.equal(v.message, 'Sepal width is required.');
    await page.locator('#send').click();
    assert.equal(new URL(page.url()).pathname, '/form.html', 'an invalid form is not submitted');
    await field(page, 'Sepal width').fill('0');
    v = await validity(page);
    assert.deepEqual([v.rangeUnderflow, v.message], [true, 'Sepal width must be greater than 0 cm.']);
    await field(page, 'Sepal width').fill('abc');
    assert.equal((await validity(page)).badInput, true);
    await field(page, 'Sepal width').fill('3.3');
    await field(page, 'Petal length').fill('6');
    await field(page, 'Petal width').fill('2.5');
    v = await validity(page);
    assert.deepEqual([v.valid, v.message, v.formValid], [true, '', true]);
    await Promise.all([page.waitForURL(/index\.html\?/), page.locator('#send').click()]);
    const sent = Object.fromEntries(new URL(page.url()).searchParams);
    assert.deepEqual(sent, {
      note: 'bed 4',
      'flower.sepalLength': '6.3',
      'flower.sepalWidth': '3.3',
      'flower.petalLength': '6',
      'flower.petalWidth': '2.5',
      'flower.species': 'virginica',
    });
    // Back to the form: the browser gives the element its fields again.
    await page.goBack();
    await page.locator('#w [part="species"]').waitFor();
    assert.equal(await field(page, 'Petal width').inputValue(), '2.5');
    assert.equal(await speciesOf(page, '#w'), 'Iris virginica');
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('Enter submits the host form; reset() restores the attributes; a disabled fieldset disables it', async () => {
    const { page, context } = await open(browser, FORM);
    await page.locator('#w .root:not([data-state="loading"])').waitFor();
    await field(page, 'Sepal width').fill('3');
    await field(page, 'Petal length').fill('4.2');
    await field(page, 'Petal width').fill('1.5');
    await field(page, 'Sepal length').fill('5.9');
    await page.evaluate(() => /** @type {HTMLFormElement} */ (document.querySelector('#f')).reset());
    assert.equal(await field(page, 'Sepal length').inputValue(), '6.3', 'reset: the attribute\'s value');
    assert.equal(await field(page, 'Petal width').inputValue(), '', 'reset: no attribute, empty');
    assert.equal((await validity(page)).valueMissing, true);
    await page.evaluate(() => { /** @type {HTMLFieldSetElement} */ (document.querySelector('#set')).disabled = true; });
    assert.equal(await field(page, 'Sepal length').isDisabled(), true);
    assert.equal(await page.evaluate(() => /** @type {IrisElement} */ (document.querySelector('#w')).willValidate), false);
    await page.evaluate(() => { /** @type {HTMLFieldSetElement} */ (document.querySelector('#set')).disabled = false; });
    await field(page, 'Sepal width').fill('3');
    await field(page, 'Petal length').fill('4.2');
    await field(page, 'Petal width').fill('1.5');
    await Promise.all([page.waitForURL(/index\.html\?/), field(page, 'Petal width').press('Enter')]);
    assert.equal(new URL(page.url()).searchParams.get('flower.species'), 'versicolor');
    await context.close();
  });
});
