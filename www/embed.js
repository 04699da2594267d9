// embed.js: wiring for embed.html, the predictor alone inside an <iframe>.
// Query parameters become the element's attributes, and the page tells its
// parent how tall it is whenever that changes, so the host can size the frame:
//   { type: 'iris-classifier:resize', height: <CSS pixels> }

import './widget.js';
import { FIELDS } from './generated/facts.js';

const ATTRIBUTES = [...FIELDS.map((f) => f.attribute), 'theme', 'compact'];
const widget = document.querySelector('iris-classifier');
const params = new URLSearchParams(window.location.search);
for (const name of ATTRIBUTES) {
  if (params.has(name)) widget.setAttribute(name, params.get(name));
}

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
