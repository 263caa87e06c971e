import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers.js';

export const idFor = (n: number) => `rec${String(n).padStart(5, '0')}`;

/** A folder with datos.csv (n rows: id, Nombre, Ciudad) and m.json mapping them; `extra` edits rows. */
export function csvJob(rows: number, options: { edit?: (n: number, row: string[]) => string[]; mapping?: object } = {}) {
  const dir = tempDir();
  const lines = ['id,Nombre,Ciudad'];
  for (let n = 1; n <= rows; n += 1) lines.push((options.edit?.(n, [idFor(n), `Cliente ${n}`, 'Bogotá']) ?? [idFor(n), `Cliente ${n}`, 'Bogotá']).join(','));
  const file = path.join(dir, 'datos.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify(options.mapping ?? { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } }));
  return { dir, file, mapping, out: path.join(dir, 'run') };
}

/** results.csv as records keyed by column (it is written with a BOM and CRLF). */
export function readResults(runDir: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(runDir, 'results.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [header = '', ...lines] = text.split('\r\n').filter((line) => line !== '');
  const delimiter = header.includes(';') ? ';' : ',';
  const names = header.split(delimiter);
  return lines.map((line) => Object.fromEntries(line.split(delimiter).map((value, index) => [names[index], value])));
}

export const FAST = { backoff: { baseMs: 5, capMs: 40 } } as const;
