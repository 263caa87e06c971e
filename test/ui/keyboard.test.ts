import fs from 'node:fs';
import path from 'node:path';
import type { FileChooser } from 'playwright-core';
import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { hasFocus, nextStops, tabTo, typeOver } from './keyboard.js';
import { SAMPLE_XLSX, sampleCustomers } from './samples.js';

const TOKEN = 'keyboard-token-3d8e';

it('does the whole flow with the keyboard alone, in Spanish from the browser language: labels, focus order, step headings', async () => {
  const crm = await mockServer({ tokens: [TOKEN] });
  const ui = await startUi();
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('keyboard');
  const keys = page.keyboard;
  // Listening for the file chooser before the page loads: Playwright switches the browser's interception on
  // with a message it does not wait for, so a listener added together with the key press could lose that race
  // on a loaded machine, and the dialog would open (and be dropped) unseen. Many round trips come before the press.
  const chooserOpened = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
  await page.goto(ui.url);
  await page.getByRole('heading', { name: '1. Archivo' }).waitFor();

  // 1. The file, picked from the keyboard; the header row moved with the arrow keys.
  await tabTo(page, page.getByLabel('Archivo (CSV o Excel)'));
  await keys.press('Space');
  await (await chooserOpened).setFiles(SAMPLE_XLSX);
  await expect.poll(() => page.getByLabel('Fila 3').isChecked()).toBe(true);
  await tabTo(page, page.getByLabel('Fila 3'));
  await keys.press('ArrowUp');
  await keys.press('ArrowUp');
  await page.getByRole('heading', { name: 'Las primeras filas bajo el encabezado (1 columna)' }).waitFor();
  await keys.press('ArrowDown');
  await keys.press('ArrowDown');
  await page.getByRole('heading', { name: 'Las primeras filas bajo el encabezado (9 columnas)' }).waitFor();
  await shot(page, 'file');
  await tabTo(page, page.getByRole('button', { name: 'Siguiente: mapeo' }));
  await keys.press('Enter');

  // 2. The mapping: the new step's heading has the focus; each row's controls come in reading order.
  await expect.poll(() => hasFocus(page.getByRole('heading', { name: '2. Mapeo' }))).toBe(true);
  await tabTo(page, page.getByLabel('Enviar la columna Apellido'));
  await keys.press('Space');
  await tabTo(page, page.getByLabel('Enviar la columna Correo'));
  expect(await nextStops(page, 5)).toEqual([
    'Campo del CRM para la columna Correo',
    'Tipo de la columna Correo',
    'Mayúsculas de la columna Correo',
    'Reemplazar valores de Correo…',
    'Celda vacía en la columna Correo',
  ]);
  await tabTo(page, page.getByLabel('Campo del CRM para la columna Correo'), { back: true });
  await typeOver(page, 'Email');
  await tabTo(page, page.getByLabel('Enviar la columna Celular'));
  await keys.press('Space');
  // Saldo, Alta and Activo come typed from the workbook's number, date and yes/no cells (issue 20).
  await tabTo(page, page.getByLabel('Tipo de la columna Saldo'));
  await tabTo(page, page.getByLabel('Separador decimal de la columna Saldo'));
  await keys.press('c'); // coma: 1.500,50
  await tabTo(page, page.getByLabel('Campo del CRM para la columna Alta'));
  await typeOver(page, 'Fecha de alta');
  await tabTo(page, page.getByLabel('Formato de fecha en el archivo de la columna Alta'));
  await keys.type('DD/MM/YYYY');
  await keys.press('Escape');
  expect(await page.getByLabel('Tipo de la columna Saldo').inputValue()).toBe('number');
  expect(await page.getByLabel('Separador decimal de la columna Saldo').inputValue()).toBe(',');
  expect(await page.getByLabel('Tipo de la columna Alta').inputValue()).toBe('date');
  expect(await page.getByLabel('Tipo de la columna Activo').inputValue()).toBe('boolean');
  await shot(page, 'mapping');
  await tabTo(page, page.getByRole('button', { name: 'Siguiente: revisar cada fila' }));
  await keys.press('Enter');

  // 3. Check.
  await page.getByText('Listo: se pueden enviar 24 filas.').waitFor();
  await expect.poll(() => hasFocus(page.getByRole('heading', { name: '3. Revisión' }))).toBe(true);
  await shot(page, 'check');
  await tabTo(page, page.getByRole('button', { name: 'Siguiente: conexión' }));
  await keys.press('Enter');

  // 4. Connect: server, operation, module, and the token (Enter saves it). The step's heading takes the
  // focus once it is drawn; tabbing before that would be undone by it.
  await expect.poll(() => hasFocus(page.getByRole('heading', { name: '4. Conexión' }))).toBe(true);
  await tabTo(page, page.getByLabel('Servidor del CRM'));
  await keys.type(crm.url);
  expect(await nextStops(page, 2)).toEqual(['Operación', 'Módulo']);
  await tabTo(page, page.getByLabel('Operación'), { back: true });
  await keys.type('demo');
  await keys.press('Tab');
  await keys.type('contacts');
  await tabTo(page, page.getByLabel('Token de wolkvox'));
  await keys.type(TOKEN);
  await keys.press('Enter');
  await page.getByText('Token: ingresado en esta página.').waitFor();
  await shot(page, 'connect');
  await tabTo(page, page.getByRole('button', { name: 'Siguiente: envío' }));
  await keys.press('Enter');

  // 5. Send: the canary, then the rest.
  await expect.poll(() => hasFocus(page.getByRole('heading', { name: '5. Envío' }))).toBe(true);
  await tabTo(page, page.getByRole('button', { name: 'Enviar una prueba de 5 filas' }));
  await keys.press('Enter');
  await page.getByText('La prueba terminó: 5 filas actualizadas.', { exact: false }).waitFor();
  await tabTo(page, page.getByRole('button', { name: 'Enviar el resto' }), { back: true });
  await keys.press('Enter');
  await page.getByText('Se actualizaron todas las filas.').waitFor();
  await shot(page, 'sent');
  await tabTo(page, page.getByRole('button', { name: 'Ver los resultados' }));
  await keys.press('Enter');

  // 6. Results: a file downloaded with Enter; the language switched from the keyboard.
  await expect.poll(() => hasFocus(page.getByRole('heading', { name: '6. Resultados' }))).toBe(true);
  await tabTo(page, page.getByRole('link', { name: 'results.csv' }));
  const [download] = await Promise.all([page.waitForEvent('download'), keys.press('Enter')]);
  const saved = path.join(ui.cwd, 'results.csv');
  await download.saveAs(saved);
  expect(fs.readFileSync(saved, 'utf8').split('\n').filter((line) => line.includes('updated'))).toHaveLength(24);
  await shot(page, 'results');
  await tabTo(page, page.getByLabel('Idioma'), { back: true });
  await keys.press('e'); // English
  await page.getByRole('heading', { name: '6. Results' }).waitFor();

  const customers = sampleCustomers();
  expect(crm.ledger.map((entry) => entry.id).sort()).toEqual(customers.map((customer) => customer.id).sort());
  const first = crm.ledger.find((entry) => entry.id === customers[0]?.id);
  expect(first?.fields).toEqual({ Nombre: 'Ana', Email: customers[0]?.correo, Ciudad: 'Bogotá', Saldo: 150000, 'Fecha de alta': '2023-01-15', Activo: false });
});
