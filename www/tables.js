// tables.js: building blocks for what page.js adds after the first
// prediction: the model card ("About the model", model-card.js) and the file
// report ("Classify a file", file/view.js). Styled by tables.css.

import { h } from './dom.js';

/**
 * A `tag` element with `text` (when given) and `attributes`.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string | number} [text]
 * @param {Record<string, string | number | boolean | undefined>} [attributes]
 * @returns {HTMLElementTagNameMap[K]}
 */
export const element = (tag, text, attributes = {}) => (text === undefined ? h(tag, attributes) : h(tag, attributes, String(text)));

/**
 * A table with a caption, column `headers` ('' is a blank corner) and
 * `rows` of `{ head, cells: [text | [text, attributes]], attributes }`:
 * each row's `head` is its row header.
 */
export function table(className, caption, headers, rows) {
  const head = element('tr');
  head.append(...headers.map((h) => (h === '' ? element('td') : element('th', h, { scope: 'col' }))));
  const body = element('tbody');
  for (const row of rows) {
    const tr = element('tr', undefined, row.attributes ?? {});
    tr.append(
      element('th', row.head, { scope: 'row' }),
      ...row.cells.map((cell) => (Array.isArray(cell) ? element('td', ...cell) : element('td', cell))),
    );
    body.append(tr);
  }
  const result = element('table', undefined, { class: className });
  const thead = element('thead');
  thead.append(head);
  result.append(element('caption', caption), thead, body);
  return result;
}
