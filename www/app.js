// app.js: wiring for the app page only (index.html). The predictor itself is
// the <iris-classifier> element from widget.js; this file adds what only the
// page has: values mirrored in the URL, a page-level message when the
// classifier cannot start, and (loaded once it has started, from
// model-card.js) the example buttons and the model card.

import { FIELDS } from './generated/facts.js';

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
  const { setUpExamples, renderCard } = await import('./model-card.js');
  setUpExamples(card);
  renderCard(card);
}

main();
