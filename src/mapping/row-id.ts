import { cellText } from '../input/cells.js';
import type { RowProblem, SourceRow } from '../core/types.js';
import { message, type Message } from '../core/say.js';
import { describeSource, type ColumnReference } from './compile-field.js';
import { mapValue, type ValueMap } from './value-map.js';
import { keyPath } from './problems.js';
import { readSource, sourceColumns, type SourceSpec } from './source.js';
import { expectOk, ok, rowProblem } from './result.js';
import { parseTemplate } from './template.js';
import type { IdSpec, TextCase } from './types.js';

/** Why a non-empty text cannot be a wolkvox id, or undefined when it can. */
export function idTextProblem(text: string): Message | undefined {
  if (/\s/.test(text)) return message('value.id-space', { text });
  if (text.includes('/')) return message('value.id-slash', { text });
  return undefined;
}

export interface CompiledId {
  /** What the id is read from, for reports: the column name or the template. */
  readonly label: string;
  readonly references: readonly ColumnReference[];
  read(row: SourceRow): { readonly id: string } | { readonly problem: RowProblem };
}

/** Compiles `id`: text, trimmed unless `trim` is false, never empty, and from a template only when every part is there. */
export function compileId(spec: IdSpec): CompiledId {
  const object = typeof spec === 'string' ? { column: spec } : spec;
  const source: SourceSpec =
    'template' in object
      ? { kind: 'template', template: expectOk(parseTemplate(object.template)) }
      : { kind: 'column', column: object.column };
  const trim = object.trim ?? true;
  const textCase: TextCase | undefined = object.case;
  const valueMap: ValueMap | undefined = object.map === undefined ? undefined : { map: object.map, default: object.default };
  const label = source.kind === 'column' ? source.column : source.template.text;
  const place = source.kind === 'column' ? { column: source.column } : {};
  const path = typeof spec === 'string' ? 'id' : keyPath('id', source.kind);
  const where = describeSource(source);

  // A column source is named by the problem's place ("column Cédula: …"); a template has none, so "id: …".
  // Built only for a row with a problem: no closure a row.
  const problemAt = (row: SourceRow, said: Message) => ({ problem: rowProblem(row.rowNumber, place, source.kind === 'column' ? said : message('row.in-id', { problem: said })) });
  const read = (row: SourceRow): { id: string } | { problem: RowProblem } => {
    const raw = readSource(row, source, trim);
    if (raw.kind === 'empty') {
      return problemAt(row, message('row.id-empty', { source: where, errors: raw.errors }));
    }
    if (raw.emptyColumns.length > 0) return problemAt(row, message('row.id-incomplete', { columns: raw.emptyColumns, source: where }));
    const mapped = valueMap === undefined ? ok(raw.cell) : mapValue(raw.cell, valueMap);
    if (!mapped.ok) return problemAt(row, mapped.said);
    let text = trim ? cellText(mapped.value).trim() : cellText(mapped.value);
    if (textCase !== undefined) text = textCase === 'lower' ? text.toLowerCase() : text.toUpperCase();
    if (text === '') return problemAt(row, message('row.id-empty-after-map', { source: where }));
    const wrong = idTextProblem(text);
    return wrong === undefined ? { id: text } : problemAt(row, wrong);
  };

  return { label, references: sourceColumns(source).map((name) => ({ path, column: name })), read };
}
