// The element's styles: one constructed stylesheet shared by every
// <iris-classifier> (a constructed sheet is not an inline <style>, so a strict
// Content-Security-Policy without 'unsafe-inline' does not block it). Parts
// and custom properties are the public styling API (docs/embedding.md).
// (Comments stay outside the CSS text: it is a string, shipped as written.
// In forced colours, system colours replace backgrounds, so the bars get a
// border and keep a system fill.)

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
input.value {
  width: 6.5em; padding: 0.35em 0.5em;
  background: transparent; border: 1px solid var(--muted); border-radius: 6px;
}
input.value[aria-invalid="true"] { border-color: var(--error); border-width: 2px; }
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
@media (forced-colors: active) {
  .bar { border: 1px solid; }
  .fill { forced-color-adjust: none; background: Highlight; }
}
@media (prefers-reduced-motion: no-preference) {
  .fill { transition: width 120ms ease-out; }
}
`;

let sheet = null;

/** The stylesheet every element adopts (built on first use). */
export function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
