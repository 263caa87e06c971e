import { describe, expect, it } from 'vitest';
import { fillOnlyEmpty, ifEmptyLabels, isEmptyInCrm, keptMessage } from '../../src/plan/if-empty.js';

describe('isEmptyInCrm: what "empty" means for "write": "if-empty" (issue 19)', () => {
  it.each<[string, unknown, boolean]>([
    ['a field the record lacks', undefined, true],
    ['null', null, true],
    ['""', '', true],
    ['only spaces, tabs and line breaks', ' \t\r\n', true],
    ['an empty list', [], true],
    ['a typed object with an empty value', { type: 'currency', value: '', symbol: 'COP' }, true],
    ['a typed object with a value of spaces', { value: '  ' }, true],
    ['text', 'Ana', false],
    ['text with spaces around', '  Ana ', false],
    ['0', 0, false],
    ['false', false, false],
    ['"0"', '0', false],
    ['a list', [{ name: 'a.pdf' }], false],
    ['a typed object with a value', { value: 1500, symbol: 'COP' }, false],
    ['an object without a value', { user: 'ana' }, false],
  ])('%s: %s', (_, held, empty) => {
    expect(isEmptyInCrm(held)).toBe(empty);
  });
});

describe('fillOnlyEmpty', () => {
  const ifEmpty = new Set(['Nombre', 'Email']);

  it('leaves out each if-empty field the CRM holds a value in; the other fields go as planned, in their order', () => {
    expect(fillOnlyEmpty({ Nombre: 'Ana', Ciudad: 'Cali', Email: 'a@x.co' }, { Nombre: 'Ana B', Ciudad: 'Pasto', Email: ' ' }, ifEmpty)).toEqual({
      fields: { Ciudad: 'Cali', Email: 'a@x.co' },
      kept: ['Nombre'],
    });
  });

  it('a field always written is sent whatever the CRM holds', () => {
    expect(fillOnlyEmpty({ Ciudad: 'Cali' }, { Ciudad: 'Pasto' }, ifEmpty)).toEqual({ fields: { Ciudad: 'Cali' }, kept: [] });
  });

  it('an if-empty field whose own value is empty ("empty": "clear" from the top level) is left out: "" fills nothing', () => {
    expect(fillOnlyEmpty({ Nombre: '', Ciudad: '' }, {}, ifEmpty)).toEqual({ fields: { Ciudad: '' }, kept: ['Nombre'] });
  });

  it('every field kept: nothing left to send', () => {
    expect(fillOnlyEmpty({ Nombre: 'Ana', Email: 'a@x.co' }, { Nombre: 'Ana', Email: 'b@x.co' }, ifEmpty).fields).toEqual({});
  });
});

describe('the if-empty labels and the report message', () => {
  it('lists the if-empty fields in the mapping\'s order', () => {
    expect(ifEmptyLabels({ A: { type: 'string', trim: true, write: 'if-empty' }, B: { type: 'string', trim: true }, C: { type: 'number', trim: true, write: 'if-empty' } })).toEqual(['A', 'C']);
  });

  it('says which fields were kept, and whether anything was sent', () => {
    expect(keptMessage(['A', 'C'], true)).toBe('nothing to write: A, C kept as the CRM has them (write: if-empty)');
    expect(keptMessage(['A'], false)).toBe('A kept as the CRM has them (write: if-empty); the other fields sent');
  });
});
