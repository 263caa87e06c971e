import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer, ROOT, runCli } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { SAMPLE_CSV, SAMPLE_MAPPING, sampleCustomers } from './samples.js';

const TOKEN = 'interop-token-b07d';

it('lists a CLI run with its files and leaves it to the terminal; a page run stopped by Ctrl-C on the page server, with a corrected operation, is finished by the CLI', async () => {
  const cliCrm = await mockServer({ tokens: [TOKEN] });
  const crm = await mockServer({ tokens: [TOKEN], latencyMs: 200 });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  for (const name of ['clientes.csv', 'clientes.mapping.json']) fs.copyFileSync(path.join(ROOT, 'samples', name), path.join(ui.cwd, name));
  const env = { WOLKVOX_TOKEN: TOKEN };

  // A canary from the CLI, into the page's runs folder.
  const canary = await runCli(['update', 'clientes.csv', '--mapping', 'clientes.mapping.json', '--server', cliCrm.url, '--limit', '5', '--out', 'wolkvox-runs/from-cli', '--yes', '--quiet'], { cwd: ui.cwd, env });
  expect(canary.code).toBe(3);

  // The page lists it as stopped, with its files, and says it is resumed from a terminal (issue 17, item 4:
  // the page reads no input or mapping outside its own uploads).
  const { page } = await openBrowser('en-US');
  const shot = screenshots('interop');
  await page.goto(ui.url);
  await page.getByRole('button', { name: '6 Results' }).click();
  await page.getByRole('row', { name: /from-cli/ }).getByRole('cell', { name: 'stopped', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Show run from-cli' }).click();
  await page.getByText('Canary: only the first rows were sent.').waitFor();
  await page.getByText('Started outside this page (or its files are not the page’s own), so the page only shows it. From a terminal:').waitFor();
  expect(await page.locator('.run code', { hasText: 'wolkvox-bulk resume' }).textContent()).toBe(`wolkvox-bulk resume ${path.join(ui.runs, 'from-cli')}`);
  expect(await page.getByRole('button', { name: /^Resume/ }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'results.csv' }).count()).toBe(1);
  await shot(page, 'cli-run');
  const rest = await runCli(['resume', 'wolkvox-runs/from-cli', '--yes', '--quiet'], { cwd: ui.cwd, env: { ...env, WOLKVOX_SERVER: cliCrm.url } });
  expect(rest.code).toBe(0);
  expect(new Set(cliCrm.ledger.map((entry) => entry.id)).size).toBe(24);

  // A canary of 5 from the page.
  await page.getByRole('button', { name: '1 File' }).click();
  await page.getByLabel('File (CSV or Excel)').setInputFiles(SAMPLE_CSV);
  await page.getByRole('button', { name: 'Next: mapping' }).click();
  await page.getByLabel('Load a mapping file').setInputFiles(SAMPLE_MAPPING);
  // The loaded mapping's fixed value shows once it is read (issue 20: constants and templates edited in the page).
  await expect.poll(() => page.getByLabel('Fixed value of field Segmento').inputValue()).toBe('Campaña Q4');
  await page.getByRole('button', { name: 'Next: check every row' }).click();
  await page.getByText('Ready: 24 rows can be sent.').waitFor();
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Run folder').fill('from-page');
  await page.getByRole('button', { name: 'Send a canary of 5 rows' }).click();
  await page.getByText('The canary is done: 5 rows updated.', { exact: false }).waitFor({ timeout: 30_000 });
  expect(crm.ledger).toHaveLength(5);

  // Resumed in the page with a corrected operation (it changes no row), as `resume --operation` does.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('row', { name: /from-page/ }).getByRole('cell', { name: 'stopped · resumable' }).waitFor();
  await page.getByText('Settings for this session (empty: as recorded)').click();
  expect(await page.getByLabel('Operation').getAttribute('placeholder')).toBe('demo');
  await page.getByLabel('Operation').fill('ventas');
  await page.getByRole('button', { name: 'Resume: send what is not done yet' }).click();
  await expect.poll(async () => Number((await page.locator('dd[data-count="updated"]').textContent()) ?? '0'), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await shot(page, 'resuming');

  // Ctrl-C on the page server stops the job cleanly: calls in flight finish, reports are written.
  expect(await ui.stop()).toBe(0);
  const summary = JSON.parse(fs.readFileSync(path.join(ui.runs, 'from-page', 'summary.json'), 'utf8'));
  expect(summary).toMatchObject({ sessions: 2, stopReason: 'interrupted', exitCode: 3 });
  expect(summary.counts.updated).toBe(crm.ledger.length);
  expect(crm.ledger.length).toBeLessThan(24);
  expect(crm.ledger.slice(0, 5).every((entry) => entry.operation === 'demo')).toBe(true);
  expect(crm.ledger.slice(5).every((entry) => entry.operation === 'ventas')).toBe(true);
  expect(fs.existsSync(path.join(ui.runs, 'from-page', 'lock'))).toBe(false);

  // The CLI takes it from there.
  const finished = await runCli(['resume', 'wolkvox-runs/from-page', '--yes', '--quiet'], { cwd: ui.cwd, env: { ...env, WOLKVOX_SERVER: crm.url } });
  expect(finished.code).toBe(0);
  const ids = crm.ledger.map((entry) => entry.id);
  expect(ids.slice().sort()).toEqual(sampleCustomers().map((customer) => customer.id).sort());
  expect(new Set(ids).size).toBe(24);
});
