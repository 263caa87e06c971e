import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../src/input/open.js';
import { validateFile } from '../../src/run/validate.js';
import { expectError, tempDir, until } from '../helpers.js';
import { isOpen } from './open-files.js';
import { readAll } from './read-all.js';
import { writeWorkbook } from './zip-writer.js';

// Issue 17, item 3: a 3.5 MB workbook holding a gigabyte drove the page's check to 2 GB of memory and 100 %
// CPU, and went on after the browser left; one 1 GB cell took 644 MB before "Damaged workbook". The
// workbooks here are written by hand at run time, as a bomb is: deflated pieces repeated, so a gigabyte
// costs a few megabytes. What no Excel file exceeds is refused as soon as it is met; what the reader would
// hold in memory is refused before it is read.
const MB = 1024 * 1024;
const row = (cells: string) => `<row>${cells}</row>`;
const text = (value: string) => `<c t="inlineStr"><is><t>${value}</t></is></c>`;
const header = row(text('id') + text('Nombre'));

function bomb(name: string, sheet: Parameters<typeof writeWorkbook>[1], strings?: Parameters<typeof writeWorkbook>[2]): string {
  const file = path.join(tempDir(), name);
  writeWorkbook(file, sheet, strings);
  return file;
}

describe('workbooks larger than anything Excel writes, or than memory should hold (issue 17, item 3)', () => {
  it('a row past 1,048,576, the last row of a worksheet, stops the read there', async () => {
    const file = bomb('filas.xlsx', { rows: [{ data: header }, { data: `<row r="1048576">${text('r1')}</row>` }, { data: row(text('r2')) }] });
    await expectError(readAll({ file }), {
      code: 'INPUT_TOO_LARGE',
      file,
      message: /^Too large: sheet 'Datos' of filas\.xlsx goes past row 1,048,576, the last row of a worksheet \(Excel's limit\)/,
    });
  });

  it('a cell past column XFD (16,384) is refused', async () => {
    const file = bomb('columnas.xlsx', { rows: [{ data: header }, { data: `<row r="2"><c r="XFE2" t="inlineStr"><is><t>x</t></is></c></row>` }] });
    await expectError(readAll({ file }), { code: 'INPUT_TOO_LARGE', file, row: 2, message: /goes past column XFD \(16,384 columns, Excel's limit\)/ });
  });

  it('a cell of 64 MB of text is refused once 1 MB of it is read', async () => {
    const file = bomb('celda.xlsx', { rows: [{ data: header }, { data: `<row><c t="inlineStr"><is><t>` }, { data: 'a'.repeat(MB), times: 64 }, { data: '</t></is></c></row>' }] });
    await expectError(readAll({ file }), {
      code: 'INPUT_TOO_LARGE',
      file,
      message: /^Too large: sheet 'Datos' of celda\.xlsx holds more than 1 MB of text in one cell or tag, far beyond the 32,767 characters an Excel cell holds\./,
    });
  });

  it('a shared string of many runs is refused past 1,048,576 characters', async () => {
    const file = bomb('runs.xlsx', { rows: [{ data: row(`<c t="s"><v>0</v></c>`) }] }, { pieces: [{ data: '<si>' }, { data: `<r><t>${'a'.repeat(64 * 1024)}</t></r>`, times: 20 }, { data: '</si>' }] });
    await expectError(readAll({ file }), { code: 'INPUT_TOO_LARGE', file, message: /a shared text of more than 1,048,576 characters/ });
  });

  it.each([
    ['the sheet', 'hoja.xlsx', { rows: [{ data: header }], declaredSize: 3 * 1024 * MB }, undefined, /^Too large: sheet 'Datos' of hoja\.xlsx unpacks to 3 GB, more than the 512 MB this tool reads\. Split the workbook/],
    ['the shared strings', 'textos.xlsx', { rows: [{ data: header }] }, { pieces: [{ data: '<si><t>a</t></si>' }], declaredSize: 1024 * MB }, /^Too large: the shared text part of textos\.xlsx \(xl\/sharedStrings\.xml\) unpacks to 1 GB, more than the 256 MB this tool holds in memory/],
  ] as const)('%s, by the size the workbook declares, before a byte of it is read', async (_name, name, sheet, strings, message) => {
    const file = bomb(name, sheet, strings);
    await expectError(openInput({ file }), { code: 'INPUT_TOO_LARGE', file, message });
  });

  it('a CSV record past 16 MB (a quote never closed) is refused there, not gathered to the end of the file', async () => {
    const file = path.join(tempDir(), 'comillas.csv');
    fs.writeFileSync(file, `id,Nota\n1,ok\n2,"sin cerrar\n${'3,texto de relleno\n'.repeat(1_000_000)}`);
    await expectError(readAll({ file }), {
      code: 'INPUT_TOO_LARGE',
      file,
      row: 3,
      message: /^Too large: the record that starts on line 3 of comillas\.csv passes 16,777,216 characters, most likely a quote that is never closed/,
    });
  });

  it('a check whose caller left stops, says so, and lets the file go', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'datos.csv');
    fs.writeFileSync(file, `id,Nombre\n${Array.from({ length: 50_000 }, (_, n) => `id${n},Cliente ${n}`).join('\n')}\n`);
    const controller = new AbortController();
    const checking = validateFile({ file, mapping: { mapping: { id: 'id', fields: { Nombre: 'Nombre' } }, file: path.join(dir, 'm.json'), dir }, signal: controller.signal });
    await until(() => isOpen(file));
    controller.abort();
    await expectError(checking, { code: 'CANCELLED', message: /^Cancelled: the check of datos\.csv stopped before its end/ });
    expect(isOpen(file)).toBe(false);
  });

  it('a signal already fired opens nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'datos.csv');
    fs.writeFileSync(file, 'id,Nombre\n1,Ana\n');
    await expectError(openInput({ file, signal: AbortSignal.abort() }), { code: 'CANCELLED' });
  });
});
