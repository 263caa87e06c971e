import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../src/cli/render-plan.js';
import { renderSummary } from '../../src/cli/render-summary.js';
import type { Plan } from '../../src/core/events.js';
import type { RunSummary } from '../../src/core/types.js';
import { runCli, tempDir } from '../helpers.js';
import fs from 'node:fs';
import path from 'node:path';

const summary = (changes: Partial<RunSummary>): RunSummary => ({
  runDir: 'wolkvox-runs/x', file: 'x.csv', mapping: 'm.json', dryRun: false, startedAt: '', finishedAt: '', durationMs: 1000, rows: 1,
  counts: { updated: 1, failed: 0, invalid: 0, skipped: 0, unchanged: 0, not_sent: 0, would_send: 0 },
  calls: 1, retries: 1, quotaChecks: 0, refused: {}, connectionFailures: 0, resent: 1, sessions: 1, rowsPerSecond: 1, callsPerUpdated: 1, errors: [], exitCode: 0,
  ...changes,
});

describe('one and many in sentences (issue 10, item 24)', () => {
  it('says "1 call", "1 retry", "1 row re-sent" and "2 calls", "3 retries"', () => {
    expect(renderSummary(summary({}), {})).toContain('1 call (1.00 per updated row), 1 retry, 1 row re-sent after a crash;');
    expect(renderSummary(summary({ calls: 2, retries: 3, resent: 0 }), {})).toContain('2 calls (1.00 per updated row), 3 retries;');
  });

  it('says "has 1 field" for a short CSV line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'd.csv');
    fs.writeFileSync(file, 'id,Nombre\r\nr1\r\n');
    fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } }));
    const result = await runCli(['validate', file, '-m', path.join(dir, 'm.json')]);
    expect(result.stdout).toContain('1 field where the header has 2');
    expect(result.stdout).toContain('1 problem');
    expect(result.stdout).not.toMatch(/\b1 (problems|rows|fields)\b/);
  });
});

const plan = (changes: Partial<Plan>): Plan => ({
  file: 'datos.csv', runDir: 'run', server: 'https://crm0001.wolkvox.com', operation: 'op', module: 'contacts', concurrency: 2, toSend: 1000, rows: 1000,
  invalid: 0, skipped: 0, unchanged: 0, alreadyDone: 0, dryRun: false, waitForQuota: false, warnings: [],
  quota: { limit: 4800, usedToday: 1, available: 4799, hoursToReset: 15 },
  ...changes,
});
const costLine = (text: string) => text.split('\n').find((line) => line.startsWith('  needs')) ?? '';

describe('the read before writing in the plan (issue 19: if-empty fields)', () => {
  const snapshot = { strategy: 'auto', ids: 1000, skipUnchanged: false, done: false, ifEmpty: ['Nombre', 'Email'] } as const;

  it('names the if-empty fields, and --check-quota counts the read with the sending', () => {
    const text = renderPlan(plan({ snapshot, quota: { limit: 4800, usedToday: 3000, available: 1500, hoursToReset: 15 } }));
    expect(text).toContain("  written only where the CRM's field is empty (if-empty): Nombre, Email; a filled one is kept, and a row left with nothing to write is unchanged (no call)");
    expect(costLine(text)).toBe('  needs 1,000 calls, plus up to 1,000 calls to read the records first, 1,500 available today, resets in 15 h — the job stops cleanly if they are used up (resume it after the reset, or add --wait-for-quota)');
  });

  it('a read already made, or made by finding the keys, costs nothing more', () => {
    expect(costLine(renderPlan(plan({ snapshot: { ...snapshot, done: true } })))).toBe('  needs 1,000 calls, 4,799 available today, resets in 15 h');
    expect(costLine(renderPlan(plan({ snapshot: { ...snapshot, fromMatch: true } })))).toBe('  needs 1,000 calls, 4,799 available today, resets in 15 h');
  });
});

describe('what the plan says the rows cost (issue 17 item 4)', () => {
  it.each([
    ['one row a call', {}, '  needs 1,000 calls, 4,799 available today, resets in 15 h'],
    ['batches, a call known to cost 1 unit', { batch: { size: 100, calls: 10, cost: 'call' } }, '  needs about 10 calls in batches of 100, 1 quota unit each; 4,799 available today, resets in 15 h'],
    ['batches, a call known to cost 1 per record', { batch: { size: 100, calls: 10, cost: 'record' } }, '  needs about 10 calls in batches of 100, 1,000 quota units (an updateMany.php call costs 1 per record); 4,799 available today, resets in 15 h'],
    ['batches, the cost not measured yet', { batch: { size: 100, calls: 10 } }, '  needs about 10 calls in batches of 100: 10 quota units if an updateMany.php call costs 1, 1,000 if it costs 1 per record (measured after the first batch); 4,799 available today, resets in 15 h'],
  ] as const)('%s', (_name, changes, line) => {
    expect(costLine(renderPlan(plan(changes)))).toBe(line);
  });

  it('says the quota runs out only when it surely does, and "if" when it depends on the cost not measured yet', () => {
    const quota = (available: number) => ({ limit: 4800, usedToday: 4800 - available, available, hoursToReset: 15 });
    expect(costLine(renderPlan(plan({ batch: { size: 100, calls: 10 }, quota: quota(500) })))).toMatch(/ — the job stops cleanly if they are used up \(resume it after the reset, or add --wait-for-quota\)$/);
    expect(costLine(renderPlan(plan({ batch: { size: 100, calls: 10 }, quota: quota(5) })))).toMatch(/ — the job stops cleanly when they are used up/);
    expect(costLine(renderPlan(plan({ batch: { size: 100, calls: 10, cost: 'call' }, quota: quota(500) })))).toMatch(/resets in 15 h$/);
    expect(costLine(renderPlan(plan({ batch: { size: 100, calls: 10, cost: 'record' }, quota: quota(500), waitForQuota: true })))).toMatch(/ — when they are used up the job waits for the reset and goes on by itself$/);
  });
});

describe('what the summary says the calls spent (issue 17 item 4)', () => {
  it.each([
    ['one unit a call: calls only', { calls: 10, callsPerUpdated: 10, quotaUnits: 10 }, '  10 calls (10.00 per updated row), 1 retry,'],
    ['one unit per record: calls and units', { calls: 29, callsPerUpdated: 29, quotaUnits: 2902, batch: { size: 100, used: 100, cost: 'record' } }, '  29 calls (29.00 per updated row), 2,902 quota units, 1 retry,'],
    ['a batch cost never measured: units not known', { calls: 29, callsPerUpdated: 29, batch: { size: 100, used: 100 } }, '  29 calls (29.00 per updated row), quota units not known (an updateMany.php call costs 1 or 1 per record: --check-quota measures it), 1 retry,'],
  ] as const)('%s', (_name, changes, start) => {
    expect(renderSummary(summary(changes), {})).toContain(start);
  });
});
