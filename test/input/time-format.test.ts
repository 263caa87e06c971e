import { describe, expect, it } from 'vitest';
import { formatTime, isTimeOnlyFormat } from '../../src/input/time-format.js';

describe('time-only number formats (issue 17, item 2)', () => {
  it.each([
    ['hh:mm', true],
    ['h:mm:ss AM/PM', true],
    ['[h]:mm:ss', true],
    ['mm:ss.0', true],
    ['[$-F400]h:mm:ss\\ AM/PM', true],
    ['[Red]hh:mm', true],
    ['yyyy-mm-dd hh:mm', false],
    ['dd/mm/yyyy', false],
    ['mmm', false],
    ['0.00 "hrs"', false],
    ['General', false],
  ])('%s → %s', (format, timeOnly) => {
    expect(isTimeOnlyFormat(format)).toBe(timeOnly);
  });

  it.each([
    [0.5, 'hh:mm', '12:00'],
    [0.5, 'h:mm AM/PM', '12:00 PM'],
    [0, 'h:mm AM/PM', '12:00 AM'],
    [0.75, 'h:mm:ss A/P', '6:00:00 P'],
    [1.5, '[h]:mm', '36:00'],
    [1.5, 'hh:mm', '12:00'],
    [61 / 86_400, 'mm:ss', '01:01'],
    [90 / 86_400, '[mm]:ss', '01:30'],
    [12.25 / 86_400, 'mm:ss.00', '00:12.25'],
    [(12 * 3600 - 0.4) / 86_400, 'hh:mm:ss', '12:00:00'],
    [0.5, 'hh"h"mm', '12h00'],
    [0.5, '[Red]hh\\.mm', '12.00'],
  ])('%s in %s → %s', (serial, format, text) => {
    expect(formatTime(serial, format)).toBe(text);
  });
});
