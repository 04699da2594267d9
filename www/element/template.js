// The element's markup, built once from the generated facts (fields,
// species, limits) and cloned into each element's shadow root. Its words
// are filled in by the element, in its language. Built with DOM calls, not
// innerHTML, so it runs under Trusted Types.

import { FIELDS, SPECIES, STEP_CM, UNIT } from '../generated/facts.js';
import { h } from '../dom.js';

/** @returns {HTMLElement} */
function markup() {
  const fields = FIELDS.map(({ name, sliderMax }) => h('div', { class: 'field', part: 'field', 'data-field': name },
    h('label', { for: name, part: 'label' }),
    h('div', { class: 'controls' },
      h('input', {
        id: name, name, class: 'value', type: 'text', inputmode: 'decimal', autocomplete: 'off',
        spellcheck: 'false', part: 'input', 'aria-describedby': `${name}-unit ${name}-error`,
      }),
      h('span', { class: 'unit', id: `${name}-unit` }, UNIT),
      h('input', { class: 'slider', type: 'range', part: 'slider', min: STEP_CM, max: sliderMax, step: STEP_CM, value: sliderMax / 2 })),
    h('p', { class: 'error', id: `${name}-error`, part: 'error', hidden: true })));
  const bars = SPECIES.map(({ name, label }) => h('li', { 'data-species': name },
    h('span', { class: 'name' }, label),
    h('span', { class: 'bar', part: 'bar', 'aria-hidden': 'true' }, h('span', { class: 'fill', part: 'bar-fill' })),
    h('span', { class: 'pct' })));
  return h('div', { class: 'root', part: 'root', 'data-state': 'loading' },
    h('form', { part: 'form', novalidate: true }, ...fields),
    h('section', { class: 'result', part: 'result' },
      h('p', { class: 'status', part: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }),
      h('ul', { class: 'bars', part: 'bars', hidden: true }, ...bars),
      h('ul', { class: 'warnings', part: 'warnings', hidden: true })));
}

/** @type {HTMLElement | null} */
let template = null;

/** The markup every element clones (built on first use). */
export function content() {
  template ??= markup();
  return template;
}
