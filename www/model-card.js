// model-card.js: the page's example buttons and "About the model" section,
// built from the model card. Loaded by page.js after the classifier has
// started: nothing here is needed for the first prediction.

import { FIELDS, UNIT } from './generated/facts.js';
import { decimalMark, exact, percent } from './i18n/languages.js';
import { element, table } from './tables.js';

// Both are in index.html.
const widget = /** @type {import('./widget.js').IrisClassifierElement} */ (document.getElementById('classifier'));
const cardBox = /** @type {HTMLElement} */ (document.getElementById('model-card'));

const title = (s) => s[0].toUpperCase() + s.slice(1);

/** Enables the example buttons: each loads a typical flower of its species. */
export function setUpExamples(card, { page, explorer }, lang) {
  for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('[data-example]'))) {
    const example = card.examples.find((e) => e.species === button.dataset.example);
    if (!example) continue;
    const values = FIELDS.map((f, i) => `${explorer.fields[f.name]} ${exact(example.values[i], lang)} ${UNIT}`).join('; ');
    button.title = page.exampleTitle(example.row, values);
    button.addEventListener('click', () => {
      FIELDS.forEach(({ name }, i) => { widget[name] = example.values[i]; });
    });
    button.disabled = false;
  }
}

/**
 * Fills "About the model" in the page's language: accuracy, calibration and
 * the prediction sets' measured coverage, the reliability diagram with its
 * table, the confusion matrix and the families compared.
 */
export function renderCard(card, words, lang) {
  const cv = card.crossValidation;
  const pct = (x) => percent(x, lang);
  const three = (x) => x.toFixed(3).replace('.', decimalMark(lang));
  const scores = (c) => [three(c.logLoss), three(c.brier), pct(c.expectedCalibrationError)];
  const sets = card.predictionSets;
  const nested = sets.nested;
  const summary = element('dl', undefined, { class: 'facts' });
  for (const [term, value] of [
    [words.model, `${card.modelFamily} (${card.modelParams})`],
    [words.accuracy, words.accuracyValue(pct(cv.meanAccuracy), pct(cv.stdAccuracy), cv.folds, card.trainingRows)],
    [words.calibration, words.calibrationValue(...scores(cv.calibration))],
    [words.sets, words.setsValue(
      `${exact(sets.coverage * 100, lang)} %`,
      pct(nested.coverage),
      nested.covered,
      nested.flowers,
      pct(nested.standardError),
      exact(Math.round(nested.averageSize * 100) / 100, lang),
    )],
    [words.trainedWith, words.trainedWithValue(card.smartcoreVersion)],
    [words.size, words.sizeValue(card.modelBytes, card.modelSha256.slice(0, 16))],
  ]) {
    summary.append(element('dt', term), element('dd', value));
  }

  const confusion = table(
    'confusion',
    words.confusion,
    ['', ...card.species.map(title)],
    cv.confusionMatrix.map((row, actual) => ({
      head: title(card.species[actual]),
      cells: row.map((count, predicted) => [String(count), predicted === actual ? { class: 'hit' } : {}]),
    })),
  );
  const perClass = table(
    'per-class',
    words.perSpecies,
    [words.species, words.precision, words.recall],
    card.species.map((s, i) => ({ head: title(s), cells: [pct(cv.precision[i]), pct(cv.recall[i])] })),
  );
  const compared = table(
    'candidates',
    words.families,
    [words.family, words.meanAccuracy, words.logLoss, words.brier, words.ece],
    card.candidates.map((c) => ({
      head: `${c.family} (${c.params})`,
      cells: [`${pct(c.meanAccuracy)} ± ${pct(c.stdAccuracy)}`, ...scores(c.calibration)],
      attributes: c.family === card.modelFamily ? { class: 'shipped' } : {},
    })),
  );

  const tables = element('div', undefined, { class: 'tables' });
  tables.append(reliability(cv, words, lang), confusion, perClass, compared);
  cardBox.replaceChildren(summary, tables);
  cardBox.setAttribute('aria-busy', 'false');
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG `tag` with `attributes`. */
function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/**
 * The reliability diagram of the cross-validated probabilities: a bar per
 * bin of top probability, as high as the share predicted correctly, over
 * the diagonal of perfect calibration; the same numbers as a table, with
 * each bin's count.
 */
function reliability(cv, words, lang) {
  const pct = (x) => percent(x, lang);
  const figure = element('figure', undefined, { class: 'reliability' });
  const caption = element('figcaption', words.reliability, { id: 'reliability-caption' });
  // Plot area: x from 14 to 114, y from 4 (share 1) to 104 (share 0).
  const x = (p) => 14 + p * 100;
  const y = (p) => 104 - p * 100;
  const filled = cv.reliability.filter((b) => b.count > 0);
  const picture = svg('svg', { viewBox: '0 0 120 122', role: 'img', 'aria-labelledby': 'reliability-caption reliability-desc' });
  const desc = svg('desc', { id: 'reliability-desc' });
  desc.textContent = words.reliabilityDesc(filled.length, pct(cv.calibration.expectedCalibrationError));
  picture.append(desc);
  for (const b of filled) {
    picture.append(svg('rect', {
      class: 'bar', x: x(b.lower) + 0.5, y: y(b.accuracy), width: 9, height: b.accuracy * 100,
    }));
    picture.append(svg('circle', { class: 'mean', cx: x(b.confidence), cy: y(b.accuracy), r: 1.4 }));
  }
  picture.append(
    svg('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }),
    svg('path', { class: 'axes', d: `M${x(0)} ${y(1)}V${y(0)}H${x(1)}` }),
  );
  for (const [value, anchor] of [[0, 'start'], [0.5, 'middle'], [1, 'end']]) {
    const tick = svg('text', { x: x(value), y: 111, 'text-anchor': anchor });
    tick.textContent = exact(value, lang);
    const side = svg('text', { x: 12, y: y(value) + 1.5, 'text-anchor': 'end' });
    side.textContent = exact(value, lang);
    picture.append(tick, side);
  }
  const across = svg('text', { x: x(0.5), y: 120, 'text-anchor': 'middle' });
  across.textContent = words.reliabilityAcross;
  picture.append(across);
  const numbers = table(
    'reliability-table',
    words.reliabilityTable,
    [words.bin, words.flowers, words.meanProbability, words.correct],
    cv.reliability.map((b) => ({
      head: `${exact(b.lower, lang)}–${exact(b.upper, lang)}`,
      cells: [String(b.count), b.count ? pct(b.confidence) : '—', b.count ? pct(b.accuracy) : '—'],
    })),
  );
  figure.append(caption, picture, numbers);
  return figure;
}
