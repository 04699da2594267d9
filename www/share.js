// share.js: what the app page offers for keeping or passing on what it
// shows, loaded by page.js after the first prediction: "Copy link" (the
// flower and the language, as a link that reproduces them), "Save image"
// (the element's map with its caption, as a PNG), "Share…" where the
// browser has the Web Share API. Each says what it did in a live region.
// Styled by share.css, which also holds the print layout.

import { FIELDS } from './generated/facts.js';
import { h } from './dom.js';

/**
 * The page's link to `prediction`'s flower in `lang`: a person who opens it
 * sees the same flower, species and language.
 * @param {{ inputs: import('./iris.js').Measurements }} prediction
 * @param {string} lang
 */
export function permalink(prediction, lang) {
  const query = new URLSearchParams([['lang', lang], ...FIELDS.map(({ attribute, name }) => [attribute, String(prediction.inputs[name])])]);
  return new URL(`?${query}`, window.location.href).href;
}

/**
 * Adds the controls after `widget`, with `page`'s words in `lang`.
 * @param {import('./widget.js').IrisClassifierElement} widget
 * @param {typeof import('./i18n/en.js').page} page
 * @param {string} lang
 */
export function attach(widget, page, lang) {
  const status = h('p', { class: 'share-status', role: 'status', 'aria-live': 'polite' });
  const copy = h('button', { type: 'button', class: 'copy-link' }, page.copyLink);
  const save = h('button', { type: 'button', class: 'save-image' }, page.saveImage);
  const share = h('button', { type: 'button', class: 'share', hidden: typeof navigator.share !== 'function' }, page.shareButton);
  const group = h('div', { class: 'share-controls', role: 'group', 'aria-label': page.shareLabel }, copy, save, share, status);
  widget.after(group);

  const say = (/** @type {string} */ text) => { status.textContent = text; };
  const current = () => widget.prediction;
  const enable = () => {
    const none = !current();
    for (const button of [copy, save, share]) button.disabled = none;
  };
  widget.addEventListener('iris-prediction', enable);
  widget.addEventListener('iris-error', enable);
  enable();

  copy.addEventListener('click', async () => {
    const prediction = current();
    if (!prediction) return;
    const link = permalink(prediction, lang);
    try {
      await navigator.clipboard.writeText(link);
      say(page.linkCopied);
    } catch {
      say(page.copyFailed(link));
    }
  });

  save.addEventListener('click', async () => {
    const prediction = current();
    if (!prediction) return;
    let blob;
    try {
      blob = await widget.toBlob('image/png');
    } catch {
      say(page.imageFailed);
      return;
    }
    const name = `iris-${prediction.species}.png`;
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    // Long enough for the download to start in every browser.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say(page.imageSaved(name));
  });

  share.addEventListener('click', async () => {
    const prediction = current();
    if (!prediction) return;
    try {
      await navigator.share({ title: document.title, url: permalink(prediction, lang) });
    } catch (error) {
      // Closing the share sheet is not a failure.
      if (!(error instanceof DOMException && error.name === 'AbortError')) say(page.copyFailed(permalink(prediction, lang)));
    }
  });
}
