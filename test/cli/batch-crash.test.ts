import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
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
    // The reports were being written while the rows were sent: the kill left them half-written, beside their names.
    expect(scratchOf(job.out)).toContain(`results.csv.${child.pid}.tmp`);

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
    // The resume removed what the killed session left half-written.
    expect(scratchOf(job.out)).toEqual([]);
  });
});

// Files a session writes beside their final names (`<name>.<pid>.tmp`, the baseline's buckets).
const scratchOf = (dir: string) => fs.readdirSync(dir).filter((name) => /\.\d+\.(tmp|bucket\d+)$/.test(name));

/**
 * From the journal alone: the rows a crash left with their outcome unknown, which resume sends again. A row
 * is unknown when a call was begun for it and no later line gives its outcome (`row`), says its batch is
 * being narrowed down (`narrow`), or answers its call with an answer that was to be retried anyway.
 */
function leftUnknown(journalFile: string): Set<number> {
  const callOf = new Map<number, number>();
  const retried = new Set<number>();
  let calls = 0;
  for (const text of fs.readFileSync(journalFile, 'utf8').split('\n')) {
    if (text === '') continue;
    const line = JSON.parse(text);
    if (line.t === 'begin') {
      calls += 1;
      for (const ordinal of [line.o].flat()) callOf.set(ordinal, calls);
    } else if (line.t === 'answer' && line.r) retried.add(line.c);
    else if (line.t === 'row') callOf.delete(line.row.ordinal);
    // A row with the last row line's outcome (journal format 3).
    else if (line.t === 'same') callOf.delete(line.o);
    else if (line.t === 'narrow') for (const ordinal of line.o) callOf.delete(ordinal);
  }
  return new Set([...callOf].filter(([, call]) => !retried.has(call)).map(([ordinal]) => ordinal));
}

// Issue 17 item 1: a crash while batches' missing ids were being narrowed down re-sent 800–1,200 rows
// (8–12 batches): every batch being narrowed down was in flight as far as the journal knew.
describe('kill -9 while batches holding missing ids are narrowed down, then resume (issue 17, item 1)', () => {
  it.each([1, 2])('seed %i: at most --concurrency batches re-sent, every row right, the narrowing gone on with', async (seed) => {
    // One missing id in every batch of 20: every batch is narrowed down.
    const missing = new Set(Array.from({ length: ROWS / BATCH }, (_, index) => idFor(index * BATCH + 3 + ((index * 7 + seed) % 17))));
    const knownIds = Array.from({ length: ROWS }, (_, n) => idFor(n + 1)).filter((id) => !missing.has(id));
    const server = await mockServer({ latencyMs: 5, jitterMs: 3, seed, knownIds });
    const job = csvJob(ROWS);
    const env = { ...process.env, WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const child = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--batch', String(BATCH), '--concurrency', String(CONCURRENCY), '--quiet', '--yes'], { env });
    const closed = once(child, 'close');
    // Killed well into the run, while a call of at most half a batch (a narrowing) is being answered.
    const lastCallApplied = () => {
      const call = server.ledger.at(-1)?.call;
      let count = 0;
      for (let index = server.ledger.length - 1; index >= 0 && server.ledger[index]?.call === call; index -= 1) count += 1;
      return count;
    };
    await until(() => server.stats.updateManyCalls + server.stats.updateCalls >= 40 && lastCallApplied() <= BATCH / 2);
    child.kill('SIGKILL');
    const [, signal] = await closed;
    expect(signal).toBe('SIGKILL');

    const journalFile = path.join(job.out, 'journal.ndjson');
    const unknown = leftUnknown(journalFile);
    expect(unknown.size).toBeLessThanOrEqual(CONCURRENCY * BATCH);
    const journal = await foldJournal(journalFile, ROWS);
    const finished = new Set<string>();
    for (let ordinal = 0; ordinal < ROWS; ordinal += 1) if (journal.table.outcome(ordinal)?.status === 'updated') finished.add(idFor(ordinal + 1));
    const before = countById(server.ledger);
    // The kill came while batches were being narrowed down.
    expect(journal.narrowing.length).toBeGreaterThan(0);

    const resumed = await runCli(['resume', job.out, '--json', '--yes'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(resumed.code, resumed.stderr).toBe(1);
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({ counts: { updated: ROWS - missing.size, failed: missing.size }, sessions: 2 });
    expect(summary.resent).toBe(unknown.size);

    const after = countById(server.ledger);
    for (let n = 1; n <= ROWS; n += 1) {
      if (missing.has(idFor(n))) expect(after.get(idFor(n)), idFor(n)).toBeUndefined();
      else expect(after.get(idFor(n)) ?? 0, idFor(n)).toBeGreaterThanOrEqual(1);
    }
    for (const id of finished) expect(after.get(id), id).toBe(before.get(id));
    // Each batch being narrowed down went on from where it was (its first half, or its halves): no call of
    // the resume sent one of them whole again.
    const lines = fs.readFileSync(journalFile, 'utf8').trimEnd().split('\n').map((text) => JSON.parse(text));
    const resumeBegins = lines.slice(lines.findLastIndex((line) => line.t === 'session')).filter((line) => line.t === 'begin').map((line) => new Set([line.o].flat()));
    for (const group of journal.narrowing.filter((candidate) => candidate.members.length > 1)) {
      for (const sent of resumeBegins) expect(group.members.every((ordinal) => sent.has(ordinal)), `call ${group.call}'s batch sent whole again`).toBe(false);
    }
  });
});
