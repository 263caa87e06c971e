import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/cli/render-summary.js';
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
