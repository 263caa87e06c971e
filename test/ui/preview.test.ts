import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/record-store.js';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSample, sampleCustomers } from './samples.js';
import { checkInSpanish, countsOf } from './steps.js';

const TOKEN = 'preview-token-19d4';

// 25 customers the billing system knows by document number; the odd ones live in another city now.
const CUSTOMERS = 25;
const crm: MockRecord[] = [
  ...Array.from({ length: CUSTOMERS }, (_, k) => ({ wolkvox_id: `c${k + 1}`, documento: String(1001 + k), Nombre: `antes ${k + 1}`, Ciudad: 'Bogotá' })),
  { wolkvox_id: 'u1', documento: '2000', Nombre: 'Igual', Ciudad: 'Cali' },
  { wolkvox_id: 'd1', documento: '3000', Nombre: 'Uno', Ciudad: 'Pasto' },
  { wolkvox_id: 'd2', documento: '3.000', Nombre: 'Otro', Ciudad: 'Pasto' },
];

/** The billing export: each customer's new name, the unchanged one, a key on no record and one on two. */
function writeCustomers(dir: string): { file: string; mapping: string } {
  const file = path.join(dir, 'facturacion.csv');
  const rows = Array.from({ length: CUSTOMERS }, (_, k) => `${1001 + k};Nuevo ${k + 1};${k % 2 === 0 ? 'Bogotá' : 'Cali'}`);
  fs.writeFileSync(file, ['Documento;Nombre;Ciudad', ...rows, '2000;Igual;Cali', '123;Nadie;Neiva', '3000;Uno u Otro;Pasto', ''].join('\r\n'));
  const mapping = path.join(dir, 'por-documento.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', match: { column: 'Documento', field: 'documento', compare: 'document' }, fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } }));
  return { file, mapping };
}

// The table's lines come by a request of their own after the counts: its first row is waited for.
async function cellsOf(page: Page) {
  const rows = page.locator('table.preview-table tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((lines) => lines.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
}

// Issue 19: "In the page, the check step shows the same as a table (before → after) when a read is chosen."
it('previews the change from the check step as a table before → after with the counts and the real cost, then the send uses its reads; Results offers preview.csv and nothing to resume', async () => {
  const server = await mockServer({ tokens: [TOKEN], records: crm });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
  const { file, mapping } = writeCustomers(ui.cwd);
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('preview');
  await checkInSpanish(page, ui.url, file, mapping, () => page.getByLabel('Campo del CRM con la misma clave').inputValue(), 'documento');
  await page.getByText('Listo: se pueden enviar 28 filas.').waitFor();

  // Finding the keys reads the CRM anyway: the check offers to see what the send would change.
  await page.getByRole('button', { name: 'Ver qué va a cambiar' }).click();
  const table = page.locator('table.preview-table');
  await table.waitFor();
  expect(await countsOf(page.locator('.change-preview'), 'data-change')).toEqual({ change: '25', unchanged: '1', notFound: '1', ambiguous: '1' });
  // Every row found is still sent without "skip unchanged": 26 updates, 25 with it.
  expect(await page.locator('.preview-cost').textContent()).toBe('El envío real costará 26 solicitudes a la API (26 unidades de la cuota). Dejando fuera las filas sin cambios (opción del paso 4), serían 25.');
  await page.getByText('Solicitudes a la API de esta vista previa para leer el CRM: 1. No envió nada.').waitFor();
  // 25 names, 12 cities and the two keys that find no single record: 39 lines, 20 a page.
  expect(await table.locator('caption').textContent()).toBe('Líneas 1 a 20 de 39: antes → después');
  const first = await cellsOf(page);
  expect(first.slice(0, 3)).toEqual([
    ['línea 2', '1001', 'Nombre', 'antes 1', 'Nuevo 1'],
    ['línea 3', '1002', 'Nombre', 'antes 2', 'Nuevo 2'],
    ['línea 3', '1002', 'Ciudad', 'Bogotá', 'Cali'],
  ]);
  expect(first).toHaveLength(20);
  expect(await page.locator('.change-preview').textContent()).not.toMatch(/llamada|\.php/i);
  await shot(page, 'preview');
  await page.getByRole('button', { name: 'Siguientes' }).click();
  await expect.poll(() => table.locator('caption').textContent()).toBe('Líneas 21 a 39 de 39: antes → después');
  expect((await cellsOf(page)).slice(-2)).toEqual([
    ['línea 28', '123', 'Ningún registro del CRM tiene esta clave: la fila no se enviaría.'],
    ['línea 29', '3000', 'Varios registros del CRM tienen esta clave: la fila no se enviaría.'],
  ]);
  expect(await page.getByRole('button', { name: 'Siguientes' }).isDisabled()).toBe(true);
  await page.getByText('Si envía antes de las', { exact: false }).waitFor();
  await shot(page, 'second-page');
  // The module was read once, and nothing was sent.
  expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 0 });
  expect(server.ledger).toEqual([]);

  // The same in English.
  await page.getByLabel('Idioma').selectOption('en');
  await page.getByRole('heading', { name: 'See what will change' }).waitFor();
  expect(await page.locator('.preview-cost').textContent()).toBe('The real send will cost 26 API requests (26 quota units). Leaving out the unchanged rows (an option in step 4), it would be 25.');
  expect(await table.locator('thead').textContent()).toBe('WhereKeyFieldNow in the CRMWould be sent');
  await shot(page, 'english');
  await page.getByLabel('Language').selectOption('es');

  // The send uses the preview's reads: it says so before and in its question, and reads nothing again.
  await page.getByRole('button', { name: 'Siguiente: conexión' }).click();
  await page.getByRole('button', { name: 'Siguiente: envío' }).click();
  const preview = (await fs.promises.readdir(ui.runs)).filter((name) => !name.startsWith('.'));
  expect(preview).toHaveLength(1);
  await page.getByText(`El envío usará las lecturas de la vista previa ${preview[0]}`, { exact: false }).waitFor();
  await page.getByLabel('Carpeta de ejecución').fill('con-lecturas');
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  const question = page.getByRole('group', { name: '¿Enviar?' });
  await question.waitFor();
  expect(await question.locator('[data-reused="yes"]').textContent()).toMatch(new RegExp(`^Se usan las lecturas de la vista previa ${preview[0]}, de hace \\d+ minutos: no se vuelve a leer el CRM\\.$`));
  await shot(page, 'asked');
  await question.getByRole('button', { name: 'Sí, enviar 28 filas' }).click();
  await page.locator('.summary [data-reused="yes"]').waitFor();
  expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 26 });
  expect(server.ledger.find((entry) => entry.id === 'c1')?.fields).toEqual({ Nombre: 'Nuevo 1', Ciudad: 'Bogotá' });

  // Results of the preview: what would change, to download; nothing to resume, retry, verify or undo.
  await page.getByRole('button', { name: 'Ver los resultados' }).click();
  await page.getByRole('button', { name: `Ver la ejecución ${preview[0]}` }).click();
  await page.getByRole('heading', { name: `Carpeta de ejecución ${preview[0]}` }).waitFor();
  await page.getByText('Vista previa: no se envió nada al CRM; 25 filas cambiarían.').waitFor();
  await page.getByText('terminada · vista previa: no envió nada · facturacion.csv').waitFor();
  expect(await countsOf(page.locator('.run'), 'data-change')).toEqual({ change: '25', unchanged: '1', notFound: '1', ambiguous: '1' });
  // Its table too, as at the check.
  expect((await cellsOf(page))[0]).toEqual(['línea 2', '1001', 'Nombre', 'antes 1', 'Nuevo 1']);
  for (const name of [/^Reanudar/, /^Volver a enviar/, /^Verificar/, /^Deshacer/]) expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
  await shot(page, 'results');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar lo que cambiaría (CSV)' }).click()]);
  const saved = path.join(ui.cwd, 'cambios.csv');
  await download.saveAs(saved);
  const lines = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines.slice(0, 2)).toEqual(['_wvx_row;_wvx_key;wolkvox-id;field;now;to_send', '2;1001;c1;Nombre;"""antes 1""";"""Nuevo 1"""']);

  // A preview whose process died (no summary.json) has nothing to resume either: it sends nothing.
  fs.rmSync(path.join(ui.runs, preview[0] ?? '', 'summary.json'));
  await page.reload();
  await page.getByRole('button', { name: /Resultados/ }).click();
  await page.getByRole('button', { name: `Ver la ejecución ${preview[0]}` }).click();
  await page.getByText('interrumpida (sin resumen) · vista previa: no envió nada · facturacion.csv').waitFor();
  expect(await page.getByRole('button', { name: /^Reanudar/ }).count()).toBe(0);
  await shot(page, 'preview-unfinished');
  expect(await ui.stop()).toBe(0);
});

it('offers the preview once a read is chosen in step 4, with the server and token asked where they are missing', async () => {
  const crm = await mockServer({ tokens: [TOKEN], records: sampleCustomers().map((customer, index) => ({ wolkvox_id: customer.id, 'Nombre completo': `Antes ${index}`, Ciudad: 'Cali' })) });
  const ui = await startUi();
  const { page } = await openBrowser('en-US');
  const shot = screenshots('preview-by-id');
  await page.goto(ui.url);
  await checkSample(page);
  // The page's runs take a snapshot (issue 20), which reads the CRM first: the preview is offered at once.
  await page.locator('.change-preview').getByRole('heading', { name: 'See what will change' }).waitFor();
  // Without one, records found by their ids, nothing read first: there is no read to preview.
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByText('Pace and safety (optional)').click();
  await page.getByLabel('Snapshot before sending').selectOption('');
  await page.getByRole('button', { name: '3 Check' }).click();
  await page.getByText('Ready: 24 rows can be sent.').waitFor();
  expect(await page.getByRole('heading', { name: 'See what will change' }).count()).toBe(0);

  // Leaving out what the CRM already holds reads it first: back at the check, the preview is offered.
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByText('Pace and safety (optional)').click();
  await page.getByLabel('Leave out rows the CRM already holds').check();
  await page.getByRole('button', { name: '3 Check' }).click();
  const panel = page.locator('.change-preview');
  await panel.getByRole('heading', { name: 'See what will change' }).waitFor();
  await panel.getByLabel('CRM server').fill(crm.url);
  // Still there once typed (it would go at the first letter if shown only while the server is empty).
  await expect.poll(() => panel.getByLabel('CRM server').inputValue()).toBe(crm.url);
  expect(await panel.getByRole('button', { name: 'See what will change' }).isDisabled()).toBe(true);
  await panel.getByLabel('Wolkvox token').fill(TOKEN);
  await panel.getByRole('button', { name: 'Use this token' }).click();
  await shot(page, 'asked');
  await panel.getByRole('button', { name: 'See what will change' }).click();
  await page.locator('dd[data-change="change"]').waitFor();
  expect(await page.locator('dd[data-change="change"]').textContent()).toBe('24');
  // Unchanged rows are left out already: no second figure.
  expect(await page.locator('.preview-cost').textContent()).toBe('The real send will cost 24 API requests (24 quota units).');
  const first = (await cellsOf(page))[0] ?? [];
  expect(first.slice(0, 2)).toEqual(['line 2', sampleCustomers()[0]?.id]);
  expect(await page.locator('table.preview-table thead').textContent()).toBe('WhereRecord idFieldNow in the CRMWould be sent');
  expect(crm.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0, updateCalls: 0 });
  await shot(page, 'preview');
  // The server typed here is step 4's; the send would use the preview's reads.
  await page.getByRole('button', { name: 'Next: connect' }).click();
  expect(await page.getByLabel('CRM server').inputValue()).toBe(crm.url);
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByText('The send will use the reads of the preview', { exact: false }).waitFor();
  // Another server than the one the preview read: the library reads again, and the question says why.
  const other = await mockServer({ tokens: [TOKEN], records: [] });
  await page.getByRole('button', { name: '4 Connect' }).click();
  await page.getByLabel('CRM server').fill(other.url);
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByRole('button', { name: 'Send every row' }).click();
  const question = page.getByRole('group', { name: 'Send?' });
  expect(await question.locator('[data-reused="no"]').textContent()).toMatch(/^The reads of the preview \S+ are not used: the CRM is read again\. The preview \S+ read http:\/\/127\.0\.0\.1:\d+; the records are read again\.$/);
  await shot(page, 'not-reused');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Cancelled: nothing was sent.').waitFor();
  expect(other.stats.calls).toBe(0);

  // Another mapping is another job: its preview is not shown as this one's, nor its reads offered.
  await page.getByRole('button', { name: '2 Mapping' }).click();
  await page.getByLabel('Send column Ciudad').uncheck();
  await page.getByRole('button', { name: 'Next: check every row' }).click();
  await page.getByText('Ready: 24 rows can be sent.').waitFor();
  await panel.getByRole('button', { name: 'See what will change' }).waitFor();
  expect(await page.locator('table.preview-table').count()).toBe(0);
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByRole('button', { name: 'Send every row' }).waitFor();
  expect(await page.getByText('The send will use the reads of the preview', { exact: false }).count()).toBe(0);
  await shot(page, 'other-mapping');
  expect(await ui.stop()).toBe(0);
});

it('offers the preview for a field written only where the CRM’s is empty, and lists only the records whose field is empty', async () => {
  const crm = await mockServer({ tokens: [TOKEN], records: [{ wolkvox_id: 'c1', Nombre: 'Ana' }, { wolkvox_id: 'c2', Nombre: '' }, { wolkvox_id: 'c3' }] });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const file = path.join(ui.cwd, 'nombres.csv');
  fs.writeFileSync(file, 'id,Nombre\nc1,Ana María\nc2,Beto\nc3,Carla\n');
  const mapping = path.join(ui.cwd, 'si-vacio.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: { column: 'Nombre', write: 'if-empty' } } }));
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('preview-if-empty');
  await checkInSpanish(page, ui.url, file, mapping, () => page.getByLabel('Campo del CRM para la columna Nombre').inputValue(), 'Nombre');
  await page.getByText('Listo: se pueden enviar 3 filas.').waitFor();
  await page.getByRole('button', { name: 'Ver qué va a cambiar' }).click();
  await page.locator('table.preview-table').waitFor();
  // c1 keeps its name: nothing of it is sent, so it is unchanged. An empty text and no value both read "(vacío)".
  expect(await countsOf(page.locator('.change-preview'), 'data-change')).toEqual({ change: '2', unchanged: '1', notFound: '0', ambiguous: '0' });
  expect(await cellsOf(page)).toEqual([
    ['línea 3', 'c2', 'Nombre', '(vacío)', 'Beto'],
    ['línea 4', 'c3', 'Nombre', '(vacío)', 'Carla'],
  ]);
  await shot(page, 'preview');
  expect(crm.ledger).toEqual([]);
  expect(await ui.stop()).toBe(0);
});
