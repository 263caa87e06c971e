import { expect, it } from 'vitest';
import { openBrowser, screenshots, startUi } from './browser.js';
import { SAMPLE_CSV, SAMPLE_MAPPING } from './samples.js';

// Issue 20, dead end 2: every row invalid and "send the valid ones" ticked read as a green
// "Listo: se pueden enviar 0 filas.", and a canary of nothing could be started.
it('says nothing can be sent when no row is valid, at the check and at the send step, and offers no send', async () => {
  const ui = await startUi();
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('nothing-to-send');
  await page.goto(ui.url);

  // The sample with Ciudad typed as a number: "Bogotá" is not one, so each of the 24 rows is invalid.
  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(SAMPLE_CSV);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();
  await page.getByLabel('Cargar un archivo de mapeo').setInputFiles(SAMPLE_MAPPING);
  await expect.poll(() => page.getByLabel('Campo del CRM para la columna Correo').inputValue()).toBe('Email');
  await page.getByLabel('Tipo de la columna Ciudad').selectOption('number');
  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
  await expect.poll(() => page.locator('.counts div', { hasText: 'No válidas' }).locator('dd').textContent()).toBe('24');
  await page.getByLabel('Enviar las filas válidas y dejar fuera las no válidas').check();

  const verdict = page.locator('p.verdict');
  await expect.poll(() => verdict.textContent()).toMatch(/^No hay nada que enviar/);
  expect(await verdict.getAttribute('class')).toContain('not-ready');
  expect(await page.getByText('Listo:', { exact: false }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Siguiente: conexión' }).isDisabled()).toBe(true);
  await shot(page, 'check');

  // The send step (still reachable from the steps bar) says the same and offers neither a canary nor a send.
  await page.getByRole('button', { name: '5 Envío' }).click();
  await page.getByRole('heading', { name: '5. Envío' }).waitFor();
  await page.locator('p.verdict', { hasText: /^No hay nada que enviar/ }).waitFor();
  expect(await page.getByRole('button', { name: /^Enviar/ }).count()).toBe(0);
  await shot(page, 'send');
  expect(await ui.stop()).toBe(0);
});
