import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, loadJournal } from '../../src/store/journal.js';
import { tempDir } from '../helpers.js';

describe('the journal', () => {
  it('folds sessions: latest outcome per row, calls, retries, and rows re-sent after a crash', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    const first = new Journal(file);
    first.startSession(1);
    // A begin line for every call that leaves: row 0 took two.
    first.begin(0);
    first.begin(0);
    first.record({ ordinal: 0, rowNumber: 2, id: 'a', status: 'updated', kind: 'ok', httpStatus: 200, attempts: 2, ms: 10, refused: { network: 1 } });
    first.begin(1);
    first.begin(1); // the process dies with row 1's second call in flight: both calls count
    first.close();
    const second = new Journal(file);
    second.startSession(2);
    second.begin(1);
    second.record({ ordinal: 1, rowNumber: 3, id: 'b', status: 'updated', kind: 'ok', attempts: 1, ms: 5 });
    second.quotaCheck();
    second.close();
    fs.appendFileSync(file, '{"t":"row","row":{"ordi'); // a line cut short by kill -9
    const state = await loadJournal(file, 3);
    expect(state).toMatchObject({ sessions: 2, calls: 5, retries: 1, quotaChecks: 1, resent: 1, refused: { network: 1 } });
    expect(state.table.get(0)).toMatchObject({ status: 'updated', attempts: 2 });
    expect(state.table.get(1)).toMatchObject({ status: 'updated', rowNumber: 3 });
    expect(state.table.get(2)).toBeUndefined();
    expect([...state.unfinished]).toEqual([]);
  });

  it('forgets a row\'s earlier outcome once a new call for it starts', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    const journal = new Journal(file);
    journal.startSession(1);
    journal.begin(0);
    journal.record({ ordinal: 0, rowNumber: 2, status: 'failed', kind: 'row', message: 'RECORD NOT FOUND', attempts: 1, ms: 3 });
    journal.startSession(2);
    journal.begin(0); // resume --retry-failed, killed with the call in flight
    journal.close();
    const state = await loadJournal(file, 1);
    expect(state.table.get(0)).toBeUndefined();
    expect([...state.unfinished]).toEqual([0]);
  });

  it('does not count a call that never reached a server, counts it apart, and still counts a begin a crash cut short (issue 10 item 13)', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    const journal = new Journal(file);
    journal.startSession(1);
    // Row 0: two connection failures, then an answer. Row 1: one failure, then the process dies mid-call.
    journal.begin(0);
    journal.unreached(0);
    journal.begin(0);
    journal.unreached(0);
    journal.begin(0);
    journal.record({ ordinal: 0, rowNumber: 2, status: 'updated', kind: 'ok', attempts: 1, ms: 9 });
    journal.begin(1);
    journal.unreached(1);
    journal.begin(1);
    journal.close();
    const state = await loadJournal(file, 2);
    expect(state).toMatchObject({ calls: 2, connectionFailures: 3, retries: 0 });
    expect([...state.unfinished]).toEqual([1]);
  });

  it('still folds a journal written before connection failures were recorded', async () => {
    const file = path.join(tempDir(), 'journal.ndjson');
    const old = [
      { t: 'session', n: 1, at: '2026-11-01T00:00:00.000Z', pid: 1 },
      { t: 'begin', o: 0 },
      { t: 'row', row: { ordinal: 0, rowNumber: 2, status: 'updated', kind: 'ok', attempts: 1, ms: 3 } },
      { t: 'begin', o: 1 },
      { t: 'begin', o: 1 },
      { t: 'row', row: { ordinal: 1, rowNumber: 3, status: 'failed', kind: 'retry', message: 'ECONNREFUSED', attempts: 2, ms: 3, refused: { network: 2 } } },
    ];
    fs.writeFileSync(file, old.map((line) => `${JSON.stringify(line)}\n`).join(''));
    const state = await loadJournal(file, 2);
    expect(state).toMatchObject({ sessions: 1, calls: 3, connectionFailures: 0, retries: 1, refused: { network: 2 } });
    expect(state.table.get(1)).toMatchObject({ status: 'failed' });
  });
});
