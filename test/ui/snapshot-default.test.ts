import { expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { sampleCustomers } from './samples.js';
import { sendStepInSpanish } from './steps.js';

const TOKEN = 'snapshot-default-token';

// Issue 20, safe by default: a run from the page took no snapshot unless a setting under "Ritmo y seguridad"
// was changed, so it could not be undone. The snapshot is on, its cost said before sending; it may be unticked.
it('takes a snapshot of every run unless unticked, says its cost before sending, and so offers undo', async () => {
  const seed: MockRecord[] = sampleCustomers().map((customer, index) => ({ wolkvox_id: customer.id, 'Nombre completo': `Antes ${index}`, Ciudad: 'Cali' }));
  const crm = await mockServer({ tokens: [TOKEN], records: seed });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('snapshot-default');
  await sendStepInSpanish(page, ui.url);

  // Ticked, with its cost: the module read 250 records a request while cheaper, else one request a record.
  const snapshot = page.getByLabel('Copia previa para deshacer', { exact: false });
  expect(await snapshot.isChecked()).toBe(true);
  const cost = page.locator('p.snapshot-cost');
  expect(await cost.textContent()).toMatch(/^Copia previa para deshacer: entre 1 y 48 consultas más antes de enviar/);
  expect(await cost.textContent()).not.toMatch(/llamada/i);
  await shot(page, 'send');

  await page.getByLabel('Carpeta de ejecución').fill('con-copia');
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  await page.getByRole('group', { name: '¿Enviar?' }).getByRole('button', { name: 'Sí, enviar 24 filas' }).click();
  await page.getByText('Se actualizaron todas las filas.').waitFor();
  const reads = crm.stats.queryCalls + crm.stats.queryDatesCalls;
  expect(reads).toBeGreaterThanOrEqual(1);
  expect(reads).toBeLessThanOrEqual(48);
  await page.getByRole('button', { name: 'Ver los resultados' }).click();
  await page.getByRole('link', { name: 'before.csv' }).waitFor();
  await page.getByRole('button', { name: 'Deshacer esta ejecución…' }).waitFor();
  await shot(page, 'undoable');

  // Unticked: no reads, no before.csv, nothing to undo.
  await page.getByRole('button', { name: '5 Envío' }).click();
  await page.getByRole('button', { name: 'Enviar este archivo otra vez, como una ejecución nueva' }).click();
  await snapshot.uncheck();
  expect(await cost.count()).toBe(0);
  await page.getByLabel('Carpeta de ejecución').fill('sin-copia');
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  await page.getByRole('group', { name: '¿Enviar?' }).getByRole('button', { name: 'Sí, enviar 24 filas' }).click();
  await page.getByText('Se actualizaron todas las filas.').waitFor();
  expect(crm.stats.queryCalls + crm.stats.queryDatesCalls).toBe(reads);
  await page.getByRole('button', { name: 'Ver los resultados' }).click();
  await page.getByRole('heading', { name: 'Carpeta de ejecución sin-copia' }).waitFor();
  await page.getByRole('link', { name: 'results.csv' }).waitFor();
  expect(await page.getByRole('link', { name: 'before.csv' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Deshacer esta ejecución…' }).count()).toBe(0);
  expect(await ui.stop()).toBe(0);
});
