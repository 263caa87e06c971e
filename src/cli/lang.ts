import { LANGS, type Lang } from '../core/say.js';

export { LANGS, type Lang };

/**
 * The language the command speaks in: `--lang es|en` (as `--lang es` or `--lang=es`; the last one wins, as
 * in yargs), read before yargs parses, so that its own refusals are said in it too. English otherwise for
 * now: the locale (LANG, LC_ALL, LC_MESSAGES) will choose once every message has its Spanish wording.
 */
export function langOf(argv: readonly string[]): Lang {
  let lang: Lang = 'en';
  argv.forEach((arg, at) => {
    const value = arg === '--lang' ? argv[at + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value !== undefined && (LANGS as readonly string[]).includes(value)) lang = value as Lang;
  });
  return lang;
}
