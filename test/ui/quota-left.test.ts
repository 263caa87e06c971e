import { expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { sendStepInSpanish } from './steps.js';

const TOKEN = 'quota-left-token';

// Issue 20, safe by default: the progress panel showed the quota left only when "check the quota first" was
// ticked under the pace settings. It is always there: read once the job is about to spend (after the yes),
// then counted down as the job spends.
it('shows the day’s quota left on the progress panel, read when sending starts and counted down by each request', async () => {
  // Slow answers, so the panel is read while the job sends.
  const crm = await mockServer({ tokens: [TOKEN], quota: 1000, usedToday: 100, latencyMs: 200 });
  const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
  const { page } = await openBrowser('es-CO');
  const shot = screenshots('quota-left');
  await sendStepInSpanish(page, ui.url);
  // Without the snapshot's reads, every unit the job spends is one of the requests the panel counts.
  await page.getByLabel('Copia previa para deshacer', { exact: false }).uncheck();
  await page.getByRole('button', { name: 'Enviar todas las filas' }).click();
  const question = page.getByRole('group', { name: '¿Enviar?' });
  await question.waitFor();
  // Nothing is read before the yes: a "no" costs nothing.
  expect(crm.stats.tokenInfoCalls).toBe(0);
  await question.getByRole('button', { name: 'Sí, enviar 24 filas' }).click();

  const panel = page.locator('.job');
  const figures = () =>
    panel.evaluate((job) => ({
      updated: Number(job.querySelector('dd[data-count="updated"]')?.textContent ?? 'NaN'),
      calls: Number(job.querySelector('dd[data-count="calls"]')?.textContent ?? 'NaN'),
      left: job.querySelector('dd[data-count="quota-left"]')?.textContent ?? '',
    }));
  await expect.poll(async () => (await figures()).updated, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  const seen = await figures();
  // 1.000 a day, 100 used before, 1 for reading the figures: 899 when the job began, less each request since.
  expect(seen.left).toBe(String(899 - seen.calls));
  expect(seen.calls).toBeGreaterThanOrEqual(3);
  expect(await panel.locator('dt', { hasText: 'Cuota restante' }).count()).toBe(1);
  await shot(page, 'sending');
  await page.getByText('Se actualizaron todas las filas.').waitFor({ timeout: 30_000 });
  expect(crm.stats.tokenInfoCalls).toBe(1);
  expect(crm.usedToday(TOKEN)).toBe(100 + 1 + 24);
  expect(await ui.stop()).toBe(0);
});
