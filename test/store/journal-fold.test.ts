// Issue 17: the journal's format 2 (answer lines, narrowing groups), folded.
import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../src/core/types.js';
import { JournalFold, type JournalLine } from '../../src/store/journal-fold.js';
import { RowTable } from '../../src/store/row-table.js';

function fold(rows: number, lines: readonly JournalLine[]) {
  const table = new RowTable();
  for (let ordinal = 0; ordinal < rows; ordinal += 1) table.plan(ordinal, { action: 'send' });
  const journal = new JournalFold(table);
  for (const line of lines) journal.apply(line);
  return { table, journal };
}

const session = (n: number, v?: number): JournalLine => ({ t: 'session', n, at: '', pid: 1, ...(v === undefined ? {} : { v }) });
const updated = (ordinal: number, extra: Partial<RowResult> = {}): JournalLine => ({ t: 'row', row: { ordinal, rowNumber: ordinal + 2, status: 'updated', kind: 'ok', attempts: 1, ms: 1, ...extra } });

describe('calls a crash leaves without an answer (item 7)', () => {
  it('a call begun and never answered is uncertain and its rows lost; one answered with a retried answer is neither', () => {
    const { journal, table } = fold(4, [
      session(1, 2),
      { t: 'begin', o: 0 }, { t: 'answer', c: 1 }, updated(0, { call: 1 }),
      { t: 'begin', o: 1 }, { t: 'answer', c: 2, r: 'server-error' },
      { t: 'begin', o: 2 },
      { t: 'begin', o: [], }, { t: 'answer', c: 4 },
      { t: 'begin', o: [] },
      session(2, 2),
    ]);
    expect(journal.totals()).toMatchObject({ calls: 5, uncertainCalls: [3, 5], refused: { 'server-error': 1 }, retries: 0 });
    expect([...journal.unanswered()]).toEqual([2]);
    expect([...journal.unfinished()].sort()).toEqual([2]);
    expect(table.outcome(2)).toMatchObject({ status: 'failed', call: 3, message: expect.stringMatching(/^sent in call 3; the process ended before its outcome was written: it may have been applied/) });
    // Row 1 is not lost: it was going to be sent again after its 5xx.
    expect(table.outcome(1)).toBeUndefined();
  });

  it('a call answered whose outcome line the crash took: not uncertain, but its row is lost', () => {
    const { journal } = fold(2, [session(1, 2), { t: 'begin', o: [0, 1] }, { t: 'answer', c: 1 }, session(2, 2)]);
    expect(journal.totals().uncertainCalls).toEqual([]);
    expect([...journal.unanswered()]).toEqual([0, 1]);
  });

  it('format 2 counts retries from begin lines and refusals from answer lines, once a call whatever the rows', () => {
    const { journal } = fold(3, [
      session(1, 2),
      { t: 'begin', o: [0, 1, 2] }, { t: 'answer', c: 1, r: 'timeout' },
      { t: 'begin', o: [0, 1, 2], r: 1 }, { t: 'answer', c: 2, r: 'over-concurrency' },
      { t: 'begin', o: [0, 1, 2], r: 1 }, { t: 'answer', c: 3 },
      ...[0, 1, 2].map((ordinal) => updated(ordinal, { attempts: 3, refused: { timeout: 1, 'over-concurrency': 1 }, call: 3 })),
    ]);
    expect(journal.totals()).toMatchObject({ calls: 3, retries: 2, refused: { timeout: 1, 'over-concurrency': 1 } });
  });

  it('a retry that never reached a server is neither a call nor a retry', () => {
    const { journal } = fold(1, [session(1, 2), { t: 'begin', o: 0 }, { t: 'answer', c: 1, r: 'network' }, { t: 'begin', o: 0, r: 1 }, { t: 'unreached', o: 0, c: 2 }, session(2, 2)]);
    expect(journal.totals()).toMatchObject({ calls: 1, retries: 0, connectionFailures: 1, uncertainCalls: [] });
  });

  it('a format-1 journal still counts retries and refusals from its rows, and a read there is never uncertain', () => {
    const { journal } = fold(2, [
      session(1),
      { t: 'begin', o: [] },
      { t: 'begin', o: [0, 1] }, { t: 'begin', o: [0, 1] },
      updated(0, { attempts: 2, refused: { 'server-error': 1 } }), updated(1, { attempts: 1 }),
      session(2, 2),
    ]);
    expect(journal.totals()).toMatchObject({ calls: 3, retries: 1, refused: { 'server-error': 1 }, uncertainCalls: [] });
  });
});

describe('batches being narrowed down (item 1)', () => {
  it('a narrow line makes a group; a part with a count of its own takes its missing along; rows with a verdict leave', () => {
    const { journal, table } = fold(8, [
      session(1, 2),
      { t: 'begin', o: [0, 1, 2, 3, 4, 5, 6, 7] }, { t: 'answer', c: 1 },
      { t: 'narrow', o: [0, 1, 2, 3, 4, 5, 6, 7], c: 1, m: 2 },
      { t: 'begin', o: [0, 1, 2, 3] }, { t: 'answer', c: 2 },
      { t: 'narrow', o: [0, 1, 2, 3], c: 2, m: 1 },
    ]);
    expect(journal.narrowing()).toEqual([
      { call: 1, missing: 1, members: [4, 5, 6, 7] },
      { call: 2, missing: 1, members: [0, 1, 2, 3] },
    ]);
    expect(table.outcome(5)).toMatchObject({ status: 'failed', call: 1, message: expect.stringMatching(/whose answer did not confirm this row/) });
    // Confirmed rows leave; a row the CRM refused for itself takes one of the missing with it; a row the
    // job stopped before confirming stays, for a resume.
    journal.apply(updated(0));
    journal.apply(updated(1));
    journal.apply({ t: 'row', row: { ordinal: 2, rowNumber: 4, status: 'failed', kind: 'row', message: 'RECORD NOT FOUND', attempts: 3, ms: 1 } });
    journal.apply({ t: 'row', row: { ordinal: 3, rowNumber: 5, status: 'failed', message: 'stopped', attempts: 2, ms: 1 } });
    expect(journal.narrowing()).toEqual([
      { call: 1, missing: 1, members: [4, 5, 6, 7] },
      { call: 2, missing: 0, members: [3] },
    ]);
  });

  it('a part without a count, or rows of several groups, leaves the count unknown', () => {
    const { journal } = fold(8, [
      session(1, 2),
      { t: 'narrow', o: [0, 1, 2, 3], c: 1, m: 1 },
      { t: 'narrow', o: [4, 5, 6, 7], c: 2, m: 1 },
      { t: 'narrow', o: [0, 1], c: 3 },
      { t: 'narrow', o: [3, 4], c: 4, m: 1 },
    ]);
    expect(journal.narrowing()).toEqual([
      { call: 1, members: [2] },
      { call: 2, members: [5, 6, 7] },
      { call: 3, members: [0, 1] },
      { call: 4, missing: 1, members: [3, 4] },
    ]);
  });

  it('rows being narrowed down when the process died are not lost: they are where a resume goes on', () => {
    const { journal } = fold(4, [
      session(1, 2),
      { t: 'begin', o: [0, 1, 2, 3] }, { t: 'answer', c: 1 }, { t: 'narrow', o: [0, 1, 2, 3], c: 1, m: 1 },
      { t: 'begin', o: [0, 1] },
      session(2, 2),
    ]);
    expect([...journal.unanswered()]).toEqual([0, 1]);
    expect(journal.narrowing()).toEqual([{ call: 1, missing: 1, members: [0, 1, 2, 3] }]);
    expect(journal.totals().uncertainCalls).toEqual([2]);
  });

  it('rows that may have been applied more than once are counted once each, crash re-sends included', () => {
    const { journal } = fold(3, [
      session(1, 2),
      { t: 'begin', o: [0, 1] }, { t: 'answer', c: 1 },
      updated(0, { reapplied: true }),
      { t: 'begin', o: [2] },
      session(2, 2),
      { t: 'begin', o: [1] }, { t: 'begin', o: [2] }, { t: 'answer', c: 3 }, updated(2, { reapplied: true }),
    ]);
    expect(journal.totals()).toMatchObject({ resent: 2, reapplied: 3 });
  });
});
