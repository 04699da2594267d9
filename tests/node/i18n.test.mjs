// The catalogues (www/i18n/): every language has every key English has, of
// the same kind (text, or a function of the same arity that uses all its
// arguments), nothing empty and nothing left in English; every word the
// pages mark with data-i18n exists, and the pages' English is the English
// catalogue's. What each message looks like on screen is the browser suite's
// (tests/browser/i18n.test.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { FIELDS, LANGUAGES as DECLARED } from '../../www/generated/facts.js';
import { CATALOGUED, LANGUAGES } from '../../www/i18n/languages.js';

const www = new URL('../../www/', import.meta.url);
const catalogues = Object.fromEntries(await Promise.all(
  LANGUAGES.map(async (lang) => [lang, await import(new URL(`i18n/${lang}.js`, www).href)]),
));
const en = catalogues.en;
const SECTIONS = ['element', 'explorer', 'page', 'embed', 'file'];
/** Messages a language words exactly as English does ("bytes" is Spanish too). */
const SAME_AS_ENGLISH = { es: ['page.sizeValue'], fr: ['file.note'] };
/** A template of nothing but its values, units and punctuation: the same in every language. */
const neutral = (text, args) => !/\p{L}{3,}/u.test(args.reduce((t, a) => t.replaceAll(a, ''), text).replace(/\bcm\b/g, ''));

/** Every leaf of `value` as [path, leaf]. */
function leaves(value, path = []) {
  if (typeof value === 'object' && value !== null) {
    return Object.keys(value).sort().flatMap((key) => leaves(value[key], [...path, key]));
  }
  return [[path.join('.'), value]];
}

/** What a leaf is: `text`, or `function/N`. */
const kind = (leaf) => (typeof leaf === 'function' ? `function/${leaf.length}` : typeof leaf === 'string' ? 'text' : typeof leaf);

test('every language crate/core declares has a catalogue, a loader and a link in the switcher, and no other', () => {
  assert.deepEqual(LANGUAGES, DECLARED.map((l) => l.code));
  assert.deepEqual([...CATALOGUED].sort(), [...LANGUAGES].sort(), 'a loader in i18n/languages.js for each');
  const files = readdirSync(new URL('i18n/', www)).filter((f) => /^[a-z]{2}\.js$/.test(f)).map((f) => f.slice(0, 2));
  assert.deepEqual(files.sort(), [...LANGUAGES].sort(), 'a catalogue file in www/i18n/ for each');
  const html = readFileSync(new URL('index.html', www), 'utf8');
  const links = [...html.matchAll(/<a href="\?lang=(\w+)" hreflang="(\w+)" lang="(\w+)">([^<]+)<\/a>/g)];
  assert.deepEqual(links.map((m) => [m[1], m[2], m[3], m[4]]), DECLARED.map((l) => [l.code, l.code, l.code, l.name]), "index.html's language switcher");
});

test('the languages are English, Spanish and French, each with a catalogue of the same sections', () => {
  assert.deepEqual(LANGUAGES, ['en', 'es', 'fr']);
  for (const lang of LANGUAGES) {
    assert.deepEqual(Object.keys(catalogues[lang]).sort(), [...SECTIONS].sort(), lang);
  }
});

for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
  test(`${lang}: every key of English, of the same kind, and nothing more`, () => {
    const want = new Map(leaves(Object.fromEntries(SECTIONS.map((s) => [s, en[s]]))).map(([p, v]) => [p, kind(v)]));
    const have = new Map(leaves(Object.fromEntries(SECTIONS.map((s) => [s, catalogues[lang][s]]))).map(([p, v]) => [p, kind(v)]));
    const missing = [...want.keys()].filter((p) => !have.has(p));
    const extra = [...have.keys()].filter((p) => !want.has(p));
    const different = [...want.keys()].filter((p) => have.has(p) && have.get(p) !== want.get(p));
    assert.deepEqual({ missing, extra, different }, { missing: [], extra: [], different: [] }, `${lang} catalogue`);
  });

  test(`${lang}: every message is said, in ${lang}, with every value it is given`, () => {
    const english = new Map(leaves(Object.fromEntries(SECTIONS.map((s) => [s, en[s]]))));
    const untranslated = [];
    for (const [path, leaf] of leaves(Object.fromEntries(SECTIONS.map((s) => [s, catalogues[lang][s]])))) {
      const source = english.get(path);
      if (typeof leaf === 'function') {
        const args = Array.from({ length: leaf.length }, (_, i) => `⟨${i}⟩`);
        const text = leaf(...args);
        assert.equal(typeof text, 'string', path);
        for (const arg of args) assert.ok(text.includes(arg), `${lang} ${path} drops argument ${arg}: ${text}`);
        if (text === source(...args) && !neutral(text, args)) untranslated.push(path);
      } else {
        assert.ok(leaf.trim().length > 0, `${lang} ${path} is empty`);
        if (leaf === source) untranslated.push(path);
      }
    }
    assert.deepEqual(untranslated, SAME_AS_ENGLISH[lang], `${lang} messages still in English`);
  });
}

test('the element names every measurement in every language', () => {
  for (const lang of LANGUAGES) {
    for (const section of ['element', 'explorer']) {
      assert.deepEqual(Object.keys(catalogues[lang][section].fields), FIELDS.map((f) => f.name), `${lang} ${section}`);
    }
  }
});

test('every data-i18n key of the pages exists, and their English text is the English catalogue\'s', () => {
  const decode = (text) => text.replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  for (const [file, section] of [['index.html', 'page'], ['embed.html', 'embed']]) {
    const html = readFileSync(new URL(file, www), 'utf8');
    const marked = [...html.matchAll(/<(\w+)[^>]*\sdata-i18n="([^"]+)"[^>]*>/g)];
    assert.ok(marked.length >= 2, `${file} marks its words`);
    for (const match of marked) {
      const [tag, tagName, key] = match;
      for (const lang of LANGUAGES) {
        assert.equal(typeof catalogues[lang][section][key], 'string', `${file}: ${lang}.${section}.${key}`);
      }
      const english = tagName === 'meta'
        ? tag.match(/content="([^"]*)"/)[1]
        : html.slice(match.index + tag.length, html.indexOf(`</${tagName}>`, match.index));
      assert.equal(decode(english), en[section][key], `${file}: the English of ${key}`);
    }
  }
});
