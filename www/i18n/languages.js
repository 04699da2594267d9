// The languages the product speaks, as crate/core declares them (Language,
// through generated/facts.js), where each one's catalogue is (beside this
// file), how a language is chosen, and how each writes and reads numbers.
// A new language is a catalogue, its line in CATALOGUES and its Language in
// crate/core; tests/node/i18n.test.mjs fails while any of them is missing.

import { LANGUAGES as DECLARED } from '../generated/facts.js';

/** Each language's catalogue, fetched on first use (a literal import each, so bundling finds it). */
const CATALOGUES = {
  en: () => import('./en.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
};
const DECIMAL = Object.fromEntries(DECLARED.map(({ code, decimal }) => [code, decimal]));

/** The supported languages, English (the fallback) first. */
export const LANGUAGES = DECLARED.map(({ code }) => code);

/** The languages that have a catalogue here (for the test that every declared one does). */
export const CATALOGUED = Object.keys(CATALOGUES);

/** The catalogue of `lang` (a supported language), fetched on first use. */
export const catalogue = (lang) => CATALOGUES[lang]();

/** The first supported language among BCP 47 `tags` (`es-MX` is `es`), or English. */
export function pick(tags) {
  for (const tag of tags) {
    const code = String(tag ?? '').toLowerCase().split(/[-_]/)[0];
    if (code in DECIMAL) return code;
  }
  return 'en';
}

/** The language of a page: its URL's `?lang=`, else the browser's. */
export const pageLanguage = () => pick([new URLSearchParams(window.location.search).get('lang'), ...(navigator.languages ?? [])]);

/** The decimal mark `lang` writes: `.` or `,`. */
export const decimalMark = (lang) => DECIMAL[lang];

/** `value` exactly (no rounding), as `lang` writes it: `5,1` in es and fr. */
export const exact = (value, lang) => String(value).replace('.', DECIMAL[lang]);

/** `value` rounded to at most two decimals, as `lang` writes it. */
export const number = (value, lang) => exact(Math.round(value * 100) / 100, lang);

/**
 * A field's text as the parser reads it: `5,1` is `5.1` where a comma is
 * the decimal mark. The rule is the files module's (crate/files/src/numbers.rs):
 * one comma, digits after it, no point before it; `5,` stays as it is (and
 * is refused as not a number).
 */
export const readable = (text, lang) => (DECIMAL[lang] === ',' ? text.replace(/^\s*([^.,]*),(\d+)\s*$/, '$1.$2') : text);

/** `value` with one decimal, as `lang` writes it: `2.0`, `2,0`. */
export const fixed = (value, lang) => value.toFixed(1).replace('.', DECIMAL[lang]);

/** A probability as `lang` reads it: `97.3 %`, `<0.1 %`, `>99.9 %` (`97,3 %` in es and fr). */
export function percent(p, lang) {
  const value = p * 100;
  const one = (v) => fixed(v, lang);
  if (value > 0 && value < 0.1) return `<${one(0.1)} %`;
  if (value < 100 && value > 99.9) return `>${one(99.9)} %`;
  return `${one(value)} %`;
}
