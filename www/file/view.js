// file/view.js: "Classify a file" on the app page. A person chooses or
// drops a CSV or a workbook (.xlsx, .xls, .ods), or pastes cells copied from
// a spreadsheet; a Web Worker (worker.js, with the files module) reads it
// and classifies every row off the main thread; this file shows which
// column is what (the person may change it, and the sheet of a workbook),
// the progress with a cancel button, then the report (how the file was
// read, counts, agreement with a species column, the rows with a note by
// line, the first rows) and a download of the result; for pasted cells, the
// results and a button that copies them. Every word comes from the page's
// catalogue; nothing is uploaded.

import { FIELDS, SPECIES } from '../generated/facts.js';
import { decimalMark, fixed, percent } from '../i18n/languages.js';
import { element, table as captioned } from '../tables.js';

/** Rows of the noted-rows table shown on the page (all are in the download). */
const NOTED_SHOWN = 20;

/** Rows of pasted cells shown with their results (all are copied). */
const PASTED_SHOWN = 500;

/** The worker's script: this folder's worker.js, and nothing else. */
const WORKER = new URL('./worker.js', import.meta.url).href;

/**
 * Under Trusted Types (our pages' CSP requires them for scripts), a worker's
 * URL must come from a policy: this one, named in the CSP's `trusted-types`,
 * vouches for exactly one URL.
 */
const workerPolicy = globalThis.trustedTypes?.createPolicy('iris-worker', {
  createScriptURL: (url) => {
    if (url !== WORKER) throw new TypeError(`iris-worker: refusing ${url}`);
    return url;
  },
});

/** One worker for one task: `ask` sends a message and resolves to its answer. */
function startWorker() {
  const url = workerPolicy ? workerPolicy.createScriptURL(WORKER) : WORKER;
  const worker = new Worker(/** @type {string} */ (/** @type {unknown} */ (url)), { type: 'module' });
  return {
    /** Sends `message`; resolves to the answer (progress goes to `onProgress`). */
    ask: (message, onProgress) => new Promise((resolve) => {
      worker.onmessage = ({ data }) => (data.type === 'progress' ? onProgress?.(data) : resolve(data));
      worker.onerror = (event) => resolve({ type: 'failed', code: 'internal', message: event.message });
      worker.postMessage(message);
    }),
    stop: () => worker.terminate(),
  };
}

/** A size in bytes as `lang` writes it, in MiB or GiB. */
const size = (bytes, lang) => (bytes >= 2 ** 30 ? `${fixed(bytes / 2 ** 30, lang)} GiB` : `${fixed(bytes / 2 ** 20, lang)} MiB`);

/** Makes `section` (index.html's #file) classify files and pasted cells, in `lang` with `catalogue`'s words. */
export function attach(section, catalogue, lang) {
  const w = catalogue.file;
  const input = section.querySelector('input[type="file"]');
  const out = section.querySelector('.file-result');
  const count = (n) => n.toLocaleString(lang);
  const decimalComma = decimalMark(lang) === ',';
  /** How a workbook's sheet is written as CSV: the page's convention. */
  const convention = { separator: decimalComma ? ';' : ',', decimalComma };
  let worker = null;
  let download = null;

  const show = (...nodes) => out.replaceChildren(...nodes);
  const stop = () => {
    worker?.stop();
    worker = null;
  };

  /** What a failed answer says, in the page's language. */
  function refusal({ code, value, message, limits }) {
    const say = w.errors[code] ?? w.errors.internal;
    if (typeof say !== 'function') return say;
    if (code === 'too-large') return say(size(limits?.maxBytes ?? value, lang));
    if (code === 'workbook-too-large') return say(size(value, lang));
    if (code === 'columns' || code === 'mixed-encoding') return say(count(value));
    return say(message);
  }
  const failed = (answer, ...before) => show(...before, element('p', refusal(answer), { class: 'notice', role: 'alert' }));

  /** The words every job needs for its note column. */
  const words = () => ({
    fields: FIELDS.map((f) => catalogue.explorer.fields[f.name]),
    reasons: { ...catalogue.element.reasons },
    ...w.notes,
  });

  async function choose(file, sheet) {
    stop();
    if (download) URL.revokeObjectURL(download);
    worker = startWorker();
    show(element('p', w.reading(file.name)));
    const answer = await worker.ask({ type: 'inspect', file, sheet, convention });
    if (answer.type === 'failed') {
      failed(answer);
      return;
    }
    const { inspection, source, workbook } = answer;
    const form = mappingForm(inspection, workbook);
    show(form);
    const run = () => classify({ file, source, workbook }, inspection, form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run();
    });
    const sheetSelect = /** @type {HTMLSelectElement | null} */ (form.elements.namedItem('sheet'));
    sheetSelect?.addEventListener('change', () => choose(file, sheetSelect.value));
    if (inspection.mapping.fields.every((c) => c !== null)) run();
  }

  /** Which column holds what: one select per measurement, one for the species, and the sheet of a workbook. */
  function mappingForm(inspection, workbook) {
    const form = element('form', undefined, { class: 'mapping' });
    const fieldset = element('fieldset');
    fieldset.append(element('legend', w.mapping));
    const labelled = (label, select) => {
      const wrap = element('label');
      wrap.append(element('span', label), select);
      return wrap;
    };
    if (workbook?.sheets.length > 1) {
      const select = element('select', undefined, { name: 'sheet' });
      for (const name of workbook.sheets) select.append(element('option', name, { value: name }));
      select.value = workbook.sheet;
      fieldset.append(labelled(w.sheet, select));
    }
    const choice = (name, label, selected) => {
      const select = element('select', undefined, { name });
      select.append(element('option', w.none, { value: '' }));
      inspection.columns.forEach((column, i) => select.append(element('option', column || `${i + 1}`, { value: String(i) })));
      select.value = selected === null || selected === undefined ? '' : String(selected);
      return labelled(label, select);
    };
    FIELDS.forEach((f, i) => fieldset.append(choice(f.name, catalogue.element.fields[f.name], inspection.mapping.fields[i])));
    fieldset.append(choice('species', w.species, inspection.mapping.species));
    form.append(fieldset, element('button', w.run, { type: 'submit' }));
    return form;
  }

  /** The options a run takes: the inspection's, with the person's column choices. */
  const options = (inspection, mapping, extra = {}) => ({
    encoding: inspection.encoding,
    separator: inspection.separator,
    header: inspection.header,
    mapping,
    speciesCodes: inspection.speciesCodes,
    decimalComma: inspection.decimalComma,
    words: words(),
    ...extra,
  });

  async function classify({ file, source, workbook }, inspection, form) {
    const column = (name) => (form.elements[name].value === '' ? null : Number(form.elements[name].value));
    const mapping = { fields: FIELDS.map((f) => column(f.name)), species: column('species') };
    if (mapping.fields.includes(null)) {
      show(form, element('p', w.errors.unmapped, { class: 'notice', role: 'alert' }));
      return;
    }
    // A run after another (a changed mapping, say) starts a fresh worker.
    worker ??= startWorker();
    const bar = element('progress', undefined, { max: '100', value: '0' });
    const label = element('span', w.progress(percent(0, lang)));
    const cancel = element('button', w.cancel, { type: 'button' });
    const progress = element('div', undefined, { class: 'progress' });
    const barLabel = element('label');
    barLabel.append(label, bar);
    progress.append(barLabel, cancel);
    show(form, progress);
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    cancel.addEventListener('click', () => {
      stop();
      submit.disabled = false;
      show(form, element('p', w.cancelled, { role: 'status' }));
    });
    const answer = await worker.ask({ type: 'run', file: source, options: options(inspection, mapping) }, ({ done, total }) => {
      const share = total ? done / total : 1;
      bar.value = Math.round(share * 100);
      label.textContent = w.progress(percent(share, lang));
    });
    stop();
    submit.disabled = false;
    if (answer.type === 'failed') {
      failed(answer, form);
      return;
    }
    show(form, ...report(file, workbook, answer));
  }

  /** How the file was read: its encoding, or the sheet of a workbook. */
  const readAs = (file, workbook, r) => (workbook ? w.workbook(file.name, workbook.sheet) : w.encoding[r.encoding]);

  /** The summary of a report: rows, notes, blank and joined lines, how it was read. */
  function summary(name, r, read) {
    const status = element('div', undefined, { role: 'status', class: 'file-summary' });
    status.append(element('p', w.summary(name, count(r.rows), count(r.classified), count(r.notClassified))));
    if (r.noted) status.append(element('p', w.noted(count(r.noted))));
    if (r.blankLines) status.append(element('p', w.blank(count(r.blankLines))));
    if (r.joinedLines) status.append(element('p', w.joined(count(r.joinedLines))));
    if (read) status.append(element('p', read));
    return status;
  }

  function report(file, workbook, { report: r, blob, seconds }) {
    const nodes = [summary(file.name, r, readAs(file, workbook, r))];
    nodes[0].append(element('p', w.time(fixed(seconds, lang))));
    const stem = file.name.replace(/\.[^.]*$/, '');
    const name = workbook
      ? `${stem}-${workbook.sheet}-classified.csv`
      : file.name.replace(/(\.[^.]*)?$/, (ext) => `-classified${ext || '.csv'}`);
    download = URL.createObjectURL(blob);
    const link = element('p', undefined, { class: 'download' });
    link.append(element('a', w.download(name), { href: download, download: name }));
    nodes.push(link);
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
    nodes.push(table('preview', w.preview, columns(r), r.preview));
    return nodes;
  }

  /** The report's column names (numbered for a file without a header). */
  const columns = (r) => (r.columns.length ? r.columns : (r.preview[0] ?? []).map((_, i) => String(i + 1)));

  // Pasted cells: classified at once, shown, and copied back as tab-separated text.
  const { paste, pasteOut, pasteRun } = pasteBox(section, w);
  let pasting = null;
  async function classifyPasted() {
    const text = paste.value;
    pasting?.stop();
    if (!text.trim()) {
      pasteOut.replaceChildren();
      return;
    }
    const job = startWorker();
    pasting = job;
    const file = new File([text], w.pasted, { type: 'text/tab-separated-values' });
    const say = (...nodes) => pasteOut.replaceChildren(...nodes);
    const refuse = (answer) => say(element('p', refusal(answer), { class: 'notice', role: 'alert' }));
    const inspected = await job.ask({ type: 'inspect', file, convention });
    if (inspected.type === 'failed') {
      refuse(inspected);
      return;
    }
    const { inspection } = inspected;
    if (inspection.mapping.fields.includes(null)) {
      refuse({ code: 'unmapped-paste' });
      return;
    }
    const answer = await job.ask({ type: 'run', file, options: options(inspection, inspection.mapping, {
      // As the cells were written, else as the page's language writes numbers.
      decimalComma: inspection.decimalComma ?? decimalComma,
      previewRows: PASTED_SHOWN,
    }) });
    job.stop();
    if (answer.type === 'failed') {
      refuse(answer);
      return;
    }
    const r = answer.report;
    const results = (await answer.blob.text()).replace(/^\uFEFF/, '');
    const copy = element('button', w.copy, { type: 'button' });
    const copied = element('p', undefined, { role: 'status', class: 'copied' });
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(results);
        copied.textContent = w.copied(count(r.rows));
      } catch {
        copied.textContent = w.copyFailed;
      }
    });
    const nodes = [summary(w.pasted, r), copy, copied, table('preview pasted', w.results, columns(r), r.preview)];
    if (r.rows > r.preview.length) nodes.push(element('p', w.moreCopied(count(r.rows - r.preview.length))));
    say(...nodes);
  }
  // After the paste lands in the box.
  paste.addEventListener('paste', () => setTimeout(classifyPasted));
  pasteRun.addEventListener('click', classifyPasted);

  input.addEventListener('change', () => {
    if (input.files?.[0]) choose(input.files[0]);
  });
  // Drops become the input's files (app.js, from the page's first moment), so
  // a file dropped before this view started is read like one chosen then.
  section.addEventListener('dragover', () => section.classList.add('dragging'));
  section.addEventListener('dragleave', () => section.classList.remove('dragging'));
  section.addEventListener('drop', () => section.classList.remove('dragging'));
  // A file chosen before this view started.
  if (input.files?.[0]) choose(input.files[0]);
  section.dataset.ready = '';
}

/** The "paste cells" box under the file zone: label, help, text box, button, results. */
function pasteBox(section, w) {
  const box = element('div', undefined, { class: 'paste' });
  const paste = element('textarea', undefined, { id: 'paste-cells', rows: '4', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'paste-help' });
  const pasteRun = element('button', w.pasteRun, { type: 'button' });
  const pasteOut = element('div', undefined, { class: 'paste-result', 'aria-live': 'polite' });
  box.append(element('label', w.pasteLabel, { for: 'paste-cells' }), element('p', w.pasteHelp, { id: 'paste-help', class: 'hint' }), paste, pasteRun, pasteOut);
  section.append(box);
  return { paste, pasteOut, pasteRun };
}

/** A table of `rows` (arrays whose first cell heads the row) that scrolls sideways when wide. */
function table(className, caption, headers, rows) {
  // Keyboard users can reach a scrolling table to scroll it.
  const wrap = element('div', undefined, { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption });
  wrap.append(captioned(className, caption, headers, rows.map(([head, ...cells]) => ({ head, cells }))));
  return wrap;
}
