import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer, ROOT, runCli } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { sampleCustomers } from './samples.js';

const TOKEN = 'interop-token-b07d';

it('resumes a CLI run in the page, stops the page with Ctrl-C mid-run, and the CLI finishes it', async () => {
  const crm = await mockServer({ tokens: [TOKEN], latencyMs: 200 });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN } });
  for (const name of ['clientes.csv', 'clientes.mapping.json']) fs.copyFileSync(path.join(ROOT, 'samples', name), path.join(ui.cwd, name));
  const env = { WOLKVOX_TOKEN: TOKEN };

  // A canary from the CLI, into the page's runs folder.
  const canary = await runCli(['update', 'clientes.csv', '--mapping', 'clientes.mapping.json', '--server', crm.url, '--limit', '5', '--out', 'wolkvox-runs/from-cli', '--yes', '--quiet'], { cwd: ui.cwd, env });
  expect(canary.code).toBe(3);
  expect(crm.ledger).toHaveLength(5);

  // The page lists it as stopped and resumable, and resumes it with the recorded settings.
  const { page } = await openBrowser('en-US');
  const shot = screenshots('interop');
  await page.goto(ui.url);
  await page.getByRole('button', { name: '6 Results' }).click();
  await page.getByRole('row', { name: /from-cli/ }).getByRole('cell', { name: 'stopped · resumable' }).waitFor();
  await page.getByRole('button', { name: 'Show run from-cli' }).click();
  await page.getByText('Canary: only the first rows were sent.').waitFor();
  await shot(page, 'cli-run');
  // A resume may correct the operation (it changes no row), as `resume --operation` does.
  await page.getByText('Settings for this session (empty: as recorded)').click();
  expect(await page.getByLabel('Operation').getAttribute('placeholder')).toBe('demo');
  await page.getByLabel('Operation').fill('ventas');
  await page.getByRole('button', { name: 'Resume: send what is not done yet' }).click();
  await expect.poll(async () => Number((await page.locator('dd[data-count="updated"]').textContent()) ?? '0'), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await shot(page, 'resuming');

  // Ctrl-C on the page server stops the job cleanly: calls in flight finish, reports are written.
  expect(await ui.stop()).toBe(0);
  const summary = JSON.parse(fs.readFileSync(path.join(ui.runs, 'from-cli', 'summary.json'), 'utf8'));
  expect(summary).toMatchObject({ sessions: 2, stopReason: 'interrupted', exitCode: 3 });
  expect(summary.counts.updated).toBe(crm.ledger.length);
  expect(crm.ledger.length).toBeLessThan(24);
  expect(crm.ledger.slice(0, 5).every((entry) => entry.operation === 'demo')).toBe(true);
  expect(crm.ledger.slice(5).every((entry) => entry.operation === 'ventas')).toBe(true);
  expect(fs.existsSync(path.join(ui.runs, 'from-cli', 'lock'))).toBe(false);

  // The CLI takes it from there.
  const rest = await runCli(['resume', 'wolkvox-runs/from-cli', '--yes', '--quiet'], { cwd: ui.cwd, env });
  expect(rest.code).toBe(0);
  const ids = crm.ledger.map((entry) => entry.id);
  expect(ids.slice().sort()).toEqual(sampleCustomers().map((customer) => customer.id).sort());
  expect(new Set(ids).size).toBe(24);
});
