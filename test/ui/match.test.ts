import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/record-store.js';
import { mockServer, runCli } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';

const TOKEN = 'match-token-19c2';

// Document numbers written as each system writes them: c2 and c3 hold one key with and without a space.
const crm: MockRecord[] = [
  { wolkvox_id: 'c1', documento: '1.234.567', Nombre: 'Ana' },
  { wolkvox_id: 'c2', documento: '89 012', Nombre: 'Beto' },
  { wolkvox_id: 'c3', documento: '89012', Nombre: 'Carla' },
  { wolkvox_id: 'c4', documento: '55-55', Nombre: 'Dora' },
];

/** A file with no wolkvox ids: a document number, a name and a city, as an export from a billing system. */
function writeCustomers(dir: string): string {
  const file = path.join(dir, 'facturacion.csv');
  fs.writeFileSync(file, ['Documento;Nombre;Ciudad', '1234567;Ana María;Bogotá', '123;Nadie;Cali', '89.012;Beto o Carla;Pasto', '55 55;Dora Elena;Neiva', ''].join('\r\n'));
  return file;
}

// Issue 19: the page's mapping step offers "match by" (the mapping's `match`), proposed as `init` proposes it.
it('proposes finding the records by the Documento column when the file has no ids, and the downloaded mapping carries the match', async () => {
  const ui = await startUi();
  const file = writeCustomers(ui.cwd);
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('match-proposed');
  await page.goto(ui.url);
  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(file);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();

  // The library's suggestion: match by Documento, compared as a document number; said as a proposal.
  await page.getByRole('group', { name: '¿Cómo se encuentra cada registro en el CRM?' }).waitFor();
  expect(await page.getByLabel('Buscar cada registro por una columna mía', { exact: false }).isChecked()).toBe(true);
  expect(await page.getByLabel('Columna con la clave').inputValue()).toBe('Documento');
  expect(await page.getByLabel('Campo del CRM con la misma clave').inputValue()).toBe('Documento');
  expect(await page.getByLabel('Cómo comparar').inputValue()).toBe('document');
  expect(await page.getByLabel('Clave de búsqueda: columna Documento').isChecked()).toBe(true);
  await page.getByText('El archivo no tiene una columna con ids de wolkvox: se propone buscar cada registro por la columna Documento.', { exact: false }).waitFor();
  await shot(page, 'proposed');

  // The CRM field is named as the CRM names it; the way back to ids and again keeps what was written.
  await page.getByLabel('Campo del CRM con la misma clave').fill('documento');
  await page.getByLabel('El archivo trae el id de wolkvox de cada registro').check();
  await page.getByText('Elija la columna con el id del registro.').waitFor();
  await page.getByLabel('Buscar cada registro por una columna mía', { exact: false }).check();
  expect(await page.getByLabel('Campo del CRM con la misma clave').inputValue()).toBe('documento');
  await page.getByLabel('Cómo comparar').selectOption('ignore-case');
  await page.getByLabel('Cómo comparar').selectOption('document');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descargar el mapeo (JSON)' }).click()]);
  const saved = path.join(ui.cwd, 'facturacion.mapping.json');
  await download.saveAs(saved);
  const mapping = JSON.parse(fs.readFileSync(saved, 'utf8'));
  expect(mapping.match).toEqual({ column: 'Documento', field: 'documento', compare: 'document' });
  expect(mapping.id).toBeUndefined();
  expect(mapping.fields).toEqual({ Nombre: 'Nombre', Ciudad: 'Ciudad' });
  // The file the CLI takes: validate reads it as a match mapping.
  const validated = await runCli(['validate', file, '--mapping', saved], { cwd: ui.cwd });
  expect(validated.stdout).toContain('Duplicate keys');
  expect(validated.code).toBe(0);
  await shot(page, 'edited');

  // The same choice in English.
  await page.getByLabel('Idioma').selectOption('en');
  await page.getByRole('group', { name: 'How is each record found in the CRM?' }).waitFor();
  expect(await page.getByLabel('Find each record by a column of mine', { exact: false }).isChecked()).toBe(true);
  expect(await page.getByLabel('CRM field with the same key').inputValue()).toBe('documento');
  expect(await page.getByLabel('How to compare').locator('option:checked').textContent()).toBe('As a document number (with or without dots, spaces or hyphens)');
  expect(await page.getByLabel('Lookup key: column Documento').isChecked()).toBe(true);
  await shot(page, 'english');
  expect(await ui.stop()).toBe(0);
});

it('loads a mapping with match, shows what finding the keys costs at the check and in the question, the reads as they go, and groups the rows whose key found no record or several in Results', async () => {
  // Each request takes a while, so the page is seen saying what it reads before the first update.
  const server = await mockServer({ tokens: [TOKEN], records: crm, latencyMs: 1500 });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
  const file = writeCustomers(ui.cwd);
  const mappingFile = path.join(ui.cwd, 'por-documento.json');
  fs.writeFileSync(mappingFile, JSON.stringify({ operation: 'op', module: 'contacts', match: { column: 'Documento', field: 'documento', compare: 'document' }, fields: { Nombre: 'Nombre' } }));
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('match-run');
  await page.goto(ui.url);
  await page.getByLabel('Archivo (CSV o Excel)').setInputFiles(file);
  await page.getByRole('button', { name: 'Siguiente: mapeo' }).click();

  // A loaded mapping's match shows as such, its Ciudad column left out.
  await page.getByLabel('Cargar un archivo de mapeo').setInputFiles(mappingFile);
  await expect.poll(() => page.getByLabel('Campo del CRM con la misma clave').inputValue()).toBe('documento');
  expect(await page.getByLabel('Buscar cada registro por una columna mía', { exact: false }).isChecked()).toBe(true);
  expect(await page.getByLabel('Columna con la clave').inputValue()).toBe('Documento');
  expect(await page.getByLabel('Cómo comparar').inputValue()).toBe('document');
  expect(await page.getByLabel('Enviar la columna Ciudad').isChecked()).toBe(false);
  await shot(page, 'loaded');

  // The check: the distinct keys and what finding them costs; the first body names its key, not an id.
  await page.getByRole('button', { name: 'Siguiente: revisar cada fila' }).click();
  await page.getByText('Listo: se pueden enviar 4 filas.').waitFor();
  const cost = (await page.locator('.match-cost').textContent()) ?? '';
  expect(cost).toContain('Cada fila busca su registro por la columna Documento en el campo «documento» del CRM; comparación: Como número de documento');
  expect(cost).toContain('Claves distintas: 4.');
  // A document number is compared without its dots and spaces: the module is read, never asked key by key.
  expect(cost).toContain('leyendo el módulo completo (una solicitud a la API por cada 250 registros)');
  expect(cost).not.toMatch(/llamada|\.php/i);
  expect(await page.locator('figure.body pre').first().textContent()).toContain('"documento": "1234567"');
  await shot(page, 'check');

  // The question before sending: the keys' reads come first.
  await page.getByRole('button', { name: 'Siguiente: conexión' }).click();
  await page.getByRole('button', { name: 'Siguiente: envío' }).click();
  // No dry run is offered: the keys need reads of the CRM, which a dry run never makes.
  await page.getByText('Sin simulacro con este mapeo', { exact: false }).waitFor();
  expect(await page.getByLabel('Simulacro: todo menos enviar al CRM').count()).toBe(0);
  await page.getByLabel('Carpeta de ejecución').fill('por-documento');
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  const question = page.getByRole('group', { name: '¿Enviar?' });
  await question.waitFor();
  expect(await question.textContent()).toContain('Antes de actualizar, se buscan 4 claves en el campo «documento» leyendo el módulo completo');
  expect(server.stats.calls).toBe(0);
  await shot(page, 'asked');
  await question.getByRole('button', { name: 'Sí, enviar 4 filas' }).click();
  await page.getByText('Leyendo los registros del módulo en el CRM (solicitudes a la API hasta ahora: 1).').waitFor();
  await shot(page, 'reading');
  await page.locator('dd[data-match="notFound"]').waitFor();
  expect(server.ledger.map((entry) => [entry.id, entry.fields.Nombre])).toEqual([['c1', 'Ana María'], ['c4', 'Dora Elena']]);
  expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0 });

  // Results: the two groups, each row with the library's reason; the file to fix them is offered first.
  await page.getByRole('button', { name: 'Ver los resultados' }).click();
  const notFound = page.locator('table[data-group="notFound"] tbody tr');
  await notFound.first().waitFor();
  expect(await page.locator('.run dd[data-match="found"]').textContent()).toBe('2');
  expect(await page.locator('.run dd[data-match="notFound"]').textContent()).toBe('1');
  expect(await page.locator('.run dd[data-match="ambiguous"]').textContent()).toBe('1');
  await page.getByRole('heading', { name: 'Filas cuya clave no está en ningún registro del CRM: 1' }).waitFor();
  await page.getByRole('heading', { name: 'Filas cuya clave está en varios registros del CRM: 1' }).waitFor();
  const cells = (rows: typeof notFound) => rows.evaluateAll((found) => found.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
  expect(await cells(notFound)).toEqual([['línea 3', 'ningún registro tiene documento = 123']]);
  expect(await cells(page.locator('table[data-group="ambiguous"] tbody tr'))).toEqual([['línea 4', '2 registros tienen documento = 89012: c2, c3']]);
  // Sending those rows again as they are cannot help: the fix is in the file (or the CRM), so no retry is offered.
  expect(await page.getByRole('button', { name: 'Volver a enviar las filas fallidas' }).count()).toBe(0);
  await shot(page, 'results');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar las filas para corregir y volver a enviar (CSV)' }).click()]);
  const saved = path.join(ui.cwd, 'para-corregir.csv');
  await download.saveAs(saved);
  const lines = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  // A Spanish page's run writes its notes in Spanish; the statuses stay as they are (machine-readable).
  expect(lines).toEqual(['Documento;Nombre;Ciudad;_wvx_status;_wvx_error', '123;Nadie;Cali;failed;ningún registro tiene documento = 123', '89.012;Beto o Carla;Pasto;failed;2 registros tienen documento = 89012: c2, c3']);
  expect(await ui.stop()).toBe(0);
});
