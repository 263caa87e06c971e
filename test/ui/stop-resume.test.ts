import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer, runCli } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { SAMPLE_CSV, SAMPLE_MAPPING, sampleCustomers } from './samples.js';

const TOKEN = 'stop-token-91c2';
const updatedCount = async (page: import('playwright-core').Page) => Number((await page.locator('dd[data-count="updated"]').textContent()) ?? '0');

it('stops a run mid-way from the page and resumes it from the page: every row sent once', async () => {
  // Slow answers, so the run is still going when Stop is pressed.
  const crm = await mockServer({ tokens: [TOKEN], latencyMs: 250 });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('en-GB');
  const shot = screenshots('stop-resume');
  await page.goto(ui.url);

  // A CSV and an existing mapping file (templates and constants included) loaded into the page.
  await page.getByLabel('File (CSV or Excel)').setInputFiles(SAMPLE_CSV);
  await expect.poll(() => page.getByLabel('Row 1').isChecked()).toBe(true);
  await page.getByText('clientes.csv: CSV, windows-1252, separated by “;”').waitFor();
  await page.getByRole('button', { name: 'Next: mapping' }).click();
  await page.getByLabel('Load a mapping file').setInputFiles(SAMPLE_MAPPING);
  // The loaded mapping's fixed value shows once it is read (issue 20: constants and templates edited in the page).
  await expect.poll(() => page.getByLabel('Fixed value of field Segmento').inputValue()).toBe('Campaña Q4');
  expect(await page.getByLabel('CRM field for column Correo').inputValue()).toBe('Email');
  expect(await page.getByLabel('Decimal mark of column Saldo').inputValue()).toBe(',');
  await page.getByRole('button', { name: 'Next: check every row' }).click();
  await page.getByText('Ready: 24 rows can be sent.').waitFor();
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByText('Token: from the environment (WOLKVOX_TOKEN).').waitFor();
  expect(await page.getByLabel('CRM server').inputValue()).toBe(crm.url);
  expect(await page.getByLabel('Operation').inputValue()).toBe('demo');
  await page.getByRole('button', { name: 'Next: send' }).click();

  // Send everything, and stop once a few rows are in.
  await page.getByRole('button', { name: 'Send every row' }).click();
  await page.getByRole('group', { name: 'Send?' }).getByRole('button', { name: /^Yes, send/ }).click();
  await expect.poll(() => updatedCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await shot(page, 'progress');
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByText('Stopped by you.').waitFor();
  await page.getByText('Stopped early; it can be resumed.').waitFor();
  await shot(page, 'stopped');
  const firstSession = crm.ledger.length;
  expect(firstSession).toBeGreaterThanOrEqual(3);
  expect(firstSession).toBeLessThan(24);
  expect(Number(await page.locator('dd[data-status="updated"]').textContent())).toBe(firstSession);

  // The run is listed as stopped and resumable; resume it from the page.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('cell', { name: 'stopped · resumable' }).waitFor();
  await shot(page, 'results-stopped');
  await page.getByRole('button', { name: 'Resume: send what is not done yet' }).click();
  await page.getByText('Every row was updated.').waitFor({ timeout: 30_000 });
  await shot(page, 'resumed');

  // Every customer updated exactly once, with the mapping's values.
  const counts = crm.ledger.reduce((map, entry) => map.set(entry.id, (map.get(entry.id) ?? 0) + 1), new Map<string, number>());
  expect([...counts.keys()].sort()).toEqual(sampleCustomers().map((customer) => customer.id).sort());
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
  const first = crm.ledger.find((entry) => entry.id === sampleCustomers()[0]?.id);
  expect(first?.fields).toMatchObject({ 'Nombre completo': 'Ana Gómez', Saldo: 150000, 'Fecha de alta': '2023-01-15', Estado: 'Inactivo', Segmento: 'Campaña Q4' });

  // A normal run folder: the CLI sees a finished run with two sessions.
  const runName = (await page.locator('.job code').first().textContent()) ?? '';
  const summary = JSON.parse(fs.readFileSync(path.join(ui.runs, runName, 'summary.json'), 'utf8'));
  expect(summary).toMatchObject({ sessions: 2, exitCode: 0, counts: { updated: 24 } });
  const again = await runCli(['resume', path.join(ui.runs, runName), '--yes', '--json'], { env: { WOLKVOX_TOKEN: TOKEN } });
  expect(again.code).toBe(0);
  expect(crm.ledger).toHaveLength(24);
});
