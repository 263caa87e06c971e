import { describe, expect, it } from 'vitest';
import { cellText, formatNumber } from '../../src/input/cells.js';
import { dateFromIso, isDateFormat, serialToDate } from '../../src/input/xlsx-cells.js';

describe('formatNumber', () => {
  it.each([
    [1012345678, '1012345678'],
    [1012345678.0000001, '1012345678'],
    [123456789012345, '123456789012345'],
    [0.1 + 0.2, '0.3'],
    [1500000.5, '1500000.5'],
    [1e-7, '0.0000001'],
    [1.5e21, '1500000000000000000000'],
    [-0.000123, '-0.000123'],
    [-42, '-42'],
    [0, '0'],
    [19.99, '19.99'],
    [1234567.891, '1234567.891'],
  ])('%d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('cellText', () => {
  it.each([
    ['00123', '00123'],
    [1012345678, '1012345678'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [{ kind: 'date', date: '2024-01-15' } as const, '2024-01-15'],
    [{ kind: 'date', date: '2024-01-15', time: '08:30:00' } as const, '2024-01-15 08:30:00'],
    [{ kind: 'error', error: '#N/A' } as const, '#N/A'],
  ])('%j → %s', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('workbook cells', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['dd/mm/yyyy', true],
    ['h:mm', true],
    ['[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', true],
    ['General', false],
    ['0.00', false],
    ['#,##0 "días"', false],
    ['0%', false],
    ['[Red]0.00', false],
  ])('%s is a date format: %s', (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });

  it.each([
    [45306, { kind: 'date', date: '2024-01-15' }],
    [45306.354166666664, { kind: 'date', date: '2024-01-15', time: '08:30:00' }],
    [45351, { kind: 'date', date: '2024-02-29' }],
    [45291.99998842592, { kind: 'date', date: '2023-12-31', time: '23:59:59' }],
  ])('serial %d → %j', (serial, expected) => {
    expect(serialToDate(serial)).toEqual(expected);
  });

  it('counts 1904-system serials from 1904-01-01', () => {
    expect(serialToDate(0, true)).toEqual({ kind: 'date', date: '1904-01-01' });
    expect(serialToDate(43844, true)).toEqual({ kind: 'date', date: '2024-01-15' });
  });

  it.each([
    ['2024-01-15', { kind: 'date', date: '2024-01-15' }],
    ['2024-01-15T08:30:00Z', { kind: 'date', date: '2024-01-15', time: '08:30:00' }],
    ['2024-01-15T08:30', { kind: 'date', date: '2024-01-15', time: '08:30:00' }],
  ])('ISO date cell %s → %j', (text, expected) => {
    expect(dateFromIso(text)).toEqual(expected);
  });
});
