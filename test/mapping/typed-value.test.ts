import { describe, expect, it } from 'vitest';
import { convertCell, type FieldRule, type FilledCell } from '../../src/mapping/typed-value.js';
import { parseDateFormat, type FormatUse } from '../../src/mapping/date-format.js';
import type { DateCell } from '../../src/core/types.js';

function dateFormat(text: string, use: FormatUse) {
  const result = parseDateFormat(text, use);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

type RuleOptions = Partial<Omit<FieldRule, 'format' | 'inputFormat'>> & { format?: string; inputFormat?: string };

function rule({ format, inputFormat, ...options }: RuleOptions = {}): FieldRule {
  const type = options.type ?? 'string';
  const use = type === 'datetime' ? 'datetime' : 'date';
  return {
    type,
    trim: true,
    ...options,
    format: dateFormat(format ?? (use === 'datetime' ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD'), use),
    ...(inputFormat === undefined ? {} : { inputFormat: dateFormat(inputFormat, 'input') }),
  };
}

const day = (date: string, time?: string): DateCell => (time === undefined ? { kind: 'date', date } : { kind: 'date', date, time });

describe('convertCell converts', () => {
  it.each<[string, FilledCell, RuleOptions, unknown]>([
    ['string: text trimmed', '  Ana  ', {}, 'Ana'],
    ['string: untrimmed', '  Ana  ', { trim: false }, '  Ana  '],
    ['string: number as plain decimal', 1012345678, {}, '1012345678'],
    ['string: float noise removed', 0.1 + 0.2, {}, '0.3'],
    ['string: boolean as Excel shows it', true, {}, 'TRUE'],
    ['string: date as ISO', day('2024-01-31'), {}, '2024-01-31'],
    ['string: date-time as ISO', day('2024-01-31', '10:30:00'), {}, '2024-01-31 10:30:00'],
    ['string: lower case', 'ANA@Example.CO', { case: 'lower' }, 'ana@example.co'],
    ['string: upper case', 'bogotá', { case: 'upper' }, 'BOGOTÁ'],
    ['string: leading zeros kept', '00123', {}, '00123'],
    ['number: number cell as is', 1500000.5, { type: 'number' }, 1500000.5],
    ['number: text', '1500000.5', { type: 'number' }, 1500000.5],
    ['number: comma decimal', '1.500.000,50', { type: 'number', decimal: ',' }, 1500000.5],
    ['number: dot decimal', '1,500,000.50', { type: 'number', decimal: '.' }, 1500000.5],
    ['integer: whole number text', '1.500', { type: 'integer', decimal: ',' }, 1500],
    ['integer: whole number cell', 42, { type: 'integer' }, 42],
    ['integer: zero decimals', '12,00', { type: 'integer', decimal: ',' }, 12],
    ['boolean: cell', false, { type: 'boolean' }, false],
    ['boolean: sí', 'Sí', { type: 'boolean' }, true],
    ['boolean: x', ' x ', { type: 'boolean' }, true],
    ['boolean: number 1', 1, { type: 'boolean' }, true],
    ['boolean: number 0', 0, { type: 'boolean' }, false],
    ['date: workbook date', day('2024-02-29'), { type: 'date' }, '2024-02-29'],
    ['date: workbook date ignores the input format', day('2024-02-29'), { type: 'date', inputFormat: 'DD/MM/YYYY' }, '2024-02-29'],
    ['date: workbook date-time keeps only the date', day('2024-02-29', '23:59:59'), { type: 'date' }, '2024-02-29'],
    ['date: ISO text', '2024-01-31', { type: 'date' }, '2024-01-31'],
    ['date: ISO text with time keeps only the date', '2024-01-31 23:30', { type: 'date' }, '2024-01-31'],
    ['date: input format', '31/01/2024', { type: 'date', inputFormat: 'DD/MM/YYYY' }, '2024-01-31'],
    ['date: input and output formats', '5/1/2024', { type: 'date', inputFormat: 'D/M/YYYY', format: 'DD/MM/YYYY' }, '05/01/2024'],
    ['date: leap day', '29/02/2000', { type: 'date', inputFormat: 'DD/MM/YYYY' }, '2000-02-29'],
    ['datetime: workbook date gets midnight', day('2024-01-31'), { type: 'datetime' }, '2024-01-31 00:00:00'],
    ['datetime: workbook date-time', day('2024-01-31', '08:05:09'), { type: 'datetime' }, '2024-01-31 08:05:09'],
    ['datetime: ISO text with T', '2024-01-31T08:05', { type: 'datetime' }, '2024-01-31 08:05:00'],
    ['datetime: own format', '31/01/2024 8:05', { type: 'datetime', inputFormat: 'DD/MM/YYYY H:mm', format: 'YYYY-MM-DD HH:mm' }, '2024-01-31 08:05'],
    ['address', ' Calle 145a #12-60 ', { type: 'address' }, { type: 'address', value: 'Calle 145a #12-60' }],
    ['address in upper case', 'calle 1', { type: 'address', case: 'upper' }, { type: 'address', value: 'CALLE 1' }],
    ['table', '[{"Producto": "Camisa"}, {"Producto": "Pantalón", "Cantidad": 2}]', { type: 'table' }, {
      type: 'table',
      value: [{ Producto: 'Camisa' }, { Producto: 'Pantalón', Cantidad: 2 }],
    }],
    ['search', 'Ana Pérez', { type: 'search', searchModule: 'contacts' }, { type: 'search', value: 'Ana Pérez', searchModuleName: 'contacts' }],
    ['currency from text', '1.500.000', { type: 'currency', symbol: 'COP', decimal: ',' }, { type: 'currency', value: '1500000', symbol: 'COP', convert: 1500000 }],
    ['currency from a number cell', 99.9, { type: 'currency', symbol: 'USD' }, { type: 'currency', value: '99.9', symbol: 'USD', convert: 99.9 }],
    ['telephone from a number cell', 3001234567, { type: 'telephone', country: 'CO', code: '+57' }, {
      type: 'telephone',
      value: '3001234567',
      country: 'CO',
      code: '+57',
    }],
    ['telephone grouped text', '(300) 123-45.67', { type: 'telephone' }, { type: 'telephone', value: '3001234567' }],
    ['telephone keeps leading zeros', '0316001234', { type: 'telephone', code: '+57' }, { type: 'telephone', value: '0316001234', code: '+57' }],
  ])('%s', (_, cell, options, expected) => {
    expect(convertCell(cell, rule(options))).toEqual({ ok: true, value: expected });
  });

  it('links a search field to the given record id', () => {
    const result = convertCell('Ana', rule({ type: 'search', searchModule: 'contacts' }), '647f6ff1660dff48d803ffe6');
    expect(result).toEqual({
      ok: true,
      value: { type: 'search', value: 'Ana', value_id: '647f6ff1660dff48d803ffe6', searchModuleName: 'contacts' },
    });
  });
});

describe('convertCell refuses', () => {
  it.each<[string, FilledCell, RuleOptions, RegExp]>([
    ['number: ambiguous grouping', '1.500.000', { type: 'number' }, /^'1\.500\.000' is ambiguous: set "decimal": "," or "\." for this field/],
    ['number: a currency sign', '$ 1.500', { type: 'number', decimal: ',' }, /remove currency signs/],
    ['number: a date cell', day('2024-01-31'), { type: 'number' }, /^2024-01-31 is a date, not a number$/],
    ['number: a boolean cell', true, { type: 'number' }, /^TRUE is a yes\/no value, not a number$/],
    ['integer: a fraction', '12.5', { type: 'integer' }, /^'12\.5' is not a whole number$/],
    ['integer: a fractional cell', 12.5, { type: 'integer' }, /^'12\.5' is not a whole number$/],
    ['boolean: a word', 'maybe', { type: 'boolean' }, /^'maybe' is not a yes\/no value \(accepted: true\/false, sí\/no/],
    ['boolean: another number', 2, { type: 'boolean' }, /^2 is a number, not a yes\/no value/],
    ['date: a number cell', 45321, { type: 'date' }, /^45321 is a number, not a date: format the column as a date in Excel, or write the dates as text such as YYYY-MM-DD$/],
    ['date: a number cell, with the input format in the hint', 45321, { type: 'date', inputFormat: 'DD/MM/YYYY' }, /as text such as DD\/MM\/YYYY$/],
    ['date: an impossible date', '31/02/2024', { type: 'date', inputFormat: 'DD/MM/YYYY' }, /^'31\/02\/2024' is not a real date \(DD\/MM\/YYYY\)$/],
    ['date: not a leap year', '2023-02-29', { type: 'date' }, /^'2023-02-29' is not a real date \(YYYY-MM-DD\)$/],
    ['date: month 13', '2024-13-01', { type: 'date' }, /not a real date/],
    ['date: non-ISO text without an input format', '31/01/2024', { type: 'date' }, /set "inputFormat"/],
    ['date: text in another format', '2024-01-31', { type: 'date', inputFormat: 'DD/MM/YYYY' }, /does not match the input format DD\/MM\/YYYY/],
    ['datetime: an impossible time', '2024-01-31 24:00', { type: 'datetime' }, /not a real time of day/],
    ['table: bad JSON', '[{"a": 1}', { type: 'table' }, /^'\[\{"a": 1\}' is not a JSON list of rows such as .* \(it is not valid JSON\)$/],
    ['table: not a list', '{"a": 1}', { type: 'table' }, /is not a JSON list of rows/],
    ['table: a list of non-objects', '[1, 2]', { type: 'table' }, /is not a JSON list of rows/],
    ['currency: ambiguous', '1,5', { type: 'currency', symbol: 'COP' }, /ambiguous/],
    ['telephone: letters', '300-CALL-NOW', { type: 'telephone' }, /is not a phone number/],
    ['telephone: a country code inside', '+57 300 1234567', { type: 'telephone' }, /write the country code in "code" instead/],
    ['telephone: a fractional number', 300.5, { type: 'telephone' }, /^300\.5 is a number, not a phone number$/],
  ])('%s', (_, cell, options, message) => {
    const result = convertCell(cell, rule(options));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
