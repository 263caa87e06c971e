import { expect, it } from 'vitest';
import { openBrowser, screenshots, startUi } from './browser.js';
import { raw, sessionCookie } from './raw-http.js';

const CSV = 'id,Nombre\nr1,Ana\nr2,Bea\n';
const MAPPING = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } };

// Issue 20, safe by default: Results listed the run folders by name, backwards, so a folder named by the
// person ("zeta", "alfa") stood wherever its letters put it. The newest run comes first.
it('lists the run folders newest first, whatever their names', async () => {
  const ui = await startUi();
  const { cookie } = await sessionCookie(ui.url);
  const headers = { Cookie: cookie, 'Content-Type': 'application/json' };
  const upload = JSON.parse((await raw(ui.port, { method: 'POST', path: '/api/files?name=datos.csv', headers: { Cookie: cookie }, body: CSV })).body) as { upload: string };
  // Three dry runs, one after the other, under names whose order is neither their order nor its reverse.
  for (const folder of ['medio-primera', 'zeta-segunda', 'alfa-tercera']) {
    const started = await raw(ui.port, { method: 'POST', path: `/api/uploads/${upload.upload}/start`, headers, body: JSON.stringify({ mapping: MAPPING, options: { dryRun: true }, folder }) });
    expect(started.status).toBe(202);
    const job = async () => (JSON.parse((await raw(ui.port, { path: '/api/state', headers })).body) as { job: { run: string; phase: string } }).job;
    await expect.poll(async () => { const { run, phase } = await job(); return `${run} ${phase}`; }, { timeout: 30_000 }).toBe(`${folder} done`);
  }

  const { page } = await openBrowser('es-CO');
  const shot = screenshots('runs-order');
  await page.goto(ui.url);
  await page.getByRole('button', { name: '6 Resultados' }).click();
  const names = page.locator('table.runs tbody th');
  await expect.poll(() => names.allTextContents()).toEqual(['alfa-tercera', 'zeta-segunda', 'medio-primera']);
  await shot(page, 'results');
  expect(await ui.stop()).toBe(0);
});
