import fs from 'node:fs';
import { expect, it } from 'vitest';
import { openBrowser, startUi } from './browser.js';
import { SAMPLE_CSV, SAMPLE_XLSX } from './samples.js';

it('file step: a file dropped on the box, the delimiter and encoding chosen by hand, another sheet of a workbook', async () => {
  const ui = await startUi();
  const { page } = await openBrowser('en-US');
  await page.goto(ui.url);
  await page.getByRole('heading', { name: '1. File' }).waitFor();

  // Dropped, as from the file manager: the bytes of the Windows-1252, semicolon-separated sample.
  const bytes = [...fs.readFileSync(SAMPLE_CSV)];
  // The page's own DataTransfer (the tests are type-checked without the DOM library).
  type Transfer = { items: { add(file: File): void } };
  const dropped = await page.evaluateHandle((content) => {
    const transfer = new (globalThis as unknown as { DataTransfer: new () => Transfer }).DataTransfer();
    transfer.items.add(new File([new Uint8Array(content)], 'clientes.csv', { type: 'text/csv' }));
    return transfer;
  }, bytes);
  await page.locator('div.drop').dispatchEvent('drop', { dataTransfer: dropped });
  const columns = (n: number) => page.getByRole('heading', { name: `The first rows under the header (${n} ${n === 1 ? 'column' : 'columns'})` });
  await columns(9).waitFor();
  expect(await page.locator('p.file-name').textContent()).toMatch(/^clientes\.csv: CSV, windows-1252, separated by “;”$/);
  await page.getByText('Bogotá').first().waitFor();

  // A wrong delimiter by hand: one column; back to the detected one: nine again.
  await page.getByLabel('Delimiter').selectOption(',');
  await columns(1).waitFor();
  await page.getByLabel('Delimiter').selectOption('');
  await columns(9).waitFor();
  // Read as UTF-8, the accents of this file cannot be decoded: the preview shows it at once.
  await page.getByLabel('Encoding').selectOption('utf-8');
  await page.getByText('Bogot\uFFFD').first().waitFor();
  expect(await page.getByText('Bogotá').count()).toBe(0);

  // A workbook: its sheets offered, and the preview follows the one chosen.
  await page.getByLabel('File (CSV or Excel)').setInputFiles(SAMPLE_XLSX);
  await expect.poll(() => page.getByLabel('Sheet').inputValue()).toBe('Clientes');
  expect(await page.getByLabel('Sheet').locator('option').allTextContents()).toEqual(['Clientes', 'Notas']);
  await columns(9).waitFor();
  await page.getByLabel('Sheet').selectOption('Notas');
  // Its one note, the only row there is; none of the customers.
  await page.getByText('Exportado del CRM el 15/11/2024; revisar saldos antes de enviar.').first().waitFor();
  expect(await page.getByText('Bogotá').count()).toBe(0);
  await page.getByLabel('Sheet').selectOption('Clientes');
  await columns(9).waitFor();
  expect(await ui.stop()).toBe(0);
});
