import { WolkvoxBulkError } from '../core/errors.js';
import { columnLetter, columnList, type HeaderGroup } from '../input/headers.js';
import type { ColumnReference } from './compile-field.js';

/** What the mapping's column checks know of the input's header. */
export interface HeaderColumns {
  readonly file: string;
  readonly headers: readonly string[];
  /** "line 1 of datos.csv": where the header is, for messages. */
  readonly headerPlace?: string;
  /** Header cells that name no column of their own; their columns are known by letter. */
  readonly lettered?: readonly HeaderGroup[];
}

const MAX_NAMES = 10;

/** Names the header gives to several columns: a mapping that reads one of them cannot say which it means. */
export const repeatedNames = (input: HeaderColumns): ReadonlySet<string> =>
  new Set((input.lettered ?? []).filter((group) => group.name !== '').map((group) => group.name));

// "as column 'C'", "as columns 'E' and 'F'"; a long run of spacer columns is not spelt out again.
function readAs(letters: readonly string[]): string {
  if (letters.length === 1) return `as column '${letters[0] ?? ''}'`;
  if (letters.length > 4) return 'by their letters';
  const names = letters.map((letter) => `'${letter}'`);
  return `as columns ${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * Only the columns a mapping reads need a name of their own (issue 17, item 5): a repeated name the mapping
 * reads is a HEADER_INVALID error that names its columns and the mapping's keys that read it.
 */
export function repeatedNameError(references: readonly ColumnReference[], input: HeaderColumns): WolkvoxBulkError | undefined {
  const read = (input.lettered ?? []).filter((group) => group.name !== '' && references.some((reference) => reference.column === group.name));
  if (read.length === 0) return undefined;
  const problems = read.slice(0, MAX_NAMES).map(({ name, columns }) => {
    const paths = [...new Set(references.filter((reference) => reference.column === name).map((reference) => reference.path))];
    return `'${name}' names ${columns.length} columns: ${columnList(columns)}, and the mapping reads '${name}' (${paths.join(', ')})`;
  });
  if (read.length > MAX_NAMES) problems.push(`${read.length - MAX_NAMES} more names the mapping reads are used more than once`);
  const headers = new Set(input.headers);
  const letter = read.flatMap((group) => group.columns).map(columnLetter).find((name) => headers.has(name));
  const hint = letter === undefined ? '' : ` (or read one by its letter, such as "${letter}")`;
  const first = read[0] as HeaderGroup;
  return new WolkvoxBulkError(
    'HEADER_INVALID',
    `Bad header in ${input.headerPlace ?? input.file}: ${problems.join('; ')}. A column the mapping reads needs a name of its own: rename the columns named${hint}, then try again.`,
    { file: input.file, column: first.name, details: problems },
  );
}

/**
 * A sentence for each group of columns known by their letter that the mapping does not read: a person
 * should know that a spacer column or a repeated name was passed over, and what it is called now.
 */
export function letteredWarnings(references: readonly ColumnReference[], input: HeaderColumns): string[] {
  const readColumns = new Set(references.map((reference) => reference.column));
  const place = input.headerPlace ?? input.file;
  return (input.lettered ?? []).flatMap(({ name, columns, leftOut = [] }) => {
    const out = new Set(leftOut);
    const given = columns.filter((index) => !out.has(index));
    const read = given.filter((index) => readColumns.has(columnLetter(index)));
    const named = name === '' ? given.filter((index) => !readColumns.has(columnLetter(index))) : given;
    const shown = name === '' ? [...named, ...leftOut].sort((a, b) => a - b) : columns;
    if (read.length === given.length && leftOut.length === 0) return [];
    const one = shown.length === 1;
    const what = name === '' ? `${one ? 'column' : 'columns'} ${columnList(shown)} ${one ? 'has' : 'have'} no name` : `'${name}' names ${columns.length} columns: ${columnList(columns)}`;
    const how = [
      ...(named.length === 0 ? [] : [`${named.length === 1 ? 'it is' : 'they are'} read ${readAs(named.map(columnLetter))}`]),
      ...(leftOut.length === 0 ? [] : [`${leftOut.length === 1 ? 'column' : 'columns'} ${columnList(leftOut)} ${leftOut.length === 1 ? 'is' : 'are'} left out, as ${leftOut.length === 1 ? 'its letter is' : 'their letters are'} another column's name`]),
    ];
    const mapping = name !== '' && read.length > 0 ? `The mapping reads only ${columnList(read)}.` : `The mapping does not read ${one ? 'it' : 'them'}.`;
    return [`${place}: ${what}; ${how.join('; ')}. ${mapping}`];
  });
}
