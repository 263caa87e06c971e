import type { Argv } from 'yargs';
import { ENCODINGS, type Delimiter, type Encoding } from '../input/source.js';
import type { ReaderOverrides } from '../plan/options.js';
import { checkFlags, UsageError } from './usage-error.js';
import { message, type Lang } from '../core/say.js';
import { helpIn } from './help.js';

/** The reader flags every command that opens an input file shares (they override the mapping's). */
export interface ReaderArgs {
  sheet?: string;
  'header-row'?: number;
  delimiter?: string;
  encoding?: string;
}

const DELIMITER_NAMES: Readonly<Record<string, Delimiter>> = { ',': ',', ';': ';', '|': '|', tab: '\t', '\\t': '\t', '\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
const ENCODING_ALIASES: Readonly<Record<string, Encoding>> = {
  utf8: 'utf-8', 'utf-8': 'utf-8', 'utf-16le': 'utf-16le', utf16le: 'utf-16le', 'utf-16be': 'utf-16be', utf16be: 'utf-16be',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', win1252: 'windows-1252', ansi: 'windows-1252',
  latin1: 'latin1', 'latin-1': 'latin1', 'iso-8859-1': 'latin1',
};

export function withReaderOptions<T>(lang: Lang, yargs: Argv<T>): Argv<T & ReaderArgs> {
  const h = helpIn(lang);
  return yargs
    .option('sheet', { type: 'string', describe: h('help.reader.sheet') })
    .option('header-row', { type: 'number', requiresArg: true, describe: h('help.reader.header-row') })
    .option('delimiter', { type: 'string', describe: h('help.reader.delimiter') })
    .option('encoding', { type: 'string', describe: h('help.reader.encoding', { encodings: ENCODINGS }) })
    .check((args) => {
      // A usage error (exit 2) naming the flag, thrown so that it keeps its message for the person's language.
      checkFlags({ headerRow: args['header-row'] });
      if (args.delimiter !== undefined && DELIMITER_NAMES[args.delimiter] === undefined) throw new UsageError(message('cli.delimiter-refused', { typed: args.delimiter }));
      if (args.encoding !== undefined && ENCODING_ALIASES[args.encoding.toLowerCase()] === undefined) {
        throw new UsageError(message('cli.encoding-refused', { typed: args.encoding, encodings: ENCODINGS }));
      }
      return true;
    }) as Argv<T & ReaderArgs>;
}

export function readerOverrides(args: ReaderArgs): ReaderOverrides {
  const delimiter = args.delimiter === undefined ? undefined : DELIMITER_NAMES[args.delimiter];
  const encoding = args.encoding === undefined ? undefined : ENCODING_ALIASES[args.encoding.toLowerCase()];
  return {
    ...(args.sheet === undefined ? {} : { sheet: args.sheet }),
    ...(args['header-row'] === undefined ? {} : { headerRow: args['header-row'] }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(encoding === undefined ? {} : { encoding }),
  };
}

