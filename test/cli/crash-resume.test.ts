import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldJournal } from '../store/fold.js';
import { drawFor } from '../../src/mock/random.js';
import { CLI, mockServer, runCli, TOKEN, until } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

const ROWS = 300;

describe('kill -9 at a random point, then resume', () => {
  it.each([1, 2, 3, 4])('seed %i: nothing lost, nothing with a journaled outcome sent twice', async (seed) => {
    const server = await mockServer({ latencyMs: 3, jitterMs: 2, seed });
    const job = csvJob(ROWS);
    const env = { ...process.env, WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const killAt = 10 + Math.floor(drawFor(seed, 0, 7) * (ROWS - 40));
    const child = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--quiet', '--yes'], { env });
    const closed = once(child, 'close');
    await until(() => server.ledger.length >= killAt);
    child.kill('SIGKILL');
    await closed;

    // What the crash left: the journal's finished rows, and what the CRM had applied.
    const journal = await foldJournal(path.join(job.out, 'journal.ndjson'), ROWS);
    const finished = new Set<string>();
    for (let ordinal = 0; ordinal < ROWS; ordinal += 1) if (journal.table.outcome(ordinal)?.status === 'updated') finished.add(idFor(ordinal + 1));
    const appliedBefore = new Map<string, number>();
    for (const entry of server.ledger) appliedBefore.set(entry.id, (appliedBefore.get(entry.id) ?? 0) + 1);
    expect(finished.size).toBeGreaterThan(0);
    for (const id of finished) expect(appliedBefore.get(id)).toBe(1);

    const resumed = await runCli(['resume', job.out, '--json', '--yes'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({ counts: { updated: ROWS }, sessions: 2 });

    const appliedAfter = new Map<string, number>();
    for (const entry of server.ledger) appliedAfter.set(entry.id, (appliedAfter.get(entry.id) ?? 0) + 1);
    // Every row applied at least once; rows the journal had finished were not sent again.
    for (let n = 1; n <= ROWS; n += 1) expect(appliedAfter.get(idFor(n)) ?? 0).toBeGreaterThanOrEqual(1);
    for (const id of finished) expect(appliedAfter.get(id)).toBe(1);
    // Only the rows in flight at the crash can have gone twice, and the report says how many were re-sent.
    const twice = [...appliedAfter.values()].filter((count) => count > 1).length;
    expect(twice).toBeLessThanOrEqual(summary.resent);
    // At most the 2 calls in flight, plus one answered in the instant before its journal line was written.
    expect(summary.resent).toBeLessThanOrEqual(3);
    expect(readResults(job.out).every((row) => row._wvx_status === 'updated')).toBe(true);
    expect(server.ledger.length).toBe(ROWS + twice);
  });
});
