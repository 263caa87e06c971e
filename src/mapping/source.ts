import { cellText } from '../input/cells.js';
import type { CellValue, SourceRow } from '../core/types.js';
import type { FilledCell } from './typed-value.js';
import type { Template } from './template.js';
import type { Constant } from './types.js';

/** Where a value comes from, resolved from `column`, `template` or `value`. */
export type SourceSpec =
  | { readonly kind: 'column'; readonly column: string }
  | { readonly kind: 'template'; readonly template: Template }
  | { readonly kind: 'value'; readonly value: Constant };

/** A value as read from a row, before `map` and the type are applied. */
export type RawValue =
  | {
      readonly kind: 'filled';
      readonly cell: FilledCell;
      /** Template columns that were empty (their part became ""). */
      readonly emptyColumns: readonly string[];
    }
  | {
      readonly kind: 'empty';
      /** Codes of the error cells (`#N/A`) among the cells read, which count as empty. */
      readonly errors: readonly string[];
    };

type CellRead = { readonly filled: FilledCell } | { readonly error?: string };

// An empty cell is absent; an error cell and whitespace-only text (when trimming) count as empty too.
function readCell(value: CellValue | undefined, trim: boolean): CellRead {
  if (value === undefined) return {};
  if (typeof value === 'object' && value.kind === 'error') return { error: value.error };
  if (typeof value === 'string' && (trim ? value.trim() : value) === '') return {};
  return { filled: value };
}

/** A row's cell by column name; own keys only, so a column named `constructor` is not `Object`'s. */
export const cellOf = (row: SourceRow, column: string): CellValue | undefined =>
  Object.hasOwn(row.values, column) ? row.values[column] : undefined;

function readTemplate(row: SourceRow, template: Template, trim: boolean): RawValue {
  const errors: string[] = [];
  const emptyColumns: string[] = [];
  const text = template.parts
    .map((part) => {
      if ('literal' in part) return part.literal;
      const read = readCell(cellOf(row, part.column), trim);
      if ('filled' in read) return trim ? cellText(read.filled).trim() : cellText(read.filled);
      if (read.error !== undefined) errors.push(read.error);
      emptyColumns.push(part.column);
      return '';
    })
    .join('');
  if (template.columns.every((column) => emptyColumns.includes(column))) return { kind: 'empty', errors };
  return { kind: 'filled', cell: trim ? text.trim() : text, emptyColumns };
}

// Shared by every row whose cell is plainly filled or empty (frozen: no reader may add to them). The check
// reads each mapped cell of every row: a fresh object and array for each added up.
const NONE: readonly string[] = Object.freeze([]);
const EMPTY: RawValue = Object.freeze({ kind: 'empty', errors: NONE });

/** Reads a field's raw value from a row. */
export function readSource(row: SourceRow, source: SourceSpec, trim: boolean): RawValue {
  if (source.kind === 'value') return { kind: 'filled', cell: source.value, emptyColumns: NONE };
  if (source.kind === 'template') return readTemplate(row, source.template, trim);
  // readCell's rules, without its object: an absent, error or blank cell is empty.
  const value = cellOf(row, source.column);
  if (value === undefined) return EMPTY;
  if (typeof value === 'object' && value.kind === 'error') return { kind: 'empty', errors: [value.error] };
  if (typeof value === 'string' && (trim ? value.trim() : value) === '') return EMPTY;
  return { kind: 'filled', cell: value, emptyColumns: NONE };
}

/** The input columns a source reads. */
export const sourceColumns = (source: SourceSpec): readonly string[] =>
  source.kind === 'column' ? [source.column] : source.kind === 'template' ? source.template.columns : [];
