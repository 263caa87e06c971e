import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../src/input/csv.js';
import { expectError, tempDir } from '../helpers.js';
import { readAll } from './read-all.js';

const write = (name: string, content: string | Buffer) => {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
};

describe('CSV encodings', () => {
  const text = 'id;Nombre;Ciudad\r\n001;José Muñoz;Bogotá\r\n002;“Ñandú” – 5 €;São Paulo\r\n';
  const rows = [
    { rowNumber: 2, values: { id: '001', Nombre: 'José Muñoz', Ciudad: 'Bogotá' } },
    { rowNumber: 3, values: { id: '002', Nombre: '“Ñandú” – 5 €', Ciudad: 'São Paulo' } },
  ];
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8', true],
    ['UTF-8 without BOM', Buffer.from(text), 'utf-8', false],
    ['UTF-16 LE with BOM', iconv.encode(text, 'utf-16le', { addBOM: true }), 'utf-16le', true],
    ['UTF-16 BE with BOM', iconv.encode(text, 'utf-16be', { addBOM: true }), 'utf-16be', true],
    ['Windows-1252 (detected)', iconv.encode(text, 'windows-1252'), 'windows-1252', false],
  ])('%s', async (_name, bytes, encoding, bom) => {
    const { source, rows: read } = await readAll({ file: write('x.csv', bytes) });
    expect(source.format).toEqual({ kind: 'csv', encoding, bom, delimiter: ';', lineEnding: '\r\n' });
    expect(read).toEqual(rows);
  });

  it('switches to Windows-1252 when the first accent comes after a long ASCII stretch', async () => {
    const filler = Array.from({ length: 3000 }, (_, n) => `${n};plain ascii line number ${n};x`).join('\n');
    const file = write('late.csv', iconv.encode(`id;Nombre;Ciudad\n${filler}\n9999;Peña;Bogotá\n`, 'windows-1252'));
    const { source, rows } = await readAll({ file });
    expect(source.format.kind === 'csv' && source.format.encoding).toBe('windows-1252');
    expect(rows.at(-1)).toEqual({ rowNumber: 3002, values: { id: '9999', Nombre: 'Peña', Ciudad: 'Bogotá' } });
  });

  it('keeps a UTF-8 character split across read chunks', async () => {
    const long = 'a'.repeat(65_535);
    const file = write('split.csv', `id,Nombre\n1,${long.slice(0, 65_536 - 'id,Nombre\n1,'.length - 1)}é\n`);
    const { rows } = await readAll({ file });
    expect(rows[0]?.values.Nombre).toMatch(/aé$/);
  });

  it('refuses a file that is UTF-8 and then something else, naming the line', async () => {
    const file = write('mixed.csv', Buffer.concat([Buffer.from('id,Nombre\n1,José\n2,Ana\n3,Pe'), Buffer.from([0xf1]), Buffer.from('a\n')]));
    await expectError(readAll({ file }), { code: 'INPUT_ENCODING', row: 4, file, message: /UTF-8 up to line 4.*--encoding/ });
  });

  it('uses a forced encoding', async () => {
    const file = write('latin.csv', iconv.encode('id,Nombre\n1,Peña\n', 'latin1'));
    const { source, rows } = await readAll({ file, encoding: 'latin1' });
    expect(source.format.kind === 'csv' && source.format.encoding).toBe('latin1');
    expect(rows[0]?.values.Nombre).toBe('Peña');
  });
});

describe('CSV delimiters', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['a|b|c', '|'],
    ['"x;y",b,c', ','],
    ['"Saldo, COP";Nombre;Ciudad', ';'],
    ['solo', ','],
  ])('sniffs %j → %j', (line, delimiter) => {
    expect(sniffDelimiter(line)).toBe(delimiter);
  });

  it("follows Excel's sep= first line, which is not a row", async () => {
    const { source, rows } = await readAll({ file: write('x.csv', 'sep=;\r\nid;Nombre, apellido\r\n1;Peña, Ana\r\n') });
    expect(source.format).toMatchObject({ delimiter: ';', sepLine: true });
    expect(source.headerRow).toBe(2);
    expect(rows).toEqual([{ rowNumber: 3, values: { id: '1', 'Nombre, apellido': 'Peña, Ana' } }]);
  });

  it('takes an explicit delimiter over the sniffed one', async () => {
    const { source, rows } = await readAll({ file: write('x.csv', 'a;b,c\n1;2,3\n'), delimiter: ',' });
    expect(source.headers).toEqual(['a;b', 'c']);
    expect(rows[0]?.values).toEqual({ 'a;b': '1;2', c: '3' });
  });
});

describe('CSV records and line numbers', () => {
  it('reports the line where each record starts, across quoted newlines, blank and empty rows', async () => {
    const file = write('x.csv', 'id,Nota\r\n1,"dos\r\nlíneas"\r\n\r\n,\r\n  ,  \r\n2,"tres\nlíneas\naquí"\n3,fin\n');
    const { rows } = await readAll({ file });
    expect(rows).toEqual([
      { rowNumber: 2, values: { id: '1', Nota: 'dos\r\nlíneas' } },
      { rowNumber: 7, values: { id: '2', Nota: 'tres\nlíneas\naquí' } },
      { rowNumber: 10, values: { id: '3', Nota: 'fin' } },
    ]);
  });

  it('skips title lines above the header row and keeps line numbers true', async () => {
    const file = write('x.csv', 'Reporte de clientes\nGenerado 2024-01-15\nid;Nombre\n1;Ana\n');
    const { source, rows } = await readAll({ file, headerRow: 3 });
    expect(source.headerRow).toBe(3);
    expect(source.format.kind === 'csv' && source.format.delimiter).toBe(';');
    expect(rows).toEqual([{ rowNumber: 4, values: { id: '1', Nombre: 'Ana' } }]);
  });

  it('marks ragged lines with their line, and accepts trailing empty fields', async () => {
    const file = write('x.csv', 'id,Nombre,Ciudad\n1,Ana,Cali,\n2,Luis\n3,Eva,Lima,Perú\n');
    const { rows } = await readAll({ file });
    expect(rows.map((row) => [row.rowNumber, row.problem])).toEqual([
      [2, undefined],
      [3, '2 fields where the header has 3: a value or a delimiter is missing'],
      [4, '4 fields where the header has 3: a value probably contains the delimiter without quotes'],
    ]);
  });

  it('keeps values exactly: leading zeros, spaces, long digit strings, quotes', async () => {
    const file = write('x.csv', 'id,Valor\n00123, con espacios ,\n1012345678901234567,"di ""hola"""\n');
    const { rows } = await readAll({ file });
    expect(rows.map((row) => row.values)).toEqual([{ id: '00123', Valor: ' con espacios ' }, { id: '1012345678901234567', Valor: 'di "hola"' }]);
  });
});

describe('CSV headers', () => {
  it('trims names, ignores the report columns, and names trailing empty ones by their letters', async () => {
    const file = write('x.csv', ' id ,  Nombre,_wvx_status,_wvx_error,,\n1,Ana,failed,RECORD NOT FOUND,,\n');
    const { source, rows } = await readAll({ file });
    expect(source.headers).toEqual(['id', 'Nombre', 'E', 'F']);
    expect(rows[0]?.values).toEqual({ id: '1', Nombre: 'Ana' });
  });

  // Issue 17, item 5: such columns are known by their letter; a mapping that reads a repeated name is refused
  // when it is compiled (test/mapping/header-columns.test.ts).
  it.each([
    ['id,Nombre,Nombre\n', ['id', 'B', 'C'], [{ name: 'Nombre', columns: [1, 2] }]],
    ['id,,Nombre\n', ['id', 'B', 'Nombre'], [{ name: '', columns: [1] }]],
    ['a,b,a,,c,a,,d\n', ['A', 'b', 'C', 'D', 'c', 'F', 'G', 'd'], [{ name: 'a', columns: [0, 2, 5] }, { name: '', columns: [3, 6] }]],
  ])('names the columns of %j with no name of their own by their letters', async (content, headers, lettered) => {
    const { source } = await readAll({ file: write('x.csv', content) });
    expect(source.headers).toEqual(headers);
    expect(source.lettered).toEqual(lettered);
  });
});

describe('CSV errors', () => {
  it.each([
    ['an empty file', ''],
    ['a BOM only', '\ufeff'],
    ['blank lines only', '\r\n\r\n\n'],
  ])('%s is an empty input', async (_name, content) => {
    const file = write('x.csv', content);
    await expectError(readAll({ file }), { code: 'INPUT_EMPTY', file, message: /Empty file: x\.csv has no header line/ });
  });

  it('a header with no rows is not an error: zero rows', async () => {
    const { source, rows } = await readAll({ file: write('x.csv', 'id,Nombre\r\n') });
    expect(source.headers).toEqual(['id', 'Nombre']);
    expect(rows).toEqual([]);
  });

  it('an unclosed quote names the line where the quoted value starts', async () => {
    const file = write('x.csv', 'id,Nota\n1,ok\n2,bien\n3,"sin cerrar\n4,otra\n5,más\n');
    await expectError(readAll({ file }), { code: 'CSV_QUOTE_NOT_CLOSED', file, row: 4, message: /starts on line 4 of x\.csv is never closed/ });
  });

  it('a missing file names its full path', async () => {
    const file = path.join(tempDir(), 'nope.csv');
    await expectError(readAll({ file }), { code: 'INPUT_NOT_FOUND', file, message: new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}: it does not exist`) });
  });

  it('a workbook named .csv is called what it is', async () => {
    const file = write('x.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    await expectError(readAll({ file }), { code: 'INPUT_FORMAT', file, message: /zip archive, most likely an Excel workbook.*Rename it to \.xlsx/ });
  });
});
