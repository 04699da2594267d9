// dom.js: markup without an HTML parser: elements are made from a tag, attributes
// and children, so no string ever becomes markup and a host page that
// enforces Trusted Types (require-trusted-types-for 'script') has no sink
// to guard. Used by the element and the explorer view.

/**
 * A new element: `attributes` set as given (`true` as an empty attribute,
 * `false` or `undefined` left out), then `children` appended (strings as text).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | undefined>} [attributes]
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, '');
    else if (value !== false && value !== undefined) node.setAttribute(name, String(value));
  }
  node.append(...children);
  return node;
}
