import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalLine } from '../../src/store/journal-fold.js';
import { JournalFold } from '../../src/store/journal-fold.js';
import { JournalWriter, readJournal } from '../../src/store/journal.js';
import { RowTable } from '../../src/store/row-table.js';
import { tempDir } from '../helpers.js';
import { foldJournal } from './fold.js';

/** Appends lines as a session would, through the writer (which goes on from what is on disk). */
async function append(file: string, lines: JournalLine[]): Promise<void> {
  const table = new RowTable();
  for (let ordinal = 0; ordinal < 10; ordinal += 1) table.plan(ordinal, { action: 'send' });
  const writer = new JournalWriter(file, await readJournal(file, new JournalFold(table)));
  for (const line of lines) writer.write(line);
  writer.close();
}

const session = (n: number): JournalLine => ({ t: 'session', n, at: '2026-12-01T00:00:00.000Z', pid: 1 });

describe('the journal', () => {
  it('folds sessions: latest outcome per row, calls, retries, and rows re-sent after a crash', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    await append(file, [
      session(1),
      // A begin line for every call that leaves: row 0 took two.
      { t: 'begin', o: 0 },
      { t: 'begin', o: 0 },
      { t: 'row', row: { ordinal: 0, rowNumber: 2, id: 'a', status: 'updated', kind: 'ok', httpStatus: 200, attempts: 2, ms: 10, refused: { network: 1 } } },
      { t: 'begin', o: 1 },
      { t: 'begin', o: 1 }, // the process dies with row 1's second call in flight: both calls count
    ]);
    await append(file, [session(2), { t: 'begin', o: 1 }, { t: 'row', row: { ordinal: 1, rowNumber: 3, id: 'b', status: 'updated', kind: 'ok', attempts: 1, ms: 5 } }, { t: 'quota-check' }]);
    fs.appendFileSync(file, '{"t":"row","row":{"ordi'); // a line cut short by a power cut
    const state = await foldJournal(file, 3);
    expect(state.totals).toMatchObject({ sessions: 2, calls: 5, retries: 1, quotaChecks: 1, resent: 1, refused: { network: 1 } });
    expect(state.table.outcome(0)).toMatchObject({ status: 'updated', attempts: 2 });
    expect(state.table.outcome(1)).toMatchObject({ status: 'updated', attempts: 1, ms: 5 });
    expect(state.table.outcome(2)).toBeUndefined();
    expect([...state.unfinished]).toEqual([]);
    // The cut line is not counted as a whole line, and the next writer drops it.
    expect(state.end.bytes).toBe(fs.statSync(file).size - '{"t":"row","row":{"ordi'.length);
    await append(file, [session(3)]);
    for (const line of fs.readFileSync(file, 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('forgets a row\'s earlier outcome once a new call for it starts', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    await append(file, [
      session(1),
      { t: 'begin', o: 0 },
      { t: 'row', row: { ordinal: 0, rowNumber: 2, status: 'failed', kind: 'row', message: 'RECORD NOT FOUND', attempts: 1, ms: 3 } },
      session(2),
      { t: 'begin', o: 0 }, // resume --retry-failed, killed with the call in flight
    ]);
    const state = await foldJournal(file, 1);
    expect(state.table.outcome(0)).toBeUndefined();
    expect([...state.unfinished]).toEqual([0]);
  });

  it('does not count a call that never reached a server, counts it apart, and still counts a begin a crash cut short (issue 10 item 13)', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    // Row 0: two connection failures, then an answer. Row 1: one failure, then the process dies mid-call.
    await append(file, [
      session(1),
      { t: 'begin', o: 0 },
      { t: 'unreached', o: 0 },
      { t: 'begin', o: 0 },
      { t: 'unreached', o: 0 },
      { t: 'begin', o: 0 },
      { t: 'row', row: { ordinal: 0, rowNumber: 2, status: 'updated', kind: 'ok', attempts: 1, ms: 9 } },
      { t: 'begin', o: 1 },
      { t: 'unreached', o: 1 },
      { t: 'begin', o: 1 },
    ]);
    const state = await foldJournal(file, 2);
    expect(state.totals).toMatchObject({ calls: 2, connectionFailures: 3, retries: 0 });
    expect([...state.unfinished]).toEqual([1]);
  });

  it('still folds a journal written before connection failures were recorded, and before `code` was `apiCode`', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    const old = [
      { t: 'session', n: 1, at: '2026-11-01T00:00:00.000Z', pid: 1 },
      { t: 'begin', o: 0 },
      { t: 'row', row: { ordinal: 0, rowNumber: 2, status: 'updated', kind: 'ok', attempts: 1, ms: 3 } },
      { t: 'begin', o: 1 },
      { t: 'begin', o: 1 },
      { t: 'row', row: { ordinal: 1, rowNumber: 3, status: 'failed', kind: 'retry', code: '503', message: 'ECONNREFUSED', attempts: 2, ms: 3, refused: { network: 2 } } },
    ];
    fs.writeFileSync(file, old.map((line) => `${JSON.stringify(line)}\n`).join(''));
    const state = await foldJournal(file, 2);
    expect(state.totals).toMatchObject({ sessions: 1, calls: 3, connectionFailures: 0, retries: 1, refused: { network: 2 } });
    expect(state.table.outcome(1)).toMatchObject({ status: 'failed', apiCode: '503' });
  });
});
