import { describe, expect, it } from 'vitest';
import type { RowResult, RowStatus, StopReason } from '../../src/core/types.js';
import { RowTable } from '../../src/store/row-table.js';
import { isFinal, isResumable, resumableFrom, rowsToResume } from '../../src/store/resumable.js';

const result = (fields: Partial<RowResult> & Pick<RowResult, 'status'>): RowResult => ({ ordinal: 0, rowNumber: 2, attempts: 1, ms: 1, ...fields });

// What resume sends again, decided once (issue 18): run/resume.ts, the summary, the CLI's next steps and the page.
describe('isFinal: a row resume does not send again', () => {
  it.each<[string, RowResult | undefined, boolean, boolean]>([
    ['no outcome yet', undefined, false, false],
    ['updated', result({ status: 'updated', kind: 'ok' }), true, true],
    ['refused by the CRM', result({ status: 'failed', kind: 'row', message: 'RECORD NOT FOUND' }), true, false],
    ['gave up after its retries', result({ status: 'failed', kind: 'retry', message: '503' }), false, false],
    ['gave up after 30 pauses', result({ status: 'failed', kind: 'pause', message: '429' }), false, false],
    ['outcome unknown (stopped mid-call)', result({ status: 'failed', message: 'may have been applied' }), false, false],
    ['stopped by a fatal answer', result({ status: 'failed', kind: 'fatal', message: 'PLEASE VALIDATE TOKEN' }), false, false],
    ['not sent (the quota)', result({ status: 'not_sent', kind: 'quota' }), false, false],
  ])('%s: final %s, with --retry-failed %s', (_name, outcome, final, finalRetrying) => {
    expect(isFinal(outcome, false)).toBe(final);
    expect(isFinal(outcome, true)).toBe(finalRetrying);
  });
});

describe('rowsToResume: planned rows to send with no final outcome', () => {
  it('counts neither invalid nor skipped rows, nor those with a verdict', () => {
    const table = new RowTable();
    const outcomes: (RowResult['status'] | 'invalid' | 'skip' | undefined)[] = ['updated', 'invalid', 'failed', undefined, 'skip', 'not_sent'];
    outcomes.forEach((outcome, ordinal) => {
      table.plan(ordinal, { action: outcome === 'invalid' || outcome === 'skip' ? outcome : 'send' });
      if (outcome === 'updated') table.set(result({ ordinal, status: 'updated', kind: 'ok' }));
      if (outcome === 'failed') table.set(result({ ordinal, status: 'failed', kind: 'retry', message: '503' }));
      if (outcome === 'not_sent') table.set(result({ ordinal, status: 'not_sent', kind: 'quota' }));
    });
    // The give-up, the row never sent and the one not sent.
    expect(rowsToResume(table)).toBe(3);
  });
});

describe('isResumable and resumableFrom: whether resume has something to do for a run', () => {
  it.each<[string, { dryRun: boolean; stopReason?: StopReason; rowsToResume: number }, boolean]>([
    ['finished, every row final', { dryRun: false, rowsToResume: 0 }, false],
    ['finished with rows that gave up (once offered only --retry-failed)', { dryRun: false, rowsToResume: 2 }, true],
    ['stopped at --limit', { dryRun: false, stopReason: 'limit', rowsToResume: 5 }, true],
    ['stopped while reading back (every row sent)', { dryRun: false, stopReason: 'interrupted', rowsToResume: 0 }, true],
    ['a dry run', { dryRun: true, rowsToResume: 5 }, false],
  ])('%s → %s', (_name, run, resumable) => {
    expect(isResumable(run)).toBe(resumable);
  });

  const counts = (notSent: number): Record<RowStatus, number> => ({ updated: 1, unchanged: 0, failed: 0, invalid: 0, skipped: 0, not_sent: notSent, would_send: 0 });
  it.each<[string, Parameters<typeof resumableFrom>[0], boolean, boolean]>([
    ['no summary: the process died', undefined, false, true],
    ['no summary, a dry run', undefined, true, false],
    ['a summary that says so', { counts: counts(0), resumable: true }, false, true],
    ['a summary that says not', { counts: counts(0), resumable: false, stopReason: 'limit' }, false, false],
    ['an older summary, stopped', { counts: counts(0), stopReason: 'quota' }, false, true],
    ['an older summary, finished with rows not sent', { counts: counts(2) }, false, true],
    ['an older summary, finished', { counts: counts(0) }, false, false],
  ])('%s', (_name, summary, dryRun, resumable) => {
    expect(resumableFrom(summary, dryRun)).toBe(resumable);
  });
});
