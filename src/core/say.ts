import { en } from './catalog/en.js';
import { es } from './catalog/es.js';

// What the library and its CLI say to a person is a code and its parameters (as csv-parse's errors carry a
// code and their context), worded by a catalog in Spanish or English: never a sentence built in the core.
// English is the catalog that defines the codes and their parameters; Spanish must word every one of them
// (the compiler checks it). Machine output (--json, summary.json) keeps the code, the parameters and the
// English text, whatever the person's language.

/** The languages a person can be spoken to in. */
export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type English = typeof en;
export type MessageCode = keyof English;
export type ParamsOf<C extends MessageCode> = Parameters<English[C]>[0];

/** A catalog: a wording for every code, from its parameters. */
export type Catalog = { readonly [C in MessageCode]: (params: ParamsOf<C>) => string };

/** Something to say to a person: what (the code) and its particulars (the parameters). */
export interface Message<C extends MessageCode = MessageCode> {
  readonly code: C;
  readonly params: ParamsOf<C>;
}

const CATALOGS: Readonly<Record<Lang, Catalog>> = { en, es };

/** A message of this code; a code with no parameters takes none. */
export function message<C extends MessageCode>(code: C, ...params: ParamsOf<C> extends undefined ? [] : [ParamsOf<C>]): Message<C> {
  return { code, params: params[0] as ParamsOf<C> };
}

/** The message worded in a language. */
export function say(said: Message, lang: Lang): string {
  return (CATALOGS[lang][said.code] as (params: unknown) => string)(said.params);
}

/** The number as a person of the language writes it: 2,400 in English, 2.400 in Spanish. */
export { countIn } from './text.js';
