// The element's markup, built once from the generated facts (fields,
// species, limits) and cloned into each element's shadow root.

import { FIELDS, SPECIES, STEP_CM, UNIT } from '../generated/facts.js';
import { TEXT, fieldLabel, speciesLabel } from './messages.js';

function markup() {
  return `
<div class="root" part="root" data-state="loading">
  <form part="form" novalidate>
    ${FIELDS.map(({ name, sliderMax }) => `
    <div class="field" part="field" data-field="${name}">
      <label for="${name}" part="label">${fieldLabel(name)}</label>
      <div class="controls">
        <input id="${name}" name="${name}" class="value" type="text" inputmode="decimal"
               autocomplete="off" spellcheck="false" part="input"
               aria-describedby="${name}-unit ${name}-error">
        <span class="unit" id="${name}-unit">${UNIT}</span>
        <input class="slider" type="range" part="slider" min="${STEP_CM}" max="${sliderMax}"
               step="${STEP_CM}" value="${sliderMax / 2}" aria-label="${TEXT.slider(name)}">
      </div>
      <p class="error" id="${name}-error" part="error" hidden></p>
    </div>`).join('')}
  </form>
  <section class="result" part="result" aria-label="${TEXT.prediction}">
    <p class="status" part="status" role="status" aria-live="polite" aria-atomic="true">${TEXT.loading}</p>
    <ul class="bars" part="bars" aria-label="${TEXT.probabilities}" hidden>
      ${SPECIES.map(({ name }) => `
      <li data-species="${name}"><span class="name">${speciesLabel(name)}</span>
        <span class="bar" part="bar" aria-hidden="true"><span class="fill" part="bar-fill"></span></span>
        <span class="pct">0 %</span></li>`).join('')}
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
