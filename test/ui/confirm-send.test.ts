import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { SAMPLE_CSV, SAMPLE_MAPPING } from './samples.js';

const TOKEN = 'confirm-token-4d21';

// Issue 20, dead end 3: a dry run ended under "Se actualizaron todas las filas." with Updated at 0, and
// "Enviar todas las filas" sent at once where the CLI asks first.
it('words a dry run as one, and asks before sending every row: what, where, how many, at what cost; cancelling sends nothing', async () => {
  const crm = await mockServer({ tokens: [TOKEN] });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('confirm-send');
  await page.goto(ui.url);

  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(SAMPLE_CSV);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();
  await page.getByLabel('Cargar un archivo de mapeo').setInputFiles(SAMPLE_MAPPING);
  await expect.poll(() => page.getByLabel('Campo del CRM para la columna Correo').inputValue()).toBe('Email');
  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
  await page.getByText('Listo: se pueden enviar 24 filas.').waitFor();
  await page.getByRole('button', { name: 'Siguiente: conexión' }).click();
  await page.getByRole('button', { name: 'Siguiente: envío' }).click();

  // A dry run: its own words, never "every row was updated".
  await page.getByLabel('Simulacro: todo menos enviar al CRM').check();
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  const verdict = page.locator('.summary p.verdict');
  await verdict.waitFor();
  expect(await page.locator('dd[data-status="would_send"]').textContent()).toBe('24');
  expect(await verdict.textContent()).toMatch(/^Simulacro: no se envió nada al CRM; se enviarían 24 filas\.$/);
  expect(await page.getByText('Se actualizaron todas las filas.').count()).toBe(0);
  expect(crm.stats.calls).toBe(0);
  await shot(page, 'dry-run');

  // Every row for real: the page asks first, with the plan the library made.
  await page.getByRole('button', { name: 'Enviar este archivo otra vez, como una ejecución nueva' }).click();
  await page.getByLabel('Simulacro: todo menos enviar al CRM').uncheck();
  await page.getByLabel('Carpeta de ejecución').fill('todas');
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  const question = page.getByRole('group', { name: '¿Enviar?' });
  await question.waitFor();
  const asked = (await question.textContent()) ?? '';
  expect(asked).toContain('24 filas de clientes.csv');
  expect(asked).toContain(crm.url.replace(/^http:\/\//, ''));
  expect(asked).toContain('operación demo, módulo contacts');
  expect(asked).toContain('24 solicitudes a la API (24 unidades de la cuota)');
  expect(asked).not.toMatch(/llamada/i);
  await shot(page, 'asked');
  // No: nothing sent, and the form is offered again.
  await question.getByRole('button', { name: 'Cancelar' }).click();
  await page.getByText('Cancelado: no se envió nada.').waitFor();
  expect(crm.stats.updateCalls).toBe(0);
  expect(await page.locator('.error').count()).toBe(0);
  await shot(page, 'cancelled');

  // Yes: the 24 rows go.
  await page.getByLabel('Carpeta de ejecución').fill('todas-2');
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  await page.getByRole('group', { name: '¿Enviar?' }).getByRole('button', { name: 'Sí, enviar 24 filas' }).click();
  await page.getByText('Se actualizaron todas las filas.').waitFor();
  expect(crm.stats.updateCalls).toBe(24);
  expect(await ui.stop()).toBe(0);
});
