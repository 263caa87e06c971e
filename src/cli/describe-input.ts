import path from 'node:path';
import { message, say, type Lang } from '../core/say.js';
import type { CsvFormat, XlsxFormat } from '../input/source.js';

/** "clientes.csv (CSV, Windows-1252, semicolon-separated, header on line 1)", in the person's language. */
export function describeInput(file: string, format: CsvFormat | XlsxFormat, headerRow: number, lang: Lang = 'en'): string {
  const shape = format.kind === 'xlsx' ? { kind: 'xlsx' as const, sheet: format.sheet } : { kind: 'csv' as const, encoding: format.encoding, bom: format.bom, delimiter: format.delimiter };
  return say(message('input.described', { name: path.basename(file), shape, headerRow }), lang);
}

/** "line 14" for CSV, "row 14" for a worksheet: what a person looks for in the file. */
export const rowLabel = (format: CsvFormat | XlsxFormat, rowNumber: number, lang: Lang = 'en') =>
  say(message('input.row-at', { csv: format.kind === 'csv', row: rowNumber }), lang);
