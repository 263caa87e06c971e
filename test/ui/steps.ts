import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SAMPLE_CSV, SAMPLE_MAPPING } from './samples.js';

// Steps of the page that several tests go through the same way.

/** The page in Spanish: the file picked, the mapping file loaded (`loaded` reads a control once it shows it), every row checked. */
export async function checkInSpanish(page: Page, url: string, file: string, mapping: string, loaded: () => Promise<string>, value: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(file);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();
  await page.getByLabel('Cargar un archivo de mapeo').setInputFiles(mapping);
  await expect.poll(loaded).toBe(value);
  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
}

/** The figures of a list of counts, by the name each `dd` carries in `attribute`. */
export const countsOf = (scope: Locator, attribute: string) =>
  scope.locator(`dd[${attribute}]`).evaluateAll((cells, name) => Object.fromEntries(cells.map((cell) => [cell.getAttribute(name), cell.textContent])), attribute);

/** In the page in Spanish: the sample CSV and its mapping file loaded, every row checked and ready to send. */
export async function checkSampleInSpanish(page: Page, url: string): Promise<void> {
  await checkInSpanish(page, url, SAMPLE_CSV, SAMPLE_MAPPING, () => page.getByLabel('Campo del CRM para la columna Correo').inputValue(), 'Email');
  await page.getByText('Listo: se pueden enviar 24 filas.').waitFor();
}

/** The Spanish page's send step for the checked sample, step 4 passed as it came (server and token from the environment). */
export async function sendStepInSpanish(page: Page, url: string): Promise<void> {
  await checkSampleInSpanish(page, url);
  await page.getByRole('button', { name: 'Siguiente: conexión' }).click();
  await page.getByRole('button', { name: 'Siguiente: envío' }).click();
}
