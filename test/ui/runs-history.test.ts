import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';
import { startUi } from './browser.js';
import { raw, sessionCookie } from './raw-http.js';

// Issue 21: the page's Results list is the library's run history: its order (newest first, whatever the
// folders are called) and its reading of each run's state, the same as `wolkvox-bulk runs`.
describe('the page\'s list of runs is the run history', () => {
  it('lists the runs in the order `runs --json` gives, newest first, with the states it reads', async () => {
    const crm = await mockServer();
    const ui = await startUi();
    const job = csvJob(3);
    fs.mkdirSync(ui.runs, { recursive: true });
    // Named against their age: by name backwards the oldest would come first.
    for (const name of ['zzz-oldest', 'mmm-stopped', 'aaa-newest']) {
      const more = name === 'mmm-stopped' ? ['--limit', '1'] : [];
      const result = await runCli(['update', job.file, '-m', job.mapping, '--out', path.join(ui.runs, name), '--yes', '--quiet', ...more], { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: crm.url } });
      expect(result.code).toBe(name === 'mmm-stopped' ? 3 : 0);
    }
    // The index is gone: the page's list and the command's are still the same, from the folders.
    fs.rmSync(path.join(ui.runs, '.wolkvox-runs.ndjson'));
    const { cookie } = await sessionCookie(ui.url);
    const page = JSON.parse((await raw(ui.port, { path: '/api/runs', headers: { Cookie: cookie } })).body) as { runs: { name: string; state: string; resumable: boolean }[] };
    const history = JSON.parse((await runCli(['runs', ui.runs, '--json'])).stdout) as { runs: { name: string }[] };
    expect(page.runs.map((run) => run.name)).toEqual(['aaa-newest', 'mmm-stopped', 'zzz-oldest']);
    expect(history.runs.map((run) => run.name)).toEqual(page.runs.map((run) => run.name));
    expect(page.runs.map((run) => [run.state, run.resumable])).toEqual([['finished', false], ['stopped', false], ['finished', false]]);
  });
});
