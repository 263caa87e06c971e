import { countIn, countedIn } from '../text.js';
import type { Nested } from './en-rows.js';
import { wordNested } from './en.js';
import { columnsText } from './en-notes2.js';
import type { ColumnRuns } from './en-notes2.js';

// English for the whole-file check: `validate`'s report (the counts, the problems listed, the preview of
// what would be sent) and the refusals of `update` for invalid rows and repeated ids.

/** How the input was read, for the line naming it. */
export type InputShape =
  | { readonly kind: 'xlsx'; readonly sheet: string }
  | { readonly kind: 'csv'; readonly encoding: string; readonly bom: boolean; readonly delimiter: string };

/** A row as a person finds it: a CSV line, or a worksheet row. */
export interface RowAt {
  readonly csv: boolean;
  readonly row: number;
}

/** One problem of the file at its row (and column), as the check lists it: its message, or only its English (a line the reader could not split). */
export interface ListedProblem extends RowAt {
  readonly column?: string;
  readonly problem?: Nested;
  readonly text: string;
}

/** An id (or key) on several rows: the first rows shown, and how many more. */
export interface RepeatedId {
  readonly id: string;
  readonly rows: readonly number[];
  readonly more: number;
}

/** Where the header is: its row of the file (and sheet), or as the reader said it. */
export type HeaderPlace = { readonly text: string } | { readonly row: number; readonly file: string; readonly sheet?: string };

/** Columns as the reader lists them (`B–C, E (2–3, 5)`) and how many. */
export interface ColumnsListed {
  readonly list: ColumnRuns;
  readonly count: number;
}

/** A name the header gives to several columns, which the mapping reads (at these paths). */
export interface RepeatedName {
  readonly name: string;
  readonly columns: ColumnsListed;
  readonly paths: readonly string[];
}

/** The counts of `validate`'s table. */
export type CountLabel = 'rows' | 'valid' | 'invalid' | 'empty' | 'duplicate-ids' | 'duplicate-keys';

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

const DELIMITERS: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

const at = (place: RowAt) => `${place.csv ? 'line' : 'row'} ${place.row}`;

const COUNTS: Readonly<Record<CountLabel, string>> = {
  rows: 'Rows read',
  valid: 'Valid',
  invalid: 'Invalid',
  empty: 'Nothing to send',
  'duplicate-ids': 'Duplicate ids',
  'duplicate-keys': 'Duplicate keys',
};

/** `  a1: lines 2, 9, 14, 20, 31 and 118 more` */
const repeated = (entry: RepeatedId, csv: boolean) => {
  const shown = entry.rows.map(String);
  const list = entry.more > 0 ? `${shown.join(', ')} and ${n(entry.more)} more` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`;
  return `  ${entry.id}: ${csv ? 'line' : 'row'}s ${list}`;
};

export const headerAt = (place: HeaderPlace) =>
  'text' in place ? place.text : place.sheet === undefined ? `line ${place.row} of ${place.file}` : `row ${place.row} of sheet '${place.sheet}' of ${place.file}`;

// "as column 'C'", "as columns 'E' and 'F'"; a long run of spacer columns is not spelt out again.
function readAs(letters: readonly string[]): string {
  if (letters.length === 1) return `as column '${letters[0] ?? ''}'`;
  if (letters.length > 4) return 'by their letters';
  const names = letters.map((letter) => `'${letter}'`);
  return `as columns ${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

const repeatedName = (p: RepeatedName) => `'${p.name}' names ${p.columns.count} columns: ${columnsText(p.columns.list)}, and the mapping reads '${p.name}' (${p.paths.join(', ')})`;
const repeatedMore = (more: number) => `${more} more names the mapping reads are used more than once`;

const listed = (p: ListedProblem) => `${at(p)}${p.column ? `, column ${p.column}` : ''}: ${p.problem ? wordNested(p.problem) : p.text}`;
const more = (ids: number, rows: number) => `  … and ${plural(ids, 'more id', 'more ids')} on ${plural(rows, 'row')}`;

export const enCheck = {
  'input.described': (p: { name: string; shape: InputShape; headerRow: number }) => {
    if (p.shape.kind === 'xlsx') return `${p.name} (sheet '${p.shape.sheet}', header in row ${p.headerRow})`;
    const encoding = p.shape.encoding.toUpperCase().replace('LATIN1', 'Latin-1').replace('WINDOWS', 'Windows') + (p.shape.bom ? ' with BOM' : '');
    return `${p.name} (CSV, ${encoding}, ${DELIMITERS[p.shape.delimiter] ?? p.shape.delimiter}-separated, header on line ${p.headerRow})`;
  },
  'input.row-at': (p: RowAt) => at(p),
  'header.repeated-name': (p: RepeatedName) => repeatedName(p),
  'header.repeated-more': (p: { more: number }) => repeatedMore(p.more),
  'header.repeated-read': (p: { at: HeaderPlace; names: readonly RepeatedName[]; more: number; letter?: string }) =>
    `Bad header in ${headerAt(p.at)}: ${[...p.names.map(repeatedName), ...(p.more > 0 ? [repeatedMore(p.more)] : [])].join('; ')}. A column the mapping reads needs a name of its own: rename the columns named${p.letter === undefined ? '' : ` (or read one by its letter, such as "${p.letter}")`}, then try again.`,
  'header.lettered': (p: { at: HeaderPlace; name: string; shown: ColumnsListed; named: readonly string[]; leftOut?: ColumnsListed; read?: ColumnRuns }) => {
    const one = p.shown.count === 1;
    const what = p.name === '' ? `${one ? 'column' : 'columns'} ${columnsText(p.shown.list)} ${one ? 'has' : 'have'} no name` : `'${p.name}' names ${p.shown.count} columns: ${columnsText(p.shown.list)}`;
    const how = [
      ...(p.named.length === 0 ? [] : [`${p.named.length === 1 ? 'it is' : 'they are'} read ${readAs(p.named)}`]),
      ...(p.leftOut === undefined
        ? []
        : [`${p.leftOut.count === 1 ? 'column' : 'columns'} ${columnsText(p.leftOut.list)} ${p.leftOut.count === 1 ? 'is' : 'are'} left out, as ${p.leftOut.count === 1 ? 'its letter is' : 'their letters are'} another column's name`]),
    ];
    const mapping = p.read !== undefined ? `The mapping reads only ${columnsText(p.read)}.` : `The mapping does not read ${one ? 'it' : 'them'}.`;
    return `${headerAt(p.at)}: ${what}; ${how.join('; ')}. ${mapping}`;
  },
  'check.problem': (p: ListedProblem) => listed(p),
  'check.repeated': (p: { entry: RepeatedId; csv: boolean }) => repeated(p.entry, p.csv),
  'check.repeated-more': (p: { ids: number; rows: number }) => more(p.ids, p.rows),

  // validate's report
  'validate.warning': (p: { text: string }) => `Warning: ${p.text}`,
  'validate.count': (p: { what: CountLabel }) => COUNTS[p.what],
  'validate.duplicate-count': (p: { ids: number; rows: number }) => `${n(p.ids)} (on ${plural(p.rows, 'row')})`,
  'validate.if-empty': (p: { fields: readonly string[] }) =>
    `Written only where the CRM's field is empty (if-empty): ${p.fields.join(', ')}. update reads the records first (a snapshot) and keeps every value the CRM has; the bodies below show them all.`,
  'validate.invalid-heading': (p: { shown: number; total: number }) =>
    `Invalid rows (${p.shown < p.total ? `first ${p.shown} of ${plural(p.total, 'problem')}` : plural(p.total, 'problem')}):`,
  'validate.duplicates-heading': (p: { keys: boolean; policy: 'error' | 'first' | 'last' | 'all' }) =>
    `${p.keys ? 'Duplicate keys' : 'Duplicate ids'} (${p.policy === 'error' ? 'not allowed: choose --duplicates first, last or all' : `--duplicates ${p.policy}`}):`,
  'validate.duplicates-written': (p: { ids: number; keys: boolean; csv: boolean; file: string }) =>
    `  All ${n(p.ids)} ${p.keys ? 'keys' : 'ids'} with every ${p.csv ? 'line' : 'row'}: written to ${p.file}`,
  'validate.duplicates-file-hint': (p: { csv: boolean; file: string }) => `  All of them with every ${p.csv ? 'line' : 'row'}: add --duplicates-file ${p.file}`,
  'validate.lookups-heading': () => 'Lookups (read by update once you confirm its plan, before the first update; validate reads nothing):',
  'validate.lookup': (p: { labels: readonly string[]; names: number; module: string; field: string; compare: string }) =>
    `  ${p.labels.join(', ')}: ${plural(p.names, 'name')} to find in ${p.module} by ${p.field} (compared ${p.compare}): query.php ${plural(p.names, 'call')}, or ${p.module} read 1 call per 250 records, the cheaper; a name on no record or on several fails its row`,
  'validate.no-rows': () => 'Not ready: the file has a header but no data rows, so there is nothing to send. Check that this is the file (and the sheet) you meant.',
  'validate.invalid': (p: { rows: number }) =>
    `Not ready: ${plural(p.rows, 'row')} ${p.rows === 1 ? 'is invalid. Fix it' : 'are invalid. Fix them'} in the file or the mapping and validate again (or send the rest with update --skip-invalid).`,
  'validate.repeated': (p: { keys: boolean }) =>
    `Not ready: some ${p.keys ? 'keys' : 'ids'} are on several rows. Remove the extra rows, or say which to send with --duplicates first|last|all.`,
  'validate.ready': (p: { rows: number }) => `Ready: ${plural(p.rows, 'row')} can be sent.`,
  'validate.cancelled': (p: { file: string }) => `Cancelled: the check of ${p.file} stopped before its end, as its caller asked.`,
  'validate.duplicates-unwritable': (p: { file: string; reason: string }) => `Cannot write the duplicates file ${p.file} (${p.reason}): choose a path in a folder you can write to.`,
  'validate.duplicates-is-own': (p: { file: string; which: 'input' | 'mapping'; suggested: string }) =>
    `Duplicates file exists: ${p.file} is the ${p.which} of this command. Give --duplicates-file a new file, such as ${p.suggested}. Nothing was written.`,
  'validate.duplicates-exists': (p: { file: string }) => `Duplicates file exists: ${p.file} is already there. Choose another --duplicates-file, or add --force to overwrite it.`,

  // update's refusals before any call
  'check.interrupted': () => 'Interrupted while checking the file: nothing was sent.',
  'check.rows-invalid': (p: { invalid: number; rows: number; file: string; problems: readonly ListedProblem[]; more: number; command: string; valid: number }) =>
    [
      `Invalid rows: ${n(p.invalid)} of ${plural(p.rows, 'row')} in ${p.file} cannot be sent. Nothing was sent.`,
      ...p.problems.map((problem) => `  ${listed(problem)}`),
      ...(p.more > 0 ? [`  … ${p.more} more (${p.command} lists more of them)`] : []),
      `Fix ${p.invalid === 1 ? 'it' : 'them'} and run again, or add --skip-invalid to send the ${plural(p.valid, 'valid row')}.`,
    ].join('\n'),
  'check.duplicates': (p: { field?: string; count: number; file: string; csv: boolean; entries: readonly RepeatedId[]; moreIds: number; moreRows: number; full?: string }) =>
    [
      `${p.field === undefined ? `Duplicate ids: ${plural(p.count, 'id')}` : `Duplicate keys: ${plural(p.count, `${p.field} key`)}`} of ${p.file} ${p.count === 1 ? 'is' : 'are'} on more than one row. Nothing was sent.`,
      ...p.entries.map((entry) => repeated(entry, p.csv)),
      ...(p.moreIds > 0 ? [more(p.moreIds, p.moreRows)] : []),
      ...(p.full === undefined ? [] : [`The full list, as a CSV file: ${p.full}`]),
      'Remove the extra rows, or choose with --duplicates first (send the first), last (send the last) or all (send each, in file order).',
    ].join('\n'),
} satisfies Record<string, (params: never) => string>;
