// The <iris-classifier> element: four measurement fields, the species the
// model predicts, how sure it is and why to be careful. Registration is in
// widget.js; styles, markup, words and the shared predictor are beside this
// file. Attributes, properties, events, parts and custom properties are
// listed in docs/embedding.md, widget.d.ts and custom-elements.json.

import { COVERAGE, FIELDS, SPECIES, STEP_CM } from '../generated/facts.js';
import { exact, percent, pick, readable } from '../i18n/languages.js';
import { ENGLISH, fieldError, warningText, wordsFor } from './messages.js';
import { predictor } from './predictor.js';
import { styles } from './styles.js';
import { content } from './template.js';

const THEMES = ['light', 'dark', 'auto'];

/**
 * What the element shows, one state at a time, recorded only as its root's
 * `data-state`: loading → failed, or incomplete | invalid | result.
 */
const STATES = ['loading', 'failed', 'incomplete', 'invalid', 'result'];

export class IrisClassifierElement extends HTMLElement {
  static get observedAttributes() {
    return [...FIELDS.map((f) => f.attribute), 'theme', 'plot', 'explain', 'lang'];
  }

  /** Registers the element (default name `iris-classifier`); returns the class. */
  static define(tag = 'iris-classifier', registry = customElements) {
    registry.define(tag, this);
    return this;
  }

  // One property per measurement (sepalLength, …), from the generated facts:
  // the number the field holds now, or null; setting it sets the attribute.
  static {
    for (const { name, attribute } of FIELDS) {
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        enumerable: true,
        get() { return this.#number(name); },
        set(value) {
          if (value === null || value === undefined) this.removeAttribute(attribute);
          else this.setAttribute(attribute, String(value));
        },
      });
    }
  }

  #root;
  #ui;
  #predict = null;
  #touched = new Set();
  #prediction = null;
  #pending = false;
  #media = null;
  #onInput = (event) => this.#handleInput(event);
  #onSubmit = (event) => {
    event.preventDefault();
    FIELDS.forEach((f) => this.#touched.add(f.name));
    this.#update();
  };
  #onKeydown = (event) => this.#handleKeydown(event);
  #onScheme = () => this.#applyTheme();
  #view = null;
  #ready = null;
  #lang = 'en';
  #words = ENGLISH;
  #asked = null;

  constructor() {
    super();
    this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
    this.#root.replaceChildren(content().cloneNode(true));
    const $ = (selector) => this.#root.querySelector(selector);
    this.#ui = {
      root: $('.root'),
      form: $('form'),
      status: $('.status'),
      result: $('.result'),
      bars: $('.bars'),
      warnings: $('.warnings'),
      fields: Object.fromEntries(FIELDS.map(({ name }) => {
        const box = $(`[data-field="${name}"]`);
        return [name, {
          label: box.querySelector('label'),
          input: box.querySelector('input.value'),
          slider: box.querySelector('input.slider'),
          error: box.querySelector('.error'),
        }];
      })),
    };
    // English until the element knows its language.
    this.#localize();
  }

  connectedCallback() {
    this.#ui.form.addEventListener('input', this.#onInput);
    this.#ui.form.addEventListener('submit', this.#onSubmit);
    this.#ui.form.addEventListener('keydown', this.#onKeydown);
    this.#media = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.#media?.addEventListener('change', this.#onScheme);
    this.#applyTheme();
    this.#language();
    FIELDS.forEach((f) => this.#fromAttribute(f));
    this.#ready = predictor().then(
      (predict) => {
        this.#predict = predict;
        this.#update();
      },
      (error) => {
        this.#fail(error);
        throw error;
      },
    );
    this.#ready.catch(() => {});
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
    if (name === 'plot' || name === 'explain') {
      this.#explore();
      return;
    }
    if (name === 'lang') {
      if (this.isConnected) this.#language();
      return;
    }
    const field = FIELDS.find((f) => f.attribute === name);
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

  get plot() {
    return this.hasAttribute('plot');
  }

  set plot(value) {
    this.toggleAttribute('plot', Boolean(value));
  }

  get explain() {
    return this.hasAttribute('explain');
  }

  set explain(value) {
    this.toggleAttribute('explain', Boolean(value));
  }

  /** The current prediction, or null when the inputs are incomplete or invalid. */
  get prediction() {
    return this.#prediction;
  }

  /**
   * Resolves once the classifier has started in this element (the first
   * prediction, if the fields are filled, is then shown); rejects with the
   * reason when it could not start. Null until the element is connected.
   */
  get ready() {
    return this.#ready;
  }

  /** The language the element speaks (`en`, `es` or `fr`). */
  get language() {
    return this.#lang;
  }

  // Its own `lang`, else the nearest `lang` around it, else the browser's.
  #language() {
    const lang = pick([this.closest('[lang]')?.getAttribute('lang'), ...(navigator.languages ?? [])]);
    if (lang === this.#asked) return;
    this.#asked = lang;
    wordsFor(lang).then((words) => {
      if (this.#asked === lang) this.#speak(lang, words);
    }, () => {
      // The catalogue could not be fetched: the element keeps its words.
      this.#asked = null;
    });
  }

  /** Speaks `lang` with `words` from now on. */
  #speak(lang, words) {
    if (lang === this.#lang && words === this.#words) return;
    // Numbers in the fields are rewritten with the new decimal mark.
    for (const { name } of FIELDS) {
      const value = this.#number(name);
      if (value !== null) this.#ui.fields[name].input.value = exact(value, lang);
    }
    this.#lang = lang;
    this.#words = words;
    this.#localize();
  }

  /** Every word the element shows, in its language. */
  #localize() {
    const w = this.#words;
    this.#ui.root.lang = this.#lang;
    for (const { name } of FIELDS) {
      const { label, slider } = this.#ui.fields[name];
      label.textContent = w.fields[name];
      slider.setAttribute('aria-label', w.slider(w.fields[name]));
    }
    this.#ui.result.setAttribute('aria-label', w.prediction);
    this.#ui.bars.setAttribute('aria-label', w.probabilities);
    const state = this.#ui.root.dataset.state;
    if (state === 'loading') this.#ui.status.textContent = w.loading;
    else if (state === 'failed') this.#ui.status.textContent = w.failed(String(this.#failure?.message ?? this.#failure));
    // The same prediction or errors, re-worded: not a new prediction to announce.
    else this.#update(false);
  }

  /** The field's text as a number, or null when it is empty or not one. */
  #number(name) {
    const text = readable(this.#ui.fields[name].input.value.trim(), this.#lang);
    const value = Number(text);
    return text === '' || !Number.isFinite(value) ? null : value;
  }

  // The attribute sets the field's text, like <input value>; typing changes
  // what the property reads. Setting the property sets the attribute.
  // A number is shown as the number it is (`6.0` as `6`, as a number input
  // would); anything else as written, so its error can point at it.
  #fromAttribute({ name, attribute }) {
    const text = (this.getAttribute(attribute) ?? '').trim();
    const value = Number(text);
    this.#ui.fields[name].input.value = text !== '' && Number.isFinite(value) ? exact(value, this.#lang) : text;
    if (text !== '') this.#touched.add(name);
    this.#syncSlider(name);
  }

  #syncSlider(name) {
    const value = this.#number(name);
    if (value !== null) this.#ui.fields[name].slider.value = String(value);
  }

  #fieldOf(target) {
    return FIELDS.find((f) => target.closest(`[data-field="${f.name}"]`))?.name;
  }

  #handleInput(event) {
    const name = this.#fieldOf(event.target);
    if (!name) return;
    const { input, slider } = this.#ui.fields[name];
    if (event.target === slider) input.value = exact(Number(slider.value), this.#lang);
    else this.#syncSlider(name);
    this.#touched.add(name);
    this.#update();
  }

  // Enter predicts now (a form of several fields and no submit button has no
  // implicit submission); arrow keys step a field's number, as a number input would.
  #handleKeydown(event) {
    const target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    if (event.key === 'Enter') {
      this.#onSubmit(event);
      return;
    }
    const step = { ArrowUp: STEP_CM, ArrowDown: -STEP_CM }[event.key];
    const name = this.#fieldOf(target);
    if (step === undefined || !target.classList.contains('value') || !name) return;
    const value = this.#number(name);
    if (value === null) return;
    event.preventDefault();
    target.value = exact(Math.max(STEP_CM, Math.round((value + step) * 10) / 10), this.#lang);
    target.dispatchEvent(new Event('input', { bubbles: true }));
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

  /** Predicts from the fields and shows it; `emit` announces it (`iris-prediction`, or `iris-error` for each refused value). */
  #update(emit = true) {
    if (!this.#predict) return;
    const texts = FIELDS.map(({ name }) => readable(this.#ui.fields[name].input.value, this.#lang));
    let result;
    try {
      result = this.#predict(texts);
    } catch (error) {
      this.#invalid(error, emit);
      return;
    }
    this.#clearErrors();
    const inputs = Object.fromEntries(FIELDS.map(({ name }) => [name, this.#number(name)]));
    this.#prediction = { inputs, ...result };
    this.#render(result);
    if (emit) this.#emit('iris-prediction', this.#prediction);
    this.#explore();
  }

  /** The map and explanation (`plot`, `explain`), loaded on first need. */
  #explore() {
    const plot = this.hasAttribute('plot');
    const explain = this.hasAttribute('explain');
    if (!plot && !explain) {
      this.#view?.then((view) => view.hide());
      return;
    }
    const inputs = this.#prediction?.inputs;
    // Fetched with the first prediction to explain, so it never slows that one down.
    if (!inputs && !this.#view) return;
    this.#view ??= import('../explorer-view.js').then((m) => m.mount(this.#root, this));
    const dark = this.#ui.root.classList.contains('dark');
    this.#view.then((view) => {
      if (inputs) view.update(inputs, { plot, explain, dark, lang: this.#lang });
      else view.hide();
    }, (error) => this.#emit('iris-error', { field: null, code: 'load-failed', reason: '', message: String(error?.message ?? error) }));
  }

  #invalid(error, emit) {
    this.#prediction = null;
    this.#clearErrors();
    this.#ui.bars.hidden = true;
    this.#ui.warnings.hidden = true;
    if (!Array.isArray(error?.errors)) {
      this.#setState('invalid', this.#words.internal(error?.message ?? error));
      if (emit) this.#emit('iris-error', { field: null, code: 'internal', reason: '', message: String(error?.message ?? error) });
      return;
    }
    // A field nobody has touched yet is not an error, just not filled in.
    const shown = error.errors.filter((e) => e.code !== 'missing' || this.#touched.has(e.field));
    for (const e of shown) {
      const { input, error: message } = this.#ui.fields[e.field];
      message.textContent = fieldError(this.#words, e);
      message.hidden = false;
      input.setAttribute('aria-invalid', 'true');
    }
    if (shown.length === 0) {
      this.#setState('incomplete', this.#words.incomplete);
      return;
    }
    this.#setState('invalid', shown.length === 1 ? this.#words.fixOne : this.#words.fixMany);
    if (!emit) return;
    for (const e of shown) {
      this.#emit('iris-error', { field: e.field, code: e.code, reason: e.reason, message: e.message });
    }
  }

  #render(result) {
    const name = document.createElement('span');
    name.className = 'species';
    name.setAttribute('part', 'species');
    const label = (species) => SPECIES.find((s) => s.name === species).label;
    name.textContent = label(result.species);
    // The prediction set, in words: its guarantee holds only for flowers
    // like the training data's, so a warning replaces it.
    const set = document.createElement('span');
    set.className = 'set';
    set.setAttribute('part', 'set');
    const coverage = `${exact(COVERAGE * 100, this.#lang)} %`;
    set.textContent = result.warnings.length
      ? this.#words.setOutside(coverage)
      : this.#words.set(coverage, result.set.map(label));
    this.#setState('result', '');
    this.#ui.status.replaceChildren(name, ` · ${percent(result.probabilities[result.species], this.#lang)} ${this.#words.probability}. `, set);
    this.#ui.root.dataset.species = result.species;
    for (const { name: species } of SPECIES) {
      const row = this.#ui.bars.querySelector(`[data-species="${species}"]`);
      const p = result.probabilities[species];
      row.querySelector('.fill').style.width = `${(p * 100).toFixed(2)}%`;
      row.querySelector('.pct').textContent = percent(p, this.#lang);
    }
    this.#ui.bars.hidden = false;
    this.#ui.warnings.replaceChildren(...result.warnings.map((w) => {
      const item = document.createElement('li');
      item.textContent = warningText(this.#words, this.#lang, w);
      return item;
    }));
    this.#ui.warnings.hidden = result.warnings.length === 0;
  }

  #clearErrors() {
    for (const { input, error } of Object.values(this.#ui.fields)) {
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
  }

  /** The one place the state changes (the root's data-state holds it). */
  #setState(state, status) {
    if (!STATES.includes(state)) throw new Error(`unknown state ${state}`);
    this.#ui.root.dataset.state = state;
    delete this.#ui.root.dataset.species;
    this.#ui.status.textContent = status;
  }

  #failure = null;

  #fail(error) {
    this.#failure = error;
    this.#prediction = null;
    this.#ui.bars.hidden = true;
    const message = String(error?.message ?? error);
    this.#setState('failed', this.#words.failed(message));
    this.#emit('iris-error', { field: null, code: 'load-failed', reason: '', message });
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
