import { describe, expect, it } from 'vitest';
import { scanJson } from '../../src/mapping/json-syntax.js';
import { message, say } from '../../src/core/say.js';

describe('scanJson', () => {
  it.each([
    ['{"a": }', 'Unexpected token }', 1, 7],
    ['{\n  "id": "Cédula",\n  "fields": {"Email": "Correo",}\n}', 'Unexpected token }; remove the comma before it', 3, 32],
    ['{\n  "id": "A"\n  "fields": {}\n}', 'Unexpected token "; a comma may be missing before it', 3, 3],
    ["{'id': 'A'}", "Unexpected token '; JSON needs double quotes", 1, 2],
    ['{\n  // note\n  "id": "A"\n}', 'Unexpected token /; JSON has no comments', 2, 3],
    ['{"id": "A"', 'Unexpected end of JSON', 1, 11],
    ['{"id": "A\nB"}', 'Line break or control character inside a string (write \\n)', 1, 10],
    ['{"id": "C:\\x"}', 'Bad escape \\x in a string (write \\\\ for a backslash)', 1, 11],
    ['{"id": "A}', 'Unterminated string', 1, 8],
    ['{"id": "A"} x', 'Unexpected token x after the end of the JSON', 1, 13],
    ['{"a" 1}', 'Unexpected token 1; a colon was expected after the key', 1, 6],
    ['[1, 2,]', 'Unexpected token ]; remove the comma before it', 1, 7],
    ['{"a": tru}', 'Unexpected token t', 1, 7],
  ])('%j → %s at %i:%i', (text, words, line, column) => {
    const error = scanJson(text).error;
    expect(error && { line: error.line, column: error.column }).toEqual({ line, column });
    expect(error && say(message('mapping.not-json', { file: 'm.json', ...error }), 'en')).toBe(`Invalid mapping: m.json is not valid JSON: ${words} at line ${line}, column ${column}.`);
  });

  it('says where JSON stops making sense in Spanish too', () => {
    const error = scanJson('{\n  "id": "Cédula",\n  "fields": {"Email": "Correo",}\n}').error;
    expect(error && say(message('mapping.not-json', { file: 'm.json', ...error }), 'es')).toBe('Mapeo inválido: m.json no es JSON válido: Carácter inesperado }; quite la coma que hay antes en la línea 3, columna 32.');
  });

  it.each([
    '{}',
    '{"a": [1, -2.5e3, true, false, null, {"b": "\\u00e9\\n"}]}',
    '  {"fields": {"Email": {"column": "Correo"}}}\n',
  ])('accepts %j like JSON.parse does', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(scanJson(text)).toEqual({ duplicates: [] });
  });

  it('finds keys written twice, at their path', () => {
    const text = JSON.stringify({ id: 'A' }).replace('}', ',"id":"B","fields":{"Email":"x","Email":"y","E":{"map":{"A":1,"A":2}}}}');
    expect(scanJson(text).duplicates).toEqual(['id', 'fields."Email"', 'fields."E".map."A"']);
  });
});
