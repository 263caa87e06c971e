import path from 'node:path';
import type { CsvFormat, XlsxFormat } from '../input/source.js';

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** "clientes.csv (CSV, Windows-1252, semicolon-separated, header on line 1)" */
export function describeInput(file: string, format: CsvFormat | XlsxFormat, headerRow: number): string {
  const name = path.basename(file);
  if (format.kind === 'xlsx') return `${name} (sheet '${format.sheet}', header in row ${headerRow})`;
  const encoding = format.encoding.toUpperCase().replace('LATIN1', 'Latin-1').replace('WINDOWS', 'Windows') + (format.bom ? ' with BOM' : '');
  return `${name} (CSV, ${encoding}, ${DELIMITER_NAMES[format.delimiter] ?? format.delimiter}-separated, header on line ${headerRow})`;
}

/** "line 14" for CSV, "row 14" for a worksheet: what a person looks for in the file. */
export const rowLabel = (format: CsvFormat | XlsxFormat, rowNumber: number) => `${format.kind === 'csv' ? 'line' : 'row'} ${rowNumber}`;

