import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
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

/** In the page (English): the sample CSV and its mapping file loaded, every row checked and ready to send. */
export async function checkSample(page: Page): Promise<void> {
  await page.getByLabel('File (CSV or Excel)').setInputFiles(SAMPLE_CSV);
  await page.getByRole('button', { name: 'Next: mapping' }).click();
  await page.getByLabel('Load a mapping file').setInputFiles(SAMPLE_MAPPING);
  await expect.poll(() => page.getByLabel('CRM field for column Correo').inputValue()).toBe('Email');
  await page.getByRole('button', { name: 'Next: check every row' }).click();
  await page.getByText('Ready: 24 rows can be sent.').waitFor();
}
