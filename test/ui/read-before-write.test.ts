import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSample, sampleCustomers } from './samples.js';

const TOKEN = 'read-back-token-51c9';

it('snapshot, verify, --since and undo from the page: what the CLI does, at the same cost in calls', async () => {
  const customers = sampleCustomers();
  // The CRM before the job: other values, a telephone stored as plain text (a form undo cannot send
  // back), and no Segmento on every other record (undo clears it again).
  const seed: MockRecord[] = customers.map((customer, index) => ({
    wolkvox_id: customer.id,
    'Nombre completo': `Antes ${index}`,
    Email: `antes.${index}@example.com`,
    Teléfono: '3000000000',
    Ciudad: 'Cali',
    Saldo: index,
    'Fecha de alta': '2020-01-01',
    Estado: 'Inactivo',
    ...(index % 2 === 0 ? { Segmento: 'Antiguo' } : {}),
  }));
  const crm = await mockServer({ tokens: [TOKEN], records: seed });
  const before = structuredClone(crm.records());
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN } });
  const { page } = await openBrowser('en-US');
  const shot = screenshots('read-before-write');
  await page.goto(ui.url);

  // The sample CSV with its own mapping file, loaded in the page.
  await checkSample(page);
  await page.getByRole('button', { name: 'Next: connect' }).click();

  // A snapshot read one record a call, chosen in the pace and safety settings.
  await page.getByLabel('CRM server').fill(crm.url);
  await page.getByText('Pace and safety (optional)').click();
  await page.getByLabel('Snapshot before sending').selectOption('by-id');
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Run folder').fill('nightly-1');
  await page.getByRole('button', { name: 'Send every row' }).click();
  await page.getByRole('group', { name: 'Send?' }).getByRole('button', { name: /^Yes, send/ }).click();
  await page.getByText('Every row was updated.').waitFor();
  expect(crm.stats.queryCalls).toBe(24);
  expect(crm.stats.updateCalls).toBe(24);
  // The CSV's text numbers (150.000,00) and dates (15/01/2023), as the oracle reads them.
  const sent = new Map(crm.ledger.map((entry) => [entry.id, entry.fields]));
  for (const customer of customers) expect(sent.get(customer.id)).toMatchObject({ Saldo: customer.saldo, 'Fecha de alta': customer.alta, Ciudad: customer.ciudad });
  const runDir = path.join(ui.runs, 'nightly-1');
  expect(fs.readFileSync(path.join(runDir, 'before.csv'), 'utf8')).toContain('Antes 0');

  // Verify: one module read (cheaper than 24 by id) finds every record as sent.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('link', { name: 'before.csv' }).waitFor();
  await page.getByRole('button', { name: 'Verify: read back what this run updated' }).click();
  await page.getByRole('heading', { name: 'Reading back: nightly-1' }).waitFor();
  await expect.poll(() => page.locator('dd[data-verify="matched"]').textContent()).toBe('24');
  expect(await page.locator('dd[data-verify="differing"]').textContent()).toBe('0');
  expect(crm.stats.updateCalls).toBe(24);
  expect(crm.stats.queryDatesCalls).toBe(1);
  await shot(page, 'verified');

  // The same file again with --since the first run: every row unchanged, no call at all.
  await page.getByRole('button', { name: '5 Send' }).click();
  await page.getByRole('button', { name: 'Send this file again, as a new run' }).click();
  await page.getByLabel('Send only what changed since the run').selectOption('nightly-1');
  await page.getByLabel('Run folder').fill('nightly-2');
  const calls = crm.stats.calls;
  await page.getByRole('button', { name: 'Send every row' }).click();
  await expect.poll(() => page.locator('dd[data-status="unchanged"]').textContent()).toBe('24');
  expect(await page.locator('dd[data-status="updated"]').textContent()).toBe('0');
  expect(crm.stats.calls).toBe(calls);
  await shot(page, 'since');

  // Undo the first run, after saying what it will do: a new run folder; the telephone, read back as
  // text, is named and left alone.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('button', { name: 'Show run nightly-1' }).click();
  await page.getByRole('button', { name: 'Undo this run…' }).click();
  await page.getByText('Undo puts back the values the snapshot (before.csv) holds for the 24 rows this run updated').waitFor();
  await page.getByRole('button', { name: 'Yes, undo this run' }).click();
  await page.getByRole('heading', { name: 'Undoing: undo-nightly-1' }).waitFor();
  await page.getByRole('list', { name: 'Before the first API request' }).getByText(/^'Teléfono' is left alone on 24 record/).waitFor();
  await page.getByText('Every row was updated.').waitFor();
  await shot(page, 'undone');
  // After an undo, sending the file again is a choice, not a form left open with the undone baseline.
  expect(await page.getByRole('button', { name: 'Send every row' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Send this file again, as a new run' }).waitFor();
  expect(crm.stats.updateCalls).toBe(48);
  const after = crm.records();
  for (const record of before) {
    const now = after.find((candidate) => candidate.wolkvox_id === record.wolkvox_id) as MockRecord;
    const { Teléfono: _kept, ...rest } = now;
    const { Teléfono: _was, ...was } = record;
    expect({ ...rest, Segmento: rest.Segmento ?? '' }).toEqual({ ...was, Segmento: was.Segmento ?? '' });
    expect(now.Teléfono).toMatchObject({ type: 'telephone' });
  }
  expect(fs.existsSync(path.join(ui.runs, 'undo-nightly-1', 'results.csv'))).toBe(true);
  // An undone run is not offered for undo again (the library would refuse it).
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('button', { name: 'Show run nightly-1' }).click();
  await page.getByRole('button', { name: 'Verify: read back what this run updated' }).waitFor();
  expect(await page.getByRole('button', { name: 'Undo this run…' }).count()).toBe(0);
  expect(await ui.stop()).toBe(0);
});
