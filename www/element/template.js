// The element's markup, built once from the generated facts (fields,
// species, limits) and cloned into each element's shadow root. Its words
// are filled in by the element, in its language.

import { FIELDS, SPECIES, STEP_CM, UNIT } from '../generated/facts.js';

function markup() {
  return `
<div class="root" part="root" data-state="loading">
  <form part="form" novalidate>
    ${FIELDS.map(({ name, sliderMax }) => `
    <div class="field" part="field" data-field="${name}">
      <label for="${name}" part="label"></label>
      <div class="controls">
        <input id="${name}" name="${name}" class="value" type="text" inputmode="decimal"
               autocomplete="off" spellcheck="false" part="input"
               aria-describedby="${name}-unit ${name}-error">
        <span class="unit" id="${name}-unit">${UNIT}</span>
        <input class="slider" type="range" part="slider" min="${STEP_CM}" max="${sliderMax}"
               step="${STEP_CM}" value="${sliderMax / 2}">
      </div>
      <p class="error" id="${name}-error" part="error" hidden></p>
    </div>`).join('')}
  </form>
  <section class="result" part="result">
    <p class="status" part="status" role="status" aria-live="polite" aria-atomic="true"></p>
    <ul class="bars" part="bars" hidden>
      ${SPECIES.map(({ name, label }) => `
      <li data-species="${name}"><span class="name">${label}</span>
        <span class="bar" part="bar" aria-hidden="true"><span class="fill" part="bar-fill"></span></span>
        <span class="pct"></span></li>`).join('')}
    </ul>
    <ul class="warnings" part="warnings" hidden></ul>
  </section>
</div>`;
}

let template = null;

/** The template every element clones (built on first use). */
export function content() {
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = markup();
  }
  return template.content;
}
