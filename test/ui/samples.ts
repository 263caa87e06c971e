import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.js';

export const SAMPLE_XLSX = path.join(ROOT, 'samples', 'clientes.xlsx');
export const SAMPLE_CSV = path.join(ROOT, 'samples', 'clientes.csv');
export const SAMPLE_MAPPING = path.join(ROOT, 'samples', 'clientes.mapping.json');

export interface Customer {
  readonly id: string;
  readonly nombre: string;
  readonly correo: string;
  readonly ciudad: string;
  readonly saldo: number;
  readonly alta: string;
  readonly activo: boolean;
}

/**
 * The 24 customers of the samples, read from the CSV twin of the workbook with a parser of its own
 * (Windows-1252, `;`, `1.500.000,50`, `15/01/2024`): an oracle independent of the tool's readers.
 */
export function sampleCustomers(): Customer[] {
  const text = new TextDecoder('windows-1252').decode(fs.readFileSync(SAMPLE_CSV));
  const [header, ...lines] = text.trim().split('\r\n');
  const columns = (header ?? '').split(';');
  return lines.map((line) => {
    const cells = Object.fromEntries(line.split(';').map((cell, index) => [columns[index], cell])) as Record<string, string>;
    const [day, month, year] = (cells.Alta ?? '').split('/');
    return {
      id: cells['wolkvox-id'] ?? '',
      nombre: cells.Nombre ?? '',
      correo: cells.Correo ?? '',
      ciudad: cells.Ciudad ?? '',
      saldo: Number((cells.Saldo ?? '').replaceAll('.', '').replace(',', '.')),
      alta: `${year}-${month}-${day}`,
      activo: cells.Estado === 'A',
    };
  });
}
