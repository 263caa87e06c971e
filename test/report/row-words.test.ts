import { describe, expect, it } from 'vitest';
import type { PlanRow } from '../../src/core/types.js';
import { createRowWords } from '../../src/report/row-words.js';
import { JournalFold, type JournalLine } from '../../src/store/journal-fold.js';
import { RowTable } from '../../src/store/row-table.js';

// The notes the journal's fold writes itself on rows whose outcome it never saw (a crash, a batch being
// narrowed down) are worded in a Spanish run's files like the run's other notes (issue 20's leftovers).

const session = (n: number): JournalLine => ({ t: 'session', n, at: '', pid: 1, v: 3 });
const planRow = (ordinal: number): PlanRow => ({ ordinal, rowNumber: ordinal + 2, action: 'send', id: `r${ordinal}`, cells: [] });

describe("a Spanish run's files word the journal fold's own notes", () => {
  it('a row whose call a crash cut, and the rows of a batch being narrowed down; English needs no words', () => {
    const table = new RowTable();
    for (let ordinal = 0; ordinal < 3; ordinal += 1) table.plan(ordinal, { action: 'send' });
    const fold = new JournalFold(table);
    const lines: JournalLine[] = [session(1), { t: 'begin', o: [0, 1] }, { t: 'answer', c: 1 }, { t: 'narrow', o: [0, 1], c: 1 }, { t: 'begin', o: 2 }, session(2)];
    for (const line of lines) fold.apply(line);
    const words = createRowWords('es', () => ({}));
    const worded = (ordinal: number) => words?.(table.result(planRow(ordinal), { status: 'not_sent' }), planRow(ordinal));
    expect(table.result(planRow(2), { status: 'not_sent' }).message).toBe('sent in call 2; the process ended before its outcome was written: it may have been applied (resume sends it again)');
    expect(worded(2)).toBe('enviada en la solicitud 2; el proceso terminó antes de guardar su resultado: pudo haberse aplicado (resume la envía de nuevo)');
    expect(worded(0)).toBe('enviada en la solicitud 1, cuya respuesta no confirmó esta fila: pudo aplicarse o no (resume sigue dividiendo su lote)');
    expect(createRowWords('en', () => ({}))).toBeUndefined();
  });
});
