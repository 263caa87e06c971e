import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';
import { readAll } from './read-all.js';

// Issue 17, item 2: 0.5 formatted hh:mm (shown 12:00) was read as the date-time 1899-12-30 12:00:00. A cell
// whose format shows a time of day and no date is read as the text Excel shows; a date field refuses it
// (test/cli/input-edges.test.ts). fixtures/xlsx/time-only.xlsx is written by xlsxwriter.
describe('time-only cells (issue 17, item 2)', () => {
  it('read as the text their format shows; a date-time beside them stays a date-time', async () => {
    const { rows } = await readAll({ file: fixture('xlsx/time-only.xlsx') });
    expect(rows.map((row) => [row.values.Formato, row.values.Hora])).toEqual([
      ['hh:mm', '12:00'],
      ['h:mm AM/PM', '6:00 PM'],
      ['hh:mm:ss', '12:00:30'],
      ['[h]:mm', '36:00'],
      ['20', '8:30'],
      // A date-time in a time-only format: Excel shows the time, and so does the reader.
      ['hh:mm', '12:00'],
    ]);
    expect(rows[0]?.values.Registrado).toEqual({ kind: 'date', date: '2024-01-15', time: '08:30:00' });
  });
});
