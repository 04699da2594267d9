// embed.js: wiring for embed.html, the predictor alone inside an <iframe>.
// Query parameters become the element's attributes (`lang` the frame's
// language, else the browser's), and the page tells its
// parent how tall it is whenever that changes, so the host can size the frame:
//   { type: 'iris-classifier:resize', height: <CSS pixels> }

import './widget.js';
import { FIELDS } from './generated/facts.js';
import { catalogue, pageLanguage } from './i18n/languages.js';
import { translate } from './i18n/translate.js';

const ATTRIBUTES = [...FIELDS.map((f) => f.attribute), 'theme', 'compact', 'plot', 'explain'];
const widget = /** @type {import('./widget.js').IrisClassifierElement} */ (document.querySelector('iris-classifier'));
const params = new URLSearchParams(window.location.search);
for (const name of ATTRIBUTES) {
  const value = params.get(name);
  if (value !== null) widget.setAttribute(name, value);
}

const lang = pageLanguage();
document.documentElement.lang = lang;
widget.lang = lang;
// The HTML is English.
if (lang !== 'en') catalogue(lang).then(({ embed }) => translate(embed));

let reported = -1;
function reportHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === reported || window.parent === window) return;
  reported = height;
  // Only a height is sent; any origin may host the frame.
  window.parent.postMessage({ type: 'iris-classifier:resize', height }, '*');
}

new ResizeObserver(reportHeight).observe(document.documentElement);
reportHeight();
