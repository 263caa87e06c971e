import path from 'node:path';
import { expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer, runCli } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSample, sampleCustomers } from './samples.js';

const TOKEN = 'read-back-verdicts-token';

/** The sample with its mapping, a by-id snapshot, sent whole into the run folder `folder` (the question answered yes). */
async function sendWithSnapshot(page: import('playwright-core').Page, url: string, folder: string, readBack = false) {
  await page.goto(url);
  await checkSample(page);
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByText('Pace and safety (optional)').click();
  await page.getByLabel('Snapshot before sending').selectOption('by-id');
  if (readBack) await page.getByLabel('Read back what was updated at the end (verify.csv)').check();
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Run folder').fill(folder);
  await page.getByRole('button', { name: 'Send every row' }).click();
  await page.getByRole('group', { name: 'Send?' }).getByRole('button', { name: /^Yes, send/ }).click();
  await page.locator('.job[data-phase="done"]').waitFor();
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('link', { name: 'before.csv' }).waitFor();
}

// Issue 20, dead ends 5 and 6: a CRM that holds none of the records accepts their updates (an unknown id is
// not refused: the simulated CRM's default), so the snapshot finds nothing and reading back finds every
// record gone. Verify said "Every row was updated." beside "No longer in the CRM 24", and Undo was offered,
// to fail under "The file has no data there" and leave Results at "Not found".
it('reads a verify that found records gone as no success, and offers no undo when the snapshot holds nothing to put back', async () => {
  const crm = await mockServer({ tokens: [TOKEN] });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('en-US');
  const shot = screenshots('read-back-verdicts-empty');
  await sendWithSnapshot(page, ui.url, 'empty-crm');
  expect(crm.stats.queryCalls).toBe(24);

  // Verify: every record gone. The verdict is verify's (exit 5), never the green "every row was updated".
  await page.getByRole('button', { name: 'Verify: read back what this run updated' }).click();
  await expect.poll(() => page.locator('dd[data-verify="missing"]').textContent()).toBe('24');
  const verdict = page.locator('.job .summary p.verdict');
  expect(await verdict.textContent()).toMatch(/^Every row was sent, but reading them back found records that differ/);
  expect(await verdict.getAttribute('class')).toContain('not-ready');
  expect(await page.getByText('Every row was updated.').count()).toBe(0);
  await shot(page, 'verified');

  // Results: the same verdict, and no undo: before.csv found none of the records, so it holds nothing to put back.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('heading', { name: 'Run folder empty-crm' }).waitFor();
  await page.locator('.run .summary p.verdict', { hasText: /^Every row was sent, but/ }).waitFor();
  await page.getByRole('button', { name: 'Verify: read back what this run updated' }).waitFor();
  expect(await page.getByRole('button', { name: 'Undo this run…' }).count()).toBe(0);
  await page.getByText('Undo is not offered: the snapshot (before.csv) found none of the records this run updated', { exact: false }).waitFor();
  await shot(page, 'results');
  expect(await ui.stop()).toBe(0);
});

it('offers undo for a run whose snapshot holds its records, and never again once undone: not for the run, not for the undo', async () => {
  const seed: MockRecord[] = sampleCustomers().map((customer, index) => ({ wolkvox_id: customer.id, 'Nombre completo': `Antes ${index}`, Ciudad: 'Cali' }));
  const crm = await mockServer({ tokens: [TOKEN], records: seed });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('en-US');
  const shot = screenshots('read-back-verdicts-undone');
  await sendWithSnapshot(page, ui.url, 'full-crm');

  await page.getByRole('button', { name: 'Undo this run…' }).click();
  await page.getByRole('button', { name: 'Yes, undo this run' }).click();
  await page.getByRole('heading', { name: 'Undoing: undo-full-crm' }).waitFor();
  await page.locator('.job[data-phase="done"]').waitFor();
  expect(crm.records().find((record) => record.wolkvox_id === seed[0]?.wolkvox_id)?.['Nombre completo']).toBe('Antes 0');

  // The undo's own run: shown in Results, with nothing to undo.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('heading', { name: 'Run folder undo-full-crm' }).waitFor();
  await page.getByRole('link', { name: 'results.csv' }).waitFor();
  expect(await page.getByRole('button', { name: 'Undo this run…' }).count()).toBe(0);
  await shot(page, 'undo-run');
  // The run it undid: verify still, undo no more.
  await page.getByRole('button', { name: 'Show run full-crm' }).click();
  await page.getByRole('heading', { name: 'Run folder full-crm' }).waitFor();
  await page.getByRole('button', { name: 'Verify: read back what this run updated' }).waitFor();
  expect(await page.getByRole('button', { name: 'Undo this run…' }).count()).toBe(0);
  await shot(page, 'undone-run');
  expect(await ui.stop()).toBe(0);
});

// A run with failed rows exits 1 before its read-back is counted (exit codes: failed rows first): its
// verdict said "some rows failed" and nothing of the 23 records found gone.
it('says what reading back found when the run also had failed rows', async () => {
  const ids = sampleCustomers().map((customer) => customer.id);
  const crm = await mockServer({ tokens: [TOKEN], knownIds: ids.slice(1) });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('en-US');
  await sendWithSnapshot(page, ui.url, 'one-failed', true);
  const verdict = page.locator('.run .summary p.verdict');
  await verdict.waitFor();
  expect(await page.locator('dd[data-status="failed"]').first().textContent()).toBe('1');
  expect(await page.locator('dd[data-verify="missing"]').textContent()).toBe('23');
  expect(await verdict.textContent()).toBe('Finished: some rows failed or were invalid. Reading the updated records back found 0 that differ from what was sent and 23 no longer in the CRM (verify.csv).');
  expect(await verdict.getAttribute('class')).toContain('not-ready');
  expect(await ui.stop()).toBe(0);
});

// An undo that fails leaves no run folder of its own: Results showed "Not a run folder" for it.
it('stays on the run in Results when its undo fails (undone meanwhile from a terminal)', async () => {
  const seed: MockRecord[] = sampleCustomers().map((customer, index) => ({ wolkvox_id: customer.id, 'Nombre completo': `Antes ${index}`, Ciudad: 'Cali' }));
  const crm = await mockServer({ tokens: [TOKEN], records: seed });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('en-US');
  await sendWithSnapshot(page, ui.url, 'twice');
  await page.getByRole('button', { name: 'Undo this run…' }).waitFor();
  const cli = await runCli(['undo', path.join(ui.runs, 'twice'), '--yes'], { cwd: ui.cwd, env: { WOLKVOX_TOKEN: TOKEN } });
  expect(cli.code).toBe(0);

  await page.getByRole('button', { name: 'Undo this run…' }).click();
  await page.getByRole('button', { name: 'Yes, undo this run' }).click();
  await page.getByText(/^Already undone: /).waitFor();
  await page.getByRole('button', { name: '6 Results' }).click();
  await page.getByRole('heading', { name: 'Run folder twice' }).waitFor();
  await page.getByRole('button', { name: 'Verify: read back what this run updated' }).waitFor();
  expect(await page.getByText('Not a run folder', { exact: false }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Undo this run…' }).count()).toBe(0);
  expect(await ui.stop()).toBe(0);
});
