import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAPPING_VOCABULARY } from '../../src/mapping/keys.js';
import { ROOT } from '../helpers.js';

// The page's mapping model (web/mapping-model.js), read as the page reads it: plain functions, no browser needed.
interface Model {
  readonly by: 'id' | 'match';
  readonly id: Record<string, string>;
  readonly match: { column: string; field: string; compare?: string };
}
const model = (await import(path.join(ROOT, 'web/mapping-model.js'))) as {
  fromMapping(mapping: object, headers: readonly string[], vocabulary: object): Model;
  toMapping(model: Model, vocabulary: object): Record<string, unknown>;
  editorProblems(model: Model): { key: string }[];
};
const vocabulary = { ...MAPPING_VOCABULARY, schema: 'schema.json' };
const headers = ['wolkvox-id', 'Documento', 'Correo', 'Nombre'];
const round = (mapping: object) => model.toMapping(model.fromMapping(mapping, headers, vocabulary), vocabulary);

describe('the page’s mapping model with "match" (issue 19)', () => {
  it.each([
    ['a match compared as documents', { $schema: 'schema.json', match: { column: 'Documento', field: 'documento', compare: 'document' }, fields: { Nombre: 'Nombre' } }],
    ['a match with no comparison written (exact)', { $schema: 'schema.json', match: { column: 'Correo', field: 'email' }, fields: { Nombre: 'Nombre', Doc: 'Documento' } }],
    ['an id column', { $schema: 'schema.json', id: 'wolkvox-id', fields: { Nombre: 'Nombre' } }],
  ])('gives back %s as it was loaded', (_name, mapping) => {
    expect(round(mapping)).toEqual(mapping);
  });

  it('writes only the way chosen, keeps the other for the way back, and never sends the key column as a field', () => {
    const loaded = model.fromMapping({ id: 'wolkvox-id', fields: { Documento: 'Documento', Nombre: 'Nombre' } }, headers, vocabulary);
    const byKey = { ...loaded, by: 'match' as const, match: { column: 'Documento', field: 'documento', compare: 'document' } };
    expect(model.toMapping(byKey, vocabulary)).toMatchObject({ match: { column: 'Documento', field: 'documento', compare: 'document' }, fields: { Nombre: 'Nombre' } });
    expect(model.toMapping(byKey, vocabulary)).not.toHaveProperty('id');
    const back = model.toMapping({ ...byKey, by: 'id' }, vocabulary);
    expect(back).toMatchObject({ id: 'wolkvox-id', fields: { Documento: 'Documento', Nombre: 'Nombre' } });
    expect(back).not.toHaveProperty('match');
  });

  it('names what a match lacks before asking the server: the key column, the CRM field', () => {
    const loaded = model.fromMapping({ fields: {} }, headers, vocabulary);
    expect(model.editorProblems({ ...loaded, by: 'match', match: { column: '', field: ' ' } }).map((problem) => problem.key)).toEqual([
      'mapping.problem.noMatchColumn',
      'mapping.problem.noMatchField',
    ]);
    expect(model.editorProblems({ ...loaded, by: 'match', match: { column: 'Correo', field: 'email' } })).toEqual([]);
  });
});

describe('the page’s mapping model with value maps, fixed values and templates (issue 20)', () => {
  it('gives back a loaded value map with its default, a fixed value of any type and a template, as they were', () => {
    const mapping = {
      $schema: 'schema.json',
      id: 'wolkvox-id',
      fields: {
        Estado: { column: 'Nombre', map: { A: 'Activo', I: 1, X: true }, default: 'Otro' },
        Segmento: { value: 4 },
        VIP: { value: false, type: 'boolean' },
        Completo: { template: '{Nombre} ({Correo})' },
      },
    };
    expect(round(mapping)).toEqual(mapping);
  });

  it('writes pairs with a value in the file, and a default only with a map; names a fixed value without a field and a template without a column', () => {
    const loaded = model.fromMapping({ id: 'wolkvox-id', fields: { Nombre: 'Nombre' } }, headers, vocabulary) as Model & { rows: Record<string, unknown>[]; built: unknown[] };
    const rows = loaded.rows.map((row) => (row.column === 'Nombre' ? { ...row, map: [['a', 'A'], ['', 'ignored']], fallback: 'Z' } : row.column === 'Correo' ? { ...row, send: true, map: [], fallback: 'Z' } : row));
    const built = [{ label: 'Origen', source: 'value', text: 'Web', rest: {} }, { label: '', source: 'value', text: 'x', rest: {} }, { label: 'T', source: 'template', text: 'sin columnas', rest: {} }];
    const edited = { ...loaded, rows, built };
    expect(model.toMapping(edited, vocabulary).fields).toEqual({ Nombre: { column: 'Nombre', map: { a: 'A' }, default: 'Z' }, Correo: 'Correo', Origen: { value: 'Web' }, T: { template: 'sin columnas' } });
    expect(model.editorProblems(edited).map((problem) => problem.key)).toEqual(['mapping.problem.noBuiltField', 'mapping.problem.templateNoColumn']);
  });
});
