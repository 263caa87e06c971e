import { describe, expect, it } from 'vitest';
import {
  formatWallClock,
  isRealDate,
  parseDateFormat,
  readDateText,
  type DateFormat,
  type FormatUse,
} from '../../src/mapping/date-format.js';

function format(text: string, use: FormatUse = 'input'): DateFormat {
  const result = parseDateFormat(text, use);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const clock = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
});

describe('isRealDate', () => {
  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2024, 4, 31, false],
    [2024, 12, 31, true],
    [2024, 13, 1, false],
    [2024, 0, 1, false],
    [2024, 1, 0, false],
    [0, 1, 1, false],
  ])('%i-%i-%i → %s', (year, month, day, expected) => {
    expect(isRealDate(year, month, day)).toBe(expected);
  });
});

describe('readDateText without an input format (ISO only)', () => {
  it.each([
    ['2024-01-31', clock(2024, 1, 31)],
    ['2024-02-29', clock(2024, 2, 29)],
    ['2024-01-31 13:45', clock(2024, 1, 31, 13, 45)],
    ['2024-01-31 13:45:07', clock(2024, 1, 31, 13, 45, 7)],
    ['2024-01-31T08:05:59', clock(2024, 1, 31, 8, 5, 59)],
  ])('%j', (text, expected) => {
    expect(readDateText(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['31/01/2024', /^'31\/01\/2024' is not a date in YYYY-MM-DD form; set "inputFormat"/],
    ['2024-1-31', /not a date in YYYY-MM-DD form/],
    ['2024-01-31 1:00', /not a date in YYYY-MM-DD form/],
    ['2023-02-29', /^'2023-02-29' is not a real date \(YYYY-MM-DD\)$/],
    ['2024-13-01', /not a real date/],
    ['2024-04-31', /not a real date/],
    ['2024-01-31 24:00', /not a real time of day/],
    ['2024-01-31 12:60', /not a real time of day/],
  ])('refuses %j', (text, message) => {
    const result = readDateText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('readDateText with an input format', () => {
  it.each([
    ['DD/MM/YYYY', '31/01/2024', clock(2024, 1, 31)],
    ['DD/MM/YYYY', '29/02/2024', clock(2024, 2, 29)],
    ['D/M/YYYY', '5/1/2024', clock(2024, 1, 5)],
    ['D/M/YYYY', '15/11/2024', clock(2024, 11, 15)],
    ['MM-DD-YYYY', '12-25-2023', clock(2023, 12, 25)],
    ['YYYYMMDD', '20240131', clock(2024, 1, 31)],
    ['DD.MM.YYYY HH:mm', '31.01.2024 09:30', clock(2024, 1, 31, 9, 30)],
    ['DD/MM/YYYY H:mm:ss', '31/01/2024 9:30:15', clock(2024, 1, 31, 9, 30, 15)],
    ['YYYY-MM-DD[T]HH:mm', '2024-01-31T09:30', clock(2024, 1, 31, 9, 30)],
  ])('%s reads %j', (pattern, text, expected) => {
    expect(readDateText(text, format(pattern))).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['DD/MM/YYYY', '31/02/2024', /^'31\/02\/2024' is not a real date \(DD\/MM\/YYYY\)$/],
    ['DD/MM/YYYY', '29/02/2023', /not a real date/],
    ['DD/MM/YYYY', '01/13/2024', /not a real date/],
    ['DD/MM/YYYY', '2024-01-31', /^'2024-01-31' does not match the input format DD\/MM\/YYYY$/],
    ['DD/MM/YYYY', '1/1/2024', /does not match/],
    ['DD/MM/YYYY', '31/01/2024 10:00', /does not match/],
    ['DD/MM/YYYY HH:mm', '31/01/2024 25:00', /not a real time of day \(DD\/MM\/YYYY HH:mm\)/],
  ])('%s refuses %j', (pattern, text, message) => {
    const result = readDateText(text, format(pattern));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('parseDateFormat', () => {
  it.each<[string, FormatUse, RegExp]>([
    ['YYYY-MM-dd', 'date', /^unknown token "dd"; did you mean "DD"\?/],
    ['yyyy-MM-DD', 'date', /unknown token "yyyy"; did you mean "YYYY"\?/],
    ['YY-MM-DD', 'date', /unknown token "YY"; did you mean "YYYY"\?/],
    ['YYYY-MM-DDTHH:mm', 'datetime', /unknown token "T".*\[brackets\]/],
    ['YYYY-MMM-DD', 'date', /unknown token "MMM"/],
    ['YYYY-MM-DD [T', 'date', /"\[" at position 12 is not closed/],
    ['DD/mm/YYYY', 'input', /"mm" is minutes and needs an hour \(HH\); the month is "MM"/],
    ['MM/YYYY', 'date', /needs the year, month and day \(missing DD\)/],
    ['YYYY-MM-DD HH', 'datetime', /an hour needs minutes/],
    ['YYYY-MM-DD-DD', 'date', /"DD" appears twice/],
    ['YYYY-MM-DD HH:mm', 'date', /a date field has no time of day.*"type": "datetime"/],
    ['YYYY-MM-DD', 'datetime', /a datetime format needs the time/],
    ['DMYYYY', 'input', /"D" must be followed by a separator/],
    ['  ', 'date', /is empty/],
  ])('%j (%s) → %s', (text, use, message) => {
    const result = parseDateFormat(text, use);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each<[string, FormatUse]>([
    ['YYYY-MM-DD', 'date'],
    ['DD/MM/YYYY', 'date'],
    ['YYYY-MM-DD HH:mm:ss', 'datetime'],
    ['YYYY-MM-DD[T]HH:mm:ss', 'datetime'],
    ['D/M/YYYY H:mm', 'input'],
    ['DD/MM/YYYY', 'input'],
  ])('accepts %j (%s)', (text, use) => {
    expect(parseDateFormat(text, use).ok).toBe(true);
  });
});

describe('formatWallClock', () => {
  it.each([
    ['YYYY-MM-DD', '2024-03-05'],
    ['DD/MM/YYYY', '05/03/2024'],
    ['D/M/YYYY', '5/3/2024'],
    ['YYYY-MM-DD HH:mm:ss', '2024-03-05 07:08:09'],
    ['YYYY-MM-DD[T]HH:mm', '2024-03-05T07:08'],
    ['H:mm YYYYMMDD', '7:08 20240305'],
  ])('%s → %s', (pattern, expected) => {
    expect(formatWallClock(clock(2024, 3, 5, 7, 8, 9), format(pattern))).toBe(expected);
  });

  it('pads years before 1000', () => {
    expect(formatWallClock(clock(987, 1, 2), format('YYYY-MM-DD', 'date'))).toBe('0987-01-02');
  });
});
