import type { ColumnReference } from './compile-field.js';
import { repeatedNames, type HeaderColumns } from './header-columns.js';
import { message } from '../core/say.js';
import { fieldPath, keyPath, problem, type MappingProblem } from './problems.js';
import { isObject } from './shape.js';
import { suggest } from './suggest.js';
import { parseTemplate } from './template.js';

/** The reader settings of a mapping; a problem with one of them means its columns cannot be checked yet. */
export const READER_KEYS = ['sheet', 'headerRow', 'delimiter', 'encoding'] as const;

// The columns an id or a field names, wherever they can be made out: a column name or an object.
function sourceReferences(spec: unknown, path: string): ColumnReference[] {
  if (typeof spec === 'string') return [{ path, column: spec }];
  if (!isObject(spec)) return [];
  const references: ColumnReference[] = [];
  if (typeof spec.column === 'string') references.push({ path: keyPath(path, 'column'), column: spec.column });
  if (typeof spec.template === 'string') {
    const template = parseTemplate(spec.template);
    if (template.ok) for (const column of template.value.columns) references.push({ path: keyPath(path, 'template'), column });
  }
  if (spec.type === 'search' && typeof spec.idColumn === 'string') references.push({ path: keyPath(path, 'idColumn'), column: spec.idColumn });
  return references;
}

/**
 * Every input column a parsed mapping names, read leniently: a mapping with shape problems still has
 * column names worth checking, so that one report holds every mistake.
 */
export function columnReferences(value: unknown): ColumnReference[] {
  if (!isObject(value)) return [];
  const references = sourceReferences(value.id, 'id');
  if (isObject(value.match) && typeof value.match.column === 'string') references.push({ path: 'match.column', column: value.match.column });
  if (isObject(value.fields)) {
    for (const [label, spec] of Object.entries(value.fields)) references.push(...sourceReferences(spec, fieldPath(label)));
  }
  if (isObject(value.attachments) && typeof value.attachments.column === 'string') {
    references.push({ path: 'attachments.column', column: value.attachments.column });
  }
  return references;
}

/**
 * The references whose column is not among the input's headers, each with a "did you mean". A name the
 * header gives to several columns is there (`repeatedNameError` says what is wrong with it).
 */
export function missingColumns(references: readonly ColumnReference[], input: HeaderColumns, inputName: string): MappingProblem[] {
  const { headers } = input;
  const repeated = repeatedNames(input);
  return references
    .filter((reference) => !headers.includes(reference.column) && !repeated.has(reference.column))
    .map(({ path, column }) => {
      return problem(path, 'mapping.column-missing', { column, file: inputName, meant: suggest(column, headers) });
    });
}

/** The line under a column problem that lists what the file has. */
export const columnsLine = (headers: readonly string[], inputName: string) =>
  message('mapping.columns-are', { file: inputName, headers: headers.filter((header) => header !== '') });
