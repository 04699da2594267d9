// explorer-view.js: the decision map and the explanation inside an
// <iris-classifier plot explain>, fetched only when one of those attributes
// is set. The explorer's wasm module does the work: it draws the map into
// the canvas (web-sys) and explains the prediction (serde-wasm-bindgen).

import { FIELDS, STEP_CM } from './generated/facts.js';
import { load } from './explorer.js';

const label = (name) => FIELDS.find((f) => f.name === name).label;
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const cm = (value) => `${Math.round(value * 100) / 100} cm`;

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
.explorer .contributions { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; }
.explorer .contributions li { display: grid; grid-template-columns: 8.5rem 1fr 4rem; gap: .5rem; align-items: center; }
.explorer .track { position: relative; height: .6rem; background: color-mix(in srgb, currentColor 12%, transparent); border-radius: .3rem; }
.explorer .track span { position: absolute; top: 0; bottom: 0; background: currentColor; border-radius: .3rem; }
.explorer .nearest { margin: 0; padding-left: 1.25rem; }
`;

let sheet = null;

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
  #host;
  #api;
  #section;
  #map;
  #why;
  #canvas;
  #mapText;
  #x;
  #y;
  #drawn = null;
  #values = null;
  #dark = false;
  #frame = 0;

  constructor(root, host, api) {
    this.#host = host;
    this.#api = api;
    this.#section = document.createElement('section');
    this.#section.className = 'explorer';
    this.#section.setAttribute('part', 'explorer');
    this.#section.setAttribute('aria-label', 'Why this species');
    this.#section.innerHTML = `
      <div class="map" part="map">
        <div class="axes">
          <label>Across <select class="x">${options('petalLength')}</select></label>
          <label>Up <select class="y">${options('petalWidth')}</select></label>
        </div>
        <canvas tabindex="0" role="img" part="map-canvas"></canvas>
        <p class="map-text" aria-live="polite"></p>
        <details><summary>The 150 flowers on the map, as a table</summary><table class="flowers"></table></details>
      </div>
      <div class="why" part="why">
        <p class="uncertain" hidden></p>
        <p class="why-text"></p>
        <ul class="contributions" aria-label="What each measurement counts for"></ul>
        <p>The nearest flowers in the training data:</p>
        <ol class="nearest"></ol>
      </div>`;
    root.querySelector('.root').append(this.#section);
    const $ = (selector) => this.#section.querySelector(selector);
    this.#map = $('.map');
    this.#why = $('.why');
    this.#canvas = $('canvas');
    this.#mapText = $('.map-text');
    this.#x = $('select.x');
    this.#y = $('select.y');
    for (const select of [this.#x, this.#y]) select.addEventListener('change', () => this.#schedule());
    this.#canvas.addEventListener('click', (event) => this.#pick(event));
    this.#canvas.addEventListener('keydown', (event) => this.#key(event));
    this.#table($('.flowers'));
    new ResizeObserver(() => this.#schedule()).observe(this.#canvas);
  }

  /** Shows what the attributes ask for, for the flower's `values` (by field). */
  update(values, { plot, explain, dark }) {
    this.#values = values;
    this.#dark = dark;
    this.#section.hidden = !plot && !explain;
    this.#map.hidden = !plot;
    this.#why.hidden = !explain;
    if (explain) this.#explain();
    if (plot) this.#schedule();
  }

  hide() {
    this.#section.hidden = true;
  }

  #ordered() {
    return FIELDS.map((f) => this.#values[f.name]);
  }

  #explain() {
    const e = this.#api.explain(new Float64Array(this.#ordered()));
    const uncertain = this.#section.querySelector('.uncertain');
    uncertain.hidden = !e.uncertain;
    uncertain.textContent = `Uncertain: ${e.species} or ${e.runnerUp}.`;
    const deciding = FIELDS.findIndex((f) => f.name === e.deciding);
    this.#section.querySelector('.why-text').textContent =
      `${capital(label(e.deciding))} ${cm(this.#ordered()[deciding])} counts most for ${e.species} over ${e.runnerUp}.`;
    const largest = Math.max(...e.contributions.map(Math.abs), 1e-9);
    this.#section.querySelector('.contributions').replaceChildren(...FIELDS.map((f, i) => {
      const c = e.contributions[i];
      const item = document.createElement('li');
      const width = (Math.abs(c) / largest) * 50;
      item.innerHTML = `<span>${capital(f.label)}</span><span class="track" aria-hidden="true"><span></span></span><span></span>`;
      // Through the CSSOM: the page's CSP allows no inline style attribute.
      const bar = item.querySelector('.track span');
      bar.style.left = `${c >= 0 ? 50 : 50 - width}%`;
      bar.style.width = `${width}%`;
      item.lastElementChild.textContent = `${c >= 0 ? '+' : '−'}${Math.abs(c).toFixed(2)}`;
      item.setAttribute('aria-label', `${capital(f.label)}: ${c >= 0 ? 'for' : 'against'} ${e.species}, ${Math.abs(c).toFixed(2)}`);
      return item;
    }));
    this.#section.querySelector('.nearest').replaceChildren(...e.nearest.map((n) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Flower ${n.row} (${n.species}): ${n.measurements.join(', ')} cm`;
      button.addEventListener('click', () => {
        FIELDS.forEach((f, i) => { this.#host[f.name] = n.measurements[i]; });
      });
      item.append(button);
      return item;
    }));
  }

  /** One redraw per frame, however many changes came in. */
  #schedule() {
    if (this.#frame || !this.#values || this.#map.hidden) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
    });
  }

  #draw() {
    if (this.#x.value === this.#y.value) {
      this.#mapText.textContent = 'Choose two different measurements for the map.';
      return;
    }
    const scale = window.devicePixelRatio || 1;
    const side = Math.max(120, Math.round((this.#canvas.clientWidth || 320) * scale));
    this.#canvas.width = side;
    this.#canvas.height = side;
    const drawn = this.#api.drawMap(this.#canvas, {
      x: this.#x.value, y: this.#y.value, values: this.#ordered(), scale, dark: this.#dark,
    });
    this.#drawn = drawn;
    const x = this.#values[drawn.x]; const y = this.#values[drawn.y];
    const where = drawn.region
      ? `Your flower (${label(drawn.x)} ${cm(x)}, ${label(drawn.y)} ${cm(y)}) lies in the ${drawn.region} region`
      : `Your flower (${label(drawn.x)} ${cm(x)}, ${label(drawn.y)} ${cm(y)}) lies outside the map`;
    const border = drawn.boundary
      ? `; the nearest boundary is with ${drawn.boundary.species}, ${cm(drawn.boundary.distance)} away.`
      : '.';
    const held = FIELDS.filter((f) => f.name !== drawn.x && f.name !== drawn.y)
      .map((f) => `${label(f.name)} ${cm(this.#values[f.name])}`).join(' and ');
    this.#canvas.setAttribute('aria-label', `Map of the species the model predicts by ${label(drawn.x)} and ${label(drawn.y)}, with ${held} held. ${where}${border}`);
    this.#mapText.textContent = `${where}${border}`;
  }

  /** A click or tap sets the two measurements of the map's axes. */
  #pick(event) {
    const d = this.#drawn;
    if (!d) return;
    const box = this.#canvas.getBoundingClientRect();
    const scale = this.#canvas.width / box.width;
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
    const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[event.key];
    if (!d || !move) return;
    event.preventDefault();
    const step = event.shiftKey ? 1 : STEP_CM;
    if (move[0]) this.#set(d.x, this.#values[d.x] + move[0] * step, d.xMax);
    if (move[1]) this.#set(d.y, this.#values[d.y] + move[1] * step, d.yMax);
  }

  #set(name, value, max) {
    const clamped = Math.min(max, Math.max(STEP_CM, value));
    // Whole steps, exactly (14 / 10 is 1.4; 14 * 0.1 is not).
    this.#host[name] = Math.round(clamped / STEP_CM) / Math.round(1 / STEP_CM);
  }

  #table(table) {
    const rows = this.#api.flowers().map((f, i) => `<tr><td>${i + 1}</td>${f.measurements.map((v) => `<td>${v}</td>`).join('')}<td>${f.species}</td></tr>`);
    table.innerHTML = `<caption>Fisher's iris flowers (cm)</caption><thead><tr><th scope="col">Row</th>${FIELDS.map((f) => `<th scope="col">${capital(f.label)}</th>`).join('')}<th scope="col">Species</th></tr></thead><tbody>${rows.join('')}</tbody>`;
  }
}

function options(selected) {
  return FIELDS.map((f) => `<option value="${f.name}"${f.name === selected ? ' selected' : ''}>${capital(f.label)}</option>`).join('');
}

