import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers.js';
import { readAll } from './read-all.js';

// Issue 17, item 1: with "empty": "clear", the lower cells of a merged range were sent as "", wiping fields
// the user sees filled. A merged range's value counts for every cell it covers, as Excel shows it, in the
// rows that hold data of their own. fixtures/xlsx/merged.xlsx is written by xlsxwriter (fixtures/README.md).
describe('merged cells (issue 17, item 1)', () => {
  it('a merged range gives its value to every cell it covers, header included; a row of covered cells only is no row', async () => {
    const { source, rows } = await readAll({ file: fixture('xlsx/merged.xlsx'), headerRow: 2 });
    // E2:F2 "Contacto" covers F2: the name is on two columns, known as E and F.
    expect(source.headers).toEqual(['wolkvox-id', 'Nombre', 'Ciudad', 'Segmento', 'E', 'F']);
    expect(source.lettered).toEqual([{ name: 'Contacto', columns: [4, 5] }]);
    expect(rows.map((row) => [row.rowNumber, row.values.Nombre, row.values.Ciudad, row.values.Segmento, row.values.E, row.values.F])).toEqual([
      [3, 'María', 'Bogotá', 'VIP', '3001234567', '3001234567'],
      [4, 'Andrés', 'Bogotá', 'VIP', undefined, undefined],
      [5, 'Lucía', 'Bogotá', 'VIP', undefined, undefined],
      [6, 'Jorge', 'Cali', 'VIP', undefined, undefined],
      [7, 'Sofía', 'Cali', undefined, undefined, undefined],
      [8, 'Tomás', undefined, 'revisar', undefined, undefined],
      [9, 'Elena', undefined, 'revisar', undefined, undefined],
    ]);
  });

  it('read from row 1, the title merged over A1:E1 names five columns, each known by its letter', async () => {
    const { source } = await readAll({ file: fixture('xlsx/merged.xlsx') });
    expect(source.headers).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(source.lettered).toEqual([{ name: 'Clientes por ciudad', columns: [0, 1, 2, 3, 4] }]);
  });
});
