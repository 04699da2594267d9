// widget.js: the <iris-classifier> custom element (stable URL).
//
//   <script type="module" src="https://HOST/widget.js"></script>
//   <iris-classifier sepal-length="5.1" sepal-width="3.5"
//                    petal-length="1.4" petal-width="0.2"></iris-classifier>
//
// This file only registers the element; the class and its parts are in
// element/. It adds nothing to the global scope but the element name, and
// leaves an existing registration of the name alone. Types: widget.d.ts.

import { IrisClassifierElement } from './element/iris-classifier-element.js';

export { IrisClassifierElement };

try {
  if (!customElements.get('iris-classifier')) IrisClassifierElement.define();
} catch (error) {
  // Another script defined the name between the check and here: keep theirs.
  if (!(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
}
