// widget.js: the <iris-classifier> custom element (stable URL).
//
//   <script type="module" src="https://HOST/widget.js"></script>
//   <iris-classifier sepal-length="5.1" sepal-width="3.5"
//                    petal-length="1.4" petal-width="0.2"></iris-classifier>
//
// Renders the predictor in its own shadow root, loads the wasm relative to
// this file (so it works from any origin) and shares one module instance
// between every element on the page. Adds nothing to the global scope but
// the element name. Attributes, properties, events, parts and custom
// properties are listed in the README ("Embed it").

import init, { predict } from './iris.js';

/** The four measurements: attribute, property, label, slider maximum (cm). */
const FIELDS = [
  { attr: 'sepal-length', prop: 'sepalLength', label: 'Sepal length', max: 10 },
  { attr: 'sepal-width', prop: 'sepalWidth', label: 'Sepal width', max: 6 },
  { attr: 'petal-length', prop: 'petalLength', label: 'Petal length', max: 9 },
  { attr: 'petal-width', prop: 'petalWidth', label: 'Petal width', max: 4 },
];

const SPECIES = [
  { key: 'setosa', name: 'Iris setosa' },
  { key: 'versicolor', name: 'Iris versicolor' },
  { key: 'virginica', name: 'Iris virginica' },
];

const THEMES = ['light', 'dark', 'auto'];

const CSS = `
:host { display: block; contain: content; }
:host([hidden]) { display: none; }
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font: var(--iris-font-size, 16px) / 1.45 var(--iris-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--iris-fg, #1d2330);
  background: var(--iris-bg, #ffffff);
  border: 1px solid var(--iris-border, #d5d9e2);
  border-radius: var(--iris-radius, 12px);
  padding: 1em;
  --accent: var(--iris-accent, #5b3cc4);
  --muted: var(--iris-muted, #5a6275);
  --error: var(--iris-error, #b3261e);
  --warn: var(--iris-warning, #8a5a00);
  --track: var(--iris-track, #e7e9f0);
}
.root.dark {
  color: var(--iris-fg, #e8eaf2);
  background: var(--iris-bg, #171a22);
  border-color: var(--iris-border, #343a48);
  --accent: var(--iris-accent, #b7a3ff);
  --muted: var(--iris-muted, #a5adbf);
  --error: var(--iris-error, #ffb4ab);
  --warn: var(--iris-warning, #f0c56a);
  --track: var(--iris-track, #2b303c);
}
*, *::before, *::after { box-sizing: border-box; }
form { display: grid; gap: 0.75em; margin: 0; }
.field { display: grid; gap: 0.25em; }
label { font-weight: 600; }
.controls { display: flex; align-items: center; gap: 0.5em; }
input { font: inherit; color: inherit; }
input[type="number"] {
  width: 6.5em; padding: 0.35em 0.5em;
  background: transparent; border: 1px solid var(--muted); border-radius: 6px;
}
input[type="number"][aria-invalid="true"] { border-color: var(--error); border-width: 2px; }
input[type="range"] { flex: 1; min-width: 6em; accent-color: var(--accent); }
input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.unit { color: var(--muted); }
.error { margin: 0; color: var(--error); font-size: 0.9em; }
.error[hidden], .bars[hidden], .warnings[hidden] { display: none; }
.result { margin-top: 1em; border-top: 1px solid var(--track); padding-top: 0.75em; }
.status { margin: 0 0 0.5em; min-height: 1.45em; }
.species { font-size: 1.25em; font-style: italic; font-weight: 700; }
.bars, .warnings { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35em; }
.bars li { display: grid; grid-template-columns: 9em 1fr 4em; align-items: center; gap: 0.5em; }
.bar { height: 0.7em; background: var(--track); border-radius: 99px; overflow: hidden; }
.fill { display: block; height: 100%; width: 0; background: var(--accent); border-radius: 99px; }
.pct { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.warnings { margin-top: 0.5em; color: var(--warn); font-size: 0.9em; }
.root[data-state="failed"] .status, .root[data-state="invalid"] .status { color: var(--error); }
:host([compact]) .root { padding: 0.6em; font-size: var(--iris-font-size, 14px); }
:host([compact]) form { grid-template-columns: repeat(auto-fit, minmax(9em, 1fr)); gap: 0.5em; }
:host([compact]) .slider { display: none; }
:host([compact]) .bars li { grid-template-columns: 8em 1fr 3.5em; }
@media (max-width: 30em) {
  .bars li { grid-template-columns: 7em 1fr 4.5em; gap: 0.4em; }
}
@media (prefers-reduced-motion: no-preference) {
  .fill { transition: width 120ms ease-out; }
}
`;

const MARKUP = `
<div class="root" part="root" data-state="loading">
  <form part="form" novalidate>
    ${FIELDS.map(({ prop, label, max }) => `
    <div class="field" part="field" data-field="${prop}">
      <label for="${prop}" part="label">${label}</label>
      <div class="controls">
        <input id="${prop}" name="${prop}" type="number" inputmode="decimal"
               step="0.1" min="0.1" max="100" part="input"
               aria-describedby="${prop}-unit ${prop}-error">
        <span class="unit" id="${prop}-unit">cm</span>
        <input class="slider" type="range" part="slider" min="0.1" max="${max}" step="0.1"
               value="${max / 2}" aria-label="${label} slider, cm">
      </div>
      <p class="error" id="${prop}-error" part="error" hidden></p>
    </div>`).join('')}
  </form>
  <section class="result" part="result" aria-label="Prediction">
    <p class="status" part="status" role="status" aria-live="polite" aria-atomic="true">Loading the classifier…</p>
    <ul class="bars" part="bars" aria-label="Probability of each species" hidden>
      ${SPECIES.map(({ key, name }) => `
      <li data-species="${key}"><span class="name">${name}</span>
        <span class="bar" part="bar" aria-hidden="true"><span class="fill" part="bar-fill"></span></span>
        <span class="pct">0 %</span></li>`).join('')}
    </ul>
    <ul class="warnings" part="warnings" hidden></ul>
  </section>
</div>`;

let sheet = null;
let template = null;

/** The one stylesheet and template all elements share (built on first use). */
function shared() {
  if (!sheet) {
    // A constructed stylesheet is not an inline <style>, so a strict
    // Content-Security-Policy (no 'unsafe-inline') does not block it.
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    template = document.createElement('template');
    template.innerHTML = MARKUP;
  }
  return { sheet, template };
}

function percent(p) {
  const value = p * 100;
  if (value > 0 && value < 0.1) return '<0.1 %';
  if (value < 100 && value > 99.9) return '>99.9 %';
  return `${value.toFixed(1)} %`;
}

/** The `<iris-classifier>` element. */
export class IrisClassifierElement extends HTMLElement {
  static get observedAttributes() {
    return [...FIELDS.map((f) => f.attr), 'theme'];
  }

  /** Registers the element (default name `iris-classifier`); returns the class. */
  static define(tag = 'iris-classifier', registry = customElements) {
    registry.define(tag, this);
    return this;
  }

  #root;
  #ui;
  #state = 'loading';
  #touched = new Set();
  #rejected = new Map(); // field -> attribute text that is not a number
  #prediction = null;
  #pending = false;
  #media = null;
  #onInput = (event) => this.#handleInput(event);
  #onSubmit = (event) => {
    event.preventDefault();
    FIELDS.forEach((f) => this.#touched.add(f.prop));
    this.#update();
  };
  // Enter in any field predicts now (a form of several fields and no submit
  // button has no implicit submission).
  #onKeydown = (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement) this.#onSubmit(event);
  };
  #onScheme = () => this.#applyTheme();

  constructor() {
    super();
    const { sheet: css, template: markup } = shared();
    this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [css];
    this.#root.replaceChildren(markup.content.cloneNode(true));
    const $ = (selector) => this.#root.querySelector(selector);
    this.#ui = {
      root: $('.root'),
      form: $('form'),
      status: $('.status'),
      bars: $('.bars'),
      warnings: $('.warnings'),
      fields: Object.fromEntries(
        FIELDS.map((f) => {
          const box = $(`[data-field="${f.prop}"]`);
          return [f.prop, {
            input: box.querySelector('input[type="number"]'),
            slider: box.querySelector('input[type="range"]'),
            error: box.querySelector('.error'),
          }];
        }),
      ),
    };
  }

  connectedCallback() {
    this.#ui.form.addEventListener('input', this.#onInput);
    this.#ui.form.addEventListener('submit', this.#onSubmit);
    this.#ui.form.addEventListener('keydown', this.#onKeydown);
    this.#media = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.#media?.addEventListener('change', this.#onScheme);
    this.#applyTheme();
    FIELDS.forEach((f) => this.#fromAttribute(f));
    init().then(
      () => {
        if (this.#state === 'loading' || this.#state === 'failed') this.#state = 'ready';
        this.#update();
      },
      (error) => this.#fail(error),
    );
  }

  disconnectedCallback() {
    this.#ui.form.removeEventListener('input', this.#onInput);
    this.#ui.form.removeEventListener('submit', this.#onSubmit);
    this.#ui.form.removeEventListener('keydown', this.#onKeydown);
    this.#media?.removeEventListener('change', this.#onScheme);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'theme') {
      this.#applyTheme();
      return;
    }
    const field = FIELDS.find((f) => f.attr === name);
    if (!field) return;
    this.#fromAttribute(field);
    this.#schedule();
  }

  get theme() {
    const value = this.getAttribute('theme');
    return THEMES.includes(value) ? value : 'auto';
  }

  set theme(value) {
    this.setAttribute('theme', value);
  }

  get compact() {
    return this.hasAttribute('compact');
  }

  set compact(value) {
    this.toggleAttribute('compact', Boolean(value));
  }

  /** The current prediction, or null when the inputs are incomplete or invalid. */
  get prediction() {
    return this.#prediction;
  }

  // The attribute sets a value; typing changes what the property reads, like
  // <input value>. Setting the property sets the attribute.
  #fromAttribute(field) {
    const text = this.getAttribute(field.attr);
    const { input, slider } = this.#ui.fields[field.prop];
    this.#rejected.delete(field.prop);
    if (text === null || text.trim() === '') {
      input.value = '';
      return;
    }
    const value = Number(text.trim());
    this.#touched.add(field.prop);
    if (Number.isNaN(value)) {
      this.#rejected.set(field.prop, text);
      input.value = '';
    } else {
      input.value = String(value);
      slider.value = String(value);
    }
  }

  #handleInput(event) {
    const target = event.target;
    const field = FIELDS.find((f) => target.closest(`[data-field="${f.prop}"]`));
    if (!field) return;
    const { input, slider } = this.#ui.fields[field.prop];
    if (target === slider) {
      input.value = slider.value;
    } else if (input.value !== '' && !Number.isNaN(input.valueAsNumber)) {
      slider.value = input.value;
    }
    this.#touched.add(field.prop);
    this.#rejected.delete(field.prop);
    this.#update();
  }

  /** Batches a burst of attribute changes into one update. */
  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#update();
    });
  }

  /** What each field holds, as the predictor should see it. */
  #inputs() {
    const inputs = {};
    for (const { prop } of FIELDS) {
      const { input } = this.#ui.fields[prop];
      if (this.#rejected.has(prop)) {
        inputs[prop] = this.#rejected.get(prop);
      } else if (input.validity.badInput) {
        inputs[prop] = Number.NaN;
      } else if (input.value === '') {
        inputs[prop] = undefined;
      } else {
        inputs[prop] = input.valueAsNumber;
      }
    }
    return inputs;
  }

  #update() {
    if (this.#state !== 'ready') return;
    const inputs = this.#inputs();
    let result;
    try {
      result = predict(inputs);
    } catch (error) {
      this.#invalid(error);
      return;
    }
    this.#clearErrors();
    this.#prediction = { inputs, ...result };
    this.#render(result);
    this.#emit('iris-prediction', this.#prediction);
  }

  #invalid(error) {
    this.#prediction = null;
    const errors = Array.isArray(error?.errors) ? error.errors : [error];
    const shown = errors.filter((e) => e?.field && (e.code !== 'missing' || this.#touched.has(e.field)));
    this.#clearErrors();
    for (const e of shown) {
      const field = FIELDS.find((f) => f.prop === e.field);
      const { input, error: message } = this.#ui.fields[e.field];
      message.textContent = `${field.label} ${e.reason}.`;
      message.hidden = false;
      input.setAttribute('aria-invalid', 'true');
    }
    this.#ui.bars.hidden = true;
    this.#ui.warnings.hidden = true;
    if (shown.length > 0) {
      this.#setState('invalid', shown.length === 1
        ? 'Fix the highlighted value to see a prediction.'
        : 'Fix the highlighted values to see a prediction.');
      for (const e of shown) {
        this.#emit('iris-error', { field: e.field, code: e.code, reason: e.reason, message: e.message });
      }
    } else if (errors.some((e) => e?.field)) {
      this.#setState('incomplete', 'Enter all four measurements to see the species.');
    } else {
      this.#setState('invalid', `Could not predict: ${error?.message ?? error}`);
      this.#emit('iris-error', { field: null, code: 'internal', reason: '', message: String(error?.message ?? error) });
    }
  }

  #render(result) {
    const best = SPECIES.find((s) => s.key === result.species);
    const status = this.#ui.status;
    const name = document.createElement('span');
    name.className = 'species';
    name.setAttribute('part', 'species');
    name.textContent = best.name;
    status.replaceChildren(name, ` · ${percent(result.probabilities[result.species])} probability`);
    this.#ui.root.dataset.state = 'result';
    this.#ui.root.dataset.species = result.species;
    for (const { key } of SPECIES) {
      const row = this.#ui.bars.querySelector(`[data-species="${key}"]`);
      const p = result.probabilities[key];
      row.querySelector('.fill').style.width = `${(p * 100).toFixed(2)}%`;
      row.querySelector('.pct').textContent = percent(p);
    }
    this.#ui.bars.hidden = false;
    this.#ui.warnings.replaceChildren(...result.warnings.map((w) => {
      const item = document.createElement('li');
      item.textContent = `${w.message[0].toUpperCase()}${w.message.slice(1)}.`;
      return item;
    }));
    this.#ui.warnings.hidden = result.warnings.length === 0;
  }

  #clearErrors() {
    for (const { prop } of FIELDS) {
      const { input, error } = this.#ui.fields[prop];
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
  }

  #setState(state, message) {
    this.#ui.root.dataset.state = state;
    delete this.#ui.root.dataset.species;
    this.#ui.status.textContent = message;
  }

  #fail(error) {
    this.#state = 'failed';
    this.#prediction = null;
    this.#ui.bars.hidden = true;
    this.#setState('failed', 'The classifier could not start, so no prediction can be made here. '
      + 'It needs JavaScript modules and WebAssembly to be allowed on this page. '
      + `(${error?.message ?? error})`);
    this.#emit('iris-error', { field: null, code: 'load-failed', reason: '', message: String(error?.message ?? error) });
  }

  #applyTheme() {
    const theme = this.theme;
    const dark = theme === 'dark' || (theme === 'auto' && Boolean(this.#media?.matches));
    this.#ui.root.classList.toggle('dark', dark);
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }
}

for (const { attr, prop } of FIELDS) {
  Object.defineProperty(IrisClassifierElement.prototype, prop, {
    configurable: true,
    enumerable: true,
    /** The current value (cm) of the field, or null when it is empty or not a number. */
    get() {
      const value = this.shadowRoot?.getElementById(prop)?.valueAsNumber;
      return value === undefined || Number.isNaN(value) ? null : value;
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(attr);
      else this.setAttribute(attr, String(value));
    },
  });
}

try {
  if (!customElements.get('iris-classifier')) IrisClassifierElement.define();
} catch (error) {
  // Another script defined the name between the check and here: keep theirs.
  if (!(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
}
