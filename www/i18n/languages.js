// The languages the product speaks (one catalogue each, beside this file),
// how a language is chosen, and how each writes and reads numbers.

/** Each supported language (BCP 47 primary subtag): its decimal mark and its catalogue. */
const SPOKEN = {
  en: { decimal: '.', load: () => import('./en.js') },
  es: { decimal: ',', load: () => import('./es.js') },
  fr: { decimal: ',', load: () => import('./fr.js') },
};
const DECIMAL = Object.fromEntries(Object.entries(SPOKEN).map(([lang, { decimal }]) => [lang, decimal]));

/** The supported languages. */
export const LANGUAGES = Object.keys(SPOKEN);

/** The catalogue of `lang` (a supported language), fetched on first use. */
export const catalogue = (lang) => SPOKEN[lang].load();

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
