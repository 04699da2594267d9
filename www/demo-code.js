// demo-code.js: demo.html's embed builder. The options a person sets
// (flower, theme, language, compact, map, explanation) become the two
// snippets, written for this server's real origin, with copy buttons; the
// two previews beside them follow the same options live.

import { FIELDS } from './generated/facts.js';
import { LANGUAGES } from './i18n/languages.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('options'));
const element = /** @type {import('./widget.js').IrisClassifierElement} */ (document.getElementById('preview-element'));
const frame = /** @type {HTMLIFrameElement} */ (document.getElementById('preview-frame'));
const elementCode = /** @type {HTMLElement} */ (document.getElementById('element-code'));
const frameCode = /** @type {HTMLElement} */ (document.getElementById('frame-code'));
const status = /** @type {HTMLElement} */ (document.getElementById('copy-status'));
const origin = window.location.origin;
const FLAGS = ['compact', 'plot', 'explain'];

/** A value as it may stand in a double-quoted attribute. */
const quoted = (/** @type {string} */ text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The options as [attribute, value] pairs ('' for a flag), in a fixed order; blank or invalid values left out. */
function options() {
  const data = new FormData(form);
  /** @type {[string, string][]} */
  const pairs = [];
  for (const { attribute } of FIELDS) {
    const text = String(data.get(attribute) ?? '').trim();
    const value = Number(text);
    if (text !== '' && Number.isFinite(value) && value > 0) pairs.push([attribute, String(value)]);
  }
  const theme = String(data.get('theme') ?? 'auto');
  if (theme === 'light' || theme === 'dark') pairs.push(['theme', theme]);
  const lang = String(data.get('lang') ?? '');
  if (/** @type {readonly string[]} */ (LANGUAGES).includes(lang)) pairs.push(['lang', lang]);
  for (const flag of FLAGS) if (data.get(flag)) pairs.push([flag, '']);
  return pairs;
}

function render() {
  const pairs = options();
  const attributes = pairs.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${quoted(value)}"`)).join('');
  elementCode.textContent = `<script type="module" src="${origin}/widget.js"></script>\n<iris-classifier${attributes}></iris-classifier>`;
  const query = new URLSearchParams(pairs.map(([name, value]) => [name, value]));
  const src = `${origin}/embed.html${pairs.length ? `?${query}` : ''}`;
  frameCode.textContent = `<iframe src="${quoted(src)}" title="Iris classifier"
        style="width: 100%; height: 34rem; border: 0" loading="lazy"></iframe>
<script>
  // Sizes the frame to the height the embed reports.
  addEventListener('message', (event) => {
    if (event.origin !== '${origin}' || event.data?.type !== 'iris-classifier:resize') return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow === event.source) frame.style.height = \`\${event.data.height}px\`;
    }
  });
</script>`;
  // The previews, live.
  for (const name of [...FIELDS.map((f) => f.attribute), 'theme', 'lang', ...FLAGS]) {
    const pair = pairs.find(([n]) => n === name);
    if (pair) element.setAttribute(name, pair[1]);
    else element.removeAttribute(name);
  }
  if (frame.getAttribute('src') !== src) frame.src = src;
}

form.addEventListener('input', render);
form.addEventListener('change', render);
form.addEventListener('submit', (event) => event.preventDefault());
for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('button[data-copy]'))) {
  button.addEventListener('click', async () => {
    const code = /** @type {HTMLElement} */ (document.getElementById(button.dataset.copy ?? ''));
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      status.textContent = `Copied the ${button.dataset.what} code.`;
    } catch {
      status.textContent = 'Could not copy here: select the code and copy it yourself.';
    }
  });
}
render();
