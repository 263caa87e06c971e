import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/core/types.js';
import { openInput } from '../../src/input/open.js';
import { draftMapping, readSamples } from '../../src/mapping/draft.js';
import { inferType, type InferredType } from '../../src/mapping/infer-type.js';
import { ROOT } from '../helpers.js';

const date = (text: string, time?: string): CellValue => ({ kind: 'date', date: text, ...(time ? { time } : {}) });

describe('inferType: a column read from all its sampled values (issue 20)', () => {
  it.each<[string, readonly (CellValue | undefined)[], InferredType]>([
    ['amounts with a decimal comma', ['150.000,00', '248.765,43', '1.500'], { type: 'number', decimal: ',' }],
    ['amounts with a decimal point', ['1,500.50', '20.25', '-3'], { type: 'number', decimal: '.' }],
    ['a decimal comma shown by one value only', ['1.500', '2.300', '7,5'], { type: 'number', decimal: ',' }],
    ['a decimal point shown by one value only', ['1,500', '2,300', '7.25'], { type: 'number', decimal: '.' }],
    ['thousands in dots, no fraction (a dot twice is no decimal mark)', ['1.500.000', '250.000'], { type: 'number', decimal: ',' }],
    ['thousands only, read the same with either mark', ['1 500', '12 300'], { type: 'number', decimal: ',' }],
    ['`1.500` alone: 1500 or 1.5, no value settles it', ['1.500', '2.300'], { type: 'number' }],
    ['whole numbers without a mark: phones, documents, codes', ['3001000000', '3001007919', '00123'], { type: 'string' }],
    ['dates day first, a day over 12 among them', ['15/01/2023', '01/02/2023'], { type: 'date', inputFormat: 'DD/MM/YYYY' }],
    ['dates month first, shown by a second part over 12', ['01/15/2023', '02/01/2023'], { type: 'date', inputFormat: 'MM/DD/YYYY' }],
    ['dates no value settles: day first, the order of Latin America', ['01/02/2023', '03/04/2023'], { type: 'date', inputFormat: 'DD/MM/YYYY' }],
    ['dates without leading zeros in some values', ['5/1/2023', '15/11/2023'], { type: 'date', inputFormat: 'D/M/YYYY' }],
    ['dates with dashes', ['15-01-2023', '28-02-2024'], { type: 'date', inputFormat: 'DD-MM-YYYY' }],
    ['dates and times', ['15/01/2023 08:30', '16/01/2023 17:05'], { type: 'datetime', inputFormat: 'DD/MM/YYYY HH:mm' }],
    ['ISO dates: read without an input format', ['2024-01-15', '2023-12-31'], { type: 'date' }],
    ['ISO dates and times', ['2024-01-15 08:30:00', '2023-12-31 23:59:59'], { type: 'datetime' }],
    ['a date that is no real date', ['15/01/2023', '31/02/2023'], { type: 'string' }],
    ['dates in two layouts', ['15/01/2023', '2023-01-16'], { type: 'string' }],
    ['Sí/No', ['Sí', 'No', 'no', 'SI'], { type: 'boolean' }],
    ['si/no without accents', ['si', 'no'], { type: 'boolean' }],
    ['true/false', ['true', 'FALSE'], { type: 'boolean' }],
    ['1/0: as often a count as an answer', ['1', '0', '1'], { type: 'string' }],
    ['yes/no words among others', ['Sí', 'No', 'Tal vez'], { type: 'string' }],
    ['text', ['Bogotá', 'Medellín'], { type: 'string' }],
    ['a number among text', ['150.000,00', 'pendiente'], { type: 'string' }],
    ['money with its symbol', ['$150.000', '$2.000'], { type: 'string' }],
    ['nothing but empty cells', [undefined, '', '  '], { type: 'string' }],
    ['workbook dates', [date('2024-01-15'), date('2023-12-31')], { type: 'date' }],
    ['workbook dates with a time', [date('2024-01-15', '08:30:00'), date('2023-12-31')], { type: 'datetime' }],
    ['workbook booleans', [true, false, undefined], { type: 'boolean' }],
    ['workbook numbers with a fraction', [150000, 248765.43], { type: 'number' }],
    ['workbook whole numbers: as likely a document as an amount', [3001000000, 1012345678], { type: 'string' }],
    ['workbook numbers with number text that shows its mark', [1500, '2.300,50'], { type: 'number', decimal: ',' }],
    ['an error cell', [150000.5, { kind: 'error', error: '#N/A' }], { type: 'string' }],
  ])('%s', (_name, cells, expected) => {
    expect(inferType(cells)).toEqual(expected);
  });
});

// The samples a person tries first, and fixtures written by LibreOffice and xlsxwriter, drafted as `init` and the page draft them.
describe('draftMapping with the first rows of real files', () => {
  const draft = async (file: string, options: { sheet?: string; headerRow?: number } = {}) => {
    const source = await openInput({ file: path.join(ROOT, file), ...options });
    const rows = await readSamples(source);
    return draftMapping({ ...source, samples: rows.map((row) => row.values) }).mapping.fields;
  };

  it('samples/clientes.csv (Spanish Excel: 150.000,00 and 15/01/2023): Saldo a number with a decimal comma, Alta a date DD/MM/YYYY, the rest text', async () => {
    expect(await draft('samples/clientes.csv')).toEqual({
      Nombre: 'Nombre', Apellido: 'Apellido', Correo: 'Correo', Celular: 'Celular', Ciudad: 'Ciudad',
      Saldo: { column: 'Saldo', type: 'number', decimal: ',' },
      Alta: { column: 'Alta', type: 'date', inputFormat: 'DD/MM/YYYY' },
      Estado: 'Estado',
    });
  });

  it('samples/clientes.xlsx: number, date and yes/no cells as they are', async () => {
    expect(await draft('samples/clientes.xlsx', { sheet: 'Clientes', headerRow: 3 })).toMatchObject({
      Celular: 'Celular',
      Saldo: { column: 'Saldo', type: 'number' },
      Alta: { column: 'Alta', type: 'date' },
      Activo: { column: 'Activo', type: 'boolean' },
    });
  });

  it('LibreOffice CSV: amounts with a decimal point, ISO dates and date-times, TRUE/FALSE; documents with leading zeros stay text', async () => {
    expect(await draft('fixtures/csv/libreoffice-win1252.csv')).toEqual({
      'Cédula': 'Cédula', Nombre: 'Nombre', Ciudad: 'Ciudad',
      Saldo: { column: 'Saldo', type: 'number', decimal: '.' },
      Cuenta: 'Cuenta',
      'Fecha de alta': { column: 'Fecha de alta', type: 'date' },
      'Última llamada': { column: 'Última llamada', type: 'datetime' },
      Activo: { column: 'Activo', type: 'boolean' },
      'Observación': 'Observación',
    });
  });

  it('phones written with spaces (+34 941 123 456) and years stay text', async () => {
    expect(await draft('fixtures/csv/latin1-semicolon.csv')).toMatchObject({ 'Teléfono': 'Teléfono', 'Año de nacimiento': 'Año de nacimiento' });
  });

  it('reads no rows when asked for none, and leaves the header-only draft as text', async () => {
    const source = await openInput({ file: path.join(ROOT, 'samples/clientes.csv') });
    expect(await readSamples(source, 0)).toEqual([]);
    await source.rows.return?.(undefined);
    expect(draftMapping({ ...source }).mapping.fields).toMatchObject({ Saldo: 'Saldo', Alta: 'Alta' });
  });
});
