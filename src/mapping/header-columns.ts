import path from 'node:path';
import type { HeaderPlace } from '../core/catalog/en-check.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message, say, type Message } from '../core/say.js';
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
  /** The input's format and header row, when known: the notes then say where the header is in the person's language. */
  readonly format?: { readonly kind: 'csv' } | { readonly kind: 'xlsx'; readonly sheet: string };
  readonly headerRow?: number;
}

const MAX_NAMES = 10;

/** Names the header gives to several columns: a mapping that reads one of them cannot say which it means. */
export const repeatedNames = (input: HeaderColumns): ReadonlySet<string> =>
  new Set((input.lettered ?? []).filter((group) => group.name !== '').map((group) => group.name));

/**
 * Only the columns a mapping reads need a name of their own (issue 17, item 5): a repeated name the mapping
 * reads is a HEADER_INVALID error that names its columns and the mapping's keys that read it.
 */
export function repeatedNameError(references: readonly ColumnReference[], input: HeaderColumns): WolkvoxBulkError | undefined {
  const read = (input.lettered ?? []).filter((group) => group.name !== '' && references.some((reference) => reference.column === group.name));
  if (read.length === 0) return undefined;
  const names = read.slice(0, MAX_NAMES).map(({ name, columns }) => ({
    name,
    columns: { list: columnList(columns), count: columns.length },
    paths: [...new Set(references.filter((reference) => reference.column === name).map((reference) => reference.path))],
  }));
  const more = Math.max(0, read.length - MAX_NAMES);
  const headers = new Set(input.headers);
  const letter = read.flatMap((group) => group.columns).map(columnLetter).find((name) => headers.has(name));
  const first = read[0] as HeaderGroup;
  // `details` keeps each name's problem in English, for programs.
  const details = [...names.map((repeated) => say(message('header.repeated-name', repeated), 'en')), ...(more > 0 ? [say(message('header.repeated-more', { more }), 'en')] : [])];
  const said = message('header.repeated-read', { at: headerAt(input), names, more, ...(letter === undefined ? {} : { letter }) });
  return new WolkvoxBulkError('HEADER_INVALID', said, { file: input.file, column: first.name, details });
}

/** Where the header is, for the catalogs: its row of the file (and sheet), or as the reader said it. */
function headerAt(input: HeaderColumns): HeaderPlace {
  if (input.format === undefined || input.headerRow === undefined) return { text: input.headerPlace ?? input.file };
  const file = path.basename(input.file);
  return input.format.kind === 'xlsx' ? { row: input.headerRow, file, sheet: input.format.sheet } : { row: input.headerRow, file };
}

/**
 * A note for each group of columns known by their letter that the mapping does not read: a person
 * should know that a spacer column or a repeated name was passed over, and what it is called now.
 */
export function letteredNotes(references: readonly ColumnReference[], input: HeaderColumns): Message[] {
  const readColumns = new Set(references.map((reference) => reference.column));
  const at = headerAt(input);
  return (input.lettered ?? []).flatMap(({ name, columns, leftOut = [] }) => {
    const out = new Set(leftOut);
    const given = columns.filter((index) => !out.has(index));
    const read = given.filter((index) => readColumns.has(columnLetter(index)));
    const named = name === '' ? given.filter((index) => !readColumns.has(columnLetter(index))) : given;
    const shown = name === '' ? [...named, ...leftOut].sort((a, b) => a - b) : columns;
    if (read.length === given.length && leftOut.length === 0) return [];
    return [
      message('header.lettered', {
        at,
        name,
        shown: { list: columnList(shown), count: shown.length },
        named: named.map(columnLetter),
        ...(leftOut.length === 0 ? {} : { leftOut: { list: columnList(leftOut), count: leftOut.length } }),
        ...(name !== '' && read.length > 0 ? { read: columnList(read) } : {}),
      }),
    ];
  });
}

/** The notes of `letteredNotes` in English: what the report and the plan file keep. */
export const letteredWarnings = (references: readonly ColumnReference[], input: HeaderColumns): string[] =>
  letteredNotes(references, input).map((note) => say(note, 'en'));
