// model-card.js: the page's example buttons and "About the model" section,
// built from the model card. Loaded by page.js after the classifier has
// started: nothing here is needed for the first prediction.

import { FIELDS, UNIT } from './generated/facts.js';
import { exact, percent } from './i18n/languages.js';
import { element, table } from './tables.js';

const widget = document.getElementById('classifier');
const cardBox = document.getElementById('model-card');

const title = (s) => s[0].toUpperCase() + s.slice(1);

/** Enables the example buttons: each loads a typical flower of its species. */
export function setUpExamples(card, { page, explorer }, lang) {
  for (const button of document.querySelectorAll('[data-example]')) {
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

/** Fills "About the model" in the page's language: accuracy, confusion matrix, families compared. */
export function renderCard(card, words, lang) {
  const cv = card.crossValidation;
  const pct = (x) => percent(x, lang);
  const summary = element('dl', undefined, { class: 'facts' });
  for (const [term, value] of [
    [words.model, `${card.modelFamily} (${card.modelParams})`],
    [words.accuracy, words.accuracyValue(pct(cv.meanAccuracy), pct(cv.stdAccuracy), cv.folds, card.trainingRows)],
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
    [words.family, words.meanAccuracy],
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
