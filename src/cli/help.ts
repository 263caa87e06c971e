import { message, say, type Lang, type MessageCode, type ParamsOf } from '../core/say.js';

/** Words a help text (a command's, an option's, an example's) in the language the command speaks. */
export function helpIn(lang: Lang) {
  return <C extends MessageCode>(code: C, ...params: ParamsOf<C> extends undefined ? [] : [ParamsOf<C>]): string => say(message(code, ...params), lang);
}

/**
 * What yargs' Spanish locale lacks or says with tú, for `updateStrings` under `--lang es` (its other words,
 * "Opciones:", "[booleano]", come from the locale itself).
 */
export const YARGS_SPANISH: Readonly<Record<string, string>> = {
  'Positionals:': 'Argumentos:',
  'Did you mean %s?': '¿Quiso decir %s?',
};
