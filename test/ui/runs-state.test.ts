import { describe, expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { startUi } from './browser.js';
import { raw, sessionCookie } from './raw-http.js';

const TOKEN = 'runs-state-token';
const CSV = 'id,Nombre\nr1,Ana\nr2,Bea\nr3,Cata\n';
const MAPPING = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } };

// Issue 18: the list of runs called a run resumable only when it stopped early, while resume also sends the
// rows that gave up after their retries. The page now asks the library's rule (store/resumable.ts).
describe('the page\'s list of runs says resumable as the library decides it', () => {
  it('a run that finished with rows that gave up after their retries is resumable, and resuming it sends them', async () => {
    const crm = await mockServer({ tokens: [TOKEN], faults: { serverError: 1 } });
    const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
    const { cookie } = await sessionCookie(ui.url);
    const get = async (target: string) => JSON.parse((await raw(ui.port, { path: target, headers: { Cookie: cookie } })).body) as { run: { state: string; resumable: boolean; retryable: boolean; summary?: { resumable?: boolean; exitCode: number } } };
    const post = (target: string, body: object) => raw(ui.port, { method: 'POST', path: target, headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const upload = JSON.parse((await raw(ui.port, { method: 'POST', path: '/api/files?name=datos.csv', headers: { Cookie: cookie }, body: CSV })).body) as { upload: string };
    expect((await post(`/api/uploads/${upload.upload}/start`, { mapping: MAPPING, options: { retries: 0 }, folder: 'gave-up' })).status).toBe(202);
    await expect.poll(async () => (await get('/api/runs/gave-up')).run.state, { timeout: 30_000 }).toBe('finished');
    const { run } = await get('/api/runs/gave-up');
    expect(run).toMatchObject({ resumable: true, retryable: true, summary: { resumable: true, exitCode: 1 } });

    // The plain resume (not --retry-failed), against a CRM that answers now: the three rows are updated.
    const healthy = await mockServer({ tokens: [TOKEN] });
    expect((await post('/api/runs/gave-up/resume', { retryFailed: false, options: { server: healthy.url } })).status).toBe(202);
    await expect.poll(async () => (await get('/api/runs/gave-up')).run.summary?.exitCode, { timeout: 30_000 }).toBe(0);
    expect(healthy.ledger).toHaveLength(3);
    expect((await get('/api/runs/gave-up')).run).toMatchObject({ state: 'finished', resumable: false, summary: { resumable: false } });
  });
});
