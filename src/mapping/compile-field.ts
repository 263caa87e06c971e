import { cellText } from '../input/cells.js';
import type { ValueSource } from '../core/catalog/en-rows.js';
import { message, type Message } from '../core/say.js';
import type { RowProblem, SourceRow } from '../core/types.js';
import { convertCell, type FieldRule } from './typed-value.js';
import { ISO_DATE, ISO_DATETIME, parseDateFormat } from './date-format.js';
import { mapValue, type ValueMap } from './value-map.js';
import { fieldPath, keyPath } from './problems.js';
import { expectOk, fail, ok, rowProblem, type Result } from './result.js';
import { idTextProblem } from './row-id.js';
import { cellOf, readSource, sourceColumns, type RawValue, type SourceSpec } from './source.js';
import { lookupName } from './record-lookup.js';
import { parseTemplate } from './template.js';
import type { EmptyPolicy, FieldObject, FieldSpec } from './types.js';

/** An input column named in the mapping, and where, so a missing one can be reported at its path. */
export interface ColumnReference {
  readonly path: string;
  readonly column: string;
}

/** What one field contributes to a row. */
export type FieldOutcome =
  | { readonly kind: 'skip' }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'problem'; readonly problem: RowProblem };

export interface CompiledField {
  readonly label: string;
  readonly references: readonly ColumnReference[];
  /** For a constant `value` that its type refuses: the reason, reported when the mapping is compiled. */
  readonly constantProblem?: Message;
  apply(row: SourceRow): FieldOutcome;
}

function resolveSource(spec: FieldObject): SourceSpec {
  if ('template' in spec) return { kind: 'template', template: expectOk(parseTemplate(spec.template)) };
  if ('value' in spec) return { kind: 'value', value: spec.value };
  return { kind: 'column', column: spec.column };
}

/** The field's options with defaults applied, once. */
function resolveRule(spec: FieldObject): FieldRule {
  const type = spec.type ?? 'string';
  const output = spec.format ?? (type === 'datetime' ? ISO_DATETIME : ISO_DATE);
  return {
    type,
    trim: spec.trim ?? true,
    case: spec.case,
    decimal: spec.decimal,
    inputFormat: spec.inputFormat === undefined ? undefined : expectOk(parseDateFormat(spec.inputFormat, 'input')),
    format: expectOk(parseDateFormat(output, type === 'datetime' ? 'datetime' : 'date')),
    searchModule: spec.searchModule ?? spec.lookup?.module,
    symbol: spec.symbol,
    country: spec.country,
    code: spec.code,
  };
}

/** Where a value is read from, as a problem names it so that a person finds the cell. */
export function describeSource(source: SourceSpec): ValueSource {
  if (source.kind === 'column') return { kind: 'column', column: source.column };
  return source.kind === 'template' ? { kind: 'template', template: source.template.text, columns: source.template.columns } : { kind: 'value' };
}

/** Compiles one entry of `fields`; `empty` is the top-level default. */
export function compileField(label: string, spec: FieldSpec, empty: EmptyPolicy): CompiledField {
  const object: FieldObject = typeof spec === 'string' ? { column: spec } : spec;
  const path = fieldPath(label);
  const source = resolveSource(object);
  const rule = resolveRule(object);
  const policy = object.empty ?? empty;
  const valueMap: ValueMap | undefined = object.map === undefined ? undefined : { map: object.map, default: object.default };
  const idColumn = rule.type === 'search' ? object.idColumn : undefined;
  const lookup = rule.type === 'search' ? object.lookup : undefined;
  const place = source.kind === 'column' ? { column: source.column, field: label } : { field: label };
  const sourcePath = typeof spec === 'string' ? path : keyPath(path, source.kind);
  const references = sourceColumns(source).map((name) => ({ path: sourcePath, column: name }));
  if (idColumn !== undefined) references.push({ path: keyPath(path, 'idColumn'), column: idColumn });
  // A constant its own type refuses would fail every row: it is reported once, with the mapping.
  const constant = source.kind === 'value' ? convertCell(source.value, rule) : undefined;

  // The linked record's id of a search field, read like the row id.
  const linkedId = (row: SourceRow): Result<string | undefined> => {
    if (idColumn === undefined) return ok(undefined);
    const cell = cellOf(row, idColumn);
    const text = cell === undefined || (typeof cell === 'object' && cell.kind === 'error') ? '' : cellText(cell).trim();
    if (text === '') return fail('row.linked-id-empty', { column: idColumn });
    const wrong = idTextProblem(text);
    return wrong === undefined ? ok(text) : fail('row.linked-id-bad', { column: idColumn, problem: wrong });
  };

  const convert = (row: SourceRow, raw: Extract<RawValue, { kind: 'filled' }>): Result<unknown> => {
    // Most fields have no "map", no linked id and no lookup: no intermediate result a row for them.
    if (valueMap === undefined && idColumn === undefined && lookup === undefined) return convertCell(raw.cell, rule, undefined);
    const mapped = valueMap === undefined ? ok(raw.cell) : mapValue(raw.cell, valueMap);
    if (!mapped.ok) return mapped;
    const id = linkedId(row);
    const value = id.ok ? convertCell(mapped.value, rule, id.value) : id;
    // A name the lookup's comparison leaves nothing of ("document" keeps letters and digits) finds no record.
    if (value.ok && lookup && lookupName(value.value, lookup.compare ?? 'exact') === undefined) {
      return fail('row.lookup-name-blank', { name: cellText(mapped.value).trim(), module: lookup.module });
    }
    return value;
  };

  // Built only for a row with a problem: no closure a row.
  const problemAt = (row: SourceRow, said: Message): FieldOutcome => ({
    kind: 'problem',
    // The place names the column; the field is named too when it is not the column's own name.
    problem: rowProblem(row.rowNumber, place, place.column === label ? said : message('row.in-field', { field: label, problem: said })),
  });
  const apply = (row: SourceRow): FieldOutcome => {
    const raw = readSource(row, source, rule.trim);
    if (raw.kind === 'filled') {
      const value = convert(row, raw);
      return value.ok ? { kind: 'value', value: value.value } : problemAt(row, value.said);
    }
    // An id without its label would be dropped by "skip" or "clear": that is never what was meant.
    if (idColumn !== undefined && linkedId(row).ok && policy !== 'error') {
      return problemAt(row, message('row.label-empty-with-id', { source: describeSource(source), idColumn }));
    }
    if (policy === 'skip') return { kind: 'skip' };
    if (policy === 'clear') return { kind: 'value', value: '' };
    return problemAt(row, message('row.field-empty', { source: describeSource(source), errors: raw.errors }));
  };

  return { label, references, constantProblem: constant?.ok === false ? constant.said : undefined, apply };
}
