// Issue 17 item 6: a disk that fills up while a --batch job runs. The journal's begin line is what lets a
// resume know a call left; a call whose begin line could not be written went out untracked (the server
// saw 103 calls and 60 ids applied twice, the tool reported 102 and 40).
//
// The disk is made to fill up for real: the CLI runs under a file-size limit (`ulimit -f`, SIGXFSZ
// ignored), so a write past it fails with EFBIG in the kernel, as a full disk fails with ENOSPC. A small
// tmpfs needs privileges; /dev/full as the journal fails every write from the first (the session line,
// before any call) and reads back as endless zeros. The limit lets the run send for a while and then fail
// mid-run, where a call is about to leave. The limit is on each file, and the run's plan (every row, written
// whole before the first call) is larger than the journal it lets grow: so a first session sends a few rows
// with no limit, and the disk fills up in the resume that sends the rest.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

const env = (url: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: url });

/** The ids of every row the journal has a begin line for, and its begin lines. */
function begun(journalFile: string) {
  const ids = new Set<string>();
  let calls = 0;
  for (const line of fs.readFileSync(journalFile, 'utf8').split('\n')) {
    if (!line.includes('"t":"begin"')) continue;
    calls += 1;
    for (const ordinal of [JSON.parse(line).o].flat() as number[]) ids.add(idFor(ordinal + 1));
  }
  return { ids, calls };
}

describe('a disk that fills up during a --batch job (issue 17, item 6)', () => {
  // The first begin line of a batch of 999 is about 4.9 KB: past a 3 KiB limit with only the first
  // session's few lines before it (run.json and the log stay under it), so the very write that must
  // precede the call fails.
  it('a call whose begin line cannot be written never leaves', async () => {
    const server = await mockServer();
    const job = csvJob(1000);
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '1000', '--limit', '1', '--yes'], { env: env(server.url) });
    expect(first.code, first.stderr).toBe(3);
    const result = await runCli(['resume', job.out, '--yes'], { env: env(server.url), fileSizeLimitKib: 3 });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`Cannot write to the run folder ${job.out}`);
    expect(begun(path.join(job.out, 'journal.ndjson')).calls).toBe(1);
    expect(server.stats.updateManyCalls).toBe(0);
    expect(server.ledger).toHaveLength(1);
  });

  // Mid-run: the limit is reached a few hundred rows in, by whichever write crosses it. Every id the CRM
  // applied has a begin line, the CRM saw exactly the calls the journal began, and resume finishes the job
  // re-sending only rows the journal knows were in flight.
  it.each([40, 56])('filled up mid-run (limit %i KiB): every call the CRM saw is in the journal; resume finishes', async (limitKib) => {
    const server = await mockServer({ latencyMs: 2 });
    const job = csvJob(2000);
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '20', '--limit', '20', '--yes'], { env: env(server.url) });
    expect(first.code, first.stderr).toBe(3);
    const result = await runCli(['resume', job.out, '--yes'], { env: env(server.url), fileSizeLimitKib: limitKib });
    expect(result.code, result.stderr).toBe(3);
    const journal = begun(path.join(job.out, 'journal.ndjson'));
    expect(server.stats.updateManyCalls).toBeLessThan(100);
    expect(server.stats.updateManyCalls).toBe(journal.calls);
    const untracked = [...new Set(server.ledger.map((entry) => entry.id))].filter((id) => !journal.ids.has(id));
    expect(untracked).toEqual([]);

    const resumed = await runCli(['resume', job.out, '--yes', '--json'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.counts.updated).toBe(2000);
    expect(summary.calls).toBe(server.stats.updateManyCalls);
    const times = new Map<string, number>();
    for (const entry of server.ledger) times.set(entry.id, (times.get(entry.id) ?? 0) + 1);
    const twice = [...times.values()].filter((count) => count > 1).length;
    expect(twice).toBeLessThanOrEqual(summary.resent);
    expect(readResults(job.out).every((row) => row._wvx_status === 'updated')).toBe(true);
  });
});
