import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SCHEMA_URL } from '../../src/mapping/keys.js';
import { mockServer, runCli } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { SAMPLE_XLSX, sampleCustomers } from './samples.js';

const TOKEN = 'flow-token-7f3a';

it('does the whole job in the page: workbook, header row, mapping with decimals and dates, check, canary of 5, the rest, results', async () => {
  const crm = await mockServer({ tokens: [TOKEN] });
  const ui = await startUi();
  const { page } = await openBrowser('en-US');
  const shot = screenshots('flow');
  const customers = sampleCustomers();
  const expected = customers.map((customer) => ({
    operation: 'demo',
    module: 'contacts',
    id: customer.id,
    fields: { Nombre: customer.nombre, Email: customer.correo, Ciudad: customer.ciudad, Saldo: customer.saldo, 'Fecha de alta': customer.alta, Activo: customer.activo },
    attachments: 0,
  }));

  // The key opens the session and leaves the address bar.
  await page.goto(ui.url);
  await expect.poll(() => page.url()).toBe(`${ui.origin}/`);

  // 1. File: the workbook, its sheet, and the header row picked from the first rows.
  await page.getByLabel('File (CSV or Excel)').setInputFiles(SAMPLE_XLSX);
  await expect.poll(() => page.getByLabel('Row 3').isChecked()).toBe(true);
  await expect.poll(() => page.getByLabel('Sheet').inputValue()).toBe('Clientes');
  await page.getByLabel('Row 1').check();
  await page.getByRole('heading', { name: 'The first rows under the header (1 column)' }).waitFor();
  await page.getByLabel('Row 3').check();
  await page.getByRole('heading', { name: 'The first rows under the header (9 columns)' }).waitFor();
  await shot(page, 'file');
  await page.getByRole('button', { name: 'Next: mapping' }).click();

  // 2. Mapping: id guessed from its name; fields renamed, typed, left out.
  await page.getByRole('heading', { name: '2. Mapping' }).waitFor();
  expect(await page.getByLabel('Record id: column wolkvox-id').isChecked()).toBe(true);
  await page.getByLabel('Send column Apellido').uncheck();
  await page.getByLabel('Send column Celular').uncheck();
  await page.getByLabel('CRM field for column Correo').fill('Email');
  await page.getByLabel('Type of column Saldo').selectOption('number');
  await page.getByLabel('Decimal mark of column Saldo').selectOption(',');
  await page.getByLabel('CRM field for column Alta').fill('Fecha de alta');
  await page.getByLabel('Type of column Alta').selectOption('date');
  // The decimal mark is offered for numbers only, the date format for dates only.
  expect(await page.getByLabel('Decimal mark of column Alta').count()).toBe(0);
  await page.getByLabel('Date format in the file of column Alta').fill('DD/MM/YYYY');
  await page.getByLabel('Type of column Activo').selectOption('boolean');

  // The downloaded mapping is the file the CLI takes.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the mapping (JSON)' }).click()]);
  const mappingFile = path.join(ui.cwd, 'downloaded.mapping.json');
  await download.saveAs(mappingFile);
  await shot(page, 'mapping');
  const mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8'));
  expect(mapping).toEqual({
    $schema: SCHEMA_URL,
    sheet: 'Clientes',
    headerRow: 3,
    id: 'wolkvox-id',
    empty: 'skip',
    fields: {
      Nombre: 'Nombre',
      Email: 'Correo',
      Ciudad: 'Ciudad',
      Saldo: { column: 'Saldo', type: 'number', decimal: ',' },
      'Fecha de alta': { column: 'Alta', type: 'date', inputFormat: 'DD/MM/YYYY' },
      Activo: { column: 'Activo', type: 'boolean' },
    },
  });
  const validated = await runCli(['validate', SAMPLE_XLSX, '--mapping', mappingFile], { cwd: ui.cwd });
  expect(validated.code).toBe(0);

  // 3. Check: the validate result, and the first body exactly as it will be sent.
  await page.getByRole('button', { name: 'Next: check every row' }).click();
  await page.getByRole('heading', { name: '3. Check' }).waitFor();
  await page.getByText('Ready: 24 rows can be sent.').waitFor();
  const firstBody = JSON.parse((await page.locator('figure.body pre').first().textContent()) ?? '');
  expect(firstBody).toEqual({ operation: '…', module: '…', 'wolkvox-id': customers[0]?.id, fields: expected[0]?.fields });
  await shot(page, 'check');
  await page.getByRole('button', { name: 'Next: connect' }).click();

  // 4. Connect: server, operation, module, the token (kept by the server only), the quota.
  await page.getByLabel('CRM server').fill(crm.url);
  await page.getByLabel('Operation', { exact: true }).fill('demo');
  await page.getByLabel('Module', { exact: true }).fill('contacts');
  await page.getByLabel('Wolkvox token').fill(TOKEN);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.getByText('Token: entered in this page.').waitFor();
  expect(await page.getByLabel('Wolkvox token').count()).toBe(0);
  await page.getByRole('button', { name: 'Read the quota' }).click();
  await page.getByText(/^The job fits: 24 rows/).waitFor();
  await shot(page, 'connect');
  await page.getByRole('button', { name: 'Next: send' }).click();

  // 5. Send: a canary of 5, then the rest (a resume of the same run folder), named as --out would.
  await page.getByLabel('Run folder').fill('clientes-nov');
  await page.getByRole('button', { name: 'Send a canary of 5 rows' }).click();
  await page.getByText('The canary is done: 5 rows updated.', { exact: false }).waitFor();
  await shot(page, 'canary');
  // Two calls in flight: the first five rows, in whatever order their answers came.
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  expect(crm.ledger.map(({ seq: _seq, time: _time, call: _call, endpoint: _endpoint, ...entry }) => entry).sort(byId)).toEqual(expected.slice(0, 5).sort(byId));
  await page.getByRole('button', { name: 'Send the rest' }).click();
  await page.getByText('Every row was updated.').waitFor();
  await shot(page, 'sent');
  const applied = crm.ledger.map(({ seq: _seq, time: _time, call: _call, endpoint: _endpoint, ...entry }) => entry);
  expect(applied.sort(byId)).toEqual(expected.slice().sort(byId));
  expect(crm.stats.updateCalls).toBe(24);

  // 6. Results: the summary and the files of the run folder.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('heading', { name: '6. Results' }).waitFor();
  expect(await page.locator('#run-title code').textContent()).toBe('clientes-nov');
  const runDir = path.join(ui.runs, 'clientes-nov');
  const [results] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'results.csv' }).click()]);
  const saved = path.join(ui.cwd, 'results.csv');
  await results.saveAs(saved);
  expect(fs.readFileSync(saved)).toEqual(fs.readFileSync(path.join(runDir, 'results.csv')));
  expect(fs.readFileSync(saved, 'utf8').split('\n').filter((line) => line.includes('updated'))).toHaveLength(24);
  await shot(page, 'results');
  // A normal run folder; the uploaded file and the mapping it ran with stay in the tool's private upload
  // folder, unchanged, as resume needs them.
  const run = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'));
  const upload = path.dirname(run.input.path);
  expect(path.dirname(upload)).toBe(fs.realpathSync(path.join(ui.runs, '.uploads')));
  expect(path.basename(run.input.path)).toBe('clientes.xlsx');
  expect(fs.readFileSync(run.input.path)).toEqual(fs.readFileSync(SAMPLE_XLSX));
  expect(run.mapping.path).toBe(path.join(upload, 'mappings', 'clientes-nov.mapping.json'));
  expect(JSON.parse(fs.readFileSync(run.mapping.path, 'utf8'))).toEqual({ ...mapping, operation: 'demo', module: 'contacts' });
  for (const dir of [path.join(ui.runs, '.uploads'), upload, runDir]) expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  await page.getByRole('link', { name: 'mapping.json' }).waitFor();
  expect(await ui.stop()).toBe(0);
});
