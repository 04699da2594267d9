// app.js: wiring for the app page only (index.html). The predictor itself is
// the <iris-classifier> element from widget.js; this file adds what only the
// page has: example buttons, values mirrored in the URL, the model card and a
// page-level message when the classifier cannot start.

import { FIELDS, UNIT } from './generated/facts.js';

const widget = document.getElementById('classifier');
const loadError = document.getElementById('load-error');
const cardBox = document.getElementById('model-card');

function showLoadError(error) {
  loadError.textContent = 'The classifier could not be loaded, so no prediction can be made. '
    + 'It needs JavaScript modules and WebAssembly to be allowed for this page. '
    + `(${error?.message ?? error})`;
  loadError.hidden = false;
  cardBox.setAttribute('aria-busy', 'false');
  cardBox.replaceChildren(paragraph('The model card is unavailable because the classifier did not load.'));
}

/** Values in the URL query (?sepal-length=5.1&…) become the initial values. */
function valuesFromUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const { attribute } of FIELDS) {
    if (params.has(attribute)) widget.setAttribute(attribute, params.get(attribute));
  }
}

/** Each prediction is mirrored in the URL, so the link reproduces it. */
function mirrorInUrl(event) {
  const params = new URLSearchParams();
  for (const { attribute, name } of FIELDS) params.set(attribute, String(event.detail.inputs[name]));
  window.history.replaceState(null, '', `?${params}`);
}

function paragraph(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

const pct = (x) => `${(x * 100).toFixed(1)} %`;
const title = (s) => s[0].toUpperCase() + s.slice(1);

function setUpExamples(card) {
  for (const button of document.querySelectorAll('[data-example]')) {
    const example = card.examples.find((e) => e.species === button.dataset.example);
    if (!example) continue;
    const values = FIELDS.map((f, i) => `${f.label} ${example.values[i]} ${UNIT}`).join(', ');
    button.title = `Row ${example.row}: ${values}`;
    button.addEventListener('click', () => {
      FIELDS.forEach(({ name }, i) => { widget[name] = example.values[i]; });
    });
    button.disabled = false;
  }
}

// rows: { head, cells: [text | [text, attributes]], attributes }; '' header = blank corner
function table(className, caption, headers, rows) {
  const head = element('tr');
  head.append(...headers.map((h) => (h === '' ? element('td') : element('th', h, { scope: 'col' }))));
  const body = element('tbody');
  for (const row of rows) {
    const tr = element('tr', undefined, row.attributes ?? {});
    tr.append(
      element('th', row.head, { scope: 'row' }),
      ...row.cells.map((cell) => (Array.isArray(cell) ? element('td', ...cell) : element('td', cell))),
    );
    body.append(tr);
  }
  const result = element('table', undefined, { class: className });
  result.append(element('caption', caption), element('thead'), body);
  result.tHead.append(head);
  return result;
}

function renderCard(card) {
  const cv = card.crossValidation;
  const summary = element('dl', undefined, { class: 'facts' });
  for (const [term, value] of [
    ['Model', `${card.modelFamily} (${card.modelParams})`],
    ['Accuracy', `${pct(cv.meanAccuracy)} ± ${pct(cv.stdAccuracy)}, stratified ${cv.folds}-fold cross-validation on ${card.trainingRows} flowers`],
    ['Trained with', `smartcore ${card.smartcoreVersion}, when this site was built`],
    ['Model size', `${card.modelBytes} bytes, SHA-256 ${card.modelSha256.slice(0, 16)}…`],
  ]) {
    summary.append(element('dt', term), element('dd', value));
  }

  const confusion = table(
    'confusion',
    'Cross-validated predictions: rows are the actual species, columns the predicted one',
    ['', ...card.species.map(title)],
    cv.confusionMatrix.map((row, actual) => ({
      head: title(card.species[actual]),
      cells: row.map((count, predicted) => [String(count), predicted === actual ? { class: 'hit' } : {}]),
    })),
  );
  const perClass = table(
    'per-class',
    'Per species',
    ['Species', 'Precision', 'Recall'],
    card.species.map((s, i) => ({ head: title(s), cells: [pct(cv.precision[i]), pct(cv.recall[i])] })),
  );
  const compared = table(
    'candidates',
    'Model families compared on the same folds',
    ['Family', 'Mean accuracy'],
    card.candidates.map((c) => ({
      head: `${c.family} (${c.params})`,
      cells: [`${pct(c.meanAccuracy)} ± ${pct(c.stdAccuracy)}`],
      attributes: c.family === card.modelFamily ? { class: 'shipped' } : {},
    })),
  );

  const tables = element('div', undefined, { class: 'tables' });
  tables.append(confusion, perClass, compared);
  cardBox.replaceChildren(summary, tables);
  cardBox.setAttribute('aria-busy', 'false');
}

async function main() {
  valuesFromUrl();
  widget.addEventListener('iris-prediction', mirrorInUrl);
  let iris;
  try {
    [iris] = await Promise.all([import('./iris.js'), import('./widget.js')]);
    await iris.default();
  } catch (error) {
    showLoadError(error);
    return;
  }
  const card = iris.modelInfo();
  setUpExamples(card);
  renderCard(card);
}

main();
