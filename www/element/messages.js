// Where <iris-classifier> gets its words: the catalogue of its language
// (../i18n/). English is bundled with the element (only its `element`
// section); Spanish and French are fetched when an element speaks them.
// Messages are built from error and warning codes, never by rewording the
// API's English developer messages.

import { element as ENGLISH } from '../i18n/en.js';
import { catalogue, number } from '../i18n/languages.js';

export { ENGLISH };

/** The element's words in `lang` (a supported language). */
export async function wordsFor(lang) {
  return lang === 'en' ? ENGLISH : (await catalogue(lang)).element;
}

/** Shown at a rejected field: `Petal width must be greater than 0 cm.` */
export const fieldError = (words, { field, code, reason }) => words.fieldError(words.fields[field], words.reasons[code] ?? reason);

/**
 * Shown under the result for a prediction that is an extrapolation: the
 * warning's value against the training data's range, both carried by it.
 */
export function warningText(words, lang, warning) {
  if (warning.code !== 'outside-training-range') return warning.message;
  return words.outside(words.fields[warning.field], ...[warning.value, warning.min, warning.max].map((v) => number(v, lang)));
}
