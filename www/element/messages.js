// Everything <iris-classifier> says to a person, in English: the one place
// its words live (the names of measurements and species, and the reasons a
// value is rejected, come from the generated facts of crate/core). Messages
// are built from error and warning codes, never by rewording the API's
// developer messages.

import { FIELDS, REASONS, SPECIES } from '../generated/facts.js';

const capitalized = (text) => text[0].toUpperCase() + text.slice(1);

/** The label of a measurement's field: `Petal length`. */
export const fieldLabel = (name) => capitalized(FIELDS.find((f) => f.name === name).label);

/** The name of a species people read: `Iris virginica`. */
export const speciesLabel = (name) => SPECIES.find((s) => s.name === name).label;

/** Shown at a rejected field: `Petal width must be greater than 0 cm.` */
export const fieldError = ({ field, code }) => `${fieldLabel(field)} ${REASONS[code]}.`;

/** Shown under the result for a prediction that is an extrapolation. */
export const warningText = ({ message }) => `${capitalized(message)}.`;

export const TEXT = Object.freeze({
  loading: 'Loading the classifier…',
  incomplete: 'Enter all four measurements to see the species.',
  fixOne: 'Fix the highlighted value to see a prediction.',
  fixMany: 'Fix the highlighted values to see a prediction.',
  probability: 'probability',
  probabilities: 'Probability of each species',
  prediction: 'Prediction',
  slider: (name) => `${fieldLabel(name)} slider, cm`,
  failed: (message) => 'The classifier could not start, so no prediction can be made here. '
    + `It needs JavaScript modules and WebAssembly to be allowed on this page. (${message})`,
  internal: (message) => `Could not predict: ${message}`,
});

/** A probability as people read it: `97.3 %`, `<0.1 %`, `>99.9 %`. */
export function percent(p) {
  const value = p * 100;
  if (value > 0 && value < 0.1) return '<0.1 %';
  if (value < 100 && value > 99.9) return '>99.9 %';
  return `${value.toFixed(1)} %`;
}
