import type { CellValue, DateCell } from '../types.js';

/** A cell as exceljs's streaming reader gives it, made into a `CellValue` with nothing changed. */
export function excelCell(raw: unknown, numFmt: string | undefined): { value?: CellValue; problem?: string } {
  if (raw === null || raw === undefined || raw === '') return {};
  if (typeof raw === 'string' || typeof raw === 'boolean') return { value: raw };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw } : { value: { kind: 'error', error: '#NUM!' } };
  if (raw instanceof Date) return { value: dateCell(raw.getTime()) };
  const object = raw as Record<string, unknown>;
  if (typeof object.error === 'string') return { value: { kind: 'error', error: object.error } };
  if (Array.isArray(object.richText)) {
    const text = (object.richText as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
    return text === '' ? {} : { value: text };
  }
  if ('formula' in object || 'sharedFormula' in object) return formulaResult(object.result, numFmt);
  if (typeof object.text === 'string') return object.text === '' ? {} : { value: object.text };
  return { problem: `unsupported cell content ${JSON.stringify(raw).slice(0, 60)}` };
}

// Formula cells give their cached result. The streaming reader turns a date result into its serial
// number, and an error or boolean result into a number too, so those are mended here where possible.
function formulaResult(result: unknown, numFmt: string | undefined): { value?: CellValue; problem?: string } {
  if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) {
    // An error result (#N/A from a failed lookup: the reader drops its code) or a formula never
    // calculated: no usable value either way, so it reads as an error cell, which mappings treat as empty.
    return { value: { kind: 'error', error: 'formula error' } };
  }
  if (typeof result === 'object' && typeof (result as { error?: unknown }).error === 'string') {
    return { value: { kind: 'error', error: (result as { error: string }).error } };
  }
  if (typeof result === 'number' && numFmt !== undefined && isDateFormat(numFmt)) return { value: serialToDate(result) };
  return excelCell(result, undefined);
}

/** Whether an Excel number format shows a date or time (day, month, year or hour tokens outside quotes). */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyh]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const DAY_MS = 86_400_000;

/** Serial day number of the 1900 date system (as Excel stores dates) to a wall-clock date. */
export function serialToDate(serial: number): DateCell {
  // Day 0 is 1899-12-30 for every serial after Excel's phantom 1900-02-29.
  return dateCell(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400) * 1000);
}

// exceljs builds dates as UTC instants from the serial, so the UTC fields are the wall clock as typed.
// Rounded to the second: a serial's float can land a millisecond off (08:29:59.999).
function dateCell(ms: number): DateCell {
  const rounded = new Date(Math.round(ms / 1000) * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const date = `${pad(rounded.getUTCFullYear(), 4)}-${pad(rounded.getUTCMonth() + 1)}-${pad(rounded.getUTCDate())}`;
  const seconds = Math.round((rounded.getTime() % DAY_MS + DAY_MS) % DAY_MS / 1000);
  if (seconds === 0) return { kind: 'date', date };
  const time = `${pad(rounded.getUTCHours())}:${pad(rounded.getUTCMinutes())}:${pad(rounded.getUTCSeconds())}`;
  return { kind: 'date', date, time };
}
