// Honest uncertainty, as a person sees it in headless Chromium: the model
// card's calibration figures and reliability diagram (with its table, in
// light and dark, and under forced colours), the prediction set in the
// element's words for a setosa, a boundary flower and one outside the
// training data (three languages: i18n.test.mjs), and the download's
// prediction_set column. Expected figures come from modelInfo(), the same
// card the native tests check against an independent computation.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, launch, open } from './chromium.mjs';
import { choose, downloaded, filePage } from './files.mjs';
import * as en from '../../www/i18n/en.js';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const percent = (p) => `${(p * 100).toFixed(1)} %`;

/** The app page with its model card shown; `options` as for a browser context. */
async function cardPage(options = {}) {
  const opened = await open(browser, APP_URL, options);
  await opened.page.locator('#model-card figure.reliability svg').waitFor();
  const card = await opened.page.evaluate(async () => (await import('/iris.js')).modelInfo());
  return { ...opened, card };
}

describe('honest uncertainty', () => {
  test('the model card: calibration beside accuracy, the prediction sets measured, per family', async () => {
    const { page, context, card, log } = await cardPage();
    const cv = card.crossValidation;
    const terms = await page.locator('#model-card dt').allTextContents();
    const values = await page.locator('#model-card dd').allTextContents();
    const at = (term) => values[terms.indexOf(term)];
    const c = cv.calibration;
    assert.equal(at(en.page.calibration), en.page.calibrationValue(c.logLoss.toFixed(3), c.brier.toFixed(3), percent(c.expectedCalibrationError)));
    const sets = card.predictionSets;
    assert.equal(sets.coverage, 0.95);
    assert.equal(at(en.page.sets), en.page.setsValue('95 %', percent(sets.nested.coverage), sets.nested.covered, sets.nested.flowers, percent(sets.nested.standardError), String(Math.round(sets.nested.averageSize * 100) / 100)));
    // At or above the nominal coverage, within sampling error.
    assert.ok(sets.nested.coverage >= sets.coverage - 2 * sets.nested.standardError, JSON.stringify(sets.nested));
    // Every family's calibration, in the families table.
    const rows = await page.locator('#model-card table.candidates tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    assert.equal(rows.length, card.candidates.length);
    card.candidates.forEach((family, i) => {
      const k = family.calibration;
      assert.deepEqual(rows[i].slice(2), [k.logLoss.toFixed(3), k.brier.toFixed(3), percent(k.expectedCalibrationError)], family.family);
    });
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test('the reliability diagram: a bar per band with flowers, a text alternative and the same numbers as a table', async () => {
    const { page, context, card } = await cardPage();
    const bins = card.crossValidation.reliability;
    assert.equal(bins.length, 10);
    assert.equal(bins.reduce((sum, b) => sum + b.count, 0), card.trainingRows, 'every flower in one band');
    const figure = page.locator('#model-card figure.reliability');
    const svg = figure.locator('svg');
    assert.equal(await svg.getAttribute('role'), 'img');
    // The picture is named by the caption and described in words.
    const named = await svg.evaluate((node) => node.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)?.textContent));
    assert.equal(named[0], en.page.reliability);
    const filled = bins.filter((b) => b.count > 0);
    assert.equal(named[1], en.page.reliabilityDesc(filled.length, percent(card.crossValidation.calibration.expectedCalibrationError)));
    // One bar per band that holds flowers, as high as its share right.
    const bars = await svg.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    assert.deepEqual(bars.map((h) => Math.round(h * 1000)), filled.map((b) => Math.round(b.accuracy * 100 * 1000)));
    assert.equal(await svg.locator('line.diagonal').count(), 1);
    // The table: every band, its count, mean probability and share right.
    assert.equal(await figure.locator('caption').textContent(), en.page.reliabilityTable);
    assert.deepEqual(await figure.locator('thead th').allTextContents(), [en.page.bin, en.page.flowers, en.page.meanProbability, en.page.correct]);
    const table = await figure.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    assert.deepEqual(table, bins.map((b) => [
      `${b.lower}–${b.upper}`, String(b.count), b.count ? percent(b.confidence) : '—', b.count ? percent(b.accuracy) : '—',
    ]));
    await context.close();
  });

  test('the diagram is drawn in the page\'s colours: light, dark and forced colours', async () => {
    const fill = async (options) => {
      const { page, context } = await cardPage(options);
      const colours = await page.locator('#model-card rect.bar').first().evaluate((rect) => {
        const style = getComputedStyle(rect);
        return { fill: style.fill, stroke: style.stroke, text: getComputedStyle(rect.ownerSVGElement).fill, background: getComputedStyle(document.body).backgroundColor };
      });
      await context.close();
      return colours;
    };
    const light = await fill({ colorScheme: 'light' });
    const dark = await fill({ colorScheme: 'dark' });
    const forced = await fill({ forcedColors: 'active' });
    assert.notEqual(light.stroke, dark.stroke, `the accent follows the scheme: ${JSON.stringify({ light, dark })}`);
    assert.notEqual(light.text, dark.text, 'the labels follow the text colour');
    assert.notEqual(forced.stroke, light.stroke, `forced colours replace the accent: ${JSON.stringify(forced)}`);
  });

  test('the element says the set: one species, two near the boundary, no guarantee outside the data', async () => {
    const { page, context } = await open(browser, APP_URL);
    const set = page.locator('iris-classifier [part="set"]');
    const type = async (values) => {
      for (const [name, value] of Object.entries(values)) await page.getByLabel(en.element.fields[name], { exact: true }).fill(String(value));
    };
    await type({ sepalLength: 5.1, sepalWidth: 3.5, petalLength: 1.4, petalWidth: 0.2 });
    await set.getByText(en.element.set('95 %', ['Iris setosa']), { exact: true }).waitFor();
    await type({ sepalLength: 6, sepalWidth: 2.8, petalLength: 4.8, petalWidth: 1.7 });
    await set.getByText('With 95 % confidence: Iris virginica or Iris versicolor.', { exact: true }).waitFor();
    const detail = await page.evaluate(() => document.querySelector('iris-classifier').prediction.set);
    assert.deepEqual(detail, ['virginica', 'versicolor']);
    await type({ petalLength: 8.5 });
    await set.getByText(en.element.setOutside('95 %'), { exact: true }).waitFor();
    // The set is inside the live region: it is announced with the species.
    assert.equal(await set.evaluate((node) => node.closest('[role="status"]') !== null), true);
    await context.close();
  });

  test('the download has a prediction_set column: one species, or two most probable first', async () => {
    const { page, context } = await filePage(browser);
    const rows = ['sepal_length,sepal_width,petal_length,petal_width', '5.1,3.5,1.4,0.2', '6.0,2.8,4.8,1.7', '6.3,3.3,6.0,2.5', 'x,3.0,4.0,1.2'];
    await choose(page, 'sets.csv', `${rows.join('\n')}\n`);
    const lines = (await downloaded(page)).split('\r\n');
    const header = lines[0].split(',');
    const column = header.indexOf('prediction_set');
    assert.equal(column, header.length - 2, `before the note: ${lines[0]}`);
    assert.deepEqual(lines.slice(1, 5).map((l) => l.split(',')[column]), ['setosa', 'virginica|versicolor', 'virginica', '']);
    await context.close();
  });
});
