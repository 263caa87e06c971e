import { describe, expect, it } from 'vitest';
import { JOB_DEFAULTS, RESUME_MAY_CHANGE } from '../../src/plan/job-settings.js';
import { OPTION_RULES } from '../../src/plan/option-rules.js';
import { mockServer } from '../helpers.js';
import { openBrowser, screenshots, startUi } from './browser.js';
import { raw, sessionCookie } from './raw-http.js';

const TOKEN = 'settings-token';
const CSV = 'id,Nombre\nr1,Ana\nr2,Bea\nr3,Cata\n';
const MAPPING = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } };

// Issue 18: the page held its own copies of the defaults and ranges, and its server checked choices in its
// own words. Now the page gets them from the server, which hands out the library's, and the library checks.
describe('the page\'s settings come from the library, through its server', () => {
  it('/api/state serves the library\'s defaults, ranges and what a resume may change', async () => {
    const ui = await startUi();
    const { cookie } = await sessionCookie(ui.url);
    const state = JSON.parse((await raw(ui.port, { path: '/api/state', headers: { Cookie: cookie } })).body) as { settings: { defaults: object; ranges: Record<string, object>; resumeMayChange: string[] } };
    expect(state.settings.defaults).toEqual(JOB_DEFAULTS);
    expect(state.settings.resumeMayChange).toEqual(RESUME_MAY_CHANGE);
    expect(state.settings.ranges.concurrency).toEqual({ min: 1, max: 64, whole: true });
    expect(state.settings.ranges.rate).toEqual({ min: 0.01, whole: false });
    expect(Object.keys(state.settings.ranges).sort()).toEqual(Object.entries(OPTION_RULES).filter(([, rule]) => 'range' in rule).map(([option]) => option).sort());
  });

  it('a value of the wrong kind, and a setting a resume cannot change, are refused in the library\'s words', async () => {
    const crm = await mockServer({ tokens: [TOKEN] });
    const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
    const { cookie } = await sessionCookie(ui.url);
    const post = async (target: string, body: object) => {
      const answer = await raw(ui.port, { method: 'POST', path: target, headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: answer.status, body: JSON.parse(answer.body) as { error?: { code: string; message: string }; run?: string } };
    };
    const get = async (target: string) => JSON.parse((await raw(ui.port, { path: target, headers: { Cookie: cookie } })).body) as { run: { state: string } };
    const upload = JSON.parse((await raw(ui.port, { method: 'POST', path: '/api/files?name=datos.csv', headers: { Cookie: cookie }, body: CSV })).body) as { upload: string };

    const wrongKind = await post(`/api/uploads/${upload.upload}/start`, { mapping: MAPPING, options: { batchSize: 'ten' } });
    expect(wrongKind).toMatchObject({ status: 400, body: { error: { code: 'USAGE', message: 'Expected `batchSize` to be a whole number of records per call from 1 to 1000, got `"ten"` (string).' } } });
    expect(crm.stats.calls).toBe(0);

    expect((await post(`/api/uploads/${upload.upload}/start`, { mapping: MAPPING, options: { limit: 1 }, folder: 'canary' })).status).toBe(202);
    await expect.poll(async () => (await get('/api/runs/canary')).run.state, { timeout: 30_000 }).toBe('stopped');
    const calls = crm.stats.calls;
    const verify = await post('/api/runs/canary/resume', { options: { verify: true } });
    expect(verify).toMatchObject({ status: 400, body: { error: { code: 'USAGE', message: 'Not on resume: `verify` is decided when a run is checked: a resume sends each row as the run\'s plan holds it. To send with another `verify`, start a new run with update.' } } });
    expect(crm.stats.calls).toBe(calls);
    // What a resume may change is taken.
    expect((await post('/api/runs/canary/resume', { options: { concurrency: 1 } })).status).toBe(202);
    await expect.poll(async () => (await get('/api/runs/canary')).run.state, { timeout: 30_000 }).toBe('finished');
    expect(crm.ledger).toHaveLength(3);
  });

  it('the page shows the defaults its server gives, and for a resume only what a resume may change', async () => {
    const crm = await mockServer({ tokens: [TOKEN] });
    const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
    const { cookie } = await sessionCookie(ui.url);
    const upload = JSON.parse((await raw(ui.port, { method: 'POST', path: '/api/files?name=datos.csv', headers: { Cookie: cookie }, body: CSV })).body) as { upload: string };
    const start = await raw(ui.port, { method: 'POST', path: `/api/uploads/${upload.upload}/start`, headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ mapping: MAPPING, options: { limit: 1 }, folder: 'canary' }) });
    expect(start.status).toBe(202);
    await expect.poll(async () => (JSON.parse((await raw(ui.port, { path: '/api/runs/canary', headers: { Cookie: cookie } })).body) as { run: { state: string } }).run.state, { timeout: 30_000 }).toBe('stopped');

    const { page } = await openBrowser('en-GB');
    const shot = screenshots('settings');
    // The server's own answer with one default changed: a page holding a copy of the defaults shows 2.
    await page.route('**/api/state', async (route) => {
      const response = await route.fetch();
      const state = (await response.json()) as { settings: { defaults: Record<string, unknown> } };
      state.settings.defaults.concurrency = 7;
      await route.fulfill({ response, json: state });
    });
    await page.goto(ui.url);
    await page.getByRole('button', { name: '6 Results' }).click();
    await page.getByText('Settings for this session (empty: as recorded)').click();
    await page.getByText('Pace and safety (optional)').click();
    const calls = page.getByLabel('API requests at once');
    expect(await calls.getAttribute('placeholder')).toBe('7');
    expect([await calls.getAttribute('min'), await calls.getAttribute('max'), await calls.getAttribute('step')]).toEqual(['1', '64', '1']);
    expect(await page.getByLabel('Retries of a failed request').getAttribute('placeholder')).toBe(String(JOB_DEFAULTS.retries));
    expect(await page.getByLabel('Records per request (more than one: one request with several records; every row still confirmed)').count()).toBe(1);
    // What decides what is sent is not offered for a resume (the library would refuse it).
    expect(await page.getByLabel('Read back what was updated at the end (verify.csv)').count()).toBe(0);
    expect(await page.getByLabel('Leave out rows the CRM already holds').count()).toBe(0);
    await shot(page, 'resume-settings');
  });
});

