// explorer.js: the explorer's module (the decision map and explanations),
// fetched only when something asks for it: iris.js's explain(), or an
// <iris-classifier plot> / <iris-classifier explain>.

import init, { explain, drawMap, flowers } from './pkg/iris_explorer.js';

let ready = null;

/** Starts the explorer's wasm module once; resolves to its functions. */
export function load() {
  if (!ready) {
    ready = init({ module_or_path: new URL('./pkg/iris_explorer_bg.wasm', import.meta.url) })
      .then(() => ({ explain, drawMap, flowers }));
    ready.catch(() => { ready = null; });
  }
  return ready;
}
