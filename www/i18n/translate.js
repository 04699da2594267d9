// How a page written in English (index.html, embed.html) speaks another
// language: its words are marked `data-i18n="key"` and come from a section
// of the catalogue. Loaded after the first prediction; English needs nothing.

/** Puts `words` (a catalogue section) into the page's elements marked `data-i18n` (a meta's content). */
export function translate(words) {
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n]'))) {
    const key = node.dataset.i18n ?? '';
    node[node.tagName === 'META' ? 'content' : 'textContent'] = words[key];
  }
}
