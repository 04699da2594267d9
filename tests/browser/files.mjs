// What the "Classify a file" tests share: the page with the file view
// ready, choosing a file, the download a person gets, and the download the
// page should offer, built here from iris.js's own predictions and the
// catalogues' words.

import { readFile } from 'node:fs/promises';
import { APP_URL, open } from './chromium.mjs';
import * as en from '../../www/i18n/en.js';
import * as es from '../../www/i18n/es.js';
import * as fr from '../../www/i18n/fr.js';

export const CATALOGUES = { en, es, fr };
export const ORIGIN = new URL(APP_URL).origin;
export const FIELDS = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'];
export const NAMINGS = {
  plain: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'],
  R: ['Sepal.Length', 'Sepal.Width', 'Petal.Length', 'Petal.Width', 'Species'],
  Kaggle: ['SepalLengthCm', 'SepalWidthCm', 'PetalLengthCm', 'PetalWidthCm', 'Species'],
  'scikit-learn': ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)', 'target'],
  Spanish: ['Longitud del sépalo', 'Ancho del sépalo', 'Longitud del pétalo', 'Ancho del pétalo', 'Especie'],
  French: ['longueur_sepale', 'largeur_sepale', 'longueur_petale', 'largeur_petale', 'espèce'],
};
/** Rows: four measurements as text, and a species label. */
export const ROWS = [
  ['5.1', '3.5', '1.4', '0.2', 'setosa'],
  ['7.0', '3.2', '4.7', '1.4', 'versicolor'],
  ['6.3', '3.3', '6.0', '2.5', 'virginica'],
  ['6.0', '2.7', '5.1', '1.6', 'versicolor'],
  ['abc', '3.0', '-1', '0.2', 'setosa'],
  ['6.3', '3.3', '8.5', '2.5', 'rose'],
  ['5.0', '3.4', '', '', 'setosa'],
  ['4.9', '3.0', '1.4', '0.2', 'Iris-setosa'],
];

/** The page with "Classify a file" ready, and every request any of its documents or workers makes. */
export async function filePage(browser, lang = 'en') {
  const opened = await open(browser, `${APP_URL}?lang=${lang}`);
  opened.all = [];
  opened.context.on('request', (r) => opened.all.push({ url: r.url(), method: r.method(), body: r.postData() }));
  await opened.page.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
  await opened.page.locator('#file[data-ready]').waitFor({ state: 'attached' });
  return opened;
}

/** Chooses a file of `text` (or bytes) named `name`. */
export async function choose(page, name, content, mimeType = 'text/csv') {
  await page.locator('#file input[type="file"]').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
}

/**
 * @overload
 * @param {import('playwright-core').Page} page
 * @param {'text'} [as]
 * @returns {Promise<string>}
 */
/**
 * @overload
 * @param {import('playwright-core').Page} page
 * @param {'size'} as
 * @returns {Promise<number>}
 */
/**
 * @overload
 * @param {import('playwright-core').Page} page
 * @param {'named'} as
 * @returns {Promise<{ name: string, text: string }>}
 */
/**
 * The file a person gets from the download link: as text, its size, or `{ name, text }`.
 * @param {import('playwright-core').Page} page
 * @param {'text' | 'size' | 'named'} [as]
 */
export async function downloaded(page, as = 'text') {
  const link = page.locator('#file a[download]');
  await link.waitFor({ timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = await readFile(await download.path());
  if (as === 'size') return bytes.length;
  if (as === 'named') return { name: download.suggestedFilename(), text: bytes.toString('utf8') };
  return bytes.toString('utf8');
}

/** The download the page should offer for `rows` under `header`, built from iris.js's predictions and `lang`'s words. */
export async function expected(page, lang, separator, header, rows, decimalComma) {
  const { element, explorer, file } = CATALOGUES[lang];
  const answers = await page.evaluate(async (inputs) => {
    const iris = await import('/iris.js');
    await iris.default();
    return inputs.map((values) => {
      try {
        // The cells as read, possibly not numbers: predict() must judge them.
        const flower = /** @type {any} */ (Object.fromEntries(values.map((v, i) => [['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'][i], v])));
        return { ok: iris.predict(flower) };
      } catch (error) {
        return { errors: error.errors.map((e) => ({ field: e.field, code: e.code })) };
      }
    });
  }, rows.map((r) => r.slice(0, 4).map((v) => (v === '' ? undefined : Number.isNaN(Number(v.replace(',', '.'))) ? v : Number(v.replace(',', '.'))))));
  const mark = (text) => (decimalComma ? text.replace('.', ',') : text);
  const card = await page.evaluate(async () => (await (await import('/iris.js')).modelInfo()).features);
  const fill = (template, values) => Object.entries(values).reduce((t, [k, v]) => t.replace(`{${k}}`, v), template);
  const lines = [[...header, 'predicted_species', 'probability_setosa', 'probability_versicolor', 'probability_virginica', 'prediction_set', 'note']];
  rows.forEach((row, i) => {
    const notes = [];
    const label = row[4].trim();
    if (label && !['setosa', 'versicolor', 'virginica'].includes(label.toLowerCase().replace(/^iris-/, ''))) {
      notes.push(fill(file.notes.unknownSpecies, { label }));
    }
    const answer = answers[i];
    let added = ['', '', '', '', ''];
    if (answer.ok) {
      added = [answer.ok.species, ...['setosa', 'versicolor', 'virginica'].map((s) => mark(answer.ok.probabilities[s].toFixed(6))), answer.ok.set.join('|')];
      for (const w of answer.ok.warnings) {
        const range = card.find((f) => f.name === w.field);
        const value = Number(row[FIELDS.indexOf(w.field)].replace(',', '.'));
        notes.push(fill(file.notes.outside, { field: explorer.fields[w.field], value: mark(String(value)), min: mark(String(range.min)), max: mark(String(range.max)) }));
      }
    } else {
      for (const e of answer.errors) notes.push(fill(file.notes.invalid, { field: explorer.fields[e.field], reason: element.reasons[e.code] }));
    }
    lines.push([...row, ...added, notes.join('; ')]);
  });
  const quote = (cell) => (/[",;\t\r\n]/.test(cell) && cell.includes(separator) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `${lines.map((cells) => cells.map(quote).join(separator)).join('\r\n')}\r\n`;
}
