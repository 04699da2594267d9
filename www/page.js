// page.js: what only the app page adds around its classifier, loaded by
// app.js: the page's words in its language (from the catalogues), the flower
// kept in the URL (locale-neutral) and in the language links, a page-level
// message when the classifier cannot start, "Classify a file" (file/view.js),
// "Copy link" and "Save image" (share.js, with share.css, which also holds
// the print layout) and the example buttons and the model card
// (model-card.js; tables.css styles both).

import { FIELDS } from './generated/facts.js';
import { catalogue as load } from './i18n/languages.js';
import { translate } from './i18n/translate.js';

/** Starts the page around `widget`, in `lang`; `ready` settles once the classifier has started or failed to. */
export async function start({ widget, params, lang, ready }) {
  // Both are in index.html.
  const loadError = /** @type {HTMLElement} */ (document.getElementById('load-error'));
  const cardBox = /** @type {HTMLElement} */ (document.getElementById('model-card'));
  const links = /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll('.languages a'));
  for (const link of links) {
    if (link.hreflang === lang) link.setAttribute('aria-current', 'true');
  }

  /** Each prediction is mirrored in the URL and the language links, so a link reproduces it. */
  const mirror = (prediction) => {
    if (!prediction) return;
    const flower = FIELDS.map(({ attribute, name }) => [attribute, String(prediction.inputs[name])]);
    const query = (language) => new URLSearchParams(language ? [['lang', language], ...flower] : flower);
    window.history.replaceState(null, '', `?${query(params.has('lang') && lang)}`);
    for (const link of links) link.search = `?${query(link.hreflang)}`;
  };
  widget.addEventListener('iris-prediction', (event) => mirror(event.detail));
  mirror(widget.prediction);

  const catalogue = await load(lang);
  const { page } = catalogue;
  // The HTML is English.
  if (lang !== 'en') translate(page);

  const tables = stylesheet('./tables.css');
  stylesheet('./share.css').then(() => import('./share.js')).then(({ attach }) => attach(widget, page, lang));
  import('./file/view.js').then(({ attach }) => attach(document.getElementById('file'), catalogue, lang));

  let iris;
  try {
    await ready;
    iris = await import('./iris.js');
    await iris.default();
  } catch (error) {
    loadError.textContent = page.loadError(error instanceof Error ? error.message : String(error));
    loadError.hidden = false;
    cardBox.setAttribute('aria-busy', 'false');
    const p = document.createElement('p');
    p.textContent = page.cardUnavailable;
    cardBox.replaceChildren(p);
    return;
  }
  const [card, { setUpExamples, renderCard }] = await Promise.all([iris.modelInfo(), import('./model-card.js'), tables]);
  setUpExamples(card, catalogue, lang);
  renderCard(card, page, lang);
}

/** Adds the stylesheet at `path` (relative to this module); resolves once it applies. */
function stylesheet(path) {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(path, import.meta.url).href;
    link.onload = resolve;
    link.onerror = resolve;
    document.head.append(link);
  });
}
