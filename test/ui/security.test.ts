import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer } from '../helpers.js';
import { filesUnder, openBrowser, screenshots, startUi } from './browser.js';
import { listen, raw, sessionCookie } from './raw-http.js';
import { SAMPLE_CSV, SAMPLE_MAPPING } from './samples.js';

describe('the page server lets in only the page it printed', () => {
  it('refuses another Host (DNS rebinding), a missing or wrong key, other pages, and listens on 127.0.0.1 only', async () => {
    const ui = await startUi();
    const { port } = ui;
    const key = new URL(ui.url).searchParams.get('key') ?? '';
    for (const host of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const answer = await raw(port, { path: `/?key=${key}`, headers: { Host: host } });
      expect({ host, status: answer.status, cookie: answer.headers['set-cookie'] }).toEqual({ host, status: 421, cookie: undefined });
    }
    for (const target of ['/', '/?key=wrong', '/api/state', '/assets/app.js', '/vendor/preact.mjs', '/api/events', '/api/runs']) {
      expect({ target, status: (await raw(port, { path: target })).status }).toEqual({ target, status: 403 });
    }
    expect((await raw(port, { method: 'POST', path: '/api/token', headers: { 'Content-Type': 'application/json' }, body: '{"token":"x"}' })).status).toBe(403);

    // The key opens a session cookie that page scripts cannot read and other sites' requests do not carry.
    const { cookie, setCookie } = await sessionCookie(ui.url);
    expect(setCookie).toMatch(new RegExp(`^wvx_session_${port}=[\\w-]{20,}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookie).not.toContain(key);
    expect((await raw(port, { path: '/api/state', headers: { Cookie: cookie } })).status).toBe(200);
    expect((await raw(port, { path: '/api/state', headers: { Cookie: `${cookie}x` } })).status).toBe(403);
    const fromElsewhere = { Cookie: cookie, 'Content-Type': 'application/json' };
    expect((await raw(port, { method: 'POST', path: '/api/token', headers: { ...fromElsewhere, Origin: 'http://evil.example' }, body: '{"token":"x"}' })).status).toBe(403);
    expect((await raw(port, { method: 'POST', path: '/api/token', headers: { ...fromElsewhere, 'Sec-Fetch-Site': 'cross-site' }, body: '{"token":"x"}' })).status).toBe(403);
    expect((await raw(port, { path: '/api/state', headers: { Cookie: cookie } })).body).toContain('"token":{"set":false}');

    // Bound to 127.0.0.1 alone: another loopback address of this machine gets no answer.
    await expect(raw(port, { address: '127.0.0.2', path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('keeps path parameters inside the run folders, and an upload inside a new private upload folder', async () => {
    const ui = await startUi();
    const { cookie } = await sessionCookie(ui.url);
    const headers = { Cookie: cookie };
    const upload = await raw(ui.port, { method: 'POST', path: `/api/files?name=${encodeURIComponent('../../escape.csv')}`, headers, body: 'wolkvox-id;A\n1;2\n' });
    expect(upload.status).toBe(201);
    const { upload: id, file } = JSON.parse(upload.body) as { upload: string; file: string };
    expect(file).toBe('escape.csv');
    const stored = path.join(ui.runs, '.uploads', id, 'escape.csv');
    expect(fs.readFileSync(stored, 'utf8')).toBe('wolkvox-id;A\n1;2\n');
    expect(fs.statSync(path.dirname(stored)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    expect(filesUnder(ui.cwd).filter((found) => found.endsWith('escape.csv'))).toEqual([stored]);

    fs.symlinkSync(path.dirname(ui.cwd), path.join(ui.runs, 'outside'));
    fs.symlinkSync(path.dirname(ui.cwd), path.join(ui.runs, '.uploads', 'outside'));
    fs.mkdirSync(path.join(ui.runs, 'a-run'));
    fs.writeFileSync(path.join(ui.runs, 'a-run', 'journal.ndjson'), '{}\n');
    const refused = [
      ['GET', '/api/runs/..%2F..%2Fetc/files/results.csv', 400],
      ['GET', '/api/runs/..', 404],
      ['GET', '/api/runs/.uploads', 400],
      ['GET', '/api/runs/outside', 400],
      ['POST', '/api/uploads/outside/inspect', 400],
      ['POST', `/api/uploads/..%2F${id}/inspect`, 400],
      ['POST', '/api/uploads/%2E%2E/check', 404],
      ['GET', '/api/runs/a-run/files/journal.ndjson', 404],
      ['GET', '/api/runs/a-run/files/..%2F..%2Fpackage.json', 404],
      ['GET', `/api/runs/a-run/files/..%2F.uploads%2F${id}%2Fescape.csv`, 404],
      ['GET', '/api/runs/no-such-run', 404],
      ['POST', '/api/runs/outside/verify', 400],
      ['POST', '/api/runs/..%2F..%2Fetc/undo', 400],
      ['POST', '/api/runs/.uploads/undo', 400],
    ] as const;
    for (const [method, target, status] of refused) {
      const answer = await raw(ui.port, { method, path: target, headers: { ...headers, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect({ target, status: answer.status }).toEqual({ target, status });
    }
    // --since names a run folder; one outside the runs folder is refused before anything is read or written.
    for (const since of ['outside', '../..', '.uploads']) {
      const body = JSON.stringify({ mapping: { id: 'wolkvox-id', fields: { A: 'A' } }, options: { dryRun: true, since } });
      const answer = await raw(ui.port, { method: 'POST', path: `/api/uploads/${id}/start`, headers: { ...headers, 'Content-Type': 'application/json' }, body });
      expect({ since, status: answer.status, body: answer.body }).toMatchObject({ since, status: 400, body: expect.stringMatching(/Not a run folder name/) });
    }
    expect(fs.readdirSync(ui.runs).sort()).toEqual(['.uploads', 'a-run', 'outside']);
  });
});

it('keeps the token in the server process only: in no file written, no answer, no page storage', async () => {
  const token = 'tok-5c1f9e-NEVER-SHOWN';
  const crm = await mockServer({ tokens: [token] });
  const ui = await startUi({ env: { WOLKVOX_SERVER: crm.url } });
  const { context, page, profile } = await openBrowser('en-US');
  const shot = screenshots('security');
  const answers: Promise<string>[] = [];
  page.on('response', (response) => {
    if (!(response.headers()['content-type'] ?? '').includes('event-stream')) answers.push(response.text().catch(() => ''));
  });
  await page.goto(ui.url);
  const { cookie } = await sessionCookie(ui.url);
  const events = listen(ui.port, '/api/events', cookie);

  await page.getByLabel('File (CSV or Excel)').setInputFiles(SAMPLE_CSV);
  await page.getByRole('button', { name: 'Next: mapping' }).click();
  await page.getByLabel('Load a mapping file').setInputFiles(SAMPLE_MAPPING);
  await page.getByRole('heading', { name: 'Other fields of the loaded mapping (kept as written)' }).waitFor();
  await page.getByRole('button', { name: 'Next: check every row' }).click();
  await page.getByRole('button', { name: 'Next: connect' }).click();
  await page.getByLabel('Wolkvox token').fill(token);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.getByText('Token: entered in this page.').waitFor();
  await shot(page, 'token-entered');
  await page.getByRole('button', { name: 'Read the quota' }).click();
  await page.getByText(/^The job fits/).waitFor();
  await page.getByRole('button', { name: 'Next: send' }).click();
  await page.getByLabel('Reports').selectOption('xlsx');
  await page.getByRole('button', { name: 'Send every row' }).click();
  await page.getByText('Every row was updated.').waitFor();
  await page.getByRole('button', { name: 'See the results' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'results.xlsx' }).click()]);
  await download.saveAs(path.join(ui.cwd, 'downloaded-results.xlsx'));
  expect(crm.ledger).toHaveLength(24);

  // Nowhere: the page's HTML, its storage and cookies, any answer, the event stream, any file, the terminal.
  expect(await page.content()).not.toContain(token);
  const storage = await page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })');
  expect(storage).not.toContain(token);
  expect(JSON.stringify(await context.cookies())).not.toContain(token);
  const bodies = await Promise.all(answers);
  expect(bodies.length).toBeGreaterThan(10);
  expect(bodies.filter((body) => body.includes(token))).toEqual([]);
  events.stop();
  expect(events.text()).toContain('"phase":"done"');
  expect(events.text()).not.toContain(token);
  const written = filesUnder(ui.cwd);
  expect(written.some((file) => file.endsWith('journal.ndjson'))).toBe(true);
  expect(written.some((file) => file.endsWith('log.ndjson'))).toBe(true);
  expect(written.filter((file) => fs.readFileSync(file).includes(token))).toEqual([]);
  expect(ui.output()).not.toContain(token);
  expect(await ui.stop()).toBe(0);
  // The browser's own profile (history, caches, form data) never got it either.
  await context.close();
  const profileFiles = filesUnder(profile);
  expect(profileFiles.length).toBeGreaterThan(10);
  expect(profileFiles.filter((file) => fs.readFileSync(file).includes(token))).toEqual([]);
});
