import { describe, expect, it } from 'vitest';
import { findHeaderRow } from '../../src/input/layout-guess.js';

const rows = (...lines: (string | number)[][]) => lines.map((cells, index) => ({ number: index + 1, cells }));

describe('findHeaderRow: the first row that looks like column names', () => {
  it.each([
    ['a header on row 1', rows(['id', 'Nombre'], ['1', 'Ana']), { row: 1, isTable: true }],
    ['past a one-cell title and a note', rows(['Clientes – noviembre'], ['Generado el 15/11/2024', 'por Ana'], ['id', 'Nombre', 'Ciudad'], ['a1', 'Ana', 'Cali']), { row: 3, isTable: true }],
    ['not a row of numbers or dates', rows(['Totales'], [2024, 15, 300], ['id', 'Saldo', 'Alta'], ['a1', 5, 7]), { row: 3, isTable: true }],
    ['not a row that repeats a name', rows(['Mes', 'Mes', 'Mes'], ['id', 'Nombre', 'Ciudad'], ['a1', 'Ana', 'Cali']), { row: 2, isTable: true }],
    ['a header with no data under it', rows(['id', 'Nombre']), { row: 1, isTable: false }],
    ['one column only: the first row, no table', rows(['Instrucciones'], ['Llene una fila por cliente']), { row: 1, isTable: false }],
  ])('%s', (_name, input, expected) => {
    expect(findHeaderRow(input)).toEqual(expected);
  });

  it('finds nothing in nothing', () => {
    expect(findHeaderRow([])).toBeUndefined();
  });
});
