// The predictor every <iris-classifier> on a page shares: the wasm module,
// loaded once (relative to this file, so from our origin on any host page)
// and started once. iris.js starts the same module through the same glue,
// which starts it only once, so a page using both still has one instance;
// the element does not need iris.js itself, so it does not wait for it.

import init, { predictText } from '../pkg/iris_wasm.js';

/**
 * Resolves to `predict(texts)` once the module has started: it takes the
 * four fields' text (in FIELDS order) and returns a prediction or throws a
 * MeasurementError listing every invalid field. A failed start rejects;
 * calling again retries.
 */
export function predictor() {
  return init({ module_or_path: new URL('../pkg/iris_wasm_bg.wasm', import.meta.url) }).then(() => predictText);
}
