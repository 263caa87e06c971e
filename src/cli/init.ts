import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { WolkvoxBulkError } from '../core/errors.js';
import type { LayoutGuess } from '../input/layout-guess.js';
import type { ReadOptions } from '../input/open.js';
import type { InputSource } from '../input/source.js';
import type { Mapping } from '../mapping/types.js';
import type { SourceRow } from '../core/types.js';
import { message, say, type Lang } from '../core/say.js';
import type { InferredField } from '../core/catalog/en-fields.js';
import { columnList, type HeaderGroup } from '../input/headers.js';
import { describeInput } from './describe-input.js';
import { counted } from './format.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';

interface Args extends ReaderArgs {
  file: string;
  out?: string;
  force: boolean;
  lang?: Lang;
}

export const initCommand: CommandModule<object, Args> = {
  command: 'init <file>',
  describe: 'Write a draft mapping from a file\'s column names, to edit before validate',
  builder: (yargs: Argv) =>
    withReaderOptions(
      yargs
        .positional('file', { type: 'string', demandOption: true, describe: 'CSV or XLSX file' })
        .option('out', { alias: 'o', type: 'string', describe: 'Where to write the mapping (default: <file name>.mapping.json here)' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite the mapping file if it exists' }),
    )
      .example('$0 init clientes.csv', 'Writes clientes.mapping.json')
      .example('$0 init export.xlsx', 'Finds the sheet with a table and the row with its column names, past title rows')
      .example('$0 init export.xlsx --sheet Clientes --header-row 3 --out m.json', 'A workbook whose column names are in row 3') as unknown as Argv<Args>,
  handler: async (args) => {
    const [{ draftMapping, namedHeaders }, { findMappingProblems }] = await Promise.all([import('../mapping/draft.js'), import('../mapping/check.js')]);
    const { source, found, samples } = await openTable({ file: args.file, ...readerOverrides(args) });
    const out = args.out ?? `${path.basename(args.file, path.extname(args.file))}.mapping.json`;
    const where = describeInput(source.file, source.format, source.headerRow);
    const retry = `wolkvox-bulk init ${args.file} ${source.format.kind === 'xlsx' ? '--sheet NAME ' : ''}--header-row N`;
    // A mapping validate would refuse is no draft: say why instead, and how to point at the right row.
    const named = namedHeaders(source);
    const passedOver = letteredNote(source.lettered);
    if (named.length < 2) {
      throw new WolkvoxBulkError(
        'HEADER_INVALID',
        `Nothing to map: ${where} has ${columnNames(named, passedOver)}; a mapping needs the id column and at least one field. No mapping was written. If the column names are in another ${source.format.kind === 'xlsx' ? 'sheet or row' : 'line'}, run ${retry}.`,
        { file: source.file, row: source.headerRow },
      );
    }
    if (fs.existsSync(out) && !args.force) {
      throw new WolkvoxBulkError('USAGE', `Mapping exists: ${out} is already there. Choose another --out, or add --force to overwrite it.`, { file: out });
    }
    const { mapping, idGuessed, matchGuessed } = draftMapping({ ...source, samples: samples.map((row) => row.values) });
    const problems = findMappingProblems(mapping);
    if (problems.length > 0) {
      throw new WolkvoxBulkError('HEADER_INVALID', `Cannot draft a mapping from ${where}: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}. No mapping was written.`, { file: source.file });
    }
    fs.writeFileSync(out, `${JSON.stringify(mapping, null, 2)}\n`);
    const fields = Object.keys(mapping.fields).length;
    process.stdout.write(
      [
        `Wrote ${out} from ${where}.`,
        ...(found.length > 0 ? [`  found: ${found.join(', ')}; if that is wrong, run ${retry}`] : []),
        idLine(mapping, idGuessed, matchGuessed),
        `  fields: ${counted(fields, 'column')}, each sent to the CRM field of the same name`,
        say(message('init.types', { fields: inferredFields(mapping), rows: samples.length }), args.lang ?? 'en'),
        ...(passedOver.length > 0 ? [`  left out: ${passedOver.join('; ')} (a mapping may still read such a column by its letter)`] : []),
        '',
        'Next: edit the field names to match your CRM, set "operation" and "module" (or pass --operation and --module),',
        `then check every row: wolkvox-bulk validate ${args.file} --mapping ${out}`,
        '',
      ].join('\n'),
    );
  },
};

function columnNames(named: readonly string[], passedOver: readonly string[]): string {
  if (passedOver.length === 0) return named.length === 1 ? `one column name ('${named[0]}')` : 'no column names';
  const own = named.length === 1 ? `only one column with a name of its own ('${named[0]}')` : 'no column with a name of its own';
  return `${own} (${passedOver.join('; ')})`;
}

// Header cells that name no column of their own, as the draft leaves them out: "column C (3) has no name".
function letteredNote(lettered: readonly HeaderGroup[]): string[] {
  return lettered.map(({ name, columns }) =>
    name === '' ? `${columns.length === 1 ? 'column' : 'columns'} ${columnList(columns)} ${columns.length === 1 ? 'has' : 'have'} no name` : `'${name}' names ${columns.length} columns: ${columnList(columns)}`,
  );
}

/**
 * Opens the file where its table seems to be: the sheet with a header and data, the first row that looks
 * like column names (title rows skipped), unless --sheet or --header-row say otherwise. `found` says what
 * was guessed, for the user to check. A file that is not what it seems fails in openInput, with its reason.
 */
async function openTable(options: ReadOptions): Promise<{ source: InputSource; found: string[]; samples: SourceRow[] }> {
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
  const found: string[] = [];
  if (guess && source.format.kind === 'xlsx' && options.sheet === undefined && source.format.sheets.length > 1) {
    const skipped = guess.sheetsSkipped.map((name) => `'${name}'`);
    found.push(`the table in sheet '${source.format.sheet}'${skipped.length > 0 ? ` (${skipped.join(', ')} ${skipped.length > 1 ? 'have' : 'has'} none)` : ''}`);
  }
  if (guess && options.headerRow === undefined && source.headerRow > 1) {
    const unit = source.format.kind === 'xlsx' ? 'row' : 'line';
    found.push(`the column names in ${unit} ${source.headerRow} (the ${unit}s above look like titles)`);
  }
  return { source, found, samples };
}

// The draft's fields read as other than text, for the line saying so.
function inferredFields(mapping: Mapping): InferredField[] {
  return Object.entries(mapping.fields).flatMap(([field, spec]) =>
    typeof spec === 'string' || spec.type === undefined ? [] : [{ field, type: spec.type, ...(spec.decimal ? { decimal: spec.decimal } : {}), ...(spec.inputFormat ? { inputFormat: spec.inputFormat } : {}) }],
  );
}

// How the draft's rows find their records: the id column, or a key column when the file has no ids.
function idLine(mapping: Mapping, idGuessed: boolean, matchGuessed: boolean): string {
  if (matchGuessed && mapping.match) {
    const { column, field, compare } = mapping.match;
    return `  match: no column holds wolkvox ids, so each row finds its record by column '${column}' in the CRM field '${field}' (compared as "${compare}"); set "field" to the CRM field holding the same key`;
  }
  return idGuessed ? `  id: column '${String(mapping.id)}'` : `  id: column '${String(mapping.id)}' (a guess: no column is called id or wolkvox-id; set "id" to the column with the record ids)`;
}
