import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from '../../src/cli/progress.js';
import type { Plan } from '../../src/core/events.js';
import type { RowResult } from '../../src/core/types.js';
import { CLI, mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

const ERASE_LINE = '\r\u001b[2K';

describe('live progress', () => {
  it('renders rows done of total, outcomes, pace, ETA and quota left', () => {
    const line = renderProgress(
      { total: 1000, updated: 240, failed: 10, other: 0, retrying: new Set([7]), calls: [[9_000, 1], [9_500, 2], [10_000, 1]], quotaLeft: 4550, startedAt: 0 },
      10_000,
    );
    expect(line).toBe('250/1,000 rows · 240 updated · 10 failed · 1 retrying · 0.8 calls/s · ETA 30s · quota left 4,550');
  });

  // A batch's 100 rows share one call: countedCalls is 1 on one row, 0 on the others; each row was sent once.
  it.each([
    ['a call costs 1 unit', 'call', 999],
    ['a call costs 1 unit a record', 'record', 900],
    ['the cost is not measured yet (counted as the larger)', undefined, 900],
  ] as const)('quota left after one batch of 100 rows when %s', (_, cost, left) => {
    const progress = createProgress({ write: () => true }, false);
    const plan = { toSend: 100, quota: { available: 1000 }, batch: { size: 100, calls: 1, ...(cost ? { cost } : {}) } } as unknown as Plan;
    progress.onEvent({ type: 'plan', plan });
    for (let n = 0; n < 100; n += 1) {
      const result = { ordinal: n, rowNumber: n + 2, status: 'updated', attempts: 1, countedCalls: n === 0 ? 1 : 0, ms: 1 } as unknown as RowResult;
      progress.onEvent({ type: 'row', result });
    }
    expect(progress.state.quotaLeft).toBe(left);
  });

  it('redraws one line in place on a terminal, then prints the summary', async () => {
    const server = await mockServer({ latencyMs: 40 });
    const job = csvJob(80);
    // `script` gives the CLI a pseudo-terminal, as a person's shell would.
    const command = [process.execPath, CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--yes'].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    const frames = output.split(ERASE_LINE).slice(1).filter((frame) => frame.includes(' rows · '));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    // Frames overwrite each other (no newline inside a frame) and count up.
    for (const frame of frames) expect(frame.split('\n')[0]).toMatch(/^\d+\/80 rows · \d+ updated · 0 failed · \d+ retrying · [\d.]+ calls\/s · ETA /);
    const done = frames.map((frame) => Number(/^(\d+)\//.exec(frame)?.[1]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(output).toContain('Done: every row updated.');
    expect(output.lastIndexOf(ERASE_LINE)).toBeLessThan(output.indexOf('Done: every row updated.'));
    // NO_COLOR is set: no colour codes anywhere.
    expect(output).not.toMatch(/\u001b\[\d+m/);
  });

  it('colours the summary on a terminal when NO_COLOR is not set', async () => {
    const server = await mockServer();
    const job = csvJob(3);
    const command = [process.execPath, CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--yes'].map((part) => `'${part}'`).join(' ');
    const env: NodeJS.ProcessEnv = { ...process.env, WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    delete env.NO_COLOR;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await once(child, 'close');
    expect(output).toContain('\u001b[1mDone: every row updated.\u001b[0m');
    expect(output).toMatch(/\u001b\[32m {2}updated\s+3\u001b\[0m/);
  });

  it('draws nothing when the output is not a terminal', async () => {
    const server = await mockServer({ latencyMs: 20 });
    const job = csvJob(40);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url } });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('\u001b[');
    expect(result.stderr).not.toContain(' rows · ');
    expect(result.stderr).toContain('Ready to send 40 rows of datos.csv');
    expect(result.stdout).toContain('Done: every row updated.');
  });
});

describe('wolkvox-bulk demo', () => {
  it('runs the whole job on the samples against the simulated CRM and says where the run folder is', async () => {
    const result = await runCli(['demo', '--out', `${csvJob(1).dir}/demo-run`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Done: every row updated.');
    expect(result.stdout).toMatch(/updated\s+24/);
    expect(result.stdout).toMatch(/Run folder: .*demo-run/);
    expect(result.stderr).toMatch(/The simulated CRM applied 24 updates in \d+ calls \(at most 2 at once\)/);
  });
});
