// Types for widget.js: the <iris-classifier> element.

import type { Field, Measurements, PredictionWarning, Species } from './iris.js';

/** `event.detail` of `iris-prediction`: every new prediction. */
export interface IrisPredictionDetail {
  inputs: Measurements;
  species: Species;
  probabilities: Record<Species, number>;
  /** The prediction set, most probable first (see iris.d.ts, `Prediction.set`). */
  set: Species[];
  warnings: PredictionWarning[];
}

/** `event.detail` of `iris-error`: a rejected value, or a module that cannot start. */
export interface IrisErrorDetail {
  /** The rejected field, or null when the module could not start. */
  field: Field | null;
  /** An error code of iris.js, or 'load-failed'. */
  code: string;
  /** A few words for a person, e.g. "must be greater than 0 cm". */
  reason: string;
  message: string;
}

export class IrisClassifierElement extends HTMLElement {
  /** Registers the element (default name `iris-classifier`); returns the class. */
  static define(tag?: string, registry?: CustomElementRegistry): typeof IrisClassifierElement;
  static readonly observedAttributes: string[];
// generated:properties begin (cargo xtask codegen, from crate/core: edit there)
  /** The sepal length in cm the field holds now, or null; setting it sets `sepal-length`. */
  sepalLength: number | null;
  /** The sepal width in cm the field holds now, or null; setting it sets `sepal-width`. */
  sepalWidth: number | null;
  /** The petal length in cm the field holds now, or null; setting it sets `petal-length`. */
  petalLength: number | null;
  /** The petal width in cm the field holds now, or null; setting it sets `petal-width`. */
  petalWidth: number | null;
// generated:properties end
  /** `light`, `dark` or `auto` (follows prefers-color-scheme); unknown values read as `auto`. */
  theme: 'light' | 'dark' | 'auto';
  /** No sliders, fields in a grid. */
  compact: boolean;
  /** The current prediction, or null when the inputs are incomplete or invalid. */
  readonly prediction: IrisPredictionDetail | null;
  /** Resolves once the classifier has started here; rejects with the reason when it could not. Null until connected. */
  readonly ready: Promise<void> | null;
// generated:language begin (cargo xtask codegen, from crate/core: edit there)
  /** The language the element speaks now (its `lang`, else the nearest `lang` around it, else the browser's). */
  readonly language: 'en' | 'es' | 'fr';
// generated:language end
}

declare global {
  interface HTMLElementTagNameMap {
    'iris-classifier': IrisClassifierElement;
  }
  interface HTMLElementEventMap {
    'iris-prediction': CustomEvent<IrisPredictionDetail>;
    'iris-error': CustomEvent<IrisErrorDetail>;
  }
}
