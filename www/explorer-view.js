// explorer-view.js: the decision map and the explanation inside an
// <iris-classifier plot explain>, fetched only when one of those attributes
// is set. The explorer's wasm module does the work: it draws the map into
// the canvas (web-sys) and explains the prediction (serde-wasm-bindgen).

import { FIELDS, SPECIES, STEP_CM, UNIT } from './generated/facts.js';
import { catalogue, exact, number } from './i18n/languages.js';
import { load } from './explorer.js';
import { h } from './dom.js';

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

const CSS = `
:host { container-type: inline-size; }
.explorer { display: grid; gap: .75rem; align-content: start; margin-top: 1em; border-top: 1px solid var(--track); padding-top: .75em; }
@container (min-width: 40rem) {
  .root:has(> .explorer:not([hidden])) { display: grid; grid-template: auto 1fr / minmax(15rem, 1fr) minmax(18rem, 1.25fr); column-gap: 1.5rem; }
  .root > form, .root > .result { align-self: start; }
  .root > .explorer { grid-column: 2; grid-row: 1 / span 2; margin-top: 0; border-top: 0; padding-top: 0; }
}
.explorer[hidden], .explorer [hidden] { display: none; }
.explorer .axes { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
.root.dark { color-scheme: dark; }
.explorer select, .explorer button { font: inherit; color: inherit; background: transparent; border: 1px solid var(--muted); border-radius: .4rem; padding: .15rem .4rem; }
.explorer button { border-color: var(--accent); cursor: pointer; text-align: left; }
.explorer button:hover { background: color-mix(in srgb, var(--accent) 15%, transparent); }
.explorer select:focus-visible, .explorer button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.explorer canvas { width: 100%; max-width: 22rem; aspect-ratio: 1; display: block; border-radius: .25rem; touch-action: none; }
.explorer canvas:focus-visible { outline: 3px solid currentColor; outline-offset: 2px; }
.explorer .map-text, .explorer .why-text { margin: 0; }
.explorer .uncertain { margin: 0; font-weight: 600; }
.explorer table { border-collapse: collapse; font-size: .85em; }
.explorer th, .explorer td { padding: .1rem .4rem; text-align: right; }
.explorer .contributions { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: auto 1fr auto; gap: .25rem .5rem; }
.explorer .contributions li { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; align-items: center; }
.explorer .track { position: relative; height: .6rem; background: color-mix(in srgb, currentColor 12%, transparent); border-radius: .3rem; }
.explorer .track span { position: absolute; top: 0; bottom: 0; background: currentColor; border-radius: .3rem; }
.explorer .nearest { margin: 0; padding-left: 1.25rem; }
/* Printed: the values, the result, the map (the canvas prints as an image) and why; no controls. */
@media print { .slider, .explorer .axes { display: none; } .explorer button { border: 0; padding: 0; } }
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/** @typedef {typeof import('./i18n/en.js').explorer} ExplorerWords */
/** @typedef {import('./iris.js').Measurements} Values the flower, by field name */
/**
 * What the explorer module reports after drawing the map.
 * @typedef {{ x: string, y: string, xMax: number, yMax: number,
 *   plot: { left: number, top: number, width: number, height: number },
 *   region: string | null, boundary: { species: string, distance: number } | null }} DrawnMap
 */

/** Mounts the explorer in an element's shadow `root`; resolves to its view. */
export async function mount(root, host) {
  const api = await load();
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return new View(root, host, api);
}

class View {
  #root;
  #host;
  #api;
  /** @type {HTMLElement | null} */
  #section = null;
  /** @type {string | null} */
  #lang = null;
  /** @type {ExplorerWords | null} */
  #words = null;
  /** @type {Promise<void> | null} */
  #loading = null;
  /** @type {{ plot: boolean, explain: boolean } | null} */
  #shown = null;
  /** @type {DrawnMap | null} */
  #drawn = null;
  /** @type {Values | null} */
  #values = null;
  #dark = false;
  #frame = 0;
  #resize = new ResizeObserver(() => this.#schedule());

  constructor(root, host, api) {
    this.#root = root;
    this.#host = host;
    this.#api = api;
  }

  /** Shows what the attributes ask for, for the flower's `values` (by field), in `lang`. */
  update(values, { plot, explain, dark, lang }) {
    this.#values = values;
    this.#dark = dark;
    this.#shown = { plot, explain };
    if (lang !== this.#lang) {
      // The words first; the view is (re)built in the new language.
      const loading = catalogue(lang).then((words) => {
        if (this.#loading !== loading) return;
        this.#lang = lang;
        this.#words = words.explorer;
        this.#build();
        this.#show();
      });
      this.#loading = loading;
      return;
    }
    this.#show();
  }

  /** Settles once the words of the last update's language are in. */
  settled() {
    return this.#loading ?? Promise.resolve();
  }

  hide() {
    this.#shown = null;
    if (this.#section) this.#section.hidden = true;
  }

  /**
   * The view's element that matches `selector` (there once it is built).
   * @returns {any} an HTMLElement of the kind the selector names
   */
  #$(selector) {
    const found = this.#section?.querySelector(selector);
    if (!found) throw new Error(`explorer view: no ${selector}`);
    return found;
  }

  #show() {
    const { plot, explain } = this.#shown ?? {};
    if (!this.#section || !this.#values) return;
    this.#section.hidden = !plot && !explain;
    this.#$('.map').hidden = !plot;
    this.#$('.why').hidden = !explain;
    if (explain) this.#explain();
    if (plot) this.#schedule();
  }

  #build() {
    const w = this.#words;
    if (!w) return;
    const old = this.#section;
    const axis = (/** @type {HTMLElement} */ from, /** @type {string} */ selector) => /** @type {HTMLSelectElement} */ (from.querySelector(selector)).value;
    const [x, y] = old ? [axis(old, 'select.x'), axis(old, 'select.y')] : ['petalLength', 'petalWidth'];
    const section = document.createElement('section');
    section.className = 'explorer';
    section.setAttribute('part', 'explorer');
    section.setAttribute('aria-label', w.section);
    section.lang = this.#lang ?? '';
    const options = (selected) => FIELDS.map((f) => h('option', { value: f.name, selected: f.name === selected }));
    section.append(
      h('div', { class: 'map', part: 'map' },
        h('div', { class: 'axes' },
          h('label', {}, h('span'), ' ', h('select', { class: 'x' }, ...options(x))),
          h('label', {}, h('span'), ' ', h('select', { class: 'y' }, ...options(y)))),
        h('canvas', { tabindex: 0, role: 'img', part: 'map-canvas' }),
        h('p', { class: 'map-text', 'aria-live': 'polite' }),
        h('details', {}, h('summary'), h('table', { class: 'flowers' }))),
      h('div', { class: 'why', part: 'why' },
        h('p', { class: 'uncertain', hidden: true }),
        h('p', { class: 'why-text' }),
        h('ul', { class: 'contributions' }),
        h('p', { class: 'nearest-intro' }),
        h('ol', { class: 'nearest' })));
    const $ = (/** @type {string} */ selector) => {
      const found = section.querySelector(selector);
      if (!(found instanceof HTMLElement)) throw new Error(`explorer view: no ${selector}`);
      return found;
    };
    // Words go in as text, never as markup.
    const [across, up] = section.querySelectorAll('.axes label > span');
    across.textContent = w.across;
    up.textContent = w.up;
    for (const select of section.querySelectorAll('select')) {
      [...select.options].forEach((option, i) => { option.textContent = capital(w.fields[FIELDS[i].name]); });
      select.addEventListener('change', () => this.#schedule());
    }
    $('summary').textContent = w.tableSummary;
    $('.contributions').setAttribute('aria-label', w.contributions);
    $('.nearest-intro').textContent = w.nearest;
    const canvas = /** @type {HTMLCanvasElement} */ ($('canvas'));
    canvas.addEventListener('click', (event) => this.#pick(event));
    canvas.addEventListener('keydown', (event) => this.#key(event));
    this.#table(/** @type {HTMLTableElement} */ ($('.flowers')));
    if (old) {
      const oldCanvas = old.querySelector('canvas');
      if (oldCanvas) this.#resize.unobserve(oldCanvas);
      old.replaceWith(section);
    } else {
      this.#root.querySelector('.root').append(section);
    }
    this.#section = section;
    this.#drawn = null;
    this.#resize.observe(canvas);
  }

  /** The flower's values in FIELDS order. @param {Values} values */
  #ordered(values) {
    return FIELDS.map((f) => values[f.name]);
  }

  #number(value) {
    return number(value, this.#lang);
  }

  #explain() {
    const w = this.#words;
    const values = this.#values;
    if (!w || !values) return;
    const e = this.#api.explain(new Float64Array(this.#ordered(values)));
    const uncertain = this.#$('.uncertain');
    uncertain.hidden = !e.uncertain;
    uncertain.textContent = w.uncertain(e.set);
    this.#$('.why-text').textContent = w.deciding(capital(w.fields[e.deciding]), this.#number(values[e.deciding]), e.species, e.runnerUp);
    const largest = Math.max(...FIELDS.map((f) => Math.abs(e.contributions[f.name])), 1e-9);
    this.#$('.contributions').replaceChildren(...FIELDS.map((f) => {
      const c = e.contributions[f.name];
      const width = (Math.abs(c) / largest) * 50;
      const bar = h('span');
      const amount = number(Math.abs(c), this.#lang);
      const item = h('li', {}, h('span', {}, capital(w.fields[f.name])), h('span', { class: 'track', 'aria-hidden': 'true' }, bar), h('span', {}, `${c >= 0 ? '+' : '−'}${amount}`));
      // Through the CSSOM: the page's CSP allows no inline style attribute.
      bar.style.left = `${c >= 0 ? 50 : 50 - width}%`;
      bar.style.width = `${width}%`;
      item.setAttribute('aria-label', w.contribution(capital(w.fields[f.name]), c >= 0 ? w.for(e.species) : w.against(e.species), amount));
      return item;
    }));
    this.#$('.nearest').replaceChildren(...e.nearest.map((n) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = w.nearestFlower(n.row, n.species, FIELDS.map((f) => exact(n.measurements[f.name], this.#lang)).join('; '));
      button.addEventListener('click', () => {
        FIELDS.forEach((f) => { this.#host[f.name] = n.measurements[f.name]; });
      });
      item.append(button);
      return item;
    }));
  }

  /**
   * The map as drawn, with a caption under it (the species, its
   * probability and the four measurements, in the view's language), as a
   * new canvas. Throws when there is no map: `plot` unset, or no flower yet.
   * @param {{ species: string, probabilities: Record<string, number> } | null} prediction
   * @returns {HTMLCanvasElement}
   */
  image(prediction) {
    const w = this.#words;
    const values = this.#values;
    if (!prediction || !w || !values || !this.#drawn || !this.#section || this.#section.hidden || this.#$('.map').hidden) {
      throw new Error('iris-classifier: there is no map to save; set plot and a valid flower first');
    }
    // Drawn now, not at the next frame: the image is of what the values say.
    if (this.#frame) {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
      this.#draw();
    }
    const map = /** @type {HTMLCanvasElement} */ (this.#$('canvas'));
    const label = SPECIES.find((s) => s.name === prediction.species)?.label ?? prediction.species;
    const percent = number(prediction.probabilities[prediction.species] * 100, this.#lang);
    const measured = FIELDS.map((f) => `${capital(w.fields[f.name])} ${exact(values[f.name], this.#lang)} ${UNIT}`);
    const size = Math.max(12, Math.round(map.width / 24));
    const gap = Math.round(size / 2);
    const lines = [[w.imageCaption(label, percent), `600 ${size}px system-ui, sans-serif`], [measured.slice(0, 2).join(' · '), `${size}px system-ui, sans-serif`], [measured.slice(2).join(' · '), `${size}px system-ui, sans-serif`]];
    const image = document.createElement('canvas');
    image.width = map.width;
    image.height = map.height + gap + lines.length * Math.round(size * 1.4) + gap;
    const context = image.getContext('2d');
    if (!context) throw new Error('iris-classifier: this browser cannot draw the image');
    context.fillStyle = this.#dark ? '#171a22' : '#ffffff';
    context.fillRect(0, 0, image.width, image.height);
    context.drawImage(map, 0, 0);
    context.fillStyle = this.#dark ? '#e8eaf0' : '#1d2230';
    context.textBaseline = 'top';
    lines.forEach(([text, font], i) => {
      context.font = font;
      context.fillText(text, gap, map.height + gap + i * Math.round(size * 1.4), image.width - 2 * gap);
    });
    return image;
  }

  /**
   * The same image as a Blob, once the map shows the latest values.
   * @param {{ species: string, probabilities: Record<string, number> } | null} prediction
   * @param {string} [type]
   * @param {number} [quality]
   * @returns {Promise<Blob>}
   */
  async blob(prediction, type, quality) {
    // The view draws at the next frame; the image is of what is shown.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const canvas = this.image(prediction);
    return new Promise((resolve, reject) => {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('iris-classifier: the browser could not encode the image'))), type, quality);
    });
  }

  /** One redraw per frame, however many changes came in. */
  #schedule() {
    if (this.#frame || !this.#values || !this.#section || this.#$('.map').hidden) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
    });
  }

  #draw() {
    const w = this.#words;
    const values = this.#values;
    if (!w || !values) return;
    const canvas = this.#$('canvas');
    const mapText = this.#$('.map-text');
    const [xName, yName] = [this.#$('select.x').value, this.#$('select.y').value];
    if (xName === yName) {
      mapText.textContent = w.sameAxes;
      return;
    }
    const scale = window.devicePixelRatio || 1;
    const side = Math.max(120, Math.round((canvas.clientWidth || 320) * scale));
    canvas.width = side;
    canvas.height = side;
    const drawn = this.#api.drawMap(canvas, {
      x: xName,
      y: yName,
      values: this.#ordered(values),
      scale,
      dark: this.#dark,
      titles: [w.axis(w.fields[xName]), w.axis(w.fields[yName])],
    });
    this.#drawn = drawn;
    const flower = w.flower(w.fields[drawn.x], this.#number(values[drawn.x]), w.fields[drawn.y], this.#number(values[drawn.y]));
    const where = drawn.region ? w.inRegion(flower, drawn.region) : w.offMap(flower);
    const border = drawn.boundary ? w.boundary(drawn.boundary.species, this.#number(drawn.boundary.distance)) : '.';
    const held = FIELDS.filter((f) => f.name !== drawn.x && f.name !== drawn.y)
      .map((f) => w.heldValue(w.fields[f.name], this.#number(values[f.name])));
    canvas.setAttribute('aria-label', w.mapLabel(w.fields[drawn.x], w.fields[drawn.y], w.held(...held), `${where}${border}`));
    mapText.textContent = `${where}${border}`;
  }

  /** A click or tap sets the two measurements of the map's axes. */
  #pick(event) {
    const d = this.#drawn;
    if (!d) return;
    const canvas = this.#$('canvas');
    const box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const px = (event.clientX - box.left) * scale;
    const py = (event.clientY - box.top) * scale;
    const x = ((px - d.plot.left) / d.plot.width) * d.xMax;
    const y = (1 - (py - d.plot.top) / d.plot.height) * d.yMax;
    this.#set(d.x, x, d.xMax);
    this.#set(d.y, y, d.yMax);
  }

  /** Arrow keys move the flower on the map: a step, or 1 cm with Shift. */
  #key(event) {
    const d = this.#drawn;
    const values = this.#values;
    const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[event.key];
    if (!d || !values || !move) return;
    event.preventDefault();
    const step = event.shiftKey ? 1 : STEP_CM;
    if (move[0]) this.#set(d.x, values[d.x] + move[0] * step, d.xMax);
    if (move[1]) this.#set(d.y, values[d.y] + move[1] * step, d.yMax);
  }

  #set(name, value, max) {
    const clamped = Math.min(max, Math.max(STEP_CM, value));
    // Whole steps, exactly (14 / 10 is 1.4; 14 * 0.1 is not).
    this.#host[name] = Math.round(clamped / STEP_CM) / Math.round(1 / STEP_CM);
  }

  /** @param {HTMLTableElement} table */
  #table(table) {
    const w = this.#words;
    if (!w) return;
    const cell = (tag, text, scope) => {
      const node = document.createElement(tag);
      node.textContent = text;
      if (scope) node.scope = scope;
      return node;
    };
    const head = document.createElement('tr');
    head.append(cell('th', w.row, 'col'), ...FIELDS.map((f) => cell('th', capital(w.fields[f.name]), 'col')), cell('th', w.species, 'col'));
    const body = document.createElement('tbody');
    this.#api.flowers().forEach((f, i) => {
      const row = document.createElement('tr');
      row.append(cell('td', String(i + 1)), ...FIELDS.map(({ name }) => cell('td', exact(f.measurements[name], this.#lang))), cell('td', f.species));
      body.append(row);
    });
    table.replaceChildren(cell('caption', w.tableCaption(UNIT)), document.createElement('thead'), body);
    table.tHead?.append(head);
  }
}

