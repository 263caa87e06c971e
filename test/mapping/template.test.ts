import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../src/mapping/template.js';

describe('parseTemplate', () => {
  it.each([
    ['{Nombre} {Apellido}', [{ column: 'Nombre' }, { literal: ' ' }, { column: 'Apellido' }], ['Nombre', 'Apellido']],
    ['{Prefijo}{Numero}', [{ column: 'Prefijo' }, { column: 'Numero' }], ['Prefijo', 'Numero']],
    ['{{{Código}}}', [{ literal: '{' }, { column: 'Código' }, { literal: '}' }], ['Código']],
    ['ID-{A}-{A}', [{ literal: 'ID-' }, { column: 'A' }, { literal: '-' }, { column: 'A' }], ['A']],
    ['{Fecha de alta}', [{ column: 'Fecha de alta' }], ['Fecha de alta']],
  ])('%j', (text, parts, columns) => {
    expect(parseTemplate(text)).toEqual({ ok: true, value: { text, parts, columns } });
  });

  it.each([
    ['{Nombre', /^"\{" at position 1 is not closed by "\}"; write "\{\{" for a literal brace$/],
    ['{A {B}', /"\{" at position 1 is not closed/],
    ['Total }', /^"\}" at position 7 has no "\{" before it; write "\}\}"/],
    ['{} x', /"\{\}" at position 1 names no column/],
    ['Campaña {{Q4}}', /has no \{Column\} placeholder; for the same text on every row use "value"/],
  ])('refuses %j', (text, message) => {
    const result = parseTemplate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
