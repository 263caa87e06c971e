import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { readRunFile } from '../../src/store/run-file.js';
import { runPaths } from '../../src/store/run-folder.js';
import { expectError, mockServer, tempDir, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor, readResults } from './fixtures.js';

// Day n's file: rows whose number `changed` picks get another city that day.
const day = (rows: number, changed: (n: number) => string | undefined = () => undefined) =>
  csvJob(rows, { edit: (n, row) => [row[0] as string, row[1] as string, changed(n) ?? 'Bogotá'] });

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const sent = (server: { ledger: readonly { id: string }[] }, from = 0) => server.ledger.slice(from).map((entry) => entry.id).sort();

describe('update --since: only what changed since an earlier run, with no reads', () => {
  it('day two with 2 % of the rows changed sends exactly those rows: calls = changed rows, no reads', async () => {
    const server = await mockServer();
    const dayOne = day(500);
    expect((await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST })).counts.updated).toBe(500);
    const changed = (n: number) => (n % 50 === 0 ? 'Medellín' : undefined);
    const dayTwo = day(500, changed);
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, onEvent: (event) => events.push(event), ...FAST });
    expect(summary).toMatchObject({ counts: { updated: 10, unchanged: 490, failed: 0, not_sent: 0 }, calls: 10, exitCode: 0 });
    expect(events[0]).toMatchObject({ type: 'plan', plan: { toSend: 10, unchanged: 490, skipped: 0 } });
    expect(sent(server, 500)).toEqual(Array.from({ length: 10 }, (_, n) => idFor((n + 1) * 50)));
    expect(server.ledger.slice(500).every((entry) => entry.fields.Ciudad === 'Medellín')).toBe(true);
    expect(server.stats).toMatchObject({ queryCalls: 0, queryDatesCalls: 0, updateCalls: 510 });
    const results = readResults(dayTwo.out);
    expect(results[0]).toMatchObject({ _wvx_status: 'unchanged', _wvx_message: `same values as sent by ${path.basename(dayOne.out)} (--since)`, _wvx_attempts: '0' });
    expect(results[49]).toMatchObject({ _wvx_status: 'updated' });
    expect(readRunFile(runPaths(dayTwo.out)).since).toMatchObject({ dir: path.resolve(dayOne.out), baseline: { bytes: 16 + 500 * 16 } });
  });

  it('a row whose update failed yesterday is sent today, with its unchanged values', async () => {
    const broken = await mockServer({ knownIds: Array.from({ length: 20 }, (_, n) => idFor(n + 1)).filter((id) => id !== idFor(4) && id !== idFor(9)) });
    const dayOne = day(20);
    expect((await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: broken.url, token: TOKEN, out: dayOne.out, ...FAST })).counts).toMatchObject({ updated: 18, failed: 2 });
    // The same CRM (same address) once the two records are fixed.
    await broken.close();
    const fixed = await mockServer({ port: Number(new URL(broken.url).port) });
    const dayTwo = day(20);
    const summary = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: fixed.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, ...FAST });
    expect(summary).toMatchObject({ counts: { updated: 2, unchanged: 18 }, calls: 2 });
    expect(sent(fixed)).toEqual([idFor(4), idFor(9)]);
  });

  it('carries unchanged rows forward: day three --since day two skips rows unchanged on day two too', async () => {
    const server = await mockServer();
    const dayOne = day(100);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    const dayTwo = day(100, (n) => (n === 10 || n === 20 ? 'Cali' : undefined));
    expect((await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, ...FAST })).calls).toBe(2);
    // Day three: row 30 changes; row 10 keeps day two's value; row 20 goes back to day one's, which the CRM no longer holds.
    const dayThree = day(100, (n) => (n === 10 ? 'Cali' : n === 30 ? 'Pasto' : undefined));
    const summary = await runUpdate({ file: dayThree.file, mapping: dayThree.mapping, server: server.url, token: TOKEN, out: dayThree.out, since: dayTwo.out, ...FAST });
    expect(summary).toMatchObject({ counts: { updated: 2, unchanged: 98 }, calls: 2 });
    expect(sent(server, 102)).toEqual([idFor(20), idFor(30)]);
    expect(server.stats.queryCalls + server.stats.queryDatesCalls).toBe(0);
  });

  it('writes a private baseline of 16 bytes a row, whatever the row count', async () => {
    const server = await mockServer();
    const perRow: number[] = [];
    for (const rows of [50, 1000]) {
      const job = day(rows);
      await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, concurrency: 8, ...FAST });
      const stat = fs.statSync(path.join(job.out, 'baseline.bin'));
      expect(stat.mode & 0o777).toBe(0o600);
      expect(stat.size).toBe(16 + rows * 16);
      perRow.push((stat.size - 16) / rows);
    }
    expect(perRow).toEqual([16, 16]);
  });

  it('rows of an id on several rows (--duplicates all) are all sent, even when the last equals the baseline', async () => {
    const server = await mockServer();
    const dayOne = day(5);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    // Row 2 changes; row 5 carries id 2 too, with day one's values. Skipping row 5 as unchanged would let
    // row 2 have the last word, against the file.
    const dayTwo = csvJob(5, { edit: (n, row) => (n === 2 ? [idFor(2), 'Cliente 2', 'Tunja'] : n === 5 ? [idFor(2), 'Cliente 2', 'Bogotá'] : row) });
    const summary = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, duplicates: 'all', ...FAST });
    expect(summary).toMatchObject({ counts: { updated: 2, unchanged: 3 }, calls: 2 });
    expect(server.ledger.slice(5).map((entry) => [entry.id, entry.fields.Ciudad])).toEqual([[idFor(2), 'Tunja'], [idFor(2), 'Bogotá']]);
    // With --duplicates first, row 5 is left out as a duplicate: counted skipped, not unchanged.
    const events: JobEvent[] = [];
    const first = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: path.join(dayTwo.dir, 'first'), since: dayOne.out, duplicates: 'first', onEvent: (event) => events.push(event), ...FAST });
    expect(first).toMatchObject({ counts: { updated: 1, unchanged: 3, skipped: 1 }, calls: 1 });
    expect(events[0]).toMatchObject({ type: 'plan', plan: { toSend: 1, unchanged: 3, skipped: 1 } });
    // The run that sent id 2 twice leaves it out of its baseline: 3 unchanged rows, carried forward.
    expect(fs.statSync(path.join(dayTwo.out, 'baseline.bin')).size).toBe(16 + 3 * 16);
  });

  it('with --skip-unchanged, --since settles its rows first: only the other ids are read, then compared', async () => {
    const server = await mockServer({ records: Array.from({ length: 400 }, (_, n) => ({ wolkvox_id: idFor(n + 1), Nombre: `Cliente ${n + 1}`, Ciudad: 'Bogotá' })) });
    const dayOne = day(400);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    // Rows 1 and 2 change: the snapshot is for those two ids only, at most a call each.
    const dayTwo = day(400, (n) => (n <= 2 ? 'Armenia' : undefined));
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, skipUnchanged: true, onEvent: (event) => events.push(event), ...FAST });
    expect(events[0]).toMatchObject({ type: 'plan', plan: { toSend: 2, unchanged: 398, snapshot: { ids: 2 } } });
    expect(summary).toMatchObject({ counts: { updated: 2, unchanged: 398 } });
    expect(server.stats.queryCalls + server.stats.queryDatesCalls).toBeLessThanOrEqual(2);
    expect(sent(server, 400)).toEqual([idFor(1), idFor(2)]);
  });

  it('a dry run shows what --since leaves out, and leaves no baseline of its own', async () => {
    const server = await mockServer();
    const dayOne = day(30);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    const dayTwo = day(30, (n) => (n <= 3 ? 'Neiva' : undefined));
    const events: JobEvent[] = [];
    const summary = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, out: dayTwo.out, since: dayOne.out, dryRun: true, onEvent: (event) => events.push(event) });
    expect(summary.counts).toMatchObject({ would_send: 3, unchanged: 27 });
    expect(events[0]).toMatchObject({ type: 'plan', plan: { toSend: 3, unchanged: 27 } });
    expect(fs.existsSync(path.join(dayTwo.out, 'baseline.bin'))).toBe(false);
  });

  it('resume of a --since run keeps it: the rest of the changed rows, and no unchanged row, go', async () => {
    const server = await mockServer();
    const dayOne = day(60);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    const dayTwo = day(60, (n) => (n % 10 === 0 ? 'Ibagué' : undefined));
    const first = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, maxCalls: 2, ...FAST });
    expect(first).toMatchObject({ stopReason: 'max-calls', counts: { updated: 2, unchanged: 54, not_sent: 4 } });
    const rest = await resumeRun({ runDir: dayTwo.out, token: TOKEN, maxCalls: 0, ...FAST });
    expect(rest).toMatchObject({ sessions: 2, counts: { updated: 6, unchanged: 54, not_sent: 0 }, calls: 6, exitCode: 0 });
    expect(sent(server, 60)).toEqual([10, 20, 30, 40, 50, 60].map(idFor));
    // The baseline after the resume holds every row: 6 updated, 54 carried forward.
    expect(fs.statSync(path.join(dayTwo.out, 'baseline.bin')).size).toBe(16 + 60 * 16);
  });

  it('resume goes on with what the check decided, whatever became of the --since run since; another server is refused', async () => {
    const server = await mockServer();
    const dayOne = day(10);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    const dayTwo = day(10, (n) => (n > 5 ? 'Yopal' : undefined));
    const first = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, maxCalls: 1, ...FAST });
    expect(first).toMatchObject({ counts: { updated: 1, unchanged: 5, not_sent: 4 } });
    // The rows found unchanged are in the plan: the earlier run's folder is no longer needed.
    fs.rmSync(dayOne.out, { recursive: true });
    const other = await mockServer();
    const calls = server.stats.calls;
    await expectError(resumeRun({ runDir: dayTwo.out, token: TOKEN, server: other.url, ...FAST }), {
      code: 'RUN_INVALID',
      message: new RegExp(`^Another server: .* \\(given as --since\\) updated ${escaped(server.url)}; this run updates ${escaped(other.url)}`),
    });
    const rest = await resumeRun({ runDir: dayTwo.out, token: TOKEN, maxCalls: 0, ...FAST });
    expect(rest).toMatchObject({ sessions: 2, counts: { updated: 5, unchanged: 5, not_sent: 0 }, exitCode: 0 });
    expect(server.stats.calls - calls).toBe(4);
    expect(other.stats.calls).toBe(0);
  });
});

describe('update --since refuses a folder that cannot be a baseline (exit 2, nothing sent, no run folder)', () => {
  it.each([
    ['a folder that is not a run folder', () => tempDir(), /^Not a run folder: .* \(given as --since\) has no run\.json\. Give the folder of an earlier update run/],
    ['a folder that does not exist', () => path.join(tempDir(), 'nothing-here'), /^Not a run folder: .*nothing-here \(given as --since\)/],
  ])('%s', async (_name, folder, message) => {
    const server = await mockServer();
    const job = day(5);
    const since = folder();
    await expectError(runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, since, ...FAST }), { code: 'RUN_INVALID', message, file: since });
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(job.out)).toBe(false);
  });

  it('a dry run, a run with no baseline, and a run of another module', async () => {
    const server = await mockServer();
    const dry = day(5);
    await runUpdate({ file: dry.file, mapping: dry.mapping, out: dry.out, dryRun: true });
    const old = day(5);
    await runUpdate({ file: old.file, mapping: old.mapping, server: server.url, token: TOKEN, out: old.out, ...FAST });
    fs.rmSync(path.join(old.out, 'baseline.bin'));
    const leads = day(5);
    await runUpdate({ file: leads.file, mapping: leads.mapping, server: server.url, token: TOKEN, out: leads.out, module: 'leads', ...FAST });
    const calls = server.stats.calls;
    const job = day(5);
    const attempt = (since: string) => runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, since, ...FAST });
    await expectError(attempt(dry.out), { code: 'RUN_INVALID', message: /^No baseline: .* \(given as --since\) was a dry run, which sent nothing\./, file: dry.out });
    await expectError(attempt(old.out), { code: 'RUN_INVALID', message: /^No baseline: .* has no baseline\.bin\. It was made by an older version .*wolkvox-bulk resume /, file: old.out });
    await expectError(attempt(leads.out), { code: 'RUN_INVALID', message: /^Another target: .* updated operation op, module leads; this run updates operation op, module contacts/, file: leads.out });
    expect(server.stats.calls).toBe(calls);
    expect(fs.existsSync(job.out)).toBe(false);
  });

  it('a run made against another server (issue 17 item 2): its baseline says nothing of this CRM\'s records', async () => {
    const other = await mockServer();
    const dayOne = day(20);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: other.url, token: TOKEN, out: dayOne.out, ...FAST });
    const server = await mockServer();
    const dayTwo = day(20);
    await expectError(runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, ...FAST }), {
      code: 'RUN_INVALID',
      message: new RegExp(`^Another server: .* \\(given as --since\\) updated ${escaped(other.url)}; this run updates ${escaped(server.url)}, whose records that run never saw\\. Give a run made against the same server, or leave out --since`),
      file: dayOne.out,
    });
    expect(server.stats.calls).toBe(0);
    expect(fs.existsSync(dayTwo.out)).toBe(false);
    // A dry run names no server: it may still show what --since would leave out.
    const dry = await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, out: path.join(dayTwo.dir, 'dry'), since: dayOne.out, dryRun: true });
    expect(dry.counts).toMatchObject({ unchanged: 20 });
  });

  it('resume of a --since run with --server changed to another CRM is refused before any call', async () => {
    const server = await mockServer();
    const dayOne = day(10);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    const dayTwo = day(10, (n) => (n > 5 ? 'Yopal' : undefined));
    await runUpdate({ file: dayTwo.file, mapping: dayTwo.mapping, server: server.url, token: TOKEN, out: dayTwo.out, since: dayOne.out, maxCalls: 1, ...FAST });
    const other = await mockServer();
    await expectError(resumeRun({ runDir: dayTwo.out, token: TOKEN, server: other.url, ...FAST }), { code: 'RUN_INVALID', message: /^Another server: .* \(given as --since\) updated / });
    expect(other.stats.calls).toBe(0);
  });

  it('a damaged baseline', async () => {
    const server = await mockServer();
    const dayOne = day(5);
    await runUpdate({ file: dayOne.file, mapping: dayOne.mapping, server: server.url, token: TOKEN, out: dayOne.out, ...FAST });
    const file = path.join(dayOne.out, 'baseline.bin');
    fs.truncateSync(file, 40);
    const job = day(5);
    await expectError(runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, since: dayOne.out, ...FAST }), {
      code: 'RUN_DAMAGED',
      message: /^Damaged baseline: .*baseline\.bin should hold 5 entries in 96 bytes, but has 40 bytes\. Leave out --since/,
    });
  });

  it('an empty --since is a usage error naming the option', async () => {
    const job = day(2);
    await expectError(runUpdate({ file: job.file, mapping: job.mapping, out: job.out, dryRun: true, since: ' ' }), { code: 'USAGE', message: /^Expected `since` to be the folder of an earlier run, got `" "` \(string\)\.$/ });
  });
});
