import { describe, expect, it } from 'vitest';
import type { PlannedRow } from '../../src/core/types.js';
import type { DuplicatePolicy } from '../../src/plan/options.js';
import { bodyHashOf, planDuplicates, planRow, sendDuplicatesAgain, type PlanSink } from '../../src/plan/row-plan.js';
import { RowTable } from '../../src/store/row-table.js';

describe('planRow: what a row is from its own mapping', () => {
  it('invalid: every problem in one message, each with its column when it has one', () => {
    const planned = planRow({
      kind: 'invalid',
      problems: [
        { rowNumber: 4, column: 'Fecha', field: 'fecha', message: "'31/02/2024' is not a date (DD/MM/YYYY)" },
        { rowNumber: 4, message: 'the id is empty' },
      ],
    }, 4);
    expect(planned).toEqual({ action: 'invalid', rowNumber: 4, message: "column Fecha: '31/02/2024' is not a date (DD/MM/YYYY); the id is empty" });
  });

  it('empty: skipped with why, keeping its id', () => {
    expect(planRow({ kind: 'empty', rowNumber: 9, id: 'rec9' }, 9)).toEqual({ action: 'skip', rowNumber: 9, id: 'rec9', message: 'nothing to send: every mapped cell is empty' });
  });

  it('mapped: to send, with its id and no message', () => {
    expect(planRow({ kind: 'mapped', row: { rowNumber: 2, id: 'rec2', fields: { a: 1 }, attachments: [] } }, 2)).toEqual({ action: 'send', rowNumber: 2, id: 'rec2' });
  });
});

describe('planRow with --since: the body hash, and rows the baseline already holds', () => {
  const TARGET = { operation: 'op', module: 'contacts' };
  const row = (fields: Record<string, unknown>, id = 'rec2', attachments: { path: string; bytes: number }[] = []) => ({ rowNumber: 2, id, fields, attachments });
  const mapped = (fields: Record<string, unknown>, id?: string) => ({ kind: 'mapped' as const, row: row(fields, id) });

  it('a row to send carries the hash of what it sends; unchanged when the baseline holds the same for its id', () => {
    const hash = bodyHashOf(TARGET, row({ Nombre: 'Ana', Saldo: 1500.5 }));
    expect(planRow(mapped({ Nombre: 'Ana', Saldo: 1500.5 }), 2, TARGET)).toEqual({ action: 'send', rowNumber: 2, id: 'rec2', bodyHash: hash });
    const since = { runDir: 'ayer', bodyHashOf: (id: string) => (id === 'rec2' ? hash : undefined) };
    expect(planRow(mapped({ Nombre: 'Ana', Saldo: 1500.5 }), 2, { ...TARGET, since })).toEqual({
      action: 'unchanged', rowNumber: 2, id: 'rec2', message: 'same values as sent by ayer (--since)', bodyHash: hash,
    });
    expect(planRow(mapped({ Nombre: 'Ana', Saldo: 1500.5 }, 'rec3'), 2, { ...TARGET, since }).action).toBe('send');
    expect(planRow(mapped({ Nombre: 'Ana', Saldo: 1500.51 }), 2, { ...TARGET, since }).action).toBe('send');
  });

  it('the hash covers exactly what is sent: operation, module, id, each field and value, and the key order', () => {
    const base = bodyHashOf(TARGET, row({ a: '1', b: 2 }));
    const others = [
      bodyHashOf({ ...TARGET, operation: 'op2' }, row({ a: '1', b: 2 })),
      bodyHashOf({ ...TARGET, module: 'leads' }, row({ a: '1', b: 2 })),
      bodyHashOf(TARGET, row({ a: '1', b: 2 }, 'rec3')),
      bodyHashOf(TARGET, row({ a: 1, b: 2 })),
      bodyHashOf(TARGET, row({ a: '1', b: '2' })),
      bodyHashOf(TARGET, row({ a: '1' })),
      bodyHashOf(TARGET, row({ a: '1', b: 2, c: '' })),
      bodyHashOf(TARGET, row({ b: 2, a: '1' })),
    ];
    expect(bodyHashOf(TARGET, row({ a: '1', b: 2 }))).toEqual(base);
    expect(new Set([base, ...others].map(String)).size).toBe(others.length + 1);
  });

  it('a row with attachments has no hash and is always sent (hashing would read every file)', () => {
    const withFile = { kind: 'mapped' as const, row: row({ a: '1' }, 'rec2', [{ path: 'x.pdf', bytes: 10 }]) };
    expect(bodyHashOf(TARGET, withFile.row)).toBeUndefined();
    expect(planRow(withFile, 2, { ...TARGET, since: { runDir: 'ayer', bodyHashOf: () => [0, 0] } })).toEqual({ action: 'send', rowNumber: 2, id: 'rec2' });
  });

  it('--duplicates all: every unchanged row of a repeated id goes back to send; other policies change nothing here', () => {
    const table = new RowTable();
    ['unchanged', 'send', 'unchanged', 'unchanged'].forEach((action, ordinal) => table.plan(ordinal, { action: action as PlannedRow['action'], rowNumber: ordinal + 2, id: ordinal === 3 ? 'b' : 'a', message: action === 'unchanged' ? 'same' : undefined }));
    const duplicates = new Map([['a', [0, 1, 2]]]);
    sendDuplicatesAgain(duplicates, 'first', table);
    expect([0, 1, 2, 3].map((ordinal) => table.planned(ordinal).action)).toEqual(['unchanged', 'send', 'unchanged', 'unchanged']);
    sendDuplicatesAgain(duplicates, 'all', table);
    expect([0, 1, 2, 3].map((ordinal) => table.planned(ordinal).action)).toEqual(['send', 'send', 'send', 'unchanged']);
    expect(table.planned(0).message).toBeUndefined();
  });
});

/** A sink that keeps what was replanned, in order. */
function sink() {
  const replanned: [number, Pick<PlannedRow, 'action' | 'message'>][] = [];
  const target: PlanSink = {
    plan: () => {
      throw new Error('planDuplicates only replans');
    },
    replan: (ordinal, planned) => replanned.push([ordinal, planned]),
    planned: () => {
      throw new Error('planDuplicates does not look back');
    },
  };
  return { target, replanned };
}

// Id "a" on ordinals 0, 2 and 5; id "b" on 1 and 3; ordinal n is on line n + 2.
const DUPLICATES = new Map<string, readonly number[]>([['a', [0, 2, 5]], ['b', [1, 3]]]);
const lineOf = (ordinal: number) => ordinal + 2;

describe('planDuplicates: the --duplicates policy once the whole file is known', () => {
  it('first: the other rows of an id are skipped, naming the row sent instead', () => {
    const { target, replanned } = sink();
    const result = planDuplicates(DUPLICATES, 'first', target, lineOf, 'line');
    expect(result).toEqual({ after: new Map(), excluded: 3 });
    expect(replanned).toEqual([
      [2, { action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' }],
      [5, { action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' }],
      [3, { action: 'skip', message: 'duplicate id: line 3 has the same id and is sent instead (--duplicates first)' }],
    ]);
  });

  it('last: the last row of an id is sent, the others skipped naming it (the label says row for a workbook)', () => {
    const { target, replanned } = sink();
    expect(planDuplicates(DUPLICATES, 'last', target, lineOf, 'row')).toEqual({ after: new Map(), excluded: 3 });
    expect(replanned).toEqual([
      [0, { action: 'skip', message: 'duplicate id: row 7 has the same id and is sent instead (--duplicates last)' }],
      [2, { action: 'skip', message: 'duplicate id: row 7 has the same id and is sent instead (--duplicates last)' }],
      [1, { action: 'skip', message: 'duplicate id: row 5 has the same id and is sent instead (--duplicates last)' }],
    ]);
  });

  it('all: every row is sent, each after the one before it with the same id', () => {
    const { target, replanned } = sink();
    expect(planDuplicates(DUPLICATES, 'all', target, lineOf, 'line')).toEqual({ after: new Map([[2, 0], [5, 2], [3, 1]]), excluded: 0 });
    expect(replanned).toEqual([]);
  });

  it('error: nothing is changed here (the check refuses the file before)', () => {
    const { target, replanned } = sink();
    expect(planDuplicates(DUPLICATES, 'error', target, lineOf, 'line')).toEqual({ after: new Map(), excluded: 0 });
    expect(replanned).toEqual([]);
  });

  it.each<DuplicatePolicy>(['first', 'last', 'all', 'error'])('%s: a file without duplicates changes nothing', (policy) => {
    const { target, replanned } = sink();
    expect(planDuplicates(new Map(), policy, target, lineOf, 'line')).toEqual({ after: new Map(), excluded: 0 });
    expect(replanned).toEqual([]);
  });

  it('recorded in the row table: the skipped rows keep their id and line, with the new decision', () => {
    const table = new RowTable();
    ['a', 'b', 'a', 'b', 'c', 'a'].forEach((id, ordinal) => table.plan(ordinal, { action: 'send', rowNumber: lineOf(ordinal), id }));
    planDuplicates(DUPLICATES, 'first', table, lineOf, 'line');
    expect([0, 1, 2, 3, 4, 5].map((ordinal) => table.planned(ordinal).action)).toEqual(['send', 'send', 'skip', 'skip', 'send', 'skip']);
    expect(table.planned(5)).toEqual({ action: 'skip', rowNumber: 7, id: 'a', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)' });
  });
});
