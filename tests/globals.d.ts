// What the browser tests put on a page's window (page.evaluate runs there)
// and the element's types, for TypeScript's checker (tests/jsconfig.json).
import type { IrisClassifierElement } from '../www/widget.js';

declare global {
  interface Window {
    /** widget.js, imported by a host page test. */
    widget: typeof import('../www/widget.js');
    /** An element a test keeps between steps. */
    el: IrisClassifierElement;
    /** How many iris-prediction events a test has counted. */
    predictions: number;
    /** Anything else a test stores on the page's window. */
    [key: string]: any;
  }
  /** The element, for JSDoc casts in page callbacks: `(/** @type {IrisElement} *\/ el) => …`. */
  type IrisElement = IrisClassifierElement;
}

