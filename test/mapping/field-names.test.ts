import { describe, expect, it } from 'vitest';
import { say } from '../../src/core/say.js';
import { unknownFieldNames } from '../../src/mapping/field-names.js';

describe('unknownFieldNames (issue 20)', () => {
  const known = ['Nombre', 'Email', 'Ciudad', 'documento'];

  it('flags each field the module’s records lack, with the one likely meant, and the match field too', () => {
    const mapping = { match: { column: 'Doc', field: 'Documento' }, fields: { Nombre: 'Nombre', Emial: 'Correo', Segmento: { value: 'Q4' } } };
    const unknown = unknownFieldNames(mapping, known, 'contacts');
    expect(unknown.map(({ field, meant }) => [field, meant])).toEqual([['Emial', 'Email'], ['Segmento', undefined], ['Documento', 'documento']]);
    expect(say(unknown[0]!.said, 'en')).toBe("'Emial' is not a field of the records of contacts; did you mean 'Email'? A field the CRM does not have would not be updated.");
    expect(say(unknown[1]!.said, 'es')).toBe('«Segmento» no es un campo de los registros de contacts. Un campo que el CRM no tiene no se actualizaría.');
  });

  it('flags nothing when every name is the CRM’s', () => {
    expect(unknownFieldNames({ id: 'id', fields: { Nombre: 'Nombre', Email: 'Correo' } }, known, 'contacts')).toEqual([]);
  });
});
