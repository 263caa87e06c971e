import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { WolkvoxBulkError } from '../core/errors.js';
import type { LayoutGuess } from '../input/layout-guess.js';
import type { ReadOptions } from '../input/open.js';
import type { InputSource } from '../input/source.js';
import type { Mapping } from '../mapping/types.js';
import type { SourceRow } from '../core/types.js';
import type { InferredField } from '../core/catalog/en-fields.js';
import { columnList, type HeaderGroup } from '../input/headers.js';
import { message, say, type Lang, type Message } from '../core/say.js';
import type { LayoutFound, UnnamedColumns } from '../core/catalog/en-init.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';
import { helpIn } from './help.js';

interface Args extends ReaderArgs {
  file: string;
  out?: string;
  force: boolean;
  lang: Lang;
}

export function initCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'init <file>',
    describe: h('help.init'),
    builder: (yargs: Argv) =>
      withReaderOptions(lang,
        yargs
          .positional('file', { type: 'string', demandOption: true, describe: h('help.init.file') })
          .option('out', { alias: 'o', type: 'string', describe: h('help.init.out') })
          .option('force', { type: 'boolean', default: false, describe: h('help.init.force') }),
      )
        .example('$0 init clientes.csv', h('help.init.example-1'))
        .example('$0 init export.xlsx', h('help.init.example-2'))
        .example('$0 init export.xlsx --sheet Clientes --header-row 3 --out m.json', h('help.init.example-3')) as unknown as Argv<Args>,
    handler: async (args) => {
      const [{ draftMapping, namedHeaders }, { findMappingProblems }] = await Promise.all([import('../mapping/draft.js'), import('../mapping/check.js')]);
      const { source, found, samples } = await openTable({ file: args.file, ...readerOverrides(args) });
      const out = args.out ?? `${path.basename(args.file, path.extname(args.file))}.mapping.json`;
      const { format } = source;
      const where = message('input.described', {
        name: path.basename(source.file),
        shape: format.kind === 'xlsx' ? { kind: 'xlsx', sheet: format.sheet } : { kind: 'csv', encoding: format.encoding, bom: format.bom, delimiter: format.delimiter },
        headerRow: source.headerRow,
      });
      const retry = `wolkvox-bulk init ${args.file} ${format.kind === 'xlsx' ? '--sheet NAME ' : ''}--header-row N`;
      // A mapping validate would refuse is no draft: say why instead, and how to point at the right row.
      const named = namedHeaders(source);
      const unnamed = unnamedColumns(source.lettered);
      if (named.length < 2) {
        throw new WolkvoxBulkError('HEADER_INVALID', message('init.nothing-to-map', { where, named, unnamed, workbook: format.kind === 'xlsx', retry }), { file: source.file, row: source.headerRow });
      }
      if (fs.existsSync(out) && !args.force) {
        throw new WolkvoxBulkError('USAGE', message('init.exists', { out }), { file: out });
      }
      const { mapping, idGuessed, matchGuessed } = draftMapping({ ...source, samples: samples.map((row) => row.values) });
      const problems = findMappingProblems(mapping);
      if (problems.length > 0) {
        throw new WolkvoxBulkError('HEADER_INVALID', message('init.cannot-draft', { where, problems: problems.map((problem) => ({ path: problem.path, problem: problem.said })) }), { file: source.file });
      }
      fs.writeFileSync(out, `${JSON.stringify(mapping, null, 2)}\n`);
      const line = (said: Message) => say(said, args.lang);
      process.stdout.write(
        [
          line(message('init.wrote', { out, where })),
          ...(found.length > 0 ? [line(message('init.found', { found, retry }))] : []),
          line(idLine(mapping, idGuessed, matchGuessed)),
          line(message('init.fields', { fields: Object.keys(mapping.fields).length })),
          line(message('init.types', { fields: inferredFields(mapping), rows: samples.length })),
          ...(unnamed.length > 0 ? [line(message('init.left-out', { columns: unnamed }))] : []),
          '',
          line(message('init.next', { file: args.file, out })),
          '',
        ].join('\n'),
      );
    },
  };
}

// Header cells that name no column of their own, as the draft leaves them out: "column C (3) has no name".
function unnamedColumns(lettered: readonly HeaderGroup[]): UnnamedColumns[] {
  return lettered.map(({ name, columns }) => ({ name, list: columnList(columns), count: columns.length }));
}

/**
 * Opens the file where its table seems to be: the sheet with a header and data, the first row that looks
 * like column names (title rows skipped), unless --sheet or --header-row say otherwise. `found` says what
 * was guessed, for the user to check. A file that is not what it seems fails in openInput, with its reason.
 */
async function openTable(options: ReadOptions): Promise<{ source: InputSource; found: LayoutFound[]; samples: SourceRow[] }> {
  const [{ guessCsvHeaderLine, guessWorkbookLayout }, { openInput }, { readSamples }] = await Promise.all([import('../input/layout-guess.js'), import('../input/open.js'), import('../mapping/draft.js')]);
  const workbook = /\.xls[xm]$/i.test(options.file);
  const guess: LayoutGuess | undefined = workbook
    ? options.sheet !== undefined && options.headerRow !== undefined
      ? undefined
      : await guessWorkbookLayout(options.file, options.sheet).catch(() => undefined)
    : options.headerRow === undefined
      ? { sheetsSkipped: [], headerRow: await guessCsvHeaderLine(options.file, options.encoding ?? 'auto', options.delimiter).catch(() => undefined) }
      : undefined;
  const source = await openInput({
    ...options,
    ...(guess?.sheet === undefined || options.sheet !== undefined ? {} : { sheet: guess.sheet }),
    ...(guess?.headerRow === undefined || options.headerRow !== undefined ? {} : { headerRow: guess.headerRow }),
  });
  // The first rows say how each column reads (a number, a date, yes/no); the rest of the file is not read.
  const samples = await readSamples(source);
  await source.rows.return?.(undefined);
  const found: LayoutFound[] = [];
  if (guess && source.format.kind === 'xlsx' && options.sheet === undefined && source.format.sheets.length > 1) {
    found.push({ kind: 'sheet', sheet: source.format.sheet, skipped: guess.sheetsSkipped });
  }
  if (guess && options.headerRow === undefined && source.headerRow > 1) found.push({ kind: 'header', workbook: source.format.kind === 'xlsx', row: source.headerRow });
  return { source, found, samples };
}

// The draft's fields read as other than text, for the line saying so.
function inferredFields(mapping: Mapping): InferredField[] {
  return Object.entries(mapping.fields).flatMap(([field, spec]) =>
    typeof spec === 'string' || spec.type === undefined ? [] : [{ field, type: spec.type, ...(spec.decimal ? { decimal: spec.decimal } : {}), ...(spec.inputFormat ? { inputFormat: spec.inputFormat } : {}) }],
  );
}

// How the draft's rows find their records: the id column, or a key column when the file has no ids.
function idLine(mapping: Mapping, idGuessed: boolean, matchGuessed: boolean): Message {
  if (matchGuessed && mapping.match) {
    const { column, field, compare } = mapping.match;
    return message('init.match', { column, field, compare: compare ?? 'exact' });
  }
  return message('init.id', { column: String(mapping.id), guessed: idGuessed });
}
