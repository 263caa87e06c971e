import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../src/core/types.js';
import { RowTable } from '../../src/store/row-table.js';

const NOT_SENT = { status: 'not_sent' } as const;

/** A table of rows planned to send, ordinal n on line n + 2 with id `id-n`. */
function tableOf(rows: number) {
  const table = new RowTable();
  for (let ordinal = 0; ordinal < rows; ordinal += 1) table.plan(ordinal, { action: 'send', rowNumber: ordinal + 2, id: `id-${ordinal}` });
  return table;
}

const FAILED: RowResult = { ordinal: 1, rowNumber: 3, id: 'id-1', status: 'failed', kind: 'row', httpStatus: 404, apiCode: '404', message: 'RECORD NOT FOUND', attempts: 1, ms: 12 };

describe('RowTable: the plan', () => {
  it('records rows in file order and gives back what was planned', () => {
    const table = new RowTable();
    table.plan(0, { action: 'send', rowNumber: 2, id: 'a' });
    table.plan(1, { action: 'invalid', rowNumber: 3, message: 'Fecha: not a date' });
    table.plan(2, { action: 'skip', rowNumber: 5, id: 'c', message: 'nothing to send: every mapped cell is empty' });
    expect(table.size).toBe(3);
    expect(table.planned(0)).toEqual({ action: 'send', rowNumber: 2, id: 'a' });
    expect(table.planned(1)).toEqual({ action: 'invalid', rowNumber: 3, message: 'Fecha: not a date' });
    expect(table.planned(2)).toEqual({ action: 'skip', rowNumber: 5, id: 'c', message: 'nothing to send: every mapped cell is empty' });
  });

  it('refuses a row out of order, and a row outside the table', () => {
    const table = tableOf(2);
    expect(() => table.plan(3, { action: 'send', rowNumber: 9 })).toThrow('Rows are planned in order: expected row 2, got 3');
    expect(() => table.plan(1, { action: 'send', rowNumber: 9 })).toThrow('Rows are planned in order: expected row 2, got 1');
    expect(() => table.planned(2)).toThrow('Row 2 is outside the table (2 rows)');
    expect(() => table.replan(-1, { action: 'skip' })).toThrow(RangeError);
    expect(() => table.set({ ...FAILED, ordinal: 5 })).toThrow('Row 5 is outside the table (2 rows)');
  });

  it('keeps ids exactly: accents, other scripts, emoji; an empty or missing id reads as none', () => {
    const ids = ['Cédula-ñ', '', '客户-42', undefined, '🙂 x', 'a'];
    const table = new RowTable();
    ids.forEach((id, ordinal) => table.plan(ordinal, { action: 'send', rowNumber: ordinal + 2, ...(id === undefined ? {} : { id }) }));
    expect(ids.map((_, ordinal) => table.idOf(ordinal))).toEqual(['Cédula-ñ', undefined, '客户-42', undefined, '🙂 x', 'a']);
    expect(table.planned(1)).toEqual({ action: 'send', rowNumber: 3 });
  });

  it('replan changes the decision and message, keeping the id and line', () => {
    const table = tableOf(2);
    table.replan(1, { action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' });
    expect(table.planned(1)).toEqual({ action: 'skip', rowNumber: 3, id: 'id-1', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' });
    table.replan(1, { action: 'send' });
    expect(table.planned(1)).toEqual({ action: 'send', rowNumber: 3, id: 'id-1' });
  });

  it('grows past its first 1024 rows, and its id buffer past 64 KiB, keeping every row', () => {
    const table = new RowTable();
    const long = (ordinal: number) => `${'x'.repeat(30)}-${ordinal}`;
    for (let ordinal = 0; ordinal < 3000; ordinal += 1) table.plan(ordinal, { action: ordinal % 3 === 0 ? 'skip' : 'send', rowNumber: ordinal + 2, id: long(ordinal), ...(ordinal % 3 === 0 ? { message: 'm' } : {}) });
    table.set({ ordinal: 2999, rowNumber: 3001, id: long(2999), status: 'updated', attempts: 1, ms: 3 });
    expect(table.size).toBe(3000);
    for (const ordinal of [0, 1023, 1024, 2047, 2048, 2999]) {
      expect(table.planned(ordinal)).toMatchObject({ rowNumber: ordinal + 2, id: long(ordinal), action: ordinal % 3 === 0 ? 'skip' : 'send' });
    }
    // Rows past the growth have no outcome until one is set.
    expect(table.outcome(1500)).toBeUndefined();
    expect(table.outcome(2999)).toMatchObject({ status: 'updated' });
  });

  it('keeps each row\'s body hash apart from planned(), past growth; holdsBody: updated in some session, or unchanged', () => {
    const table = new RowTable();
    for (let ordinal = 0; ordinal < 2100; ordinal += 1) {
      table.plan(ordinal, { action: ordinal === 7 ? 'unchanged' : 'send', rowNumber: ordinal + 2, id: `id-${ordinal}`, ...(ordinal % 5 === 4 ? {} : { bodyHash: [0xffffffff - ordinal, ordinal] as const }) });
    }
    expect(table.bodyHashOf(2050)).toEqual([0xffffffff - 2050, 2050]);
    expect(table.bodyHashOf(4)).toBeUndefined();
    expect(table.planned(2050)).toEqual({ action: 'send', rowNumber: 2052, id: 'id-2050' });
    table.set({ ordinal: 2050, rowNumber: 2052, status: 'updated', attempts: 1, ms: 1 });
    table.set({ ordinal: 3, rowNumber: 5, status: 'failed', kind: 'row', attempts: 1, ms: 1 });
    expect([2050, 7, 3, 10].map((ordinal) => table.holdsBody(ordinal))).toEqual([true, true, false, false]);
    // A new call for the row makes its state unknown again.
    table.clear(2050);
    expect(table.holdsBody(2050)).toBe(false);
  });
});

describe('RowTable: outcomes', () => {
  it('set then outcome gives back the result (ids and line from the plan)', () => {
    const table = tableOf(3);
    table.set(FAILED);
    expect(table.outcome(1)).toEqual(FAILED);
    expect(table.outcome(0)).toBeUndefined();
  });

  it('a later outcome replaces the earlier one; absent fields do not linger', () => {
    const table = tableOf(2);
    table.set(FAILED);
    table.set({ ordinal: 1, rowNumber: 3, id: 'id-1', status: 'updated', kind: 'ok', attempts: 2, ms: 40 });
    expect(table.outcome(1)).toEqual({ ordinal: 1, rowNumber: 3, id: 'id-1', status: 'updated', kind: 'ok', attempts: 2, ms: 40 });
  });

  it('clear forgets an outcome (a new call started: its state is unknown again); outside the table it does nothing', () => {
    const table = tableOf(2);
    table.set(FAILED);
    table.clear(1);
    expect(table.outcome(1)).toBeUndefined();
    expect(() => table.clear(7)).not.toThrow();
    expect(table.outcome(7)).toBeUndefined();
  });

  it('bounds what does not fit its columns: attempts at 65,535, time rounded', () => {
    const table = tableOf(1);
    table.set({ ordinal: 0, rowNumber: 2, status: 'failed', attempts: 70_000, ms: 12.6 });
    expect(table.outcome(0)).toMatchObject({ attempts: 65_535, ms: 13 });
  });
});

describe('RowTable: result() as the report shows each row', () => {
  function mixed() {
    const table = new RowTable();
    table.plan(0, { action: 'invalid', rowNumber: 2, id: 'a', message: 'Fecha: not a date' });
    table.plan(1, { action: 'skip', rowNumber: 3, id: 'b', message: 'nothing to send: every mapped cell is empty' });
    table.plan(2, { action: 'send', rowNumber: 4, id: 'c' });
    table.plan(3, { action: 'send', rowNumber: 5, id: 'd' });
    table.plan(4, { action: 'send', rowNumber: 6, id: 'e' });
    table.plan(5, { action: 'invalid', rowNumber: 7 });
    return table;
  }

  it('invalid and skipped rows are what the plan said, whatever the send pass recorded', () => {
    const table = mixed();
    expect(table.result(0, NOT_SENT)).toEqual({ ordinal: 0, rowNumber: 2, id: 'a', status: 'invalid', message: 'Fecha: not a date', attempts: 0, ms: 0 });
    expect(table.result(1, NOT_SENT)).toEqual({ ordinal: 1, rowNumber: 3, id: 'b', status: 'skipped', message: 'nothing to send: every mapped cell is empty', attempts: 0, ms: 0 });
    expect(table.result(5, NOT_SENT)).toEqual({ ordinal: 5, rowNumber: 7, status: 'invalid', attempts: 0, ms: 0 });
  });

  it('a row to send with an outcome is that outcome', () => {
    const table = mixed();
    const updated: RowResult = { ordinal: 2, rowNumber: 4, id: 'c', status: 'updated', kind: 'ok', httpStatus: 200, apiCode: '200', message: 'SUCCESSFULLY UPDATED', attempts: 1, ms: 9 };
    table.set(updated);
    expect(table.result(2, { status: 'not_sent', message: 'Interrupted.' })).toEqual(updated);
  });

  it('a row to send without an outcome is not_sent with the stop reason, or would_send in a dry run', () => {
    const table = mixed();
    expect(table.result(3, { status: 'not_sent', message: 'Interrupted.' })).toEqual({ ordinal: 3, rowNumber: 5, id: 'd', status: 'not_sent', message: 'Interrupted.', attempts: 0, ms: 0 });
    expect(table.result(3, NOT_SENT)).toEqual({ ordinal: 3, rowNumber: 5, id: 'd', status: 'not_sent', attempts: 0, ms: 0 });
    expect(table.result(3, { status: 'would_send' })).toEqual({ ordinal: 3, rowNumber: 5, id: 'd', status: 'would_send', attempts: 0, ms: 0 });
  });

  it('a not_sent outcome without a reason of its own takes the session one; one with a reason keeps it', () => {
    const table = mixed();
    table.set({ ordinal: 3, rowNumber: 5, id: 'd', status: 'not_sent', attempts: 0, ms: 0 });
    table.set({ ordinal: 4, rowNumber: 6, id: 'e', status: 'not_sent', message: 'not sent: the row before it with the same id (4) was not updated', attempts: 0, ms: 0 });
    const unsent = { status: 'not_sent', message: 'Daily quota used up.' } as const;
    expect(table.result(3, unsent)).toMatchObject({ status: 'not_sent', message: 'Daily quota used up.' });
    expect(table.result(4, unsent)).toMatchObject({ status: 'not_sent', message: 'not sent: the row before it with the same id (4) was not updated' });
  });
});
