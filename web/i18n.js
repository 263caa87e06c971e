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

/**
 * t('key', { n: 3 }): the text in the page's language, `{n}` filled in; English when a key is missing.
 * `t.lang` is that language: what the library says comes worded in each (`words`), and the page shows its own.
 */
export function translator(lang) {
  const dictionary = DICTIONARIES[lang] ?? en;
  const t = (key, params = {}) => {
    const text = dictionary[key] ?? en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])));
  };
  t.lang = DICTIONARIES[lang] ? lang : 'en';
  return t;
}
