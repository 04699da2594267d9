// "Classify a file" on the app page, in headless Chromium: a CSV in each
// usual naming style, with commas and with semicolons and decimal commas,
// with bad rows, gives exactly the download this test builds from the
// module's own predictions and the catalogues' words; the species counts
// and the confusion matrix; files that are not CSV; a million rows with
// progress shown, cancelled, then finished; and no request carrying
// anything leaves the page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { APP_URL, launch, open } from './chromium.mjs';
import { CATALOGUES, FIELDS, NAMINGS, ORIGIN, ROWS, choose, downloaded, expected, filePage } from './files.mjs';

const { en } = CATALOGUES;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('classify a file', () => {
  for (const [naming, header] of Object.entries(NAMINGS)) {
    for (const [style, separator, decimalComma] of /** @type {[string, string, boolean][]} */ ([['commas', ',', false], ['semicolons and decimal commas', ';', true]])) {
      test(`${naming} column names, ${style}: the download is exactly the file built here`, async () => {
        const { page, context, log } = await filePage(browser);
        const rows = ROWS.map((r) => r.map((v, i) => (i < 4 && decimalComma ? v.replace('.', ',') : v)));
        const text = `${[header, ...rows].map((cells) => cells.join(separator)).join('\n')}\n`;
        await choose(page, `${naming}.csv`, text);
        const got = await downloaded(page);
        assert.equal(got, await expected(page, 'en', separator, header, rows, decimalComma));
        // What the page says: counts by species, agreement and the confusion matrix.
        const summary = await page.locator('#file .file-summary').textContent();
        assert.ok(summary.includes(en.file.summary(`${naming}.csv`, '8', '6', '2')), summary);
        const counts = await page.locator('#file table.counts tbody tr').allTextContents();
        assert.deepEqual(counts, ['Iris setosa2', 'Iris versicolor1', 'Iris virginica3']);
        const agreement = await page.locator('#file p', { hasText: 'Agreement' }).textContent();
        assert.equal(agreement, en.file.accuracy('80.0 %', '4', '5'));
        const confusion = await page.locator('#file table.confusion tbody tr').allTextContents();
        assert.deepEqual(confusion, ['Iris setosa200', 'Iris versicolor011', 'Iris virginica001']);
        const noted = await page.locator('#file table.problems tbody th').allTextContents();
        assert.deepEqual(noted, ['6', '7', '8']);
        assert.deepEqual(log.errors, []);
        await context.close();
      });
    }
  }

  test('the report is accessible (axe-core, light and dark) and fits 360 px', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, context } = await open(browser, `${APP_URL}`, { colorScheme, viewport: { width: 360, height: 800 } });
      await page.locator('#file[data-ready]').waitFor({ state: 'attached' });
      const rows = ROWS.map((r) => r.join(','));
      await choose(page, 'flowers.csv', `${NAMINGS.Kaggle.join(',')}\n${rows.join('\n')}\n`);
      await page.locator('#file a[download]').waitFor();
      const { violations } = await new AxeBuilder({ page }).include('#file')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], colorScheme);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `the page is ${width} px wide`);
      await context.close();
    }
  });

  test('in Spanish and French: the report and the notes in the language', async () => {
    for (const [lang, naming] of [['es', 'Spanish'], ['fr', 'French']]) {
      const { page, context } = await filePage(browser, lang);
      // Column names in the language too: recognised with no choosing.
      const header = NAMINGS[naming];
      const rows = ROWS.map((r) => r.map((v, i) => (i < 4 ? v.replace('.', ',') : v)));
      await choose(page, 'flores.csv', `${[header, ...rows].map((c) => c.join(';')).join('\r\n')}\r\n`);
      assert.equal(await downloaded(page), await expected(page, lang, ';', header, rows, true));
      const summary = await page.locator('#file .file-summary').textContent();
      assert.ok(summary.includes(CATALOGUES[lang].file.summary('flores.csv', '8', '6', '2')), summary);
      assert.deepEqual(await page.locator('#file table.counts caption').textContent(), CATALOGUES[lang].file.counts);
      // Refusals in the language too.
      const alert = page.locator('#file [role="alert"]');
      await choose(page, 'vacio.csv', '');
      await alert.getByText(CATALOGUES[lang].file.errors.empty).waitFor();
      await choose(page, 'foto.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
      await alert.getByText(CATALOGUES[lang].file.errors['not-text']).waitFor();
      await context.close();
    }
  });

  test('what is not a CSV of flowers gets a clear message, and the page stays usable', async () => {
    const { page, context } = await filePage(browser);
    const alert = page.locator('#file [role="alert"]');
    await choose(page, 'picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await alert.getByText(en.file.errors['not-text']).waitFor();
    await choose(page, 'empty.csv', '');
    await alert.getByText(en.file.errors.empty).waitFor();
    await choose(page, 'two.csv', 'a,b\n1,2\n');
    await alert.getByText(en.file.errors.columns(2)).waitFor();
    // Unrecognised names: the person maps the columns, then classifies.
    await choose(page, 'mine.csv', 'w,x,y,z\n5.1,3.5,1.4,0.2\n');
    const form = page.locator('#file form.mapping');
    await form.waitFor();
    await form.getByRole('button', { name: en.file.run }).click();
    await alert.getByText(en.file.errors.unmapped).waitFor();
    for (const [i, name] of FIELDS.entries()) await form.locator(`select[name="${name}"]`).selectOption(String(i));
    await form.getByRole('button', { name: en.file.run }).click();
    const got = await downloaded(page);
    assert.match(got, /^w,x,y,z,predicted_species,.*\r\n5\.1,3\.5,1\.4,0\.2,setosa,0\.9\d{5},/s);
    await context.close();
  });

  test('a million rows: progress shown, cancelled, then classified in full, and no request leaves the page', async () => {
    const { page, context, all } = await filePage(browser);
    const make = () => page.evaluate(() => {
      const rows = ['5.1,3.5,1.4,0.2,setosa', '7.0,3.2,4.7,1.4,versicolor', '6.3,3.3,6.0,2.5,virginica'];
      const lines = new Array(1_000_001);
      lines[0] = 'sepal_length,sepal_width,petal_length,petal_width,species';
      for (let i = 1; i <= 1_000_000; i += 1) lines[i] = rows[i % 3];
      const file = new File([`${lines.join('\n')}\n`], 'million.csv', { type: 'text/csv' });
      const input = /** @type {HTMLInputElement} */ (document.querySelector('#file input[type="file"]'));
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return file.size;
    });
    const size = await make();
    assert.ok(size > 25_000_000, `${size} bytes`);
    // Progress, then cancel.
    await page.waitForFunction(() => {
      const bar = /** @type {HTMLProgressElement | null} */ (document.querySelector('#file progress'));
      return bar && bar.value > 0 && bar.value < 100;
    }, null, { timeout: 30_000 });
    await page.locator('#file').getByRole('button', { name: en.file.cancel }).click();
    await page.locator('#file').getByText(en.file.cancelled).waitFor();
    assert.equal(await page.locator('#file a[download]').count(), 0);
    // Again, to the end; requests from here on are counted.
    const before = all.length;
    const started = Date.now();
    await page.locator('#file form.mapping').getByRole('button', { name: en.file.run }).click();
    await page.locator('#file a[download]').waitFor({ timeout: 120_000 });
    console.log(`a million rows (${size} bytes) classified in ${((Date.now() - started) / 1000).toFixed(1)} s (page to link)`);
    const summary = await page.locator('#file .file-summary').textContent();
    assert.ok(summary.includes(en.file.summary('million.csv', '1,000,000', '1,000,000', '0')), summary);
    const counts = await page.locator('#file table.counts tbody td').allTextContents();
    assert.deepEqual(counts, ['333,333', '333,334', '333,333']);
    // Every row comes back: the header and a million records, none merged or lost.
    const text = await downloaded(page);
    assert.ok(text.length > size, `the download (${text.length} characters) holds every row and more`);
    assert.equal(text.split('\r\n').length - 1, 1_000_001, 'the header and a million records');
    // The run fetched at most its own code again; nothing was sent anywhere.
    // (`/__dev/` is `cargo xtask serve`'s reload channel, when the suite runs against it.)
    const during = all.slice(before).filter((r) => !r.url.startsWith('blob:') && !r.url.includes('/__dev/'));
    const code = during.filter((r) => r.method === 'GET' && new URL(r.url).origin === ORIGIN && /\/assets\/(worker|iris_files|iris_files_bg)\./.test(new URL(r.url).pathname));
    assert.deepEqual(during.filter((r) => !code.includes(r)), [], 'no other request during the run');
    assert.deepEqual(all.filter((r) => r.method !== 'GET' || r.body), [], 'no request ever carried data');
    assert.deepEqual(all.filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:') && new URL(r.url).origin !== ORIGIN), [], 'every request went to this origin');
    await context.close();
  });
});
