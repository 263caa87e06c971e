import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/input/cells.js';
import type { CellValue } from '../../src/core/types.js';
import { expectError, fixture } from '../helpers.js';
import { readAll } from './read-all.js';

// Files written by Python's csv module, openpyxl, xlsxwriter and LibreOffice (see fixtures/README.md),
// each with a statement of the values a person sees in it, written by the same script.
interface Expected {
  headerRow: number;
  sheet: string | null;
  headers: string[];
  rows: { rowNumber: number; values: Record<string, unknown> }[];
}

const expectedFiles = ['csv', 'xlsx'].flatMap((folder) =>
  fs.readdirSync(fixture(folder)).filter((name) => name.endsWith('.expected.json')).map((name) => path.join(folder, name)),
);

// The fixtures' JSON encoding of a cell.
function encode(value: CellValue): unknown {
  if (typeof value === 'number') return { number: formatNumber(value) };
  if (typeof value !== 'object') return value;
  if (value.kind === 'error') return { error: value.error };
  return value.time === undefined ? { date: value.date } : { datetime: `${value.date} ${value.time}` };
}

describe('fixtures written by other programs are read exactly as typed', () => {
  it('has fixtures to check', () => {
    expect(expectedFiles.length).toBeGreaterThanOrEqual(12);
  });

  it.each(expectedFiles)('%s', async (expectedFile) => {
    const expected = JSON.parse(fs.readFileSync(fixture(expectedFile), 'utf8')) as Expected;
    const file = fixture(expectedFile.replace(/\.expected\.json$/, ''));
    const { source, rows } = await readAll({ file, headerRow: expected.headerRow, ...(expected.sheet ? { sheet: expected.sheet } : {}) });
    expect(source.headers).toEqual(expected.headers);
    expect(source.headerRow).toBe(expected.headerRow);
    expect(rows.map((row) => ({ rowNumber: row.rowNumber, values: Object.fromEntries(Object.entries(row.values).map(([key, value]) => [key, encode(value)])) }))).toEqual(expected.rows);
    expect(rows.every((row) => row.problem === undefined)).toBe(true);
  });
});

describe('bad fixtures give an error that names the place', () => {
  it.each([
    ['csv/empty.csv', {}, 'INPUT_EMPTY', /Empty file: empty\.csv has no header line/],
    ['csv/bom-only.csv', {}, 'INPUT_EMPTY', /Empty file: bom-only\.csv/],
    ['csv/blank-lines-only.csv', {}, 'INPUT_EMPTY', /Empty file: blank-lines-only\.csv/],
    ['csv/unclosed-quote.csv', {}, 'CSV_QUOTE_NOT_CLOSED', /starts on line 4 of unclosed-quote\.csv is never closed/],
    ['xlsx/not-a-workbook.xlsx', {}, 'INPUT_FORMAT', /not-a-workbook\.xlsx is named \.xlsx but is not an Excel workbook.*rename it to \.csv/],
    ['xlsx/truncated.xlsx', {}, 'INPUT_FORMAT', /Damaged workbook: truncated\.xlsx/],
    ['xlsx/password.xlsx', {}, 'INPUT_FORMAT', /password\.xlsx is password-protected or in the old Excel 97-2003 \(\.xls\) format/],
    ['xlsx/empty-workbook.xlsx', {}, 'INPUT_EMPTY', /no sheet of empty-workbook\.xlsx has data \(sheets: 'Hoja1'\)/],
    ['xlsx/openpyxl-clientes.xlsx', { sheet: 'Ventas' }, 'SHEET_NOT_FOUND', /Sheet 'Ventas' is not in openpyxl-clientes\.xlsx\. Its sheets are: 'Instrucciones', 'Clientes', 'Notas'/],
    ['xlsx/openpyxl-clientes.xlsx', { sheet: 'Instrucciones' }, 'INPUT_EMPTY', /row 1 of sheet 'Instrucciones' of openpyxl-clientes\.xlsx is empty/],
  ] as const)('%s %j', async (name, options, code, message) => {
    await expectError(readAll({ file: fixture(name), ...options }), { code, message, file: fixture(name) });
  });

  it('csv/ragged.csv: the rows with too many or too few fields carry their line', async () => {
    const { rows } = await readAll({ file: fixture('csv/ragged.csv') });
    const problems = rows.filter((row) => row.problem).map((row) => [row.rowNumber, row.problem]);
    expect(problems).toEqual([
      [5, expect.stringMatching(/^5 fields where the header has 4/)],
      [7, expect.stringMatching(/^3 fields where the header has 4/)],
    ]);
  });

  it('csv/header-only.csv is zero rows, not an error', async () => {
    const { source, rows } = await readAll({ file: fixture('csv/header-only.csv') });
    expect(source.headers).toEqual(['wolkvox-id', 'Cédula', 'Nombre', 'Ciudad']);
    expect(rows).toEqual([]);
  });
});
