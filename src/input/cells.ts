import type { CellValue, DateCell } from '../core/types.js';

/**
 * A number as a person sees it: at most 15 significant digits (what Excel keeps), plain decimal notation,
 * no trailing zeros. `0.30000000000000004` → `0.3`, `1012345678` → `1012345678`, `1e-7` → `0.0000001`.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const [mantissa = '0', exponentText = '0'] = value.toPrecision(15).split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.');
  let digits = whole + fraction;
  // Position of the decimal point within `digits`.
  let point = whole.length + exponent;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  const integerPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const fractionPart = digits.slice(point).replace(/0+$/, '');
  const text = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/** A date cell as ISO text: `YYYY-MM-DD`, or `YYYY-MM-DD HH:mm:ss` when it has a time. */
export const formatDateCell = (cell: DateCell): string => (cell.time === undefined ? cell.date : `${cell.date} ${cell.time}`);

/**
 * The text a person sees for a cell, used by `string` fields, ids and reports. Booleans as Excel shows
 * them (TRUE/FALSE); error cells as their code.
 */
export function cellText(value: CellValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value.kind === 'date' ? formatDateCell(value) : value.error;
}

export const isErrorCell = (value: CellValue | undefined): boolean =>
  typeof value === 'object' && value.kind === 'error';
