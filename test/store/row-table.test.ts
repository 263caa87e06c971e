import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedRow, PlanRow, RowOutcome, RowResult } from '../../src/core/types.js';
import { IN_CRM_ALREADY } from '../../src/plan/row-plan.js';
import { RowTable } from '../../src/store/row-table.js';
import { tempDir } from '../helpers.js';

const NOT_SENT = { status: 'not_sent' } as const;
const FILE = { path: '/tmp/contrato.pdf', bytes: 10 };

/** A table of rows planned to send. */
function tableOf(rows: number) {
  const table = new RowTable();
  for (let ordinal = 0; ordinal < rows; ordinal += 1) table.plan(ordinal, { action: 'send' });
  return table;
}

const FAILED: RowOutcome = { ordinal: 1, status: 'failed', kind: 'row', httpStatus: 404, apiCode: '404', message: 'RECORD NOT FOUND', attempts: 1, ms: 12 };

describe('RowTable: the plan', () => {
  it('records each row\'s action in file order, and whether it goes alone (it has files to attach)', () => {
    const table = new RowTable();
    table.plan(0, { action: 'send' });
    table.plan(1, { action: 'invalid' });
    table.plan(2, { action: 'skip' });
    table.plan(3, { action: 'send', attachments: [FILE] });
    table.plan(4, { action: 'send', attachments: [] });
    expect(table.size).toBe(5);
    expect([0, 1, 2, 3, 4].map((ordinal) => table.action(ordinal))).toEqual(['send', 'invalid', 'skip', 'send', 'send']);
    expect([0, 1, 2, 3, 4].map((ordinal) => table.isAlone(ordinal))).toEqual([false, false, false, true, false]);
  });

  it('refuses a row out of order, and a row outside the table', () => {
    const table = tableOf(2);
    expect(() => table.plan(3, { action: 'send' })).toThrow('Rows are planned in order: expected row 2, got 3');
    expect(() => table.plan(1, { action: 'send' })).toThrow('Rows are planned in order: expected row 2, got 1');
    expect(() => table.action(2)).toThrow('Row 2 is outside the table (2 rows)');
    expect(() => table.replan(-1, 'skip')).toThrow(RangeError);
    expect(() => table.set({ ...FAILED, ordinal: 5 })).toThrow('Row 5 is outside the table (2 rows)');
  });

  it('replan changes the action and keeps the row\'s flags', () => {
    const table = new RowTable();
    table.plan(0, { action: 'send', attachments: [FILE] });
    table.replan(0, 'skip');
    expect([table.action(0), table.isAlone(0)]).toEqual(['skip', true]);
    table.markReapplied(0);
    table.replan(0, 'send');
    expect([table.action(0), table.isAlone(0), table.reapplied]).toEqual(['send', true, 1]);
  });

  it('grows past its first 1024 rows, keeping every row', () => {
    const table = new RowTable();
    for (let ordinal = 0; ordinal < 3000; ordinal += 1) table.plan(ordinal, { action: ordinal % 3 === 0 ? 'skip' : 'send' });
    table.set({ ordinal: 2999, status: 'updated', attempts: 1, ms: 3 });
    expect(table.size).toBe(3000);
    for (const ordinal of [0, 1023, 1024, 2047, 2048, 2999]) expect(table.action(ordinal)).toBe(ordinal % 3 === 0 ? 'skip' : 'send');
    // Rows past the growth have no outcome until one is set.
    expect(table.outcome(1500)).toBeUndefined();
    expect(table.outcome(2999)).toMatchObject({ status: 'updated' });
  });

  it('holdsBody: updated in some session, or unchanged', () => {
    const table = new RowTable();
    for (let ordinal = 0; ordinal < 2100; ordinal += 1) table.plan(ordinal, { action: ordinal === 7 ? 'unchanged' : 'send' });
    table.set({ ordinal: 2050, status: 'updated', attempts: 1, ms: 1 });
    table.set({ ordinal: 3, status: 'failed', kind: 'row', attempts: 1, ms: 1 });
    expect([2050, 7, 3, 10].map((ordinal) => table.holdsBody(ordinal))).toEqual([true, true, false, false]);
    // A new call for the row makes its state unknown again.
    table.clear(2050);
    expect(table.holdsBody(2050)).toBe(false);
  });
});

describe('RowTable: outcomes', () => {
  it('set then outcome gives back the outcome', () => {
    const table = tableOf(3);
    table.set(FAILED);
    expect(table.outcome(1)).toEqual(FAILED);
    expect(table.outcome(0)).toBeUndefined();
  });

  it('a later outcome replaces the earlier one; absent fields do not linger', () => {
    const table = tableOf(2);
    table.set(FAILED);
    table.set({ ordinal: 1, status: 'updated', kind: 'ok', attempts: 2, ms: 40 });
    expect(table.outcome(1)).toEqual({ ordinal: 1, status: 'updated', kind: 'ok', attempts: 2, ms: 40 });
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
    table.set({ ordinal: 0, status: 'failed', attempts: 70_000, ms: 12.6 });
    expect(table.outcome(0)).toMatchObject({ attempts: 65_535, ms: 13 });
  });
});

describe('RowTable: result() as the report shows each row, from its line in the plan', () => {
  const LINES: PlanRow[] = [
    { ordinal: 0, rowNumber: 2, action: 'invalid', id: 'a', message: 'Fecha: not a date', cells: [] },
    { ordinal: 1, rowNumber: 3, action: 'skip', id: 'b', message: 'nothing to send: every mapped cell is empty', cells: [] },
    { ordinal: 2, rowNumber: 4, action: 'send', id: 'c', fields: { Nombre: 'C' }, cells: [] },
    { ordinal: 3, rowNumber: 5, action: 'send', id: 'd', fields: { Nombre: 'D' }, cells: [] },
    { ordinal: 4, rowNumber: 6, action: 'send', id: 'e', fields: { Nombre: 'E' }, cells: [] },
    { ordinal: 5, rowNumber: 7, action: 'invalid', cells: [] },
  ];
  const line = (ordinal: number) => LINES[ordinal] as PlanRow;
  function mixed() {
    const table = new RowTable();
    for (const row of LINES) table.plan(row.ordinal, row as PlannedRow);
    return table;
  }

  it('invalid and skipped rows are what the plan said, whatever the send pass recorded', () => {
    const table = mixed();
    expect(table.result(line(0), NOT_SENT)).toEqual({ ordinal: 0, rowNumber: 2, id: 'a', status: 'invalid', message: 'Fecha: not a date', attempts: 0, ms: 0 });
    expect(table.result(line(1), NOT_SENT)).toEqual({ ordinal: 1, rowNumber: 3, id: 'b', status: 'skipped', message: 'nothing to send: every mapped cell is empty', attempts: 0, ms: 0 });
    expect(table.result(line(5), NOT_SENT)).toEqual({ ordinal: 5, rowNumber: 7, status: 'invalid', attempts: 0, ms: 0 });
  });

  it('a row to send with an outcome is that outcome, with the line and id of the plan', () => {
    const table = mixed();
    const updated: RowResult = { ordinal: 2, rowNumber: 4, id: 'c', status: 'updated', kind: 'ok', httpStatus: 200, apiCode: '200', message: 'SUCCESSFULLY UPDATED', attempts: 1, ms: 9 };
    table.set(updated);
    expect(table.result(line(2), { status: 'not_sent', message: 'Interrupted.' })).toEqual(updated);
  });

  it('a row to send without an outcome is not_sent with the stop reason, or would_send in a dry run', () => {
    const table = mixed();
    expect(table.result(line(3), { status: 'not_sent', message: 'Interrupted.' })).toEqual({ ordinal: 3, rowNumber: 5, id: 'd', status: 'not_sent', message: 'Interrupted.', attempts: 0, ms: 0 });
    expect(table.result(line(3), NOT_SENT)).toEqual({ ordinal: 3, rowNumber: 5, id: 'd', status: 'not_sent', attempts: 0, ms: 0 });
    expect(table.result(line(3), { status: 'would_send' })).toEqual({ ordinal: 3, rowNumber: 5, id: 'd', status: 'would_send', attempts: 0, ms: 0 });
  });

  it('a row to send that --skip-unchanged left out is unchanged, saying why', () => {
    const table = mixed();
    table.replan(4, 'unchanged');
    expect(table.result(line(4), NOT_SENT)).toEqual({ ordinal: 4, rowNumber: 6, id: 'e', status: 'unchanged', message: IN_CRM_ALREADY, attempts: 0, ms: 0 });
  });

  it('a not_sent outcome without a reason of its own takes the session one; one with a reason keeps it', () => {
    const table = mixed();
    table.set({ ordinal: 3, status: 'not_sent', attempts: 0, ms: 0 });
    table.set({ ordinal: 4, status: 'not_sent', message: 'not sent: the row before it with the same id (4) was not updated', attempts: 0, ms: 0 });
    const unsent = { status: 'not_sent', message: 'Daily quota used up.' } as const;
    expect(table.result(line(3), unsent)).toMatchObject({ status: 'not_sent', message: 'Daily quota used up.' });
    expect(table.result(line(4), unsent)).toMatchObject({ status: 'not_sent', message: 'not sent: the row before it with the same id (4) was not updated' });
  });
});

describe('RowTable: outcomes past what it holds in memory (a scratch file, issue 18)', () => {
  it('gives back every row\'s outcome from its scratch file, repeated and unique messages alike, and removes the file when closed', () => {
    const scratch = path.join(tempDir(), 'outcomes.tmp');
    const table = new RowTable(scratch);
    const rows = 300_000;
    for (let ordinal = 0; ordinal < rows; ordinal += 1) table.plan(ordinal, { action: 'send' });
    const message = (ordinal: number) => (ordinal % 7 === 0 ? `RECORD ${ordinal} NOT FOUND` : 'Succesfully edit record 100');
    for (let ordinal = 0; ordinal < rows; ordinal += 1) {
      table.set({ ordinal, status: ordinal % 7 === 0 ? 'failed' : 'updated', kind: ordinal % 7 === 0 ? 'row' : 'ok', httpStatus: ordinal % 7 === 0 ? 404 : 200, apiCode: String(ordinal % 3), message: message(ordinal), attempts: 1 + (ordinal % 4), ms: ordinal, call: 1 + Math.floor(ordinal / 100) });
    }
    expect(fs.statSync(scratch).size).toBeGreaterThan(0);
    for (const ordinal of [0, 1, 4095, 4096, 123_457, 299_999, 7, 77_777]) {
      const failed = ordinal % 7 === 0;
      expect(table.outcome(ordinal)).toEqual({ ordinal, status: failed ? 'failed' : 'updated', kind: failed ? 'row' : 'ok', httpStatus: failed ? 404 : 200, apiCode: String(ordinal % 3), message: message(ordinal), attempts: 1 + (ordinal % 4), ms: ordinal, call: 1 + Math.floor(ordinal / 100) });
    }
    expect(table.head(7)).toEqual({ status: 'failed', kind: 'row' });
    table.close();
    table.close();
    expect(fs.readdirSync(path.dirname(scratch))).toEqual([]);
  });
});
