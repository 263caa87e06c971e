import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST } from './fixtures.js';

/** Runs `action` and how long it took, measured around it. */
async function timed<T>(action: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await action();
  return [result, Date.now() - started];
}

describe('the duration of a run is the time spent in its sessions (issue 17 item 4)', () => {
  it('does not count the time between sessions', async () => {
    const server = await mockServer();
    const job = csvJob(30);
    const [first, firstMs] = await timed(() => runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, limit: 10, ...FAST }));
    expect(first.durationMs).toBeLessThanOrEqual(firstMs);
    // The first session as if it had run an hour ago: the hour between the sessions is nobody's work.
    const runFile = path.join(job.out, 'run.json');
    const run = JSON.parse(fs.readFileSync(runFile, 'utf8'));
    fs.writeFileSync(runFile, JSON.stringify({ ...run, createdAt: new Date(Date.parse(run.createdAt) - 3_600_000).toISOString() }));
    const [second, secondMs] = await timed(() => resumeRun({ runDir: job.out, token: TOKEN, ...FAST }));
    expect(second.counts.updated).toBe(30);
    expect(second.durationMs).toBeGreaterThanOrEqual(first.durationMs);
    expect(second.durationMs).toBeLessThanOrEqual(firstMs + secondMs);
    // The run itself still started when it did.
    expect(second.startedAt).toBe(new Date(Date.parse(run.createdAt) - 3_600_000).toISOString());
    expect(JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8')).durationMs).toBe(second.durationMs);
  });

  it('does not count the time a person took to answer the confirmation', async () => {
    const server = await mockServer();
    const job = csvJob(5);
    const answerMs = 300;
    const [summary, wallMs] = await timed(() =>
      runUpdate({
        file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST,
        // A person reading the plan: time passes before the answer (this is the wait being measured, not a synchronisation).
        confirm: async () => {
          await sleep(answerMs);
          return true;
        },
      }),
    );
    expect(summary.counts.updated).toBe(5);
    expect(summary.durationMs).toBeLessThanOrEqual(wallMs - answerMs);
  });
});
