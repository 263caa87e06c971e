import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeOfRun, type RunEnd } from '../../src/core/exit-codes.js';
import type { RowStatus } from '../../src/core/types.js';
import { ROOT } from '../helpers.js';

const counts = (fields: Partial<Record<RowStatus, number>> = {}): Record<RowStatus, number> => ({ updated: 3, unchanged: 0, failed: 0, invalid: 0, skipped: 0, not_sent: 0, would_send: 0, ...fields });

// A run's exit code, decided in one function (issue 18): summary.json holds it, the CLI exits with it,
// `verify` decides it again with what it read back, and the page says it in words.
const ENDS: [name: string, run: RunEnd, code: number][] = [
  ['every row updated', { counts: counts(), dryRun: false }, EXIT.ok],
  ['a row failed', { counts: counts({ failed: 1 }), dryRun: false }, EXIT.someFailed],
  ['a row invalid (--skip-invalid)', { counts: counts({ invalid: 1 }), dryRun: false }, EXIT.someFailed],
  ['a row not sent, though nothing stopped (the row before it of its id failed)', { counts: counts({ not_sent: 1 }), dryRun: false }, EXIT.someFailed],
  ['a dry run: its rows not sent are the plan', { counts: counts({ updated: 0, not_sent: 3 }), dryRun: true }, EXIT.ok],
  ['stopped at --limit', { stopReason: 'limit', counts: counts({ not_sent: 2 }), dryRun: false }, EXIT.stopped],
  ['stopped at the quota', { stopReason: 'quota', counts: counts({ not_sent: 2 }), dryRun: false }, EXIT.stopped],
  ['stopped by a fatal answer', { stopReason: 'fatal', counts: counts({ not_sent: 2 }), dryRun: false }, EXIT.fatal],
  ['stopped by the failure rate', { stopReason: 'failure-rate', counts: counts({ failed: 20 }), dryRun: false }, EXIT.fatal],
  ['read back: a record differs', { counts: counts(), dryRun: false, verify: { differing: 1, missing: 0 } }, EXIT.notAsSent],
  ['read back: a record gone', { counts: counts(), dryRun: false, verify: { differing: 0, missing: 1 } }, EXIT.notAsSent],
  ['read back as sent', { counts: counts(), dryRun: false, verify: { differing: 0, missing: 0 } }, EXIT.ok],
  ['a failed row wins over a record read back differing', { counts: counts({ failed: 1 }), dryRun: false, verify: { differing: 1, missing: 0 } }, EXIT.someFailed],
];

describe('exitCodeOfRun', () => {
  it.each(ENDS)('%s → %i', (_name, run, code) => {
    expect(exitCodeOfRun(run)).toBe(code);
  });

  it('the page has words for every code a run can end with, in each of its languages', async () => {
    const codes = [...new Set(ENDS.map(([, run]) => exitCodeOfRun(run)))];
    for (const lang of ['en', 'es']) {
      const texts = ((await import(path.join(ROOT, 'web/lang', `${lang}.js`))) as { default: Record<string, string> }).default;
      expect({ lang, missing: codes.filter((code) => texts[`summary.exit.${code}`] === undefined) }).toEqual({ lang, missing: [] });
    }
  });
});
