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
