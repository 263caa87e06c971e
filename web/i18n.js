import en from './lang/en.js';
import es from './lang/es.js';

const DICTIONARIES = { en, es };
export const LANGUAGES = [
  ['es', 'Español'],
  ['en', 'English'],
];
const SAVED = 'wvx-lang';

/** The browser's first language the page speaks (a choice made in the page wins); else English. */
export function detectLanguage() {
  const saved = localStorage.getItem(SAVED);
  if (saved && DICTIONARIES[saved]) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).slice(0, 2).toLowerCase();
    if (DICTIONARIES[base]) return base;
  }
  return 'en';
}

/** The browser's own locale for that language (en-GB dates for a British browser), for numbers and dates. */
export const localeFor = (lang) => (navigator.languages ?? []).find((tag) => String(tag).toLowerCase().startsWith(lang)) ?? lang;

export const saveLanguage = (lang) => localStorage.setItem(SAVED, lang);

// A count of one, as given (a number, or one already written as the language writes it: "1" in both).
const isOne = (n) => n === 1 || n === '1';

/**
 * t('key', { n: 3 }): the text in the page's language, `{n}` filled in; English when a key is missing. A
 * count of one takes the key's singular, `key.one`, where it has one ("1 fila", never "1 filas"), as the
 * library's catalogs do (countedIn).
 * `t.lang` is that language: what the library says comes worded in each (`words`), and the page shows its own.
 */
export function translator(lang) {
  const dictionary = DICTIONARIES[lang] ?? en;
  const t = (key, params = {}) => {
    const one = isOne(params.n) ? `${key}.one` : undefined;
    const text = (one && (dictionary[one] ?? en[one])) ?? dictionary[key] ?? en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])));
  };
  t.lang = DICTIONARIES[lang] ? lang : 'en';
  return t;
}
