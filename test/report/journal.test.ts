import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, loadJournal } from '../../src/report/journal.js';
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
});
