import { LANGS, type Lang } from '../core/say.js';

export { LANGS, type Lang };

// The locale variables that name the language of messages, strongest first (POSIX: LC_ALL overrides
// LC_MESSAGES, which overrides LANG); the first one set decides.
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/**
 * The language the command speaks in: `--lang es|en` (as `--lang es` or `--lang=es`; the last one wins, as
 * in yargs), read before yargs parses, so that its own refusals are said in it too; otherwise the locale:
 * Spanish for `es`, `es_CO.UTF-8`, `es-MX` …, English for anything else (`C`, `en_US.UTF-8`) or none.
 */
export function langOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  let lang: Lang | undefined;
  argv.forEach((arg, at) => {
    const value = arg === '--lang' ? argv[at + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value !== undefined && (LANGS as readonly string[]).includes(value)) lang = value as Lang;
  });
  if (lang !== undefined) return lang;
  const locale = LOCALE_VARIABLES.map((name) => env[name]).find((value) => value !== undefined && value !== '');
  return locale !== undefined && /^es(?:[_.@-]|$)/i.test(locale) ? 'es' : 'en';
}
