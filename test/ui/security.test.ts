import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli } from '../helpers.js';
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

  it('answers only under its own Host, even with a valid session: not another name, port or address form, and not without one (issue 17, item 6)', async () => {
    const ui = await startUi();
    const { port } = ui;
    const { cookie } = await sessionCookie(ui.url);
    const key = new URL(ui.url).searchParams.get('key') ?? '';
    const hosts = {
      [`127.0.0.1:${port}`]: 200,
      [`evil.example:${port}`]: 421,
      [`localhost:${port}`]: 421,
      [`[::1]:${port}`]: 421,
      [`[::ffff:127.0.0.1]:${port}`]: 421,
      [`127.0.0.1.:${port}`]: 421,
      [`127.1:${port}`]: 421,
      '127.0.0.1': 421,
      [`127.0.0.1:${port + 1}`]: 421,
      [`127.0.0.1:${port}@evil.example`]: 421,
    };
    for (const [host, status] of Object.entries(hosts)) {
      const state = await raw(port, { path: '/api/state', headers: { Host: host, Cookie: cookie } });
      const opened = await raw(port, { path: `/?key=${key}`, headers: { Host: host } });
      expect({ host, state: state.status, opened: opened.status, cookie: opened.headers['set-cookie'] !== undefined }).toEqual({ host, state: status, opened: status, cookie: status === 200 });
      if (status !== 200) expect(state.body).toBe(`Refused: this server answers only at http://127.0.0.1:${port}.`);
    }
    // No Host at all: HTTP/1.1 requires one (Node refuses the request itself); HTTP/1.0 has none to give.
    const bare = async (version: string) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.write(`GET /api/state ${version}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      let text = '';
      for await (const chunk of socket) text += (chunk as Buffer).toString();
      return text;
    };
    for (const version of ['HTTP/1.0', 'HTTP/1.1']) {
      const answer = await bare(version);
      expect({ version, status: /^HTTP\/1\.[01] (\d+)/.exec(answer)?.[1] }).toEqual({ version, status: version === 'HTTP/1.0' ? '421' : '400' });
      expect(answer).not.toContain('"token"');
    }
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
      ['GET', '/api/runs/..%2F..%2Fetc/unmatched', 400],
      ['GET', '/api/runs/outside/unmatched', 400],
      ['GET', '/api/runs/a-run/unmatched', 404],
      ['GET', '/api/runs/..%2F..%2Fetc/preview', 400],
      ['GET', '/api/runs/outside/preview', 400],
      ['GET', '/api/runs/a-run/preview', 404],
    ] as const;
    for (const [method, target, status] of refused) {
      const answer = await raw(ui.port, { method, path: target, headers: { ...headers, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect({ target, status: answer.status }).toEqual({ target, status });
    }
    // --since and a preview to reuse name run folders; one outside the runs folder is refused before anything is read or written.
    for (const option of ['since', 'reusePreview']) {
      for (const name of ['outside', '../..', '.uploads']) {
        const body = JSON.stringify({ mapping: { id: 'wolkvox-id', fields: { A: 'A' } }, options: { dryRun: true, [option]: name } });
        const answer = await raw(ui.port, { method: 'POST', path: `/api/uploads/${id}/start`, headers: { ...headers, 'Content-Type': 'application/json' }, body });
        expect({ option, name, status: answer.status, body: answer.body }).toMatchObject({ option, name, status: 400, body: expect.stringMatching(/Not a run folder name/) });
      }
    }
    expect(fs.readdirSync(ui.runs).sort()).toEqual(['.uploads', 'a-run', 'outside']);
  });
});

describe('run folders the page did not write (issue 17, item 4)', () => {
  const TOKEN = 'links-token-3a7e';
  const SECRET = 'TOP-SECRET-4242';
  const CSV = 'id,Nombre\nr1,Ana\nr2,Bea\nr3,Cata\nr4,Dora\n';
  const MAPPING = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } };

  it('serves nothing through a link, follows no mapping out of the uploads, and resumes, verifies or undoes only the runs it made', async () => {
    const crm = await mockServer({ tokens: [TOKEN] });
    const ui = await startUi({ env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
    const { cookie } = await sessionCookie(ui.url);
    const json = { Cookie: cookie, 'Content-Type': 'application/json' };
    const get = (target: string) => raw(ui.port, { path: target, headers: { Cookie: cookie } });
    const post = (target: string, body: object = {}) => raw(ui.port, { method: 'POST', path: target, headers: json, body: JSON.stringify(body) });
    const runState = async (name: string) => (JSON.parse((await get(`/api/runs/${name}`)).body) as { run: { state: string } }).run.state;
    // Files outside the runs folder that a planted link or path could reach.
    fs.writeFileSync(path.join(ui.cwd, 'secret.txt'), `${SECRET}\n`);
    fs.writeFileSync(path.join(ui.cwd, 'secret.json'), JSON.stringify({ version: 1, counts: { updated: 1 }, secret: SECRET }));

    // A canary of 2 rows started in the page: its input and mapping are in the page's uploads.
    const upload = JSON.parse((await raw(ui.port, { method: 'POST', path: '/api/files?name=datos.csv', headers: { Cookie: cookie }, body: CSV })).body) as { upload: string };
    expect((await post(`/api/uploads/${upload.upload}/start`, { mapping: MAPPING, options: { limit: 2 }, folder: 'page-run' })).status).toBe(202);
    await expect.poll(() => runState('page-run'), { timeout: 30_000 }).toBe('stopped');
    // The same canary from the CLI, into the page's runs folder: its input and mapping are the user's own.
    fs.writeFileSync(path.join(ui.cwd, 'datos.csv'), CSV);
    fs.writeFileSync(path.join(ui.cwd, 'm.json'), JSON.stringify(MAPPING));
    const cli = await runCli(['update', 'datos.csv', '-m', 'm.json', '--out', 'wolkvox-runs/cli-run', '--limit', '2', '--yes'], { cwd: ui.cwd, env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
    expect(cli.code, cli.stderr).toBe(3);
    const calls = crm.stats.calls;

    // A copy of the page's run with links planted in it: its reports and summary point out of the runs folder.
    const copy = (name: string) => {
      fs.cpSync(path.join(ui.runs, 'page-run'), path.join(ui.runs, name), { recursive: true });
      return path.join(ui.runs, name);
    };
    const planted = copy('planted');
    for (const [name, target] of [['results.csv', 'secret.txt'], ['summary.json', 'secret.json'], ['journal.ndjson', 'secret.txt'], ['plan.ndjson', 'secret.txt'], ['preview.csv', 'secret.txt']] as const) {
      fs.rmSync(path.join(planted, name), { force: true });
      fs.symlinkSync(path.join(ui.cwd, target), path.join(planted, name));
    }
    // Copies whose run.json names a mapping out of the uploads: by "..", and by a link inside them.
    const runJson = JSON.parse(fs.readFileSync(path.join(ui.runs, 'page-run', 'run.json'), 'utf8')) as { mapping: { path: string } };
    const uploads = path.dirname(path.dirname(path.dirname(runJson.mapping.path)));
    const dotted = copy('dotted');
    fs.writeFileSync(path.join(dotted, 'run.json'), JSON.stringify({ ...runJson, mapping: { ...runJson.mapping, path: `${uploads}/../../secret.json` } }));
    const linkInUploads = path.join(uploads, upload.upload, 'mappings', 'linked.mapping.json');
    fs.symlinkSync(path.join(ui.cwd, 'secret.json'), linkInUploads);
    const linked = copy('linked');
    fs.writeFileSync(path.join(linked, 'run.json'), JSON.stringify({ ...runJson, mapping: { ...runJson.mapping, path: linkInUploads } }));

    const answers: string[] = [];
    const expectRefused = async (method: 'GET' | 'POST', target: string, status: number, says?: RegExp) => {
      const answer = method === 'GET' ? await get(target) : await post(target);
      answers.push(answer.body);
      expect({ target, status: answer.status }).toEqual({ target, status });
      if (says) expect(answer.body).toMatch(says);
    };
    await expectRefused('GET', '/api/runs/planted/files/results.csv', 404);
    await expectRefused('GET', '/api/runs/planted/files/summary.json', 404);
    await expectRefused('GET', '/api/runs/planted/unmatched', 404);
    await expectRefused('GET', '/api/runs/planted/preview', 404);
    await expectRefused('GET', '/api/runs/dotted/files/mapping.json', 404);
    await expectRefused('GET', '/api/runs/linked/files/mapping.json', 404);
    for (const name of ['planted', 'dotted', 'linked']) {
      for (const action of ['resume', 'verify', 'undo']) await expectRefused('POST', `/api/runs/${name}/${action}`, 409, /not one the page can act on/);
    }
    for (const action of ['resume', 'verify', 'undo']) await expectRefused('POST', `/api/runs/cli-run/${action}`, 409, /started outside this page[^"]*wolkvox-bulk resume /);
    const since = await post(`/api/uploads/${upload.upload}/start`, { mapping: MAPPING, options: { since: 'planted' }, folder: 'with-since' });
    answers.push(since.body);
    expect(since.status).toBe(409);
    // A preview's reads are copied into the new run: never from a folder with a link in it.
    const reuse = await post(`/api/uploads/${upload.upload}/start`, { mapping: MAPPING, options: { reusePreview: 'planted' }, folder: 'with-reuse' });
    answers.push(reuse.body);
    expect({ status: reuse.status, body: reuse.body }).toMatchObject({ status: 409, body: expect.stringMatching(/not one the page can act on/) });
    const listed = await get('/api/runs');
    answers.push(listed.body, (await get('/api/runs/planted')).body, (await get('/api/runs/linked')).body);
    expect(answers.filter((body) => body.includes(SECRET))).toEqual([]);
    expect(crm.stats.calls).toBe(calls);

    // What the list says: the planted copy offers no linked file and no action; the CLI run its own reports only.
    const runs = Object.fromEntries((JSON.parse(listed.body) as { runs: { name: string; downloads: string[]; resumable: boolean; fromPage: boolean }[] }).runs.map((run) => [run.name, run]));
    expect(runs.planted).toMatchObject({ resumable: false, fromPage: false });
    expect(runs.planted?.downloads).not.toContain('results.csv');
    expect(runs.planted?.downloads).not.toContain('summary.json');
    expect(runs['cli-run']).toMatchObject({ resumable: false, fromPage: false, downloads: expect.arrayContaining(['results.csv', 'summary.json']) });
    expect(runs['page-run']).toMatchObject({ resumable: true, fromPage: true, downloads: expect.arrayContaining(['results.csv', 'mapping.json']) });
    expect((await get('/api/runs/cli-run/files/results.csv')).status).toBe(200);

    // A mappings folder replaced by a link out: a new run from that upload writes nothing through it.
    const outside = path.join(ui.cwd, 'outside');
    fs.mkdirSync(outside);
    fs.renameSync(path.join(uploads, upload.upload, 'mappings'), path.join(uploads, upload.upload, 'mappings-old'));
    fs.symlinkSync(outside, path.join(uploads, upload.upload, 'mappings'));
    const through = await post(`/api/uploads/${upload.upload}/start`, { mapping: MAPPING, options: { dryRun: true }, folder: 'through-link' });
    expect(through.status).toBe(409);
    expect(fs.readdirSync(outside)).toEqual([]);
    fs.rmSync(path.join(uploads, upload.upload, 'mappings'));
    fs.renameSync(path.join(uploads, upload.upload, 'mappings-old'), path.join(uploads, upload.upload, 'mappings'));

    // The page's own run is still its to resume.
    expect((await post('/api/runs/page-run/resume')).status).toBe(202);
    await expect.poll(() => runState('page-run'), { timeout: 30_000 }).toBe('finished');
    expect(crm.ledger.map((entry) => entry.id).filter((id) => id === 'r3' || id === 'r4').sort()).toEqual(['r3', 'r4']);
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
  await expect.poll(() => page.getByLabel('Fixed value of field Segmento').inputValue()).toBe('Campaña Q4');
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
  await page.getByRole('group', { name: 'Send?' }).getByRole('button', { name: /^Yes, send/ }).click();
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
