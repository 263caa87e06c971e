import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../helpers.js';
import { readAll } from './read-all.js';

// Issue 17, item 5: a header cell left empty, or a name repeated, in a column the mapping never reads
// refused the whole file. Such columns are known by their letter, as Excel shows them; only the columns a
// mapping reads need distinct names (test/cli/input-edges.test.ts checks that end to end).
describe('header cells that name no column of their own (issue 17, item 5)', () => {
  it('csv/empty-header.csv: the column with an empty header cell is read as column C', async () => {
    const { source, rows } = await readAll({ file: fixture('csv/empty-header.csv') });
    expect(source.headers).toEqual(['wolkvox-id', 'Nombre', 'C', 'Ciudad']);
    expect(source.lettered).toEqual([{ name: '', columns: [2] }]);
    expect(rows[0]).toEqual({ rowNumber: 2, values: { 'wolkvox-id': '647f6ff1660dff48d803ffe6', Nombre: 'María', C: '3001234567', Ciudad: 'Bogotá' } });
  });

  it('csv/duplicate-headers.csv: both columns named Nombre are read by their letters, B and D', async () => {
    const { source, rows } = await readAll({ file: fixture('csv/duplicate-headers.csv') });
    expect(source.headers).toEqual(['wolkvox-id', 'B', 'Correo', 'D']);
    expect(source.lettered).toEqual([{ name: 'Nombre', columns: [1, 3] }]);
    expect(rows[1]?.values).toEqual({ 'wolkvox-id': '647f6ff1660dff48d803ffe7', B: 'Andrés', Correo: 'andres@example.com', D: 'Felipe' });
  });

  it('csv/trailing-separator.csv: a header ending in a separator has a last column C, and a value under it makes no row invalid', async () => {
    const { source, rows } = await readAll({ file: fixture('csv/trailing-separator.csv') });
    expect(source.headers).toEqual(['wolkvox-id', 'Nombre', 'C']);
    expect(rows.map((row) => [row.rowNumber, row.values.C, row.problem])).toEqual([
      [2, 'revisar', undefined],
      [3, undefined, undefined],
      [4, 'llamar el lunes', undefined],
    ]);
  });

  it('a line with more fields than the header, trailing separator included, is still refused', async () => {
    const file = path.join(tempDir(), 'datos.csv');
    fs.writeFileSync(file, 'id,Nombre,\r\n1,Ana,x\r\n2,Luis,y,z\r\n3,Eva\r\n');
    const { rows } = await readAll({ file });
    expect(rows.map((row) => row.problem)).toEqual([undefined, expect.stringMatching(/^4 fields where the header has 3: a value probably contains the delimiter/), undefined]);
  });

  it('xlsx/spacer-column.xlsx: a blank spacer column and a repeated name are read by their letters', async () => {
    const { source, rows } = await readAll({ file: fixture('xlsx/spacer-column.xlsx') });
    expect(source.headers).toEqual(['wolkvox-id', 'Nombre', 'C', 'Ciudad', 'E', 'F']);
    expect(source.lettered).toEqual([
      { name: 'Nota', columns: [4, 5] },
      { name: '', columns: [2] },
    ]);
    expect(rows[0]?.values).toEqual({ 'wolkvox-id': '647f6ff1660dff48d803ffe6', Nombre: 'María', C: 'x', Ciudad: 'Bogotá', E: 'VIP', F: 'llamar' });
  });

  it('a letter that is already another column\'s name is not given to the unnamed column: its cells are left out', async () => {
    const file = path.join(tempDir(), 'datos.csv');
    fs.writeFileSync(file, 'C,id,,Ciudad\r\nc1,1,sin nombre,Cali\r\n');
    const { source, rows } = await readAll({ file });
    expect(source.headers).toEqual(['C', 'id', 'Ciudad']);
    expect(source.lettered).toEqual([{ name: '', columns: [2], leftOut: [2] }]);
    expect(rows[0]?.values).toEqual({ C: 'c1', id: '1', Ciudad: 'Cali' });
  });
});
