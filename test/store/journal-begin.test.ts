// A bug the recovery bench (bench/scenarios/recovery.js, figure 7d) found, fixed: this test failed before.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunFolder } from '../../src/store/run-folder.js';
import { openRunStore } from '../../src/store/run-store.js';
import { RowTable } from '../../src/store/row-table.js';
import { tempDir } from '../helpers.js';

describe('the journal and a kill -9', () => {
  // The journal holds a turn's lines until the end of that turn (journal.ts, setImmediate flush), but a
  // call leaves in the turn its begin line is written (call-retry.ts: onCallStart, then send()). Killed
  // in between, the CRM has the update and the journal no trace of the call: resume sends the row as never
  // sent (applied twice, not counted in `resent`). Seen in the bench: 21 ids applied twice for 20 re-sent;
  // 3 such rows in 30 kills of a 3,000-row run.
  it('a call\'s begin line is on disk when store.begin returns, before the call can leave', async () => {
    const paths = createRunFolder(path.join(tempDir(), 'run'));
    const table = new RowTable();
    for (let ordinal = 0; ordinal < 3; ordinal += 1) table.plan(ordinal, { action: 'send' });
    const store = await openRunStore({ paths, table, onWriteFailure: () => undefined });
    try {
      store.begin([0, 1]);
      const onDisk = fs.existsSync(paths.journal) ? fs.readFileSync(paths.journal, 'utf8') : '';
      expect(onDisk.trimEnd().split('\n').at(-1)).toBe(JSON.stringify({ t: 'begin', o: [0, 1] }));
    } finally {
      await store.close();
    }
  });
});
