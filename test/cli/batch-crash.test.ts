import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldJournal } from '../store/fold.js';
import { CLI, mockServer, runCli, TOKEN, until } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

const ROWS = 400;
const BATCH = 20;
const CONCURRENCY = 2;

const countById = (ledger: readonly { readonly id: string }[]) => {
  const counts = new Map<string, number>();
  for (const entry of ledger) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
  return counts;
};

// Issue 12: a batch in flight when the process dies leaves its rows unknown; resume sends them again.
describe('kill -9 during a --batch job, then resume', () => {
  it.each([60, 210])('killed once the CRM applied %i records: nothing lost, at most --concurrency batches re-sent', async (killAt) => {
    const server = await mockServer({ latencyMs: 5, jitterMs: 3, seed: killAt });
    const job = csvJob(ROWS);
    const env = { ...process.env, WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const child = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--batch', String(BATCH), '--concurrency', String(CONCURRENCY), '--quiet', '--yes'], { env });
    const closed = once(child, 'close');
    await until(() => server.ledger.length >= killAt);
    child.kill('SIGKILL');
    const [, signal] = await closed;
    expect(signal).toBe('SIGKILL');

    // What the crash left: rows the journal finished, rows it began and never finished, what the CRM applied.
    const journal = await foldJournal(path.join(job.out, 'journal.ndjson'), ROWS);
    const finished = new Set<string>();
    for (let ordinal = 0; ordinal < ROWS; ordinal += 1) if (journal.table.outcome(ordinal)?.status === 'updated') finished.add(idFor(ordinal + 1));
    expect(finished.size).toBeGreaterThan(0);
    const before = countById(server.ledger);
    for (const id of finished) expect(before.get(id)).toBe(1);
    expect(journal.unfinished.size).toBeLessThanOrEqual(CONCURRENCY * BATCH);

    const resumed = await runCli(['resume', job.out, '--json', '--yes'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({ counts: { updated: ROWS }, sessions: 2, batch: { size: BATCH, used: BATCH } });
    // Exactly the rows the crash left unknown were sent again: at most the batches in flight.
    expect(summary.resent).toBe(journal.unfinished.size);
    expect(summary.resent).toBeLessThanOrEqual(CONCURRENCY * BATCH);

    const after = countById(server.ledger);
    for (let n = 1; n <= ROWS; n += 1) expect(after.get(idFor(n)) ?? 0, idFor(n)).toBeGreaterThanOrEqual(1);
    for (const id of finished) expect(after.get(id), id).toBe(1);
    const twice = [...after.values()].filter((count) => count > 1).length;
    expect(twice).toBeLessThanOrEqual(summary.resent);
    expect(server.ledger.length).toBe(ROWS + twice);
    expect(readResults(job.out).every((row) => row._wvx_status === 'updated')).toBe(true);
  });
});
