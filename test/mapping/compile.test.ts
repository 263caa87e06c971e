import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWolkvoxBulkError } from '../../src/core/errors.js';
import { compileMapping } from '../../src/mapping/compile.js';
import type { MapResult } from '../../src/core/types.js';
import { checkMapping } from '../../src/mapping/load.js';
import type { CellValue, SourceRow } from '../../src/core/types.js';
import { expectError, tempDir } from '../helpers.js';
import { FULL_EXAMPLE } from './examples.js';

const HEADERS = ['Cédula', 'Tipo', 'Correo', 'Alta', 'Saldo', 'Activo', 'Nombre', 'Apellido', 'Estado', 'Dir', 'Adjuntos', 'Prefijo', 'Numero'];

function compile(mapping: object, headers: readonly string[] = HEADERS, dir = tempDir()) {
  const loaded = { mapping: checkMapping(mapping, 'm.json'), file: path.join(dir, 'm.json'), dir };
  return compileMapping(loaded, { file: 'clientes.csv', headers });
}

const row = (values: Record<string, CellValue>, rowNumber = 7): SourceRow => ({ rowNumber, values });
const NA: CellValue = { kind: 'error', error: '#N/A' };

/** Maps one value through a one-field mapping; returns the field's value, 'skipped', or the problem messages. */
function mapOne(field: object, cell: CellValue | undefined, extra: Record<string, CellValue> = {}): unknown {
  const compiled = compile({ id: 'Cédula', fields: { F: field } });
  const values: Record<string, CellValue> = { Cédula: 'abc', ...extra };
  if (cell !== undefined) values.Correo = cell;
  return summarize(compiled.mapRow(row(values)));
}

function summarize(result: MapResult): unknown {
  if (result.kind === 'empty') return 'skipped';
  if (result.kind === 'invalid') return result.problems.map((problem) => problem.message);
  return result.row.fields.F;
}

describe('mapRow: the full example', () => {
  it('maps a row as the user meant it', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'adjuntos'));
    fs.writeFileSync(path.join(dir, 'adjuntos', 'contrato.pdf'), 'pdf!');
    const compiled = compile(FULL_EXAMPLE, HEADERS, dir);
    expect(compiled.idLabel).toBe('Cédula');
    expect(compiled.columns).toEqual(['Cédula', 'Tipo', 'Correo', 'Alta', 'Saldo', 'Activo', 'Nombre', 'Apellido', 'Estado', 'Dir', 'Adjuntos']);
    const result = compiled.mapRow(
      row({
        Cédula: 1012345678,
        Tipo: 'VIP',
        Correo: ' Ana@Example.CO ',
        Alta: '31/01/2024',
        Saldo: '1.500.000,50',
        Activo: 'Sí',
        Nombre: 'Ana',
        Apellido: 'Pérez',
        Estado: 'a',
        Dir: 'Calle 1 # 2-3',
        Adjuntos: 'contrato.pdf',
      }),
    );
    expect(result).toEqual({
      kind: 'mapped',
      row: {
        rowNumber: 7,
        id: '1012345678',
        fields: {
          'Tipo de cliente': 'VIP',
          Email: 'ana@example.co',
          'Fecha de alta': '2024-01-31',
          Saldo: 1500000.5,
          Activo: true,
          Segmento: 'Campaña Q4',
          'Nombre completo': 'Ana Pérez',
          Estado: 'Activo',
          Dirección: { type: 'address', value: 'Calle 1 # 2-3' },
        },
        attachments: [{ path: fs.realpathSync(path.join(dir, 'adjuntos', 'contrato.pdf')), bytes: 4 }],
      },
    });
  });

  it('reports every problem of a row, with row, column and field', () => {
    const compiled = compile({ ...FULL_EXAMPLE, attachments: undefined, empty: 'error' } as object);
    const result = compiled.mapRow(row({ Cédula: '12 34', Saldo: 'USD 5', Alta: '31/02/2024', Estado: 'X', Activo: 'quizá' }));
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.problems).toMatchObject([
      { rowNumber: 7, message: "'12 34' contains a space; a wolkvox id has none", column: 'Cédula' },
      { rowNumber: 7, column: 'Tipo', field: 'Tipo de cliente', message: `Tipo de cliente: the cell in column 'Tipo' is empty; fill it, or set "empty": "skip" or "clear" for this field` },
      { rowNumber: 7, column: 'Correo', field: 'Email', message: expect.stringMatching(/^Email: the cell in column 'Correo' is empty/) },
      { rowNumber: 7, column: 'Alta', field: 'Fecha de alta', message: "Fecha de alta: '31/02/2024' is not a real date (DD/MM/YYYY)" },
      { rowNumber: 7, column: 'Saldo', field: 'Saldo', message: "'USD 5' is not a number: remove currency signs, letters and % from the cells" },
      { rowNumber: 7, column: 'Activo', field: 'Activo', message: expect.stringMatching(/^'quizá' is not a yes\/no value/) },
      { rowNumber: 7, field: 'Nombre completo', message: expect.stringMatching(/^Nombre completo: the template \{Nombre\} \{Apellido\} is empty \(columns 'Nombre', 'Apellido'\)/) },
      { rowNumber: 7, column: 'Dir', field: 'Dirección', message: expect.stringMatching(/^Dirección: the cell in column 'Dir' is empty/) },
    ]);
  });
});

describe('mapRow: empty cells', () => {
  it.each<[string, string | undefined, CellValue | undefined, unknown]>([
    ['skip leaves the field out', 'skip', undefined, 'skipped'],
    ['clear sends ""', 'clear', undefined, ''],
    ['error refuses the row', 'error', undefined, [`F: the cell in column 'Correo' is empty; fill it, or set "empty": "skip" or "clear" for this field`]],
    ['the default policy is skip', undefined, undefined, 'skipped'],
    ['whitespace-only text is empty', 'clear', '   ', ''],
    ['an error cell is empty', 'clear', NA, ''],
    ['an error cell is named in the message', 'error', NA, [expect.stringMatching(/^F: the cell in column 'Correo' is empty; it holds the error #N\/A, fix it in the file;/)]],
  ])('%s', (_, empty, cell, expected) => {
    expect(mapOne({ column: 'Correo', ...(empty === undefined ? {} : { empty }) }, cell)).toEqual(expected);
  });

  it('keeps whitespace when trim is off', () => {
    expect(mapOne({ column: 'Correo', trim: false }, '  ')).toBe('  ');
  });

  it('treats an empty boolean by the policy, not as false', () => {
    expect(mapOne({ column: 'Correo', type: 'boolean' }, undefined)).toBe('skipped');
    expect(mapOne({ column: 'Correo', type: 'boolean', empty: 'error' }, undefined)).toEqual([expect.stringMatching(/is empty/)]);
  });

  it('uses the top-level policy unless the field sets its own', () => {
    const compiled = compile({ id: 'Cédula', empty: 'clear', fields: { A: 'Correo', B: { column: 'Tipo', empty: 'skip' } } });
    expect(compiled.mapRow(row({ Cédula: 'x' }))).toEqual({ kind: 'mapped', row: { rowNumber: 7, id: 'x', fields: { A: '' }, attachments: [] } });
  });

  it('has nothing to send when every field is skipped', () => {
    const compiled = compile({ id: 'Cédula', fields: { A: 'Correo', B: 'Tipo' } });
    expect(compiled.mapRow(row({ Cédula: 'abc', Nombre: 'unused' }, 9))).toEqual({ kind: 'empty', rowNumber: 9, id: 'abc' });
  });
});

describe('mapRow: templates', () => {
  const template = { template: '{Nombre} {Apellido}' };
  it.each<[string, object, Record<string, CellValue>, unknown]>([
    ['fills every placeholder', template, { Nombre: 'Ana', Apellido: 'Pérez' }, 'Ana Pérez'],
    ['trims each part and the result', template, { Nombre: ' Ana ', Apellido: ' ' }, 'Ana'],
    ['keeps spaces when trim is off', { ...template, trim: false }, { Nombre: ' Ana', Apellido: 'Pérez ' }, ' Ana Pérez '],
    ['writes an empty part as ""', template, { Apellido: 'Pérez' }, 'Pérez'],
    ['treats an error cell as an empty part', template, { Nombre: NA, Apellido: 'Pérez' }, 'Pérez'],
    ['is empty when every part is', template, { Nombre: '  ' }, 'skipped'],
    ['is empty when every part is an error', { ...template, empty: 'error' }, { Nombre: NA }, [expect.stringMatching(/is empty \(columns 'Nombre', 'Apellido'\); it holds the error #N\/A/)]],
    ['shows cells as text', { template: '{Numero}-{Alta}' }, { Numero: 42, Alta: { kind: 'date', date: '2024-01-31' } }, '42-2024-01-31'],
    ['writes literal braces', { template: '{{{Nombre}}}' }, { Nombre: 'Ana' }, '{Ana}'],
    ['feeds the type', { template: '{Alta} {Numero}', type: 'datetime', inputFormat: 'DD/MM/YYYY HH:mm' }, { Alta: '31/01/2024', Numero: '10:30' }, '2024-01-31 10:30:00'],
  ])('%s', (_, field, values, expected) => {
    expect(mapOne(field, undefined, values)).toEqual(expected);
  });
});

describe('mapRow: map, default and case', () => {
  const estado = { column: 'Correo', map: { A: 'Activo', I: 'Inactivo' } };
  it.each<[string, object, CellValue, unknown]>([
    ['matches exactly', estado, 'A', 'Activo'],
    ['matches the trimmed text', estado, ' I ', 'Inactivo'],
    ['then ignores case', estado, 'a', 'Activo'],
    ['prefers the exact key', { column: 'Correo', map: { a: 'lower', A: 'upper' } }, 'A', 'upper'],
    ['refuses a value not in the map', estado, 'X', [`F: 'X' is not in the map (A, I); add it to "map" or set "default"`]],
    ['uses the default', { ...estado, default: 'Otro' }, 'X', 'Otro'],
    ['matches number cells by their text', { column: 'Correo', map: { '1': 'Uno' } }, 1, 'Uno'],
    ['applies the type after the map', { column: 'Correo', type: 'boolean', map: { Activo: 'sí', Retirado: 'no' } }, 'Retirado', false],
    ['maps to a number', { column: 'Correo', type: 'integer', map: { bajo: 1, alto: 3 } }, 'ALTO', 3],
    ['applies case after the map', { column: 'Correo', case: 'upper', map: { a: 'activo' } }, 'a', 'ACTIVO'],
  ])('%s', (_, field, cell, expected) => {
    expect(mapOne(field, cell)).toEqual(expected);
  });
});

describe('mapRow: constants and search links', () => {
  it.each<[string, object, Record<string, CellValue>, unknown]>([
    ['sends a constant', { value: 'Campaña Q4' }, {}, 'Campaña Q4'],
    ['types a constant', { value: '2024-01-31', type: 'date', format: 'DD/MM/YYYY' }, {}, '31/01/2024'],
    ['sends a constant number', { value: 5, type: 'number' }, {}, 5],
    ['links a search field', { column: 'Correo', type: 'search', searchModule: 'contacts', idColumn: 'Numero' }, { Correo: 'Ana', Numero: '647f6ff1660dff48d803ffe6' }, {
      type: 'search',
      value: 'Ana',
      value_id: '647f6ff1660dff48d803ffe6',
      searchModuleName: 'contacts',
    }],
    ['refuses a label without its linked id', { column: 'Correo', type: 'search', searchModule: 'contacts', idColumn: 'Numero' }, { Correo: 'Ana' }, [
      `F: the linked record's id in column 'Numero' is empty; fill it, or remove "idColumn"`,
    ]],
    ['refuses a linked id without its label', { column: 'Correo', type: 'search', searchModule: 'contacts', idColumn: 'Numero' }, { Numero: 'abc' }, [
      `F: the cell in column 'Correo' is empty but column 'Numero' has a linked record's id; fill the label`,
    ]],
    ['sends a lookup field\'s name, its module the lookup\'s (its id found later, issue 19)', { column: 'Correo', type: 'search', lookup: { module: 'empresas', field: 'nombre' } }, { Correo: ' Acme ' }, {
      type: 'search',
      value: 'Acme',
      searchModuleName: 'empresas',
    }],
    ['refuses a name a document comparison leaves nothing of', { column: 'Correo', type: 'search', lookup: { module: 'empresas', field: 'nit', compare: 'document' } }, { Correo: '--' }, [
      `F: the name '--' has no letter or digit to find a record of empresas by`,
    ]],
    ['refuses a bad linked id', { column: 'Correo', type: 'search', searchModule: 'contacts', idColumn: 'Numero' }, { Correo: 'Ana', Numero: 'a/b' }, [
      expect.stringMatching(/^F: the linked record's id in column 'Numero': 'a\/b' contains "\/"/),
    ]],
  ])('%s', (_, field, values, expected) => {
    expect(mapOne(field, undefined, values)).toEqual(expected);
  });

  it('keeps a label such as __proto__ as a plain key', () => {
    const compiled = compile(JSON.parse('{"id": "Cédula", "fields": {"__proto__": "Correo"}}') as object);
    const result = compiled.mapRow(row({ Cédula: 'x', Correo: 'y' }));
    expect(result.kind === 'mapped' && Object.entries(result.row.fields)).toEqual([['__proto__', 'y']]);
  });
});

describe('mapRow: ids', () => {
  const idOf = (id: unknown, values: Record<string, CellValue>) => {
    const result = compile({ id, fields: { F: 'Correo' } }).mapRow(row({ Correo: 'x', ...values }));
    return result.kind === 'mapped' ? result.row.id : result.kind === 'invalid' ? result.problems.map((problem) => problem.message) : result;
  };

  it.each<[string, unknown, Record<string, CellValue>, unknown]>([
    ['a number cell as plain text', 'Cédula', { Cédula: 1012345678 }, '1012345678'],
    ['text with leading zeros kept', 'Cédula', { Cédula: '00123' }, '00123'],
    ['trimmed text', 'Cédula', { Cédula: '  647f6ff1660dff48d803ffe6 ' }, '647f6ff1660dff48d803ffe6'],
    ['a template', { template: '{Prefijo}{Numero}' }, { Prefijo: 'CC', Numero: 123 }, 'CC123'],
    ['a mapped value', { column: 'Cédula', map: { viejo: 'nuevo1' } }, { Cédula: 'viejo' }, 'nuevo1'],
    ['in lower case', { column: 'Cédula', case: 'lower' }, { Cédula: 'ABC' }, 'abc'],
    ['refused when empty', 'Cédula', {}, [`the cell in column 'Cédula' is empty; every row needs the wolkvox id of the record to update`]],
    ['refused when whitespace only', 'Cédula', { Cédula: '   ' }, [expect.stringMatching(/^the cell in column 'Cédula' is empty/)]],
    ['refused when an error cell', 'Cédula', { Cédula: NA }, [expect.stringMatching(/is empty \(it holds the error #N\/A\)/)]],
    ['refused with a space inside', 'Cédula', { Cédula: '123 456' }, [`'123 456' contains a space; a wolkvox id has none`]],
    ['refused with untrimmed spaces', { column: 'Cédula', trim: false }, { Cédula: ' 123' }, [`' 123' contains a space; a wolkvox id has none`]],
    ['refused with a slash', 'Cédula', { Cédula: 'contacts/647f' }, [expect.stringMatching(/^'contacts\/647f' contains "\/"; use only the id/)]],
    ['refused when a template part is empty', { template: '{Prefijo}{Numero}' }, { Numero: 5 }, [
      `id: column 'Prefijo' of the template {Prefijo}{Numero} is empty, so the id would be incomplete`,
    ]],
    ['refused when not in the map', { column: 'Cédula', map: { a: 'b' } }, { Cédula: 'z' }, [expect.stringMatching(/^'z' is not in the map/)]],
  ])('%s', (_, id, values, expected) => {
    expect(idOf(id, values)).toEqual(expected);
  });

  it('names the template as the id label', () => {
    const compiled = compile({ id: { template: '{Prefijo}{Numero}' }, fields: { F: 'Correo' } });
    expect(compiled.idLabel).toBe('{Prefijo}{Numero}');
    expect(compiled.columns).toEqual(['Prefijo', 'Numero', 'Correo']);
  });

  it('refuses a row whose shape is wrong, as the reader said', () => {
    const compiled = compile({ id: 'Cédula', fields: { F: 'Correo' } });
    const result = compiled.mapRow({ rowNumber: 4, values: { Cédula: 'a' }, problem: 'Line 4 has 3 fields, the header has 2' });
    expect(result).toEqual({ kind: 'invalid', problems: [{ rowNumber: 4, message: 'Line 4 has 3 fields, the header has 2' }] });
  });
});

describe('compileMapping errors', () => {
  it('reports every missing column with a suggestion and lists the file columns', async () => {
    const mapping = {
      id: 'Cedula',
      fields: {
        Email: 'correo',
        Nombre: { template: '{Nombres} {Apellido}' },
        Link: { column: 'Nombre', type: 'search', searchModule: 'contacts', idColumn: 'LinkId' },
      },
      attachments: { column: 'Adjunto' },
    };
    const action = () => compile(mapping, ['Cédula', 'Correo', 'Nombre', 'Apellido', 'Adjuntos']);
    await expectError(action, {
      code: 'MAPPING_INVALID',
      message: new RegExp(
        [
          '^Invalid mapping: .*m\\.json has 5 problems:',
          '  id: column "Cedula" is not in clientes\\.csv; did you mean "Cédula"\\?',
          '  fields\\."Email": column "correo" is not in clientes\\.csv; did you mean "Correo"\\?',
          '  fields\\."Nombre"\\.template: column "Nombres" is not in clientes\\.csv; did you mean "Nombre"\\?',
          '  fields\\."Link"\\.idColumn: column "LinkId" is not in clientes\\.csv',
          '  attachments\\.column: column "Adjunto" is not in clientes\\.csv; did you mean "Adjuntos"\\?',
          'The columns of clientes\\.csv are: Cédula, Correo, Nombre, Apellido, Adjuntos\\.',
          'Fix the mapping, then run wolkvox-bulk validate again\\.$',
        ].join('\\n'),
      ),
    });
    try {
      action();
    } catch (error) {
      expect(isWolkvoxBulkError(error) && (error.details as { path: string }[]).map((problem) => problem.path)).toEqual([
        'id',
        'fields."Email"',
        'fields."Nombre".template',
        'fields."Link".idColumn',
        'attachments.column',
      ]);
    }
  });

  it('reports constants their type refuses, and a missing attachments folder', async () => {
    const mapping = {
      id: { column: 'Cédula' },
      fields: { N: { value: 'mucho', type: 'number' }, D: { value: '31/01/2024', type: 'date' } },
      attachments: { column: 'Adjuntos', baseDir: 'no-such-folder' },
    };
    await expectError(() => compile(mapping), {
      code: 'MAPPING_INVALID',
      message: new RegExp(
        [
          'has 3 problems:',
          `  fields\\."N"\\.value: 'mucho' is not a number: remove currency signs, letters and % from the cells`,
          `  fields\\."D"\\.value: '31/01/2024' is not a date in YYYY-MM-DD form.*`,
          '  attachments\\.baseDir: the folder .*no-such-folder does not exist; create it or fix "baseDir" \\(relative to the mapping file\'s folder\\)',
          'Fix the mapping',
        ].join('\\n'),
      ),
    });
  });

  it('checks a mapping built in code like a file', async () => {
    const loaded = { mapping: { id: 'A', fields: { B: { colum: 'C' } } } as never, file: '/x/m.json', dir: '/x' };
    await expectError(() => compileMapping(loaded, { file: 'a.csv', headers: ['A', 'C'] }), {
      code: 'MAPPING_INVALID',
      message: /fields\."B"\.colum: unknown key; did you mean "column"\?/,
    });
  });

  it('checks the columns of a mapping with shape problems too, in the same error (issue 10, item 22)', async () => {
    const loaded = { mapping: { id: 'Cedula', fields: { B: { column: 'Corre', type: 'texto' }, T: { template: '{Nombres}' } } } as never, file: '/x/m.json', dir: '/x' };
    await expectError(() => compileMapping(loaded, { file: 'a.csv', headers: ['Cédula', 'Correo', 'Nombre'] }), {
      code: 'MAPPING_INVALID',
      message: new RegExp(
        [
          'has 4 problems:',
          '  id: column "Cedula" is not in a\\.csv; did you mean "Cédula"\\?',
          '  fields\\."B"\\.column: column "Corre" is not in a\\.csv; did you mean "Correo"\\?',
          '  fields\\."T"\\.template: column "Nombres" is not in a\\.csv; did you mean "Nombre"\\?',
          '  fields\\."B"\\.type: unknown type "texto".*',
          'The columns of a\\.csv are: Cédula, Correo, Nombre\\.',
        ].join('\\n'),
      ),
    });
  });
});

describe('mapRow: attachments', () => {
  function withFiles() {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.pdf'), 'aa');
    return compile({ id: 'Cédula', fields: { F: 'Correo' }, attachments: { column: 'Adjuntos' } }, HEADERS, dir);
  }

  it('sends a row that only attaches files', () => {
    const result = withFiles().mapRow(row({ Cédula: 'x', Adjuntos: 'a.pdf' }));
    expect(result.kind === 'mapped' && [result.row.fields, result.row.attachments.map((ref) => ref.bytes)]).toEqual([{}, [2]]);
  });

  it('has nothing to send without fields or files', () => {
    expect(withFiles().mapRow(row({ Cédula: 'x' })).kind).toBe('empty');
  });

  it('reports each bad file in the attachments column', () => {
    const result = withFiles().mapRow(row({ Cédula: 'x', Correo: 'y', Adjuntos: 'a.pdf|../m.json|b.pdf' }));
    expect(result).toMatchObject({
      kind: 'invalid',
      problems: [
        { rowNumber: 7, column: 'Adjuntos', message: expect.stringMatching(/^attachments: '\.\.\/m\.json' points outside the attachments folder/) },
        { rowNumber: 7, column: 'Adjuntos', message: expect.stringMatching(/^attachments: 'b\.pdf' was not found in /) },
      ],
    });
  });
});
