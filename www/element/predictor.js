// The predictor every <iris-classifier> on a page shares: iris.js and its
// wasm module, loaded once (relative to this file, so from our origin on
// any host page) and started once.

import init from '../iris.js';
import { predictText } from '../pkg/iris_wasm.js';

/**
 * Resolves to `predict(texts)` once the module has started: it takes the
 * four fields' text (in FIELDS order) and returns a prediction or throws a
 * MeasurementError listing every invalid field. A failed start rejects;
 * calling again retries.
 */
export function predictor() {
  return init().then(() => predictText);
}
