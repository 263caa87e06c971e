import { expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSample, sampleCustomers } from './samples.js';

const TOKEN = 'restart-token-6b0d';

// Issue 20, dead end 1: after a restart of `ui`, a stopped run said "enter the token in step 4", and step 4
// stayed closed until a file was uploaded and mapped again. Results stands alone: token, resume, verify, undo.
it('resumes, verifies and undoes a run of an earlier session of the page from Results alone, the token entered there', async () => {
  const seed: MockRecord[] = sampleCustomers().map((customer, index) => ({ wolkvox_id: customer.id, 'Nombre completo': `Antes ${index}`, Ciudad: 'Cali' }));
  const crm = await mockServer({ tokens: [TOKEN], records: seed });
  const first = await startUi();
  const { page } = await openBrowser('en-US');
  const shot = screenshots('restart-resume');

  // The first session: a canary of 5 with a snapshot, the token typed in the page.
  await page.goto(first.url);
  await checkSample(page);
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByLabel('CRM server').fill(crm.url);
  await page.getByLabel('Wolkvox token').fill(TOKEN);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.getByText('Token: entered in this page.').waitFor();
  await page.getByText('Pace and safety (optional)').click();
  await page.getByLabel('Snapshot before sending').selectOption('by-id');
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Run folder').fill('before-restart');
  await page.getByRole('button', { name: 'Send a canary of 5 rows' }).click();
  await page.getByText('The canary is done: 5 rows updated.', { exact: false }).waitFor();
  expect(await first.stop()).toBe(0);

  // A new session on the same runs folder: no file, no mapping, no token. Results alone.
  const second = await startUi({ args: ['--runs', first.runs] });
  await page.goto(second.url);
  await page.getByRole('button', { name: '6 Results' }).click();
  await page.getByRole('button', { name: 'Show run before-restart' }).click();
  await page.getByRole('heading', { name: 'Run folder before-restart' }).waitFor();
  expect(await page.getByText('Enter the token in step 4 first.').count()).toBe(0);
  await page.getByLabel('Wolkvox token').fill(TOKEN);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.getByText('Token: entered in this page.').waitFor();
  await shot(page, 'token-in-results');
  await page.getByRole('button', { name: 'Resume: send what is not done yet' }).click();
  await page.getByText('Every row was updated.').waitFor();
  expect(crm.stats.updateCalls).toBe(24);

  // Verify and undo, from Results, with the same token.
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('button', { name: 'Verify: read back what this run updated' }).click();
  await expect.poll(() => page.locator('dd[data-verify="matched"]').textContent()).toBe('24');
  await page.getByRole('button', { name: 'See the results' }).click();
  await page.getByRole('button', { name: 'Undo this run…' }).click();
  await page.getByRole('button', { name: 'Yes, undo this run' }).click();
  await page.getByRole('heading', { name: 'Undoing: undo-before-restart' }).waitFor();
  await page.locator('.job[data-phase="done"]').waitFor();
  expect(crm.records().find((record) => record.wolkvox_id === seed[0]?.wolkvox_id)?.['Nombre completo']).toBe('Antes 0');
  await shot(page, 'undone');
  expect(await second.stop()).toBe(0);
});
