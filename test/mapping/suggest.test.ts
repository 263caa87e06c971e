import { describe, expect, it } from 'vitest';
import { editDistance, looseName, suggest } from '../../src/mapping/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['colum', 'column', 1],
    ['kitten', 'sitting', 3],
    ['abc', '', 3],
  ])('%j ↔ %j = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('suggest', () => {
  const headers = ['Cédula', 'Nombre', 'Correo', 'Teléfono', 'Fecha de alta'];
  it.each([
    ['Cedula', 'Cédula'],
    ['cédula', 'Cédula'],
    ['CORREO', 'Correo'],
    ['Corre', 'Correo'],
    ['Telefono', 'Teléfono'],
    ['Fecha dealta', 'Fecha de alta'],
    ['Nombres', 'Nombre'],
    ['Dirección', undefined],
    ['ID', undefined],
  ])('%j → %j', (word, expected) => {
    expect(suggest(word, headers)).toBe(expected);
  });

  it('prefers the closest candidate and never suggests the word itself', () => {
    expect(suggest('colum', ['code', 'column', 'columns'])).toBe('column');
    expect(suggest('type', ['type'])).toBeUndefined();
  });

  it('compares names loosely', () => {
    expect(looseName(' Él Ñandú ')).toBe('el nandu');
  });
});
