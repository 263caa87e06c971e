import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSample, sampleCustomers } from './samples.js';

const TOKEN = 'reload-token-5e07';

// Issue 20, dead ends 7 and 8: a reload landed on step 1 with no sign of the job under way or just ended,
// and the refused rows were in no file the page offered to fix and send again.
it('shows the job after a reload, while it waits or runs and once it ended, and offers the refused rows to fix as a file of their own', async () => {
  // The CRM knows all but the last four customers: their rows are refused.
  const known = sampleCustomers().map((customer) => customer.id).slice(0, 20);
  const crm = await mockServer({ tokens: [TOKEN], knownIds: known });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('en-US');
  const shot = screenshots('reload-job');
  await page.goto(ui.url);
  await checkSample(page);
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Reports').selectOption('xlsx');
  await page.getByLabel('Run folder').fill('recargada');
  await page.getByRole('button', { name: 'Send every row' }).click();
  await page.getByRole('group', { name: 'Send?' }).waitFor();

  // A reload while the job waits for its answer: the question again, on the send step, not an empty step 1.
  await page.reload();
  const question = page.getByRole('group', { name: 'Send?' });
  await question.waitFor();
  expect(await page.getByRole('button', { name: /Send$/ }).getAttribute('aria-current')).toBe('step');
  expect(await page.locator('.job h3').textContent()).toContain('recargada');
  await shot(page, 'reloaded-asking');
  await question.getByRole('button', { name: 'Yes, send 24 rows' }).click();
  await page.locator('dd[data-status="failed"]').waitFor();
  expect(crm.stats.updateCalls).toBe(24);

  // A reload once it ended: its run in Results, with the refused rows offered first, as a workbook like the input's reports.
  await page.reload();
  await page.getByRole('heading', { name: '6. Results' }).waitFor();
  await page.locator('#run-title', { hasText: 'recargada' }).waitFor();
  expect(await page.locator('.run dd[data-status="failed"]').textContent()).toBe('4');
  await shot(page, 'reloaded-done');
  const fix = page.getByRole('link', { name: 'Download the rows to fix and send again (CSV)' });
  const [download] = await Promise.all([page.waitForEvent('download'), fix.click()]);
  const saved = path.join(ui.cwd, 'to-fix.csv');
  await download.saveAs(saved);
  const rows = new TextDecoder('windows-1252').decode(fs.readFileSync(saved)).trim().split('\r\n').slice(1);
  expect(rows.map((row) => row.split(';')[0])).toEqual(sampleCustomers().map((customer) => customer.id).slice(20));
  expect(rows.every((row) => row.endsWith(';failed;RECORD NOT FOUND'))).toBe(true);
  await page.getByRole('link', { name: 'Download the results as an Excel workbook' }).waitFor();
  expect(await ui.stop()).toBe(0);
});
