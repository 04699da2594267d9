// The <iris-classifier> element: four measurement fields, the species the
// model predicts, how sure it is and why to be careful. Registration is in
// widget.js; styles, markup, words and the shared predictor are beside this
// file.
//
// Its public API is declared once, in the JSDoc block on the class below
// (and the typedefs before it); `cargo xtask codegen` writes from it
// custom-elements.json, widget.d.ts, the React and Vue types and
// docs/embedding.md's tables (`--check`, in lint, fails on drift). The four
// measurement attributes and properties come from crate/core's facts. Tags:
//   @prop {type} [readonly] name[=default] [(attribute)] - description
//   @attr {type} name - description          (an attribute with no property of its own)
//   @method [static] name(params): type - description
//   @fires {detail type} name - description
//   @csspart name - description     @cssprop name - description     @slot name - description
// Placeholders filled in from crate/core: {LANGUAGE} (the codes as a type),
// {LANGUAGES} ("en, es or fr"), {COMMA_LANGUAGES}, {COVERAGE} ("95 %").

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

/** The validity flag a rejected measurement sets, by error code (else badInput). */
const FLAGS = { missing: 'valueMissing', 'not-positive': 'rangeUnderflow', 'too-large': 'rangeOverflow' };

/** @typedef {import('../iris.js').Field} Field */
/** @typedef {import('../iris.js').Measurements} Measurements */
/** @typedef {import('../iris.js').PredictionWarning} PredictionWarning */
/** @typedef {import('../iris.js').Species} Species */

/**
 * `event.detail` of `iris-prediction`: every new prediction.
 * @typedef {object} IrisPredictionDetail
 * @property {Measurements} inputs - The measurements predicted from.
 * @property {Species} species - The most probable species.
 * @property {Record<Species, number>} probabilities - Each species' probability.
 * @property {Species[]} set - The prediction set, most probable first (see iris.d.ts, `Prediction.set`).
 * @property {PredictionWarning[]} warnings - What makes the prediction less certain, e.g. an extrapolation.
 */

/**
 * `event.detail` of `iris-error`: a rejected value, or a module that cannot start.
 * @typedef {object} IrisErrorDetail
 * @property {Field | null} field - The rejected field, or null when the module could not start.
 * @property {string} code - An error code of iris.js, or 'load-failed'.
 * @property {string} reason - A few words for a person, e.g. "must be greater than 0 cm".
 * @property {string} message - The whole message, in English.
 */

/**
 * Classifies an iris flower from four measurements, in the visitor's browser.
 *
 * @tag iris-classifier
 * @prop {'light' | 'dark' | 'auto'} theme='auto' (theme) - Colours: light, dark, or auto (follows prefers-color-scheme); unknown values read as auto.
 * @prop {boolean} compact=false (compact) - No sliders, fields in a grid.
 * @prop {boolean} plot=false (plot) - Show the decision map: the species the model predicts over two measurements, drawn by the explorer module (loaded when first needed); click or use the arrow keys on it to set them.
 * @prop {boolean} explain=false (explain) - Show why: each measurement's share of the decision, an uncertain answer (a prediction set of more than one species) said plainly, the nearest training flowers (loaded when first needed).
 * @prop {string} name (name) - In a host form, the prefix of the fields it submits: NAME.sepalLength, NAME.sepalWidth, NAME.petalLength, NAME.petalWidth (as typed) and NAME.species (when there is a prediction); without a name ('') it submits nothing.
 * @attr {string} lang - The language the element speaks: {LANGUAGES}, with numbers as the language writes them (5,1 in {COMMA_LANGUAGES}). Without it, the nearest lang around the element, then the browser's languages; otherwise English.
 * @prop {IrisPredictionDetail | null} readonly prediction - The current prediction, or null when the inputs are incomplete or invalid.
 * @prop {Promise<void> | null} readonly ready - Resolves once the classifier has started in this element; rejects with the reason when it could not. Null until the element is connected.
 * @prop {{LANGUAGE}} readonly language - The language the element speaks now (its lang, else the nearest lang around it, else the browser's).
 * @prop {HTMLFormElement | null} readonly form - The host form it belongs to, or null.
 * @prop {ValidityState} readonly validity - Invalid while a measurement is missing or rejected (valueMissing, rangeUnderflow, rangeOverflow, badInput) or before the model has started (customError).
 * @prop {string} readonly validationMessage - Why it is invalid, in its language (the field's own message), or ''.
 * @prop {boolean} readonly willValidate - Whether a host form validates it (not when disabled).
 * @method static define(tag?: string, registry?: CustomElementRegistry): typeof IrisClassifierElement - Registers the element (default name iris-classifier); returns the class.
 * @method checkValidity(): boolean - As a form control's: false, and an invalid event, while it is invalid.
 * @method reportValidity(): boolean - As checkValidity(), and the browser shows the message at the field concerned.
 * @method toDataURL(type?: string, quality?: number): string - The decision map as drawn, with a caption (species, probability, the four measurements, in its language), as a data: URL (PNG unless type says otherwise); throws unless plot is set and the map is drawn.
 * @method toBlob(type?: string, quality?: number): Promise<Blob> - The same image as a Blob, once the map is drawn; rejects unless plot is set and there is a flower.
 * @fires {IrisPredictionDetail} iris-prediction - Every new prediction: inputs, species, probabilities, set, warnings. Bubbles and is composed.
 * @fires {IrisErrorDetail} iris-error - A rejected value (field, code, reason, message), or a module that cannot start (field null, code 'load-failed'). Bubbles and is composed.
 * @csspart root - The whole card.
 * @csspart form - The measurement fields.
 * @csspart field - One measurement: label, input, slider, error.
 * @csspart label - A field's label.
 * @csspart input - A field's text input.
 * @csspart slider - A field's slider.
 * @csspart error - Why a field's value is rejected.
 * @csspart result - The answer.
 * @csspart status - The live region: species and probability, or what to do.
 * @csspart species - The predicted species' name.
 * @csspart set - The prediction set in words: the species that cannot be ruled out at the model card's coverage ({COVERAGE}).
 * @csspart bars - The probability of each species.
 * @csspart bar - One probability's track.
 * @csspart bar-fill - One probability's filled share.
 * @csspart warnings - Notes that make the prediction less certain, e.g. an extrapolation.
 * @csspart explorer - The map and the explanation (with plot or explain).
 * @csspart map - The decision map, its axis choices and its table.
 * @csspart map-canvas - The map's canvas.
 * @csspart why - The explanation.
 * @cssprop --iris-font - Font family (system-ui).
 * @cssprop --iris-font-size - Font size (16px; 14px compact).
 * @cssprop --iris-fg - Text colour.
 * @cssprop --iris-bg - Background colour.
 * @cssprop --iris-border - Border colour.
 * @cssprop --iris-accent - Accent: bars, focus rings, sliders.
 * @cssprop --iris-track - Bar tracks and rules.
 * @cssprop --iris-muted - Secondary text.
 * @cssprop --iris-error - Error text and invalid fields.
 * @cssprop --iris-warning - Warning text.
 * @cssprop --iris-radius - Corner radius (12px).
 */
export class IrisClassifierElement extends HTMLElement {
  /** It takes part in a host `<form>` (ElementInternals). */
  static formAssociated = true;

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
  /** @type {((texts: string[]) => any) | null} */
  #predict = null;
  #touched = new Set();
  /** @type {IrisPredictionDetail | null} */
  #prediction = null;
  #pending = false;
  /** @type {MediaQueryList | null} */
  #media = null;
  #onInput = (event) => this.#handleInput(event);
  #onSubmit = (event) => {
    event.preventDefault();
    FIELDS.forEach((f) => this.#touched.add(f.name));
    this.#update();
  };
  #onKeydown = (event) => this.#handleKeydown(event);
  #onScheme = () => this.#applyTheme();
  /** @type {Promise<{ update(values: Measurements, options: object): void, hide(): void, settled(): Promise<void> }> | null} */
  #view = null;
  /** @type {{ image(prediction: IrisPredictionDetail | null): HTMLCanvasElement, blob(prediction: IrisPredictionDetail | null, type?: string, quality?: number): Promise<Blob> } | null} */
  #mounted = null;
  /** @type {Promise<void> | null} */
  #ready = null;
  #lang = 'en';
  #words = ENGLISH;
  /** @type {string | null} */
  #asked = null;
  #internals = this.attachInternals();

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

  /** The host form this element belongs to, or null. */
  get form() {
    return this.#internals.form;
  }

  /** Its validity: invalid while a measurement is missing or rejected, or before the model has started. */
  get validity() {
    return this.#internals.validity;
  }

  /** Why it is invalid, in its language, or ''. */
  get validationMessage() {
    return this.#internals.validationMessage;
  }

  /** Whether a host form validates it (true unless it is disabled). */
  get willValidate() {
    return this.#internals.willValidate;
  }

  /** As a form control's: false (and an `invalid` event) while it is invalid. */
  checkValidity() {
    return this.#internals.checkValidity();
  }

  /** As `checkValidity()`, and the browser shows the message at the field concerned. */
  reportValidity() {
    return this.#internals.reportValidity();
  }

  /** Its `name`: the prefix of the fields it submits (`name.sepalLength`, …, `name.species`). */
  get name() {
    return this.getAttribute('name') ?? '';
  }

  set name(value) {
    this.setAttribute('name', value);
  }

  /** `form.reset()`: the fields go back to the attributes' values. */
  formResetCallback() {
    this.#touched.clear();
    FIELDS.forEach((f) => this.#fromAttribute(f));
    this.#update();
  }

  /** The browser restores the fields' texts (back, forward, autofill of a reloaded form). */
  formStateRestoreCallback(state) {
    if (!(state instanceof FormData)) return;
    for (const { name } of FIELDS) {
      const text = state.get(name);
      if (typeof text !== 'string') continue;
      this.#ui.fields[name].input.value = text;
      if (text !== '') this.#touched.add(name);
      this.#syncSlider(name);
    }
    this.#update();
  }

  /** A disabled `<fieldset>` around it disables its fields. */
  formDisabledCallback(disabled) {
    for (const { input, slider } of Object.values(this.#ui.fields)) {
      input.disabled = disabled;
      slider.disabled = disabled;
    }
  }

  /**
   * What a host form submits and restores: each measurement as typed and the
   * species as `NAME.FIELD`; invalid, with the field's own message, while a
   * measurement is missing or rejected.
   */
  #toForm(errors) {
    const name = this.name ?? '';
    const value = new FormData();
    const state = new FormData();
    for (const f of FIELDS) {
      const text = this.#ui.fields[f.name].input.value;
      value.append(`${name}.${f.name}`, String(this.#number(f.name) ?? text));
      state.append(f.name, text);
    }
    if (this.#prediction) value.append(`${name}.species`, this.#prediction.species);
    this.#internals.setFormValue(value, state);
    const first = errors?.[0];
    if (!first) {
      this.#internals.setValidity({});
      return;
    }
    const message = first.field ? fieldError(this.#words, first) : first.text;
    this.#internals.setValidity({ [FLAGS[first.code] ?? (first.field ? 'badInput' : 'customError')]: true }, message, first.field ? this.#ui.fields[first.field].input : undefined);
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
    const value = this.getAttribute('theme') ?? 'auto';
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
    if (state === 'loading') this.#notReady(w.loading);
    else if (state === 'failed') this.#notReady(w.failed(this.#failure instanceof Error ? this.#failure.message : String(this.#failure)));
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
      // As Enter in a form's field would: the host form is submitted (it checks validity first).
      this.#internals.form?.requestSubmit();
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
    this.#toForm(null);
    if (emit) this.#emit('iris-prediction', this.#prediction);
    this.#explore();
  }

  /** The view that draws the map; it checks that there is one to save. */
  #map() {
    if (!this.#mounted) throw new Error('iris-classifier: set plot and a valid flower first');
    return this.#mounted;
  }

  /** The decision map as drawn, with its caption, as a data: URL (see the class's API). */
  toDataURL(type, quality) {
    return this.#map().image(this.#prediction).toDataURL(type, quality);
  }

  /** The same image as a Blob, once the map is drawn. */
  async toBlob(type, quality) {
    await this.#ready;
    await (await this.#view)?.settled();
    return this.#map().blob(this.#prediction, type, quality);
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
    this.#view ??= import('../explorer-view.js').then((m) => m.mount(this.#root, this)).then((view) => {
      this.#mounted = view;
      return view;
    });
    const dark = this.#ui.root.classList.contains('dark');
    this.#view.then((view) => {
      if (inputs) view.update(inputs, { plot, explain, dark, lang: this.#lang });
      else view.hide();
    }, (error) => this.#emit('iris-error', { field: null, code: 'load-failed', reason: '', message: String(error?.message ?? error) }));
  }

  #invalid(error, emit) {
    this.#prediction = null;
    this.#clearErrors();
    this.#toForm(Array.isArray(error?.errors) ? error.errors : [{ field: null, text: this.#words.internal(error?.message ?? error) }]);
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
    const label = (species) => SPECIES.find((s) => s.name === species)?.label ?? species;
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

  /** @type {unknown} */
  #failure = null;

  /** Loading or failed: `text` is the status, and a host form cannot be submitted yet. */
  #notReady(text) {
    this.#ui.status.textContent = text;
    this.#toForm([{ field: null, text }]);
  }

  #fail(error) {
    this.#failure = error;
    this.#prediction = null;
    this.#ui.bars.hidden = true;
    const message = String(error?.message ?? error);
    this.#setState('failed', '');
    this.#notReady(this.#words.failed(message));
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
