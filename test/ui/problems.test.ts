import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';

const TOKEN = 'problems-token-0a4e';
const id = (n: number) => `rec${String(n).padStart(5, '0')}`;

it('shows invalid rows and repeated ids at the check, sends only what the choices allow, and offers the refused rows as failed.csv', async () => {
  // Line 4 has a balance that is not a number; rec00002 is on lines 3 and 7; rec00005 is not in the CRM.
  const lines = ['wolkvox-id,Nombre,Saldo', `${id(1)},Ana,10.5`, `${id(2)},Luis,20`, `${id(3)},Eva,abc`, `${id(4)},Sol,40`, `${id(5)},Rey,50`, `${id(2)},Luis B,21`];
  const crm = await mockServer({ tokens: [TOKEN], knownIds: [1, 2, 3, 4].map(id) });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN } });
  const file = path.join(ui.cwd, 'saldos.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const { page } = await openBrowser('en-US');
  const shot = screenshots('problems');
  await page.goto(ui.url);

  await page.getByLabel('File (CSV or Excel)').setInputFiles(file);
  await page.getByRole('button', { name: 'Next: mapping' }).click();
  await page.getByLabel('Type of column Saldo').selectOption('number');
  await page.getByRole('button', { name: 'Next: check every row' }).click();

  // The check: the invalid row by line and column, the repeated id with its lines; not ready until chosen.
  const problems = page.locator('table.problems-table tbody tr');
  await expect.poll(() => problems.count()).toBe(1);
  expect(await problems.locator('td').allTextContents()).toEqual(['line 4', 'Saldo', expect.stringMatching(/number/i)]);
  expect(await page.locator('ul.duplicates li').allTextContents()).toEqual([`${id(2)}: line 3, line 7`]);
  await page.getByText('Not ready: 1 row is invalid.', { exact: false }).waitFor();
  expect(await page.getByRole('button', { name: 'Next: connect' }).isDisabled()).toBe(true);
  await page.getByLabel('Send the valid rows and leave the invalid ones out').check();
  await page.getByText('Not ready: some ids are on several rows. Choose which row to send.').waitFor();
  await page.getByLabel('An id on several rows').selectOption('last');
  await page.getByText('Ready:', { exact: false }).waitFor();
  await shot(page, 'check');
  await page.getByRole('button', { name: 'Next: connect' }).click();

  await page.getByLabel('CRM server').fill(crm.url);
  await page.getByLabel('Operation', { exact: true }).fill('demo');
  await page.getByLabel('Module', { exact: true }).fill('contacts');
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Run folder').fill('saldos');
  await page.getByRole('button', { name: 'Send every row' }).click();
  await page.getByRole('group', { name: 'Send?' }).getByRole('button', { name: /^Yes, send/ }).click();
  await page.locator('dd[data-status="failed"]').waitFor();

  // What was sent: the last row of rec00002, not the invalid row; rec00005 refused by the CRM.
  expect(crm.ledger.map((entry) => [entry.id, entry.fields.Nombre]).sort()).toEqual([[id(1), 'Ana'], [id(2), 'Luis B'], [id(4), 'Sol']]);
  expect(await page.locator('dd[data-status="updated"]').textContent()).toBe('3');
  expect(await page.locator('dd[data-status="failed"]').textContent()).toBe('1');
  expect(await page.locator('dd[data-status="invalid"]').textContent()).toBe('1');
  const grouped = await page.locator('table.errors tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
  expect(grouped).toEqual([
    ["column Saldo: 'abc' is not a number: remove currency signs, letters and % from the cells", '1', '4'],
    ['RECORD NOT FOUND', '1', '6'],
  ]);
  await shot(page, 'sent');

  // failed.csv: the row the CRM refused, in the input's own format, with why (invalid rows are in results.csv).
  await page.getByRole('button', { name: 'See the results' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'failed.csv' }).click()]);
  const saved = path.join(ui.cwd, 'failed.csv');
  await download.saveAs(saved);
  const [header, ...rows] = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(header).toBe('wolkvox-id,Nombre,Saldo,_wvx_status,_wvx_error');
  expect(rows).toEqual([`${id(5)},Rey,50,failed,RECORD NOT FOUND`]);
  expect(await ui.stop()).toBe(0);
});
