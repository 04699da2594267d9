// app.js: the start of the app page (index.html): its language (?lang=,
// else the browser's) and the flower in the URL, then the classifier (the
// <iris-classifier> element, which needs nothing else: its content-hashed
// module, cached for good, rather than widget.js, the stable URL other
// sites import, which every visit revalidates).
// Everything else only the page has (page.js: its words, the URL kept
// current, a page-level message when the classifier cannot start, the
// examples and the model card, with iris.js) loads once the classifier has
// started, so the first prediction never waits for it.

import { FIELDS } from './generated/facts.js';
import { pageLanguage } from './i18n/languages.js';

const widget = /** @type {import('./widget.js').IrisClassifierElement} */ (document.getElementById('classifier'));
const params = new URLSearchParams(window.location.search);
const lang = pageLanguage();
document.documentElement.lang = lang;
widget.lang = lang;
for (const { attribute } of FIELDS) {
  const value = params.get(attribute);
  if (value !== null) widget.setAttribute(attribute, value);
}

// A file dropped on "Classify a file" becomes its input's files from the
// first moment (file/view.js reads them when it starts), rather than being
// opened by the browser in place of the page.
const files = /** @type {HTMLElement} */ (document.getElementById('file'));
const fileInput = /** @type {HTMLInputElement} */ (files.querySelector('input[type="file"]'));
files.addEventListener('dragover', (event) => event.preventDefault());
files.addEventListener('drop', (event) => {
  event.preventDefault();
  if (!event.dataTransfer?.files?.length) return;
  fileInput.files = event.dataTransfer.files;
  fileInput.dispatchEvent(new Event('change', { bubbles: true }));
});

// The element alone makes the first prediction; its `ready` settles once the
// classifier has started (or could not).
const ready = import('./element/iris-classifier-element.js').then(({ IrisClassifierElement }) => IrisClassifierElement.define() && widget.ready);
// The HTML is English: another language's words are wanted at once.
const after = lang === 'en' ? ready.catch(() => {}) : Promise.resolve();
after.then(() => import('./page.js')).then((page) => page.start({ widget, params, lang, ready }));
