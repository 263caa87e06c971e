import type { MiddlewareFunction } from 'yargs';
import { message } from '../core/say.js';
import { UsageError } from './usage-error.js';

// The flags that may be given again and again without being array flags: an array flag would take the
// words after it (the file) as more values, so these take one value each time and yargs lists them.
const REPEATABLE: ReadonlySet<string> = new Set(['notify']);

/** What yargs tells a middleware of the options it knows: the command's and the global ones. */
interface KnownOptions {
  readonly key: Readonly<Record<string, unknown>>;
  readonly alias: Readonly<Record<string, readonly string[]>>;
  readonly array: readonly string[];
  readonly boolean: readonly string[];
  readonly count: readonly string[];
}

/**
 * Refuses a flag that takes one value given twice (`-m a.json -m b.json`): which one was meant is the
 * person's to say, so neither is taken. yargs would hand the command a list where it expects one value,
 * or, for a number given again as 1, add them (`--concurrency 4 --concurrency 1` is 5) and for one given
 * first as 0 keep the last: so the words typed are counted too. Array flags and the repeatable ones
 * (`--notify`) are lists by design; a switch given twice (`--yes --yes`) says the same thing twice.
 */
export function refuseRepeatedFlags(argv: readonly string[], args: Readonly<Record<string, unknown>>, options: KnownOptions): void {
  const aliases = new Set(Object.values(options.alias).flat());
  const namesOf = (name: string) => [name, ...(options.alias[name] ?? [])];
  const notOne = new Set([...options.array, ...options.boolean, ...options.count].flatMap(namesOf));
  const typed = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  for (const name of Object.keys(options.key)) {
    if (aliases.has(name) || notOne.has(name) || REPEATABLE.has(name)) continue;
    const value = args[name];
    const spellings = new Set(namesOf(name).map((spelling) => (spelling.length === 1 ? `-${spelling}` : `--${spelling}`)));
    const times = Math.max(Array.isArray(value) ? value.length : 0, typed.filter((word) => spellings.has(word.split('=', 1)[0] ?? word)).length);
    if (times > 1) throw new UsageError(message('cli.flag-repeated', { flag: `--${name}`, times }));
  }
}

/**
 * The refusal as a yargs middleware run before its validation (which would word a repeated `--operation`
 * as its own list of values). yargs passes a middleware its instance too, which the types leave out: its
 * options are the command's and the global ones.
 */
export const repeatedFlagsMiddleware = (argv: readonly string[]) =>
  ((args: Readonly<Record<string, unknown>>, yargs: { getOptions(): unknown }) => refuseRepeatedFlags(argv, args, yargs.getOptions() as KnownOptions)) as unknown as MiddlewareFunction;
