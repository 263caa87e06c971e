import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../src/mapping/number-text.js';
import type { DecimalMark } from '../../src/mapping/types.js';

const NBSP = '\u00a0';

describe('parseNumberText', () => {
  it.each<[string, DecimalMark | undefined, number]>([
    ['1500000.5', undefined, 1500000.5],
    ['-12', undefined, -12],
    ['+7', undefined, 7],
    ['1500000', undefined, 1500000],
    ['  42  ', undefined, 42],
    ['0.125', undefined, 0.125],
    ['1234.567', undefined, 1234.567],
    ['007', undefined, 7],
    ['-0', undefined, 0],
    ['1.500.000,50', ',', 1500000.5],
    ['1500000,5', ',', 1500000.5],
    ['1.500', ',', 1500],
    ['-1.500,25', ',', -1500.25],
    [`1 500 000,5`, ',', 1500000.5],
    [`1${NBSP}500${NBSP}000`, ',', 1500000],
    ['12', ',', 12],
    ['1,500,000.50', '.', 1500000.5],
    ['1500000.5', '.', 1500000.5],
    ['1,500', '.', 1500],
    [`1 500.75`, '.', 1500.75],
    ['0.30', '.', 0.3],
  ])('%j with decimal %j → %d', (text, decimal, expected) => {
    expect(parseNumberText(text, decimal)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, DecimalMark | undefined, RegExp]>([
    ['1.500.000', undefined, /^'1\.500\.000' is ambiguous: set "decimal": "," or "\."/],
    ['1.500', undefined, /ambiguous/],
    ['1,5', undefined, /ambiguous/],
    ['1.500,50', undefined, /ambiguous/],
    ['1,500.50', undefined, /ambiguous/],
    ['1 500', undefined, /ambiguous/],
    ['$1500', undefined, /is not a number: remove currency signs, letters and %/],
    ['1500 COP', ',', /remove currency signs/],
    ['15%', undefined, /remove currency signs/],
    ['1e5', undefined, /remove currency signs/],
    ['1.5', ',', /^'1\.5' is not a number with decimal mark "," \(such as 1\.500\.000,50\)/],
    ['1.500.000,50', '.', /not a number with decimal mark "\."/],
    ['1.500 000', ',', /not a number with decimal mark/],
    ['1500.', undefined, /is not a number|ambiguous/],
    ['--5', undefined, /is not a number/],
    ['', undefined, /is not a number/],
    ['12345678901234567', undefined, /more digits than a number field keeps exactly \(15\); use "type": "string"/],
  ])('refuses %j with decimal %j', (text, decimal, message) => {
    const result = parseNumberText(text, decimal);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
