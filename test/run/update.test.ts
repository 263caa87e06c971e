import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import { runUpdate } from '../../src/run/update.js';
import { expectError, mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor, readResults } from './fixtures.js';
import { FRONT_CERT, lateTlsFront } from './late-tls.js';

describe('runUpdate against the simulated server', () => {
  it('updates every row once, with the exact body, and reports each row in input order', async () => {
    const server = await mockServer({ latencyMs: 5 });
    const job = csvJob(30);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, onEvent: (event) => events.push(event), ...FAST });
    expect(summary).toMatchObject({ rows: 30, counts: { updated: 30, failed: 0 }, calls: 30, callsPerUpdated: 1, exitCode: 0, sessions: 1 });
    expect(server.ledger).toHaveLength(30);
    expect([...server.ledger].sort((a, b) => a.id.localeCompare(b.id))[6]).toMatchObject({ operation: 'op', module: 'contacts', id: idFor(7), fields: { Nombre: 'Cliente 7', Ciudad: 'Bogotá' } });
    const results = readResults(job.out);
    expect(results.map((row) => row._wvx_row)).toEqual(Array.from({ length: 30 }, (_, n) => String(n + 2)));
    expect(results[0]).toMatchObject({ _wvx_id: idFor(1), _wvx_status: 'updated', _wvx_http: '200', _wvx_code: '200', _wvx_attempts: '1', Nombre: 'Cliente 1' });
    expect(events.filter((event) => event.type === 'row')).toHaveLength(30);
    expect(events[0]).toMatchObject({ type: 'plan', plan: { toSend: 30, concurrency: 2 } });
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('survives 5xx, resets, lost answers and a maintenance window: every row updated, nothing applied that is called failed', async () => {
    const server = await mockServer({ seed: 11, latencyMs: 2, faults: { serverError: 0.05, reset: 0.02, hang: 0.01, maintenance: { after: 40, calls: 15 } } });
    const job = csvJob(300);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, timeoutSeconds: 0.3, retries: 8, ...FAST });
    expect(summary.counts).toMatchObject({ updated: 300, failed: 0, not_sent: 0 });
    expect(summary.retries).toBeGreaterThan(15);
    expect(summary.refused).toMatchObject({ maintenance: expect.any(Number), 'server-error': expect.any(Number), network: expect.any(Number), timeout: expect.any(Number) });
    const applied = server.ledger.map((entry) => entry.id);
    expect(new Set(applied).size).toBe(300);
    expect(summary.calls).toBe(server.stats.updateCalls);
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('never has more calls in flight than --concurrency, even when the server allows more', async () => {
    const server = await mockServer({ latencyMs: 10, concurrencyLimit: 10 });
    const job = csvJob(60);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, concurrency: 3, ...FAST });
    expect(summary.counts.updated).toBe(60);
    expect(server.stats.maxInFlight).toBe(3);
  });

  it('lowers its concurrency when the CRM refuses too many calls at once, and still updates everything', async () => {
    const server = await mockServer({ latencyMs: 10, concurrencyLimit: 2 });
    const job = csvJob(40);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, concurrency: 4, onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts.updated).toBe(40);
    expect(events.find((event) => event.type === 'concurrency')).toMatchObject({ from: 4, to: 3 });
    expect(summary.refused['over-concurrency']).toBe(server.stats.refused.concurrency);
    expect(server.ledger).toHaveLength(40);
  });

  // The first window's calls used to wait for the HTTP client's loading after the rate window had begun,
  // so they reached the CRM late and the next window's first calls, on time, found it still full: two
  // 429s a run of the bench's scenario 2 (each refused call may cost quota).
  // The tool runs as its own process, as a user runs it: in this test's process, the simulated CRM would
  // take each call in only once the tool's own work on the same thread let it, and count it as arriving late.
  // The first window's calls go out cold (new sockets, code not yet optimised) and reach the CRM late: the
  // pacer counts each call from its write (from its answer on a new connection), not its start (rate-gate.ts).
  it('--rate 20 against a CRM that takes 20 a second: none refused', async () => {
    const server = await mockServer({ rateLimit: 20 });
    const job = csvJob(60);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--rate', '20', '--concurrency', '20', '--yes', '--json', '--quiet'], { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { counts: { updated: number }; calls: number };
    expect(summary.counts.updated).toBe(60);
    expect(server.stats.refused.rate).toBe(0);
    expect(summary.calls).toBe(60);
  });

  it('--rate 20 whose first calls leave late (their connections slow to open): the CRM never sees more than 20 in a second', async () => {
    const server = await mockServer({ rateLimit: 20 });
    // The first window's first connections open 600 ms late; counted from when they started, their calls
    // left the next window's, on time, to arrive within the CRM's second of them.
    const front = await lateTlsFront(server.port, { late: 5, holdMs: 600 });
    const job = csvJob(60);
    const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: front.url, NODE_EXTRA_CA_CERTS: FRONT_CERT };
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--rate', '20', '--concurrency', '20', '--yes', '--json', '--quiet'], { env });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { counts: { updated: number }; calls: number };
    expect(summary.counts.updated).toBe(60);
    // The late calls were late: some arrived 600 ms after the first.
    const first = server.callLog[0]?.at ?? 0;
    expect(server.callLog.filter((call) => call.at - first >= 600).length).toBeGreaterThan(0);
    expect(server.stats.refused.rate).toBe(0);
    expect(summary.calls).toBe(60);
  });

  it('pauses the whole pool on a 429 and honours Retry-After', async () => {
    const server = await mockServer({ rateLimit: 10 });
    const job = csvJob(25);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, onEvent: (event) => events.push(event), ...FAST });
    expect(summary.counts.updated).toBe(25);
    const pause = events.find((event) => event.type === 'pause');
    expect(pause).toMatchObject({ reason: 'rate-limited' });
    expect(pause && pause.type === 'pause' && pause.ms).toBeGreaterThanOrEqual(1000);
  });

  it('attempts a row-class failure exactly once and reports it with what the server said', async () => {
    const server = await mockServer({ knownIds: Array.from({ length: 10 }, (_, n) => idFor(n + 1)).filter((id) => id !== idFor(4)) });
    const job = csvJob(10);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    expect(summary).toMatchObject({ counts: { updated: 9, failed: 1 }, calls: 10, exitCode: 1, errors: [{ message: 'RECORD NOT FOUND', count: 1, exampleRow: 5 }] });
    expect(server.stats.refused.notFound).toBe(1);
    expect(readResults(job.out)[3]).toMatchObject({ _wvx_status: 'failed', _wvx_http: '404', _wvx_code: '404', _wvx_message: 'RECORD NOT FOUND', _wvx_attempts: '1' });
    const failed = fs.readFileSync(path.join(job.out, 'failed.csv'), 'utf8');
    expect(failed).toBe(`id,Nombre,Ciudad,_wvx_status,_wvx_error\r\n${idFor(4)},Cliente 4,Bogotá,failed,RECORD NOT FOUND\r\n`);
  });

  it('stops on a fatal answer: calls in flight finish, the rest is not_sent, exit 4', async () => {
    const server = await mockServer({ tokens: ['other'], latencyMs: 5 });
    const job = csvJob(20);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    expect(summary.stopReason).toBe('fatal');
    expect(summary.stopMessage).toContain('PLEASE VALIDATE TOKEN');
    expect(summary.exitCode).toBe(4);
    expect(summary.counts.failed).toBeLessThanOrEqual(2);
    expect(summary.counts.not_sent).toBe(20 - summary.counts.failed);
    expect(summary.calls).toBeLessThanOrEqual(2);
  });

  it('stops at the daily quota with exit 3, resumable', async () => {
    const server = await mockServer({ quota: 12 });
    const job = csvJob(20);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    expect(summary).toMatchObject({ stopReason: 'quota', exitCode: 3, counts: { updated: 12, not_sent: 8 } });
    expect(server.ledger).toHaveLength(12);
  });

  it('stops cleanly when its signal is aborted: reports every row, exit 3', async () => {
    const server = await mockServer({ latencyMs: 20 });
    const job = csvJob(100);
    const controller = new AbortController();
    let rows = 0;
    const summary = await runUpdate({
      file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, signal: controller.signal, ...FAST,
      onEvent: (event) => {
        if (event.type === 'row' && ++rows === 10) controller.abort();
      },
    });
    expect(summary).toMatchObject({ stopReason: 'interrupted', exitCode: 3 });
    expect(summary.counts.updated).toBe(server.ledger.length);
    expect(summary.counts.updated + summary.counts.not_sent).toBe(100);
    expect(summary.counts.updated).toBeLessThan(20);
    expect(readResults(job.out)).toHaveLength(100);
  });

  it('checks the whole file before the first call: invalid rows or duplicate ids send nothing', async () => {
    const server = await mockServer();
    const invalid = csvJob(5, { edit: (n, row) => (n === 3 ? ['', ...row.slice(1)] : row) });
    await expectError(runUpdate({ file: invalid.file, mapping: invalid.mapping, server: server.url, token: TOKEN, out: invalid.out }), {
      code: 'ROWS_INVALID',
      message: /1 of 5 rows in datos\.csv cannot be sent\. Nothing was sent\.\n {2}line 4/,
    });
    const duplicated = csvJob(5, { edit: (n, row) => (n === 5 ? [idFor(2), ...row.slice(1)] : row) });
    await expectError(runUpdate({ file: duplicated.file, mapping: duplicated.mapping, server: server.url, token: TOKEN, out: duplicated.out }), {
      code: 'DUPLICATE_IDS',
      message: new RegExp(`${idFor(2)}: lines 3 and 6`),
    });
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(invalid.out)).toBe(false);
  });

  it('--skip-invalid sends the valid rows and reports the invalid ones', async () => {
    const server = await mockServer();
    const job = csvJob(5, { edit: (n, row) => (n === 3 ? ['', ...row.slice(1)] : row) });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, skipInvalid: true, ...FAST });
    expect(summary).toMatchObject({ counts: { updated: 4, invalid: 1 }, calls: 4, exitCode: 1 });
    expect(readResults(job.out)[2]).toMatchObject({ _wvx_status: 'invalid', _wvx_attempts: '0' });
  });

  it.each([
    ['first', [2], 'Primero'],
    ['last', [4], 'Último'],
  ] as const)('--duplicates %s sends one row per id and skips the others', async (policy, sentRows, name) => {
    const server = await mockServer();
    const job = csvJob(4, { edit: (n, row) => (n === 1 ? [idFor(9), 'Primero', 'Cali'] : n === 3 ? [idFor(9), 'Último', 'Cali'] : row) });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, duplicates: policy, ...FAST });
    expect(summary.counts).toMatchObject({ updated: 3, skipped: 1 });
    expect(server.ledger.filter((entry) => entry.id === idFor(9)).map((entry) => entry.fields.Nombre)).toEqual([name]);
    const results = readResults(job.out);
    expect(results.filter((row) => row._wvx_id === idFor(9) && row._wvx_status === 'updated').map((row) => Number(row._wvx_row))).toEqual(sentRows);
  });

  it('--duplicates all sends rows of the same id one after another, in file order', async () => {
    const server = await mockServer({ latencyMs: 15, concurrencyLimit: 4 });
    const job = csvJob(12, { edit: (n, row) => (n % 3 === 0 ? [idFor(99), `v${n}`, 'Cali'] : row) });
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, duplicates: 'all', concurrency: 4, ...FAST });
    expect(summary.counts.updated).toBe(12);
    expect(server.ledger.filter((entry) => entry.id === idFor(99)).map((entry) => entry.fields.Nombre)).toEqual(['v3', 'v6', 'v9', 'v12']);
  });

  it('--limit sends only the first rows and stops resumable; --dry-run sends nothing', async () => {
    const server = await mockServer();
    const job = csvJob(10);
    const canary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, limit: 3, ...FAST });
    expect(canary).toMatchObject({ stopReason: 'limit', exitCode: 3, counts: { updated: 3, not_sent: 7 } });
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual([idFor(1), idFor(2), idFor(3)]);
    const dry = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: `${job.out}-dry`, dryRun: true });
    expect(dry).toMatchObject({ exitCode: 0, calls: 0, counts: { would_send: 10, not_sent: 0 } });
    expect(readResults(`${job.out}-dry`)[0]).toMatchObject({ _wvx_status: 'would_send', _wvx_message: '' });
    expect(server.ledger).toHaveLength(3);
  });

  it('feeds failed.csv back: after the CRM is fixed, the failed rows go through with the same mapping', async () => {
    const known = new Set(Array.from({ length: 8 }, (_, n) => idFor(n + 1)));
    known.delete(idFor(2));
    known.delete(idFor(6));
    const broken = await mockServer({ knownIds: known });
    const job = csvJob(8);
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: broken.url, token: TOKEN, out: job.out, ...FAST });
    expect(first.counts).toMatchObject({ updated: 6, failed: 2 });
    const fixed = await mockServer();
    const again = await runUpdate({ file: path.join(job.out, 'failed.csv'), mapping: job.mapping, server: fixed.url, token: TOKEN, out: `${job.out}-2`, ...FAST });
    expect(again).toMatchObject({ rows: 2, counts: { updated: 2 }, exitCode: 0 });
    expect(fixed.ledger.map((entry) => entry.id)).toEqual([idFor(2), idFor(6)]);
  });

  it('keeps the token out of every file of the run folder', async () => {
    const secret = 'tok-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
    const server = await mockServer({ tokens: [secret], knownIds: [idFor(1)], faults: { reset: 0.3 } });
    const job = csvJob(5);
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: secret, out: job.out, ...FAST });
    for (const name of fs.readdirSync(job.out)) expect(fs.readFileSync(path.join(job.out, name), 'utf8')).not.toContain(secret);
    expect(fs.statSync(job.out).mode & 0o777).toBe(0o700);
  });
});

describe('reports for people who work in Excel', () => {
  it('writes results.xlsx with coloured statuses and a filter, and failed.xlsx that the same mapping reads back', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const server = await mockServer({ knownIds: ['3f2ef51ff01baeb64c5eb162'] });
    const job = csvJob(1);
    const samples = path.resolve(import.meta.dirname, '../../samples');
    const summary = await runUpdate({
      file: path.join(samples, 'clientes.xlsx'), mapping: path.join(samples, 'clientes-xlsx.mapping.json'),
      server: server.url, token: TOKEN, out: job.out, reportFormat: 'xlsx', maxFailureRate: 0, ...FAST,
    });
    expect(summary.counts).toMatchObject({ updated: 1, failed: 23 });
    const results = new ExcelJS.Workbook();
    await results.xlsx.readFile(path.join(job.out, 'results.xlsx'));
    const sheet = results.getWorksheet('results');
    expect(sheet?.getRow(1).getCell(3).value).toBe('_wvx_status');
    expect(sheet?.getRow(2).getCell(3).value).toBe('updated');
    expect((sheet?.getRow(2).getCell(3).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFC6EFCE');
    expect((sheet?.getRow(3).getCell(3).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(sheet?.autoFilter).toBeTruthy();
    expect(sheet?.getColumn(6).width).toBe(70);
    // failed.xlsx keeps the sheet name and the header row, so the same mapping reads it as it is.
    const fixed = await mockServer();
    const again = await runUpdate({
      file: path.join(job.out, 'failed.xlsx'), mapping: path.join(samples, 'clientes-xlsx.mapping.json'),
      server: fixed.url, token: TOKEN, out: `${job.out}-again`, ...FAST,
    });
    expect(again).toMatchObject({ rows: 23, counts: { updated: 23 }, exitCode: 0 });
    expect(fixed.ledger[0]?.fields).toMatchObject({ 'Fecha de alta': '2023-02-01', Activo: true, Saldo: { type: 'currency', value: '248765.43', symbol: 'COP', convert: 248765.43 } });
  });
});

describe('the summary', () => {
  it('has exactly the shape the README documents', async () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const documented = JSON.parse(/### The summary[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '{}') as Record<string, unknown>;
    const server = await mockServer({ quota: 3 });
    const job = csvJob(5);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    expect(Object.keys(summary).sort()).toEqual(Object.keys(documented).sort());
    expect(Object.keys(summary.counts).sort()).toEqual(Object.keys(documented.counts as object).sort());
    expect(JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8'))).toEqual(summary);
  });
});

describe('options are checked once, by one rule each (issue 11)', () => {
  it('--rate 0.005 from the CLI and rate: 0.005 from the library give the same rule, each naming what was typed', async () => {
    const job = csvJob(2);
    const cli = await runCli(['update', job.file, '-m', job.mapping, '--rate', '0.005', '--dry-run']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--rate 0.005: expected a number of calls per second from 0.01 up.');
    await expectError(runUpdate({ file: job.file, mapping: job.mapping, dryRun: true, rate: 0.005 }), {
      code: 'USAGE',
      message: /^Expected `rate` to be a number of calls per second from 0\.01 up, got `0\.005` \(number\)\.$/,
    });
  });

  it('a dry run needs no server or token, and names no server in run.json or summary.json', async () => {
    const job = csvJob(2);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, dryRun: true, out: job.out });
    expect(summary).toMatchObject({ dryRun: true, counts: { would_send: 2 } });
    expect(summary.server).toBeUndefined();
    const run = JSON.parse(fs.readFileSync(path.join(job.out, 'run.json'), 'utf8'));
    expect(run.job.dryRun).toBe(true);
    expect(run.connection.server).toBeUndefined();
    expect(JSON.stringify(run)).not.toContain('127.0.0.1');
    expect(JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8')).server).toBeUndefined();
  });
});
