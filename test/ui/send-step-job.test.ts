import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { checkSample } from './samples.js';

const TOKEN = 'send-step-job-token';

// Issue 20, dead end 4: the send step of a new file showed the job of an earlier run (once as a red failed undo).
it('shows no earlier job on the send step of a new file, and offers that file its own send', async () => {
  const crm = await mockServer({ tokens: [TOKEN] });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('en-US');
  const shot = screenshots('send-step-job');
  await page.goto(ui.url);

  // A first file, sent as a canary: its job is on its send step.
  await checkSample(page);
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Run folder').fill('first-file');
  await page.getByRole('button', { name: 'Send a canary of 5 rows' }).click();
  await page.getByText('The canary is done: 5 rows updated.', { exact: false }).waitFor();

  // A new file: its send step starts clean.
  const second = path.join(ui.cwd, 'otros.csv');
  fs.writeFileSync(second, 'wolkvox-id,Ciudad\r\nr1,Cali\r\nr2,Pasto\r\n');
  await page.getByRole('button', { name: '1 File' }).click();
  await page.getByLabel('File (CSV or Excel)').setInputFiles(second);
  await page.getByText('otros.csv: CSV', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Next: mapping' }).click();
  await page.getByRole('button', { name: 'Next: check every row' }).click();
  await page.getByText('Ready: 2 rows can be sent.').waitFor();
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByLabel('Operation', { exact: true }).fill('demo');
  await page.getByLabel('Module', { exact: true }).fill('contacts');
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByRole('button', { name: 'Send a canary of 5 rows' }).waitFor();
  expect(await page.locator('.job').count()).toBe(0);
  // (The earlier run may be offered as a --since baseline: named in that list, not as a job.)
  expect(await page.getByRole('heading', { name: /first-file/ }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Send the rest' }).count()).toBe(0);
  await shot(page, 'new-file');

  // Its own job is shown once started.
  await page.getByLabel('Run folder').fill('second-file');
  await page.getByRole('button', { name: 'Send a canary of 5 rows' }).click();
  await page.getByRole('heading', { name: 'Canary of 5 rows: second-file' }).waitFor();
  await page.locator('.job[data-phase="done"]').waitFor();
  expect(crm.ledger.filter((entry) => entry.id === 'r1' || entry.id === 'r2')).toHaveLength(2);
  expect(await ui.stop()).toBe(0);
});
