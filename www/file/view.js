// file/view.js: "Classify a file" on the app page. A person chooses or
// drops a CSV; a Web Worker (worker.js, with the files module) reads its
// first line and classifies every row off the main thread; this file shows
// which column is what (the person may change it), the progress with a
// cancel button, then the report (counts, agreement with a species column,
// the rows with a note by line, the first rows) and a download of the
// result. Every word comes from the page's catalogue; nothing is uploaded.

import { FIELDS, SPECIES } from '../generated/facts.js';
import { fixed, percent } from '../i18n/languages.js';
import { element, table as captioned } from '../tables.js';

/** Rows of the noted-rows table shown on the page (all are in the download). */
const NOTED_SHOWN = 20;

/** Makes `section` (index.html's #file) classify files, in `lang` with `catalogue`'s words. */
export function attach(section, catalogue, lang) {
  const w = catalogue.file;
  const input = section.querySelector('input[type="file"]');
  const out = section.querySelector('.file-result');
  const count = (n) => n.toLocaleString(lang);
  let worker = null;
  let download = null;

  const show = (...nodes) => out.replaceChildren(...nodes);
  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  /** Sends `message` to the worker; resolves to its answer (progress goes to `onProgress`). */
  const ask = (message, onProgress) => new Promise((resolve) => {
    worker.onmessage = ({ data }) => (data.type === 'progress' ? onProgress?.(data) : resolve(data));
    worker.onerror = (event) => resolve({ type: 'failed', code: 'internal', message: event.message });
    worker.postMessage(message);
  });

  function failed({ code, message, count: columns, maxBytes }) {
    const say = w.errors[code] ?? w.errors.internal;
    let text = say;
    if (code === 'too-large') text = say(`${maxBytes / 2 ** 30} GiB`);
    else if (code === 'columns') text = say(columns);
    else if (typeof say === 'function') text = say(message);
    show(element('p', text, { class: 'notice', role: 'alert' }));
  }

  async function choose(file) {
    stop();
    if (download) URL.revokeObjectURL(download);
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    show(element('p', w.reading(file.name)));
    const answer = await ask({ type: 'inspect', file });
    if (answer.type === 'failed') {
      failed({ ...answer, maxBytes: 2 ** 30 });
      return;
    }
    const { inspection } = answer;
    if (inspection.columns.length < FIELDS.length) {
      failed({ code: 'columns', count: inspection.columns.length });
      return;
    }
    const form = mappingForm(inspection);
    show(form);
    const run = () => classify(file, inspection, form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run();
    });
    if (inspection.mapping.fields.every((c) => c !== null)) run();
  }

  /** Which column holds what: one select per measurement and one for the species. */
  function mappingForm(inspection) {
    const form = element('form', undefined, { class: 'mapping' });
    const fieldset = element('fieldset');
    fieldset.append(element('legend', w.mapping));
    const choice = (name, label, selected, optional) => {
      const select = element('select', undefined, { name });
      if (optional) select.append(element('option', w.none, { value: '' }));
      inspection.columns.forEach((column, i) => select.append(element('option', column || `${i + 1}`, { value: String(i) })));
      select.value = selected === null || selected === undefined ? '' : String(selected);
      const wrap = element('label');
      wrap.append(element('span', label), select);
      return wrap;
    };
    FIELDS.forEach((f, i) => fieldset.append(choice(f.name, catalogue.element.fields[f.name], inspection.mapping.fields[i], true)));
    fieldset.append(choice('species', w.species, inspection.mapping.species, true));
    form.append(fieldset, element('button', w.run, { type: 'submit' }));
    return form;
  }

  async function classify(file, inspection, form) {
    const column = (name) => (form.elements[name].value === '' ? null : Number(form.elements[name].value));
    const mapping = { fields: FIELDS.map((f) => column(f.name)), species: column('species') };
    if (mapping.fields.includes(null)) {
      failedBelow(form, w.errors.unmapped);
      return;
    }
    // A run after another (a changed mapping, say) starts a fresh worker.
    if (!worker) worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    const bar = element('progress', undefined, { max: '100', value: '0' });
    const label = element('span', w.progress(percent(0, lang)));
    const cancel = element('button', w.cancel, { type: 'button' });
    const progress = element('div', undefined, { class: 'progress' });
    const barLabel = element('label');
    barLabel.append(label, bar);
    progress.append(barLabel, cancel);
    show(form, progress);
    form.querySelector('button[type="submit"]').disabled = true;
    cancel.addEventListener('click', () => {
      stop();
      form.querySelector('button[type="submit"]').disabled = false;
      show(form, element('p', w.cancelled, { role: 'status' }));
    });
    const options = {
      separator: inspection.separator,
      header: inspection.header,
      mapping,
      words: {
        fields: FIELDS.map((f) => catalogue.explorer.fields[f.name]),
        reasons: { ...catalogue.element.reasons },
        invalid: w.notes.invalid,
        outside: w.notes.outside,
        fieldCount: w.notes.fieldCount,
        unknownSpecies: w.notes.unknownSpecies,
      },
    };
    const answer = await ask({ type: 'run', file, options }, ({ done, total }) => {
      const share = total ? done / total : 1;
      bar.value = Math.round(share * 100);
      label.textContent = w.progress(percent(share, lang));
    });
    stop();
    form.querySelector('button[type="submit"]').disabled = false;
    if (answer.type === 'failed') {
      failed({ ...answer, maxBytes: 2 ** 30 });
      return;
    }
    show(form, ...report(file, answer));
  }

  function failedBelow(form, text) {
    show(form, element('p', text, { class: 'notice', role: 'alert' }));
  }

  function report(file, { report: r, blob, seconds }) {
    const nodes = [];
    const status = element('div', undefined, { role: 'status', class: 'file-summary' });
    status.append(element('p', w.summary(file.name, count(r.rows), count(r.classified), count(r.notClassified))));
    if (r.noted) status.append(element('p', w.noted(count(r.noted))));
    if (r.blankLines) status.append(element('p', w.blank(count(r.blankLines))));
    status.append(element('p', w.time(fixed(seconds, lang))));
    nodes.push(status);
    const name = file.name.replace(/(\.[^.]*)?$/, (ext) => `-classified${ext || '.csv'}`);
    download = URL.createObjectURL(blob);
    nodes.push(element('p', undefined, { class: 'download' }));
    nodes.at(-1).append(element('a', w.download(name), { href: download, download: name }));
    nodes.push(table('counts', w.counts, ['', w.rows], SPECIES.map((s, i) => [s.label, count(r.counts[i])])));
    if (r.labelled) {
      nodes.push(element('p', w.accuracy(percent(r.correct / r.labelled, lang), count(r.correct), count(r.labelled))));
      nodes.push(table('confusion', w.confusion, ['', ...SPECIES.map((s) => s.label)],
        SPECIES.map((s, i) => [s.label, ...r.confusion[i].map(count)])));
    }
    const noted = r.notClassified + r.noted;
    if (noted) {
      nodes.push(table('problems', w.problems, [w.line, w.note], r.problems.slice(0, NOTED_SHOWN).map((p) => [String(p.line), p.note])));
      if (noted > NOTED_SHOWN) nodes.push(element('p', w.more(count(noted - NOTED_SHOWN))));
    }
    const columns = r.columns.length ? r.columns : (r.preview[0] ?? []).map((_, i) => String(i + 1));
    nodes.push(table('preview', w.preview, columns, r.preview));
    return nodes;
  }

  input.addEventListener('change', () => {
    if (input.files?.[0]) choose(input.files[0]);
  });
  section.addEventListener('dragover', (event) => {
    event.preventDefault();
    section.classList.add('dragging');
  });
  section.addEventListener('dragleave', () => section.classList.remove('dragging'));
  section.addEventListener('drop', (event) => {
    event.preventDefault();
    section.classList.remove('dragging');
    const file = event.dataTransfer?.files?.[0];
    if (file) choose(file);
  });
  section.dataset.ready = '';
}

/** A table of `rows` (arrays whose first cell heads the row) that scrolls sideways when wide. */
function table(className, caption, headers, rows) {
  // Keyboard users can reach a scrolling table to scroll it.
  const wrap = element('div', undefined, { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption });
  wrap.append(captioned(className, caption, headers, rows.map(([head, ...cells]) => ({ head, cells }))));
  return wrap;
}
