import { describe, expect, it } from 'vitest';
import { message, say, type Message } from '../../src/core/say.js';
import type { PlannedRow } from '../../src/core/types.js';
import type { DuplicatePolicy } from '../../src/plan/options.js';
import { bodyHashOf, planDuplicates, planRow, sendDuplicatesAgain, type PlanDecision, type PlanSink } from '../../src/plan/row-plan.js';

describe('planRow: what a row is from its own mapping', () => {
  it('invalid: every problem in one message, each with its column when it has one', () => {
    const planned = planRow({
      kind: 'invalid',
      problems: [
        { rowNumber: 4, column: 'Fecha', field: 'fecha', message: "'31/02/2024' is not a date (DD/MM/YYYY)" },
        { rowNumber: 4, message: 'the id is empty' },
      ],
    }, 4);
    const english = "column Fecha: '31/02/2024' is not a date (DD/MM/YYYY); the id is empty";
    expect(planned).toEqual({ action: 'invalid', rowNumber: 4, message: english, said: expect.objectContaining({ code: 'report.problems' }) });
    // The same as a message (kept for invalid rows only), for the summary's errors in the person's language.
    expect(say(planned.said as Message, 'en')).toBe(english);
    expect(say(planned.said as Message, 'es')).toBe("columna Fecha: '31/02/2024' is not a date (DD/MM/YYYY); the id is empty");
  });

  it('empty: skipped with why, keeping its id', () => {
    expect(planRow({ kind: 'empty', rowNumber: 9, id: 'rec9' }, 9)).toEqual({ action: 'skip', rowNumber: 9, id: 'rec9', message: 'nothing to send: every mapped cell is empty', said: { code: 'report.nothing-to-send' } });
  });

  it('mapped: to send, with its id and exactly the fields it sends, and no message', () => {
    expect(planRow({ kind: 'mapped', row: { rowNumber: 2, id: 'rec2', fields: { a: 1 }, attachments: [] } }, 2)).toEqual({ action: 'send', rowNumber: 2, id: 'rec2', fields: { a: 1 } });
    const file = { path: '/x/contrato.pdf', bytes: 10 };
    expect(planRow({ kind: 'mapped', row: { rowNumber: 3, id: 'rec3', fields: {}, attachments: [file] } }, 3)).toEqual({ action: 'send', rowNumber: 3, id: 'rec3', fields: {}, attachments: [file] });
  });
});

describe('planRow with --since: rows the baseline already holds', () => {
  const TARGET = { operation: 'op', module: 'contacts' };
  const row = (fields: Record<string, unknown>, id = 'rec2', attachments: { path: string; bytes: number }[] = []) => ({ rowNumber: 2, id, fields, attachments });
  const mapped = (fields: Record<string, unknown>, id?: string) => ({ kind: 'mapped' as const, row: row(fields, id) });

  it('a row is unchanged when the baseline holds the hash of the same body for its id', () => {
    const hash = bodyHashOf(TARGET, row({ Nombre: 'Ana', Saldo: 1500.5 }));
    expect(planRow(mapped({ Nombre: 'Ana', Saldo: 1500.5 }), 2, TARGET)).toEqual({ action: 'send', rowNumber: 2, id: 'rec2', fields: { Nombre: 'Ana', Saldo: 1500.5 } });
    const since = { runDir: 'ayer', bodyHashOf: (id: string) => (id === 'rec2' ? hash : undefined) };
    expect(planRow(mapped({ Nombre: 'Ana', Saldo: 1500.5 }), 2, { ...TARGET, since })).toEqual({
      action: 'unchanged', rowNumber: 2, id: 'rec2', fields: { Nombre: 'Ana', Saldo: 1500.5 }, message: 'same values as sent by ayer (--since)',
      said: { code: 'report.same-as-since', params: { runDir: 'ayer' } },
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
    expect(planRow(withFile, 2, { ...TARGET, since: { runDir: 'ayer', bodyHashOf: () => [0, 0] } })).toMatchObject({ action: 'send', rowNumber: 2, id: 'rec2' });
  });

  it('--duplicates all: every unchanged row of a repeated id goes back to send; other policies change nothing here', () => {
    const actions: PlannedRow['action'][] = ['unchanged', 'send', 'unchanged', 'unchanged'];
    const { target, replanned } = sink(actions);
    const duplicates = new Map([['a', [0, 1, 2]]]);
    sendDuplicatesAgain(duplicates, 'first', target);
    expect(actions).toEqual(['unchanged', 'send', 'unchanged', 'unchanged']);
    sendDuplicatesAgain(duplicates, 'all', target);
    expect(actions).toEqual(['send', 'send', 'send', 'unchanged']);
    expect(replanned).toEqual([[0, { action: 'send' }], [2, { action: 'send' }]]);
  });
});

/** A sink over rows of these actions that keeps what was replanned, in order. */
function sink(actions: PlannedRow['action'][] = []) {
  const replanned: [number, PlanDecision][] = [];
  const target: PlanSink = {
    start: () => {
      throw new Error('only replans here');
    },
    plan: () => {
      throw new Error('only replans here');
    },
    replan: (ordinal, decision) => {
      replanned.push([ordinal, decision]);
      if ('action' in decision) actions[ordinal] = decision.action;
    },
    action: (ordinal) => actions[ordinal] ?? 'send',
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
      [2, { action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)', said: message('note.duplicate-skipped', { place: 'line', line: 2, policy: 'first' }) }],
      [5, { action: 'skip', message: 'duplicate id: line 2 has the same id and is sent instead (--duplicates first)', said: message('note.duplicate-skipped', { place: 'line', line: 2, policy: 'first' }) }],
      [3, { action: 'skip', message: 'duplicate id: line 3 has the same id and is sent instead (--duplicates first)', said: message('note.duplicate-skipped', { place: 'line', line: 3, policy: 'first' }) }],
    ]);
  });

  it('last: the last row of an id is sent, the others skipped naming it (the label says row for a workbook)', () => {
    const { target, replanned } = sink();
    expect(planDuplicates(DUPLICATES, 'last', target, lineOf, 'row')).toEqual({ after: new Map(), excluded: 3 });
    expect(replanned).toEqual([
      [0, { action: 'skip', message: 'duplicate id: row 7 has the same id and is sent instead (--duplicates last)', said: message('note.duplicate-skipped', { place: 'row', line: 7, policy: 'last' }) }],
      [2, { action: 'skip', message: 'duplicate id: row 7 has the same id and is sent instead (--duplicates last)', said: message('note.duplicate-skipped', { place: 'row', line: 7, policy: 'last' }) }],
      [1, { action: 'skip', message: 'duplicate id: row 5 has the same id and is sent instead (--duplicates last)', said: message('note.duplicate-skipped', { place: 'row', line: 5, policy: 'last' }) }],
    ]);
  });

  it('all: every row is sent, each after the one before it with the same id', () => {
    const { target, replanned } = sink();
    expect(planDuplicates(DUPLICATES, 'all', target, lineOf, 'line')).toEqual({ after: new Map([[2, 0], [5, 2], [3, 1]]), excluded: 0 });
    expect(replanned).toEqual([[2, { after: 0 }], [5, { after: 2 }], [3, { after: 1 }]]);
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
});
