import { describe, expect, it } from 'vitest';
import { parseBooleanText } from '../../src/mapping/boolean-text.js';

describe('parseBooleanText', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['False', false],
    ['sí', true],
    ['SÍ', true],
    ['si', true],
    ['no', false],
    ['yes', true],
    ['Yes', true],
    ['1', true],
    ['0', false],
    ['x', true],
    ['X', true],
    ['verdadero', true],
    ['FALSO', false],
    [' si ', true],
  ])('%j → %s', (text, expected) => {
    expect(parseBooleanText(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['y', 'n', 'ok', '2', 'nope', ''])('refuses %j and lists the accepted words', (text) => {
    expect(parseBooleanText(text)).toMatchObject({
      ok: false,
      message: `'${text}' is not a yes/no value (accepted: true/false, sí/no, yes/no, verdadero/falso, 1/0, x)`,
    });
  });
});
