// Every message in every language, as a person sees it in headless
// Chromium: the app page (?lang=, the switcher), the element (its lang
// attribute, the nearest lang around it, the browser's language) and the
// iframe (?lang=). Expected texts are built from the catalogues themselves
// (www/i18n/), so a wrong key, a message left in English or a number
// written the wrong way fails here.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, HOST_URL, launch, open } from './chromium.mjs';
import * as en from '../../www/i18n/en.js';
import * as es from '../../www/i18n/es.js';
import * as fr from '../../www/i18n/fr.js';

const CATALOGUES = { en, es, fr };
const SPECIES = '(setosa|versicolor|virginica)';
const ANY = '(.+)';
/** Numbers as each language writes them. */
const write = (lang, value) => (lang === 'en' ? String(value) : String(value).replace('.', ','));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A RegExp matching exactly what `message` says when given `args` (RegExp sources for unknowns). */
function pattern(message, ...args) {
  const tokens = args.map((_, i) => `\u0001${i}\u0001`);
  let source = message(...tokens).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  tokens.forEach((token, i) => { source = source.replace(token, args[i]); });
  return new RegExp(`^${source}$`);
}
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const shadow = (page, selector) => page.locator(`iris-classifier ${selector}`);
const text = async (locator) => (await locator.textContent()).trim();

describe('three languages', () => {
  for (const lang of ['en', 'es', 'fr']) {
    const { element: w, explorer: x, page: p } = CATALOGUES[lang];

    test(`${lang}: the page, the element's every state and message, the map and the explanation`, async () => {
      const { page, context, log } = await open(browser, `${APP_URL}?lang=${lang}`);
      const field = (name) => page.getByLabel(w.fields[name], { exact: true });
      const status = shadow(page, '[part="status"]');
      await page.locator('iris-classifier .root[data-state="incomplete"]').waitFor();
      // The page's own words.
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await page.waitForFunction((title) => document.title === title, p.title);
      assert.equal(await text(page.locator('h1')), p.heading);
      assert.equal(await text(page.locator('#try-title')), p.measure);
      assert.equal(await page.locator(`.languages a[hreflang="${lang}"]`).getAttribute('aria-current'), 'true');
      // Before anything is typed.
      for (const name of Object.keys(w.fields)) assert.equal(await field(name).count(), 1, `${lang} label ${w.fields[name]}`);
      assert.equal(await text(status), w.incomplete);
      assert.equal(await shadow(page, 'input.slider').first().getAttribute('aria-label'), w.slider(w.fields.sepalLength));
      // Each reason a value is refused, at its field, and the summary.
      const error = (name) => shadow(page, `[data-field="${name}"] .error`);
      for (const [typed, code] of [['-1', 'not-positive'], ['1000', 'too-large'], ['abc', 'not-a-number'], ['1e400', 'not-finite']]) {
        await field('petalWidth').fill(typed);
        await error('petalWidth').getByText(w.fieldError(w.fields.petalWidth, w.reasons[code]), { exact: true }).waitFor();
      }
      assert.equal(await text(status), w.fixOne);
      await field('sepalWidth').fill('x');
      await status.getByText(w.fixMany, { exact: true }).waitFor();
      await field('sepalWidth').fill('');
      await error('sepalWidth').getByText(w.fieldError(w.fields.sepalWidth, w.reasons.missing), { exact: true }).waitFor();
      // A flower typed the language's way (a decimal comma in es and fr),
      // outside the training data: the prediction, its probability, the warning.
      for (const [name, value] of [['sepalLength', 6.3], ['sepalWidth', 3.3], ['petalLength', 8.5], ['petalWidth', 2.5]]) {
        await field(name).fill(write(lang, value));
      }
      await shadow(page, '[part="species"]').waitFor();
      assert.match(await text(status), new RegExp(`^Iris virginica · (>?\\d+${lang === 'en' ? '\\.' : ','}\\d) % ${literal(w.probability)}\\. ${literal(w.setOutside('95 %'))}$`));
      assert.equal(await text(shadow(page, '.warnings li')), w.outside(w.fields.petalLength, write(lang, 8.5), '1', write(lang, 6.9)));
      assert.equal(await shadow(page, '.result').getAttribute('aria-label'), w.prediction);
      assert.equal(await shadow(page, '.bars').getAttribute('aria-label'), w.probabilities);
      // The URL keeps the numbers locale-neutral, and the language.
      await page.waitForFunction(() => window.location.search.includes('petal-length=8.5'));
      assert.match(page.url(), new RegExp(`lang=${lang}&sepal-length=6\\.3&sepal-width=3\\.3&petal-length=8\\.5&petal-width=2\\.5$`));
      // A typical setosa: a prediction set of one, in words.
      for (const [name, value] of [['sepalLength', 5.1], ['sepalWidth', 3.5], ['petalLength', 1.4], ['petalWidth', 0.2]]) {
        await field(name).fill(write(lang, value));
      }
      await shadow(page, '[part="set"]').getByText(w.set('95 %', ['Iris setosa']), { exact: true }).waitFor();
      // The explanation of a borderline flower, its set of two, and the map.
      for (const [name, value] of [['sepalLength', 6], ['sepalWidth', 2.8], ['petalLength', 4.8], ['petalWidth', 1.7]]) {
        await field(name).fill(write(lang, value));
      }
      await shadow(page, '[part="set"]').getByText(w.set('95 %', ['Iris virginica', 'Iris versicolor']), { exact: true }).waitFor();
      const explorer = shadow(page, '.explorer');
      await explorer.locator('.contributions li').first().waitFor();
      assert.equal(await explorer.getAttribute('aria-label'), x.section);
      await explorer.locator('.uncertain').getByText(x.uncertain(['virginica', 'versicolor']), { exact: true }).waitFor();
      const capital = (s) => s[0].toUpperCase() + s.slice(1);
      const fieldOf = `(${Object.values(x.fields).map((f) => literal(capital(f))).join('|')})`;
      assert.match(await text(explorer.locator('.why-text')), pattern(x.deciding, fieldOf, '([0-9]+([.,][0-9]+)?)', SPECIES, SPECIES));
      assert.match(await explorer.locator('.contributions li').first().getAttribute('aria-label'),
        new RegExp(`${pattern(x.contribution, literal(capital(x.fields.sepalLength)), `(${pattern(x.for, SPECIES).source.slice(1, -1)}|${pattern(x.against, SPECIES).source.slice(1, -1)})`, '[0-9]+([.,][0-9]+)?').source}`));
      assert.equal(await text(explorer.locator('.nearest-intro')), x.nearest);
      assert.match(await text(explorer.locator('.nearest button').first()), pattern(x.nearestFlower, '\\d+', SPECIES, ANY));
      const flower = x.flower(x.fields.petalLength, write(lang, 4.8), x.fields.petalWidth, write(lang, 1.7));
      await page.waitForFunction(() => document.querySelector('iris-classifier').shadowRoot.querySelector('.map-text')?.textContent);
      assert.match(await text(explorer.locator('.map-text')),
        new RegExp(`${pattern(x.inRegion, literal(flower), SPECIES).source.slice(0, -1)}${pattern(x.boundary, SPECIES, '[0-9]+([.,][0-9]+)?').source.slice(1)}`));
      assert.equal(await text(explorer.locator('summary')), x.tableSummary);
      assert.equal(await text(explorer.locator('caption')), x.tableCaption('cm'));
      assert.deepEqual(await explorer.locator('.axes label > span').allTextContents(), [x.across, x.up]);
      await explorer.locator('select.y').selectOption('petalLength');
      await explorer.locator('.map-text').getByText(x.sameAxes, { exact: true }).waitFor();
      // The model card.
      await page.locator('#model-card dl').waitFor();
      assert.deepEqual((await page.locator('#model-card dt').allTextContents()).slice(0, 4), [p.model, p.accuracy, p.calibration, p.sets]);
      assert.equal(await text(page.locator('#model-card table.confusion caption')), p.confusion);
      // The reliability diagram: its caption, its words, its table.
      const figure = page.locator('#model-card figure.reliability');
      assert.equal(await text(figure.locator('figcaption')), p.reliability);
      assert.match(await figure.locator('svg desc').textContent(), pattern(p.reliabilityDesc, '\\d+', `[0-9]+${lang === 'en' ? '\\.' : ','}[0-9] %`));
      assert.equal(await text(figure.locator('svg text').last()), p.reliabilityAcross);
      assert.equal(await text(figure.locator('caption')), p.reliabilityTable);
      assert.deepEqual(await figure.locator('thead th').allTextContents(), [p.bin, p.flowers, p.meanProbability, p.correct]);
      assert.deepEqual(log.errors, []);
      await context.close();
    });

    test(`${lang}: a module that cannot load says so on the page and in the element`, async () => {
      const { page, context } = await open(browser, null);
      await page.route('**/*.wasm', (route) => route.abort('blockedbyclient'));
      await page.goto(`${APP_URL}?lang=${lang}`);
      await page.locator('#load-error').waitFor();
      assert.match(await text(page.locator('#load-error')), pattern(p.loadError, ANY));
      assert.match(await text(shadow(page, '[part="status"]')), pattern(w.failed, ANY));
      assert.equal(await text(page.locator('#model-card p')), p.cardUnavailable);
      await context.close();
    });
  }

  test('typing 5,1: a number in Spanish and French, refused in English', async () => {
    for (const [lang, accepted] of [['es', true], ['fr', true], ['en', false]]) {
      const { element: w } = CATALOGUES[lang];
      const { page, context } = await open(browser, `${APP_URL}?lang=${lang}&sepal-width=3.5&petal-length=1.4&petal-width=0.2`);
      await page.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
      await page.getByLabel(w.fields.sepalLength, { exact: true }).fill('5,1');
      if (accepted) {
        await shadow(page, '[part="species"]').getByText('Iris setosa').waitFor();
        assert.equal(await page.evaluate(() => document.querySelector('iris-classifier').sepalLength), 5.1);
        await page.waitForFunction(() => window.location.search.includes('sepal-length=5.1&'));
      } else {
        await shadow(page, '[data-field="sepalLength"] .error').getByText(w.fieldError(w.fields.sepalLength, w.reasons['not-a-number'])).waitFor();
      }
      await context.close();
    }
  });

  test('the switcher changes the language and keeps the flower', async () => {
    const { page, context } = await open(browser, `${APP_URL}?sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2`);
    await shadow(page, '[part="species"]').waitFor();
    await page.waitForFunction(() => /** @type {HTMLAnchorElement} */ (document.querySelector('.languages a[hreflang="fr"]')).search.includes('sepal-length'));
    await page.locator('.languages a[hreflang="fr"]').click();
    await page.waitForURL(/lang=fr/);
    assert.match(page.url(), /lang=fr&sepal-length=5\.1&sepal-width=3\.5&petal-length=1\.4&petal-width=0\.2/);
    await page.getByLabel(fr.element.fields.sepalLength, { exact: true }).waitFor();
    assert.equal(await page.getByLabel(fr.element.fields.sepalLength, { exact: true }).inputValue(), '5,1');
    assert.match(await text(shadow(page, '[part="status"]')), new RegExp(`${literal(fr.element.probability)}\\. ${literal(fr.element.set('95 %', ['Iris setosa']))}$`));
    assert.equal(await text(page.locator('h1')), fr.page.heading);
    await context.close();
  });

  test('the element: its lang, else the nearest lang around it, else the browser\'s; and a change of lang', async () => {
    const { page, context } = await open(browser, HOST_URL, { locale: 'fr-FR' });
    await page.evaluate(async (url) => {
      await import(url);
      document.body.innerHTML = `
        <iris-classifier id="own" lang="es"></iris-classifier>
        <div lang="fr-CA"><iris-classifier id="nearest"></iris-classifier></div>
        <div lang="de"><iris-classifier id="browser"></iris-classifier></div>`;
    }, new URL('widget.js', APP_URL).href);
    const label = (id) => page.locator(`#${id} label`).first();
    await page.waitForFunction(() => [...document.querySelectorAll('iris-classifier')].every((e) => e.shadowRoot.querySelector('label').textContent.length > 0 && e.language));
    await label('own').getByText(es.element.fields.sepalLength).waitFor();
    await label('nearest').getByText(fr.element.fields.sepalLength).waitFor();
    // German is not spoken here: the browser's language (French) is next.
    await label('browser').getByText(fr.element.fields.sepalLength).waitFor();
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('iris-classifier')].map((e) => e.language)), ['es', 'fr', 'fr']);
    // A typed value is rewritten with the new decimal mark when lang changes.
    await page.locator('#own input.value').first().fill('5,1');
    await page.evaluate(() => { /** @type {HTMLElement} */ (document.querySelector('#own')).lang = 'en'; });
    await label('own').getByText(en.element.fields.sepalLength).waitFor();
    assert.equal(await page.locator('#own input.value').first().inputValue(), '5.1');
    assert.equal(await text(page.locator('#own [part="status"]')), en.element.incomplete);
    // A change of language re-words the prediction; it is not a new one to announce.
    await page.evaluate(() => Object.assign(document.querySelector('#own'), { sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 }));
    await page.locator('#own [part="species"]').waitFor();
    await page.evaluate(() => {
      window.announced = 0;
      document.querySelector('#own').addEventListener('iris-prediction', () => { window.announced += 1; });
      /** @type {HTMLElement} */ (document.querySelector('#own')).lang = 'fr';
    });
    await page.locator('#own [part="status"]').getByText(fr.element.probability).waitFor();
    assert.equal(await page.evaluate(() => window.announced), 0);
    await context.close();
  });

  test('the iframe embed speaks ?lang=', async () => {
    for (const lang of ['es', 'fr']) {
      const { element: w, embed } = CATALOGUES[lang];
      const { page, context } = await open(browser, `${new URL('embed.html', APP_URL).href}?lang=${lang}&sepal-length=5.1&sepal-width=3.5&petal-length=1.4&petal-width=0.2`);
      await shadow(page, '[part="species"]').waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await page.waitForFunction((title) => document.title === title, embed.title);
      assert.equal(await page.getByLabel(w.fields.sepalLength, { exact: true }).inputValue(), write(lang, 5.1));
      assert.match(await text(shadow(page, '[part="status"]')), new RegExp(`${literal(w.probability)}\\. ${literal(w.set('95 %', ['Iris setosa']))}$`));
      await context.close();
    }
  });
});
