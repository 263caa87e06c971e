import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './paths.js';

/** Record ids as the CRM shows them in tests: one per row, in row order. */
export const idFor = (n) => `rec${String(n).padStart(7, '0')}`;
const rowFor = (n) => [idFor(n), `Cliente ${n}`, 'Bogotá'];
export const HEADER = ['id', 'Nombre', 'Ciudad'];
export const MAPPING = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } };

/**
 * Writes `rows` data rows (id, Nombre, Ciudad) as a comma CSV, streamed so a million rows cost no memory.
 * `idOf` gives row n's id (default: its own, so no id repeats).
 */
export async function writeCsv(file, rows, idOf = idFor) {
  const out = fs.createWriteStream(file);
  let chunk = `${HEADER.join(',')}\n`;
  for (let n = 1; n <= rows; n += 1) {
    const [, ...rest] = rowFor(n);
    chunk += `${[idOf(n), ...rest].join(',')}\n`;
    if (chunk.length > 1 << 16 || n === rows) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      chunk = '';
    }
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return file;
}

/** Writes the same rows as an XLSX with exceljs's streaming writer (fast; a bench input, not a fixture). */
export async function writeXlsx(file, rows) {
  const ExcelJS = createRequire(path.join(ROOT, 'package.json'))('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Datos');
  sheet.addRow(HEADER).commit();
  for (let n = 1; n <= rows; n += 1) sheet.addRow(rowFor(n)).commit();
  sheet.commit();
  await workbook.commit();
  return file;
}

export function writeMapping(dir) {
  const file = path.join(dir, 'mapping.json');
  fs.writeFileSync(file, JSON.stringify(MAPPING, null, 2));
  return file;
}

/** A CSV and its mapping in a fresh folder under the bench's temp dir. */
export async function csvJob(tmp, name, rows) {
  const dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
  const file = await writeCsv(path.join(dir, `${name}.csv`), rows);
  return { dir, file, mapping: writeMapping(dir), out: path.join(dir, 'run') };
}

/** Every line of a results.csv after the header, split on commas (the bench's inputs hold no quotes). */
export function readResults(runDir) {
  const text = fs.readFileSync(path.join(runDir, 'results.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [header = '', ...lines] = text.split(/\r?\n/).filter((line) => line !== '');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, index) => [names[index], value])));
}
