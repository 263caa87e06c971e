import type { DateCell } from '../core/types.js';

/** Whether an Excel number format shows a date or time (day, month, year or hour tokens outside quotes). */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyh]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const DAY_MS = 86_400_000;
// Day 0 of each date system: 1899-12-30 for 1900 dates (every serial after Excel's phantom 1900-02-29),
// 1904-01-01 for old Mac workbooks.
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A serial day number (as Excel stores dates) to the wall-clock date it shows, rounded to the second. */
export function serialToDate(serial: number, date1904 = false): DateCell {
  return dateCell((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * 86_400) * 1000);
}

/** An ISO 8601 date cell (`t="d"`, rare): its wall clock as written, any zone suffix ignored. */
export function dateFromIso(text: string): DateCell {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match) return { kind: 'date', date: text };
  const [, year, month, day, hours = '00', minutes = '00', seconds = '00'] = match;
  return dateCell(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds)));
}

// UTC arithmetic only: the machine's time zone never touches a value.
function dateCell(ms: number): DateCell {
  const value = new Date(ms);
  const pad = (number: number, width = 2) => String(number).padStart(width, '0');
  const date = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (((ms % DAY_MS) + DAY_MS) % DAY_MS === 0) return { kind: 'date', date };
  return { kind: 'date', date, time: `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}` };
}
