import { describe, expect, it } from 'vitest';
import type { Plan, RowResult, RunSummary, TokenInfo } from '../../src/index.js';
import { createJobRunner } from '../../src/ui/jobs.js';
import { createProgressTracker } from '../../src/ui/progress.js';
import { tempDir, until } from '../helpers.js';

const plan = { toSend: 2 } as Plan;
const row = (rowNumber: number): RowResult => ({ ordinal: rowNumber - 2, rowNumber, status: 'updated', attempts: 1, ms: 5 });

describe('the page’s progress snapshot', () => {
  it('says what is read before the first update (a match run’s keys, the snapshot) until a row comes back', () => {
    const tracker = createProgressTracker(() => 0);
    tracker.onEvent({ type: 'plan', plan });
    expect(tracker.snapshot().note).toBeUndefined();
    tracker.onEvent({ type: 'reading', what: 'module', done: 1, calls: 1 });
    tracker.onEvent({ type: 'reading', what: 'module', done: 2, calls: 2 });
    expect(tracker.snapshot().note).toEqual({ kind: 'reading', what: 'module', calls: 2 });
    tracker.onEvent({ type: 'reading', what: 'keys', done: 1, calls: 3 });
    expect(tracker.snapshot().note).toEqual({ kind: 'reading', what: 'keys', calls: 3 });
    tracker.onEvent({ type: 'row', result: row(2) });
    expect(tracker.snapshot().note).toBeUndefined();
    expect(tracker.snapshot()).toMatchObject({ done: 1, updated: 1, total: 2 });
  });
});

describe('the quota left on the page’s progress panel', () => {
  const info = { limit: 100, usedToday: 10, available: 90, hoursToReset: 5 };

  it('counts down from the quota read by the rows’ requests and the reads before them', () => {
    const tracker = createProgressTracker(() => 0);
    tracker.onEvent({ type: 'plan', plan });
    expect(tracker.snapshot()).toMatchObject({ quotaUnknown: 'reading' });
    tracker.onEvent({ type: 'quota', info });
    tracker.onEvent({ type: 'reading', what: 'module', done: 1, calls: 1 });
    tracker.onEvent({ type: 'reading', what: 'module', done: 2, calls: 2 });
    tracker.onEvent({ type: 'reading', what: 'ids', done: 1, calls: 1 });
    tracker.onEvent({ type: 'row', result: { ...row(2), attempts: 3 } });
    expect(tracker.snapshot()).toMatchObject({ quotaLeft: 90 - 2 - 1 - 3 });
    expect(tracker.snapshot().quotaUnknown).toBeUndefined();
  });

  it('says why it is not known: a dry run, or a CRM that did not give the figures', () => {
    const dry = createProgressTracker(() => 0);
    dry.onEvent({ type: 'plan', plan: { ...plan, dryRun: true } });
    expect(dry.snapshot()).toMatchObject({ quotaUnknown: 'dry-run' });
    const unanswered = createProgressTracker(() => 0);
    unanswered.onEvent({ type: 'plan', plan });
    unanswered.quotaUnread('unanswered');
    expect(unanswered.snapshot().quotaLeft).toBeUndefined();
    expect(unanswered.snapshot()).toMatchObject({ quotaUnknown: 'unanswered' });
  });

  it('is read by the job runner once the job is about to spend, and unknown when that read fails', async () => {
    const read = async (answer: () => Promise<TokenInfo>) => {
      const jobs = createJobRunner('silent', answer);
      // With what the runner words of a plan (its warnings) for the page.
      const sending = { ...plan, runDir: tempDir(), server: 'http://127.0.0.1:9', operation: 'op', dryRun: false, warnings: [] } as unknown as Plan;
      jobs.start('run', 'update', undefined, async (hooks) => {
        hooks.onEvent({ type: 'plan', plan: sending });
        expect(await hooks.confirm?.(sending)).toBe(true);
        // Only what the runner reads of a summary (its errors, worded for the page).
        return { errors: [] } as unknown as RunSummary;
      });
      await until(() => !jobs.isRunning());
      expect(jobs.current()?.phase).toBe('done');
      return jobs.current()?.progress;
    };
    expect(await read(async () => info)).toMatchObject({ quotaLeft: 90 });
    expect(await read(async () => Promise.reject(new Error('no figures')))).toMatchObject({ quotaUnknown: 'unanswered' });
  });
});
