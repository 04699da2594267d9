// "Classify a file" with files as people really have them, in headless
// Chromium on the real page: Excel's encodings (Windows-1252, UTF-16 with
// tabs, UTF-8 with a mark), each read without mapping and downloaded with a
// mark; a stray quote that merges nothing; the files R, pandas, UCI and
// scikit-learn write; Excel and LibreOffice workbooks (written by
// rust_xlsxwriter and spreadsheet-ods: crate/workbooks/examples/fixtures.rs)
// with their sheets; cells pasted and results copied; a file chosen before
// the view started; refusals in Spanish and French. No request leaves the page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, open, APP_URL } from './chromium.mjs';
import { CATALOGUES, ORIGIN, NAMINGS, choose, downloaded, expected, filePage } from './files.mjs';

const WORKBOOKS = process.env.WORKBOOKS;
if (!WORKBOOKS) throw new Error('WORKBOOKS is unset: run `cargo xtask test browser`');

const BOM = '\uFEFF';
/** Rows that classify cleanly: four measurements and the species. */
const CLEAN = [
  ['5.1', '3.5', '1.4', '0.2', 'setosa'],
  ['7.0', '3.2', '4.7', '1.4', 'versicolor'],
  ['6.3', '3.3', '6.0', '2.5', 'virginica'],
];
const commas = (rows) => rows.map((r) => r.map((v, i) => (i < 4 ? v.replace('.', ',') : v)));
const FRENCH = ['Longueur des sépales', 'Largeur des sépales', 'Longueur des pétales', 'Largeur des pétales', 'Espèce'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Asserts that every request went to this origin and none carried data. */
function nothingLeft(all) {
  assert.deepEqual(all.filter((r) => r.method !== 'GET' || r.body), [], 'no request carried data');
  assert.deepEqual(all.filter((r) => !/^(blob|data):/.test(r.url) && new URL(r.url).origin !== ORIGIN), [], 'every request went to this origin');
}

/** The report's summary text once the download link is there. */
async function summary(page) {
  await page.locator('#file a[download]').waitFor({ timeout: 60_000 });
  return page.locator('#file .file-summary').textContent();
}

describe('spreadsheets as people have them', () => {
  test("Excel's Windows-1252 CSV in Spanish: recognised without mapping, said, and downloaded with a mark", async () => {
    const { page, context, all, log } = await filePage(browser, 'es');
    const header = NAMINGS.Spanish;
    const rows = commas(CLEAN);
    const text = `${[header, ...rows].map((c) => c.join(';')).join('\r\n')}\r\n`;
    // Latin-1 is Windows-1252 for every letter Spanish and French use.
    await choose(page, 'flores.csv', Buffer.from(text, 'latin1'));
    assert.ok((await summary(page)).includes(CATALOGUES.es.file.encoding['windows-1252']));
    assert.equal(await downloaded(page), BOM + await expected(page, 'es', ';', header, rows, true));
    assert.equal(await page.locator('#file form.mapping select[name="sepalLength"]').inputValue(), '0');
    assert.deepEqual(log.errors, []);
    nothingLeft(all);
    await context.close();
  });

  test("Excel's Unicode text (UTF-16, tabs) in French: recognised, decimal commas kept, downloaded with a mark", async () => {
    const { page, context } = await filePage(browser, 'fr');
    const rows = commas(CLEAN);
    const text = `${[FRENCH, ...rows].map((c) => c.join('\t')).join('\r\n')}\r\n`;
    await choose(page, 'fleurs.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'text/plain');
    assert.ok((await summary(page)).includes(CATALOGUES.fr.file.encoding['utf-16le']));
    assert.equal(await downloaded(page), BOM + await expected(page, 'fr', '\t', FRENCH, rows, true));
    await context.close();
  });

  test('"CSV UTF-8" keeps its mark; plain UTF-8 stays without one', async () => {
    const { page, context } = await filePage(browser);
    const header = NAMINGS.plain;
    const text = `${[header, ...CLEAN].map((c) => c.join(',')).join('\n')}\n`;
    await choose(page, 'marked.csv', BOM + text);
    assert.equal(await downloaded(page), BOM + await expected(page, 'en', ',', header, CLEAN, false));
    await choose(page, 'plain.csv', text);
    await page.locator('#file a[download="plain-classified.csv"]').waitFor();
    assert.equal(await downloaded(page), await expected(page, 'en', ',', header, CLEAN, false));
    await context.close();
  });

  test('a stray quote merges nothing: every row classified, the line named', async () => {
    const { page, context } = await filePage(browser);
    const { file } = CATALOGUES.en;
    const lines = ['sepal_length,sepal_width,petal_length,petal_width,species', '5.1,3.5,1.4,0.2,"setosa'];
    for (let i = 0; i < 1000; i += 1) lines.push('6.3,3.3,6.0,2.5,virginica');
    await choose(page, 'stray.csv', `${lines.join('\n')}\n`);
    assert.ok((await summary(page)).includes(file.summary('stray.csv', '1,001', '1,001', '0')));
    const problems = await page.locator('#file table.problems tbody tr').allTextContents();
    assert.deepEqual(problems, [`2${file.notes.unclosedQuote}`]);
    const text = await downloaded(page);
    assert.equal(text.split('\r\n').length - 1, 1002, 'the header and 1,001 records');
    await context.close();
  });

  test('the files R, pandas, UCI and scikit-learn write are read without mapping', async () => {
    const { page, context } = await filePage(browser);
    const { file } = CATALOGUES.en;
    const files = {
      'r-write.csv': '"","Sepal.Length","Sepal.Width","Petal.Length","Petal.Width","Species"\n"1",5.1,3.5,1.4,0.2,"setosa"\n"51",7,3.2,4.7,1.4,"versicolor"\n"101",6.3,3.3,6,2.5,"virginica"\n',
      'pandas.csv': ',SepalLength,SepalWidth,PetalLength,PetalWidth,species\n0,5.1,3.5,1.4,0.2,setosa\n1,7.0,3.2,4.7,1.4,versicolor\n2,6.3,3.3,6.0,2.5,virginica\n',
      'iris.data': '5.1,3.5,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n6.3,3.3,6.0,2.5,Iris-virginica\n\n\n',
      'sklearn-iris.csv': '150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,2\n',
    };
    for (const [name, text] of Object.entries(files)) {
      await choose(page, name, text);
      const said = await summary(page);
      assert.ok(said.includes(file.summary(name, '3', '3', '0')), `${name}: ${said}`);
      const agreement = await page.locator('#file p', { hasText: 'Agreement' }).textContent();
      assert.equal(agreement, file.accuracy('100.0 %', '3', '3'), name);
      if (name === 'iris.data') assert.ok(said.includes(file.blank('2')), said);
    }
    await context.close();
  });

  test('an Excel workbook (Spanish page): its first sheet with data, numbers as numbers, another sheet on request', async () => {
    const { page, context, all, log } = await filePage(browser, 'es');
    const header = NAMINGS.Spanish;
    await choose(page, 'flores.xlsx', await readFile(join(WORKBOOKS, 'flores.xlsx')), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.ok((await summary(page)).includes(CATALOGUES.es.file.workbook('flores.xlsx', 'Medidas')));
    const { name, text } = await downloaded(page, 'named');
    assert.equal(name, 'flores-Medidas-classified.csv');
    // Written in the page's convention: `;` and decimal commas, as Spanish Excel opens it.
    const rows = [['5,1', '3,5', '1,4', '0,2', 'setosa'], ['7', '3,2', '4,7', '1,4', 'versicolor'], ['6,3', '3,3', '6', '2,5', 'virginica']];
    assert.equal(text, BOM + await expected(page, 'es', ';', header, rows, true));
    // The person picks the other sheet with data.
    const sheet = page.locator('#file form.mapping select[name="sheet"]');
    assert.deepEqual(await sheet.locator('option').allTextContents(), ['Medidas', 'Otra']);
    await sheet.selectOption('Otra');
    await page.locator('#file a[download="flores-Otra-classified.csv"]').waitFor();
    assert.equal(await downloaded(page), BOM + await expected(page, 'es', ';', header, rows.slice(0, 1), true));
    assert.deepEqual(log.errors, []);
    nothingLeft(all);
    assert.ok(all.some((r) => /\/assets\/iris_workbooks_bg\.[0-9a-f]+\.wasm$/.test(r.url)), 'the workbooks module was fetched');
    await context.close();
  });

  test('a LibreOffice workbook (French page), and a broken one', async () => {
    const { page, context } = await filePage(browser, 'fr');
    await choose(page, 'fleurs.ods', await readFile(join(WORKBOOKS, 'fleurs.ods')), 'application/vnd.oasis.opendocument.spreadsheet');
    assert.ok((await summary(page)).includes(CATALOGUES.fr.file.workbook('fleurs.ods', 'Mesures')));
    const { name, text } = await downloaded(page, 'named');
    assert.equal(name, 'fleurs-Mesures-classified.csv');
    const rows = [['5,1', '3,5', '1,4', '0,2', 'setosa'], ['7', '3,2', '4,7', '1,4', 'versicolor'], ['6,3', '3,3', '6', '2,5', 'virginica']];
    assert.equal(text, BOM + await expected(page, 'fr', ';', FRENCH, rows, true));
    await choose(page, 'roto.xlsx', await readFile(join(WORKBOOKS, 'roto.xlsx')));
    const alert = page.locator('#file [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /^Ce classeur n’a pas pu être lu \(.+\)\./);
    await context.close();
  });

  test('pasted cells are classified at once and their results copied as tab-separated text', async () => {
    for (const [lang, header, decimalComma] of /** @type {[string, string[] | null, boolean][]} */ ([['en', null, false], ['es', NAMINGS.Spanish, true]])) {
      const { page, context, all } = await filePage(browser, lang);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
      const rows = decimalComma ? commas(CLEAN) : CLEAN;
      const cells = `${[...(header ? [header] : []), ...rows].map((c) => c.join('\t')).join('\r\n')}\r\n`;
      // As a person does: copy in the spreadsheet, paste into the box.
      await page.evaluate((text) => navigator.clipboard.writeText(text), cells);
      await page.locator('#paste-cells').focus();
      await page.keyboard.press('Control+V');
      const result = page.locator('#file .paste-result');
      const copy = result.getByRole('button', { name: CATALOGUES[lang].file.copy });
      await copy.waitFor();
      assert.equal(await result.locator('table tbody tr').count(), 3);
      await copy.click();
      await result.getByText(CATALOGUES[lang].file.copied('3')).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      let want = await expected(page, lang, '\t', header ?? ['1', '2', '3', '4', '5'], rows, decimalComma);
      if (!header) want = want.slice(want.indexOf('\r\n') + 2);
      assert.equal(copied, want, lang);
      nothingLeft(all);
      await context.close();
    }
  });

  test('pasted cells that are not four measurements get a clear message; the button works from the keyboard', async () => {
    const { page, context } = await filePage(browser, 'fr');
    await page.locator('#paste-cells').fill('a\tb\n1\t2\n');
    await page.locator('#file .paste button').focus();
    await page.keyboard.press('Enter');
    const alert = page.locator('#file .paste-result [role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.textContent(), CATALOGUES.fr.file.errors.columns('2'));
    await context.close();
  });

  test('a file chosen before the view started is read when it starts', async () => {
    const { page, context } = await open(browser);
    // The view arrives late, as on a slow connection.
    /** @type {(value?: unknown) => void} */
    let release = () => {};
    const late = new Promise((resolve) => { release = resolve; });
    await page.route(/\/assets\/view\.[0-9a-f]+\.js$/, async (route) => { await late; await route.continue(); });
    await page.goto(`${APP_URL}`);
    await page.locator('iris-classifier .root:not([data-state="loading"])').waitFor();
    assert.equal(await page.locator('#file[data-ready]').count(), 0, 'the view has not started');
    const text = `${[NAMINGS.plain, ...CLEAN].map((c) => c.join(',')).join('\n')}\n`;
    await choose(page, 'early.csv', text);
    release();
    assert.ok((await summary(page)).includes(CATALOGUES.en.file.summary('early.csv', '3', '3', '0')));
    await context.close();
  });

  test('refusals in Spanish and French: a file that mixes two encodings', async () => {
    for (const lang of ['es', 'fr']) {
      const { page, context } = await filePage(browser, lang);
      const alert = page.locator('#file [role="alert"]');
      const mixed = Buffer.concat([Buffer.from('sepal_length;sepal_width;petal_length;petal_width;espèce\n5;3;1;0,2;sépalo\n'), Buffer.from('5;3;1;0,2;p\xe9talo\n', 'latin1')]);
      await choose(page, 'mezcla.csv', mixed);
      await alert.getByText(CATALOGUES[lang].file.errors['mixed-encoding']('3')).waitFor();
      await context.close();
    }
  });
});
