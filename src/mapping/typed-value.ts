import { cellText, formatDateCell, formatNumber } from '../input/cells.js';
import type { CellKind } from '../core/catalog/en-rows.js';
import type { CellValue, ErrorCell } from '../core/types.js';
import { parseBooleanText, BOOLEAN_WORDS } from './boolean-text.js';
import { formatWallClock, readDateText, type DateFormat } from './date-format.js';
import { parseNumberText } from './number-text.js';
import { fail, ok, type Result } from './result.js';
import type { DecimalMark, FieldType, TextCase } from './types.js';

/** A cell with something in it: empty and error cells are handled before conversion. */
export type FilledCell = Exclude<CellValue, ErrorCell>;

/** A field's options with their defaults applied and formats parsed, resolved once per mapping. */
export interface FieldRule {
  readonly type: FieldType;
  readonly trim: boolean;
  readonly case?: TextCase;
  readonly decimal?: DecimalMark;
  readonly inputFormat?: DateFormat;
  /** Output format of date and datetime fields. */
  readonly format: DateFormat;
  readonly searchModule?: string;
  readonly symbol?: string;
  readonly country?: string;
  readonly code?: string;
}

/** What a non-text cell is, for "… is a date, not a number". */
function kindOf(cell: FilledCell): CellKind {
  if (typeof cell === 'boolean') return { kind: 'yes-no', text: cellText(cell) };
  if (typeof cell === 'number') return { kind: 'number', text: formatNumber(cell) };
  if (typeof cell === 'object') return { kind: 'date', text: formatDateCell(cell) };
  return { kind: 'text', text: cell };
}

function toText(cell: FilledCell, rule: FieldRule): string {
  const text = rule.trim ? cellText(cell).trim() : cellText(cell);
  if (rule.case === 'lower') return text.toLowerCase();
  return rule.case === 'upper' ? text.toUpperCase() : text;
}

function toNumber(cell: FilledCell, rule: FieldRule): Result<number> {
  if (typeof cell === 'number') return ok(cell);
  if (typeof cell === 'string') return parseNumberText(cell, rule.decimal);
  return fail('value.wrong-kind', { cell: kindOf(cell), want: 'number' });
}

function toBoolean(cell: FilledCell): Result<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'string') return parseBooleanText(cell.trim());
  if (cell === 1 || cell === 0) return ok(cell === 1);
  return fail('value.wrong-kind', { cell: kindOf(cell), want: 'yes-no', accepted: BOOLEAN_WORDS });
}

// A time of day with no date: what a workbook's time-only cell reads as (12:00, 6:00 PM, 36:00).
const TIME_OF_DAY = /^\d{1,3}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AP]M?)?$/i;

function toDate(cell: FilledCell, rule: FieldRule): Result<string> {
  if (typeof cell === 'string' && rule.inputFormat === undefined && TIME_OF_DAY.test(cell.trim())) {
    return fail('value.time-without-date', { text: cell.trim(), type: rule.type });
  }
  // A workbook date is wall-clock ISO text already; only text cells use the input format.
  const read =
    typeof cell === 'object'
      ? readDateText(formatDateCell(cell))
      : typeof cell === 'string'
        ? readDateText(cell.trim(), rule.inputFormat)
        : fail('value.not-date-cell', { cell: kindOf(cell), example: rule.inputFormat?.text ?? 'YYYY-MM-DD' });
  return read.ok ? ok(formatWallClock(read.value, rule.format)) : read;
}

// The CRM's table field takes rows as objects; the cell must already hold them as JSON.
function toTableRows(cell: FilledCell): Result<unknown[]> {
  const text = cellText(cell).trim();
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    return fail('value.not-table', { shown, invalidJson: true });
  }
  const isRow = (row: unknown) => typeof row === 'object' && row !== null && !Array.isArray(row);
  return Array.isArray(rows) && rows.every(isRow) ? ok(rows) : fail('value.not-table', { shown, invalidJson: false });
}

// Phone numbers are sent as digits; spaces, dashes, dots and brackets are how people group them.
function toPhoneDigits(cell: FilledCell): Result<string> {
  if (typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0) return ok(formatNumber(cell));
  if (typeof cell !== 'string') return fail('value.wrong-kind', { cell: kindOf(cell), want: 'phone' });
  const text = cell.trim();
  const digits = text.replace(/[\s\-.()]/g, '');
  if (/^\d+$/.test(digits)) return ok(digits);
  return fail('value.not-phone', { text, plus: digits.startsWith('+') });
}

const withOptional = (object: Record<string, unknown>, extra: Record<string, string | undefined>) => {
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) object[key] = value;
  return object;
};

/**
 * Turns a filled cell into the JSON the CRM gets for the field's type, or says why it cannot. `linkedId` is
 * the linked record's id for search fields.
 */
export function convertCell(cell: FilledCell, rule: FieldRule, linkedId?: string): Result<unknown> {
  switch (rule.type) {
    case 'string':
      return ok(toText(cell, rule));
    case 'number':
      return toNumber(cell, rule);
    case 'integer': {
      const number = toNumber(cell, rule);
      if (!number.ok || Number.isInteger(number.value)) return number;
      return fail('value.not-whole', { text: cellText(cell) });
    }
    case 'boolean':
      return toBoolean(cell);
    case 'date':
    case 'datetime':
      return toDate(cell, rule);
    case 'address':
      return ok({ type: 'address', value: toText(cell, rule) });
    case 'table': {
      const rows = toTableRows(cell);
      return rows.ok ? ok({ type: 'table', value: rows.value }) : rows;
    }
    case 'search':
      return ok(withOptional({ type: 'search', value: toText(cell, rule) }, { value_id: linkedId, searchModuleName: rule.searchModule }));
    case 'currency': {
      const number = toNumber(cell, rule);
      return number.ok ? ok({ type: 'currency', value: formatNumber(number.value), symbol: rule.symbol, convert: number.value }) : number;
    }
    case 'telephone': {
      const digits = toPhoneDigits(cell);
      return digits.ok ? ok(withOptional({ type: 'telephone', value: digits.value }, { country: rule.country, code: rule.code })) : digits;
    }
    case 'json':
      return toJsonValue(cell);
  }
}

// A JSON value typed in a cell: `"VIP"`, `1500000.5`, `""` (clears the field), an object.
function toJsonValue(cell: FilledCell): Result<unknown> {
  const text = cellText(cell).trim();
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('value.not-json', { shown: text.length > 40 ? `${text.slice(0, 40)}…` : text });
  }
}
