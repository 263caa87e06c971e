import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWolkvoxBulkError } from '../../src/core/errors.js';
import { message, say } from '../../src/core/say.js';
import type { RowResult } from '../../src/core/types.js';
import { JOURNAL_FORMAT, sameLine } from '../../src/store/journal-fold.js';
import { createRunFolder, type RunPaths } from '../../src/store/run-folder.js';
import { writeRunFile, type RunFile } from '../../src/store/run-file.js';
import { openRunStore } from '../../src/store/run-store.js';
import { RowTable } from '../../src/store/row-table.js';
import { tempDir } from '../helpers.js';
import { foldJournal } from './fold.js';

// Format 3: the rows of a batch share their answer, and a row that shares the last row line's outcome is
// journaled as a `same` line (its place, id and calls counted). Folding gives back every row as recorded.

const ROWS = 8;
const refused = { network: 1 };
// A batch of four sharing call 1's answer, a row refused on its own, a batch of three sharing call 3's.
const results: RowResult[] = [
  ...[0, 1, 2, 3].map((ordinal) => ({ ordinal, rowNumber: ordinal + 2, id: `r${ordinal}`, status: 'updated' as const, kind: 'ok' as const, httpStatus: 200, apiCode: '200', message: 'Succesfully edit record 4', attempts: 2, countedCalls: ordinal === 0 ? 2 : 0, ms: 40, call: 1, refused })),
  { ordinal: 4, rowNumber: 6, id: 'r4', status: 'failed', kind: 'row', httpStatus: 400, message: 'RECORD NOT FOUND', attempts: 1, ms: 9, call: 2 },
  ...[5, 6, 7].map((ordinal) => ({ ordinal, rowNumber: ordinal + 2, id: `r${ordinal}`, status: 'updated' as const, kind: 'ok' as const, httpStatus: 200, apiCode: '200', message: 'Succesfully edit record 3', attempts: 1, countedCalls: ordinal === 5 ? 1 : 0, ms: 12, call: 3 })),
];

async function session(paths: RunPaths, rows: readonly RowResult[]): Promise<void> {
  const table = new RowTable();
  for (let ordinal = 0; ordinal < ROWS; ordinal += 1) table.plan(ordinal, { action: 'send' });
  const store = await openRunStore({ paths, table, onWriteFailure: () => undefined });
  await store.startSession();
  for (const row of rows) store.record(row);
  await store.close();
}

// A run folder as update leaves it before its first session (the store marks the journal in run.json).
function runFolder(): RunPaths {
  const paths = createRunFolder(path.join(tempDir(), 'run'));
  writeRunFile(paths, { version: 1, createdAt: '2026-12-01T00:00:00.000Z', rows: ROWS } as unknown as RunFile);
  return paths;
}

/** The same rows folded from a journal of whole row lines (as format 2 wrote them): what `same` lines must give. */
async function wholeLines(rows: readonly RowResult[]) {
  const file = path.join(tempDir(), 'journal.ndjson');
  const session = { t: 'session', n: 1, at: '2026-12-01T00:00:00.000Z', pid: 1, v: 2 };
  fs.writeFileSync(file, [session, ...rows.map((row) => ({ t: 'row', row }))].map((line) => `${JSON.stringify(line)}\n`).join(''));
  return foldJournal(file, ROWS);
}
const outcomes = (folded: Awaited<ReturnType<typeof foldJournal>>) => Array.from({ length: ROWS }, (_, ordinal) => folded.table.outcome(ordinal));

const lines = (paths: RunPaths) => fs.readFileSync(paths.journal, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { t: string; v?: number });

describe('the journal writes a batch\'s shared answer once (format 3)', () => {
  it('rows sharing the last row line\'s outcome are same lines; folding gives back every row as recorded', async () => {
    const paths = runFolder();
    await session(paths, results);
    expect(lines(paths).map((line) => line.t)).toEqual(['session', 'row', 'same', 'same', 'same', 'row', 'row', 'same', 'same']);
    expect(lines(paths)[0]?.v).toBe(JOURNAL_FORMAT);
    const folded = await foldJournal(paths.journal, ROWS);
    const reference = await wholeLines(results);
    expect(outcomes(folded)).toEqual(outcomes(reference));
    expect(outcomes(folded).every((outcome) => outcome !== undefined)).toBe(true);
    expect(folded.totals).toEqual({ ...reference.totals, sessions: 1 });
  });

  it('a session\'s first row is a whole line, never a repeat of the last session\'s', async () => {
    const paths = runFolder();
    await session(paths, results.slice(0, 2));
    await session(paths, results.slice(2, 4));
    expect(lines(paths).map((line) => line.t)).toEqual(['session', 'row', 'same', 'session', 'row', 'same']);
    expect(outcomes(await foldJournal(paths.journal, ROWS))).toEqual(outcomes(await wholeLines(results.slice(0, 4))));
  });

  it("a note the run wrote itself keeps its message (the run's files word it): journaled, folded back, and kept by a table with a scratch file; a batch's rows with equal messages are same lines", async () => {
    const paths = runFolder();
    // A batch of three that gave up after its retries: each row makes its own message, equal to the others'.
    const said = () => message('note.gave-up', { answer: 'HTTP 504 (not JSON): 504 Gateway Time-out', tries: 2, reached: true });
    const gaveUp = [0, 1, 2].map((ordinal): RowResult => ({ ordinal, rowNumber: ordinal + 2, id: `r${ordinal}`, status: 'failed', kind: 'retry', httpStatus: 504, message: say(said(), 'en'), said: said(), attempts: 2, ms: 30, call: 2 }));
    await session(paths, gaveUp);
    expect(lines(paths).map((line) => line.t)).toEqual(['session', 'row', 'same', 'same']);
    const folded = await foldJournal(paths.journal, ROWS);
    for (const ordinal of [0, 1, 2]) expect(folded.table.outcome(ordinal)).toMatchObject({ message: 'HTTP 504 (not JSON): 504 Gateway Time-out (gave up after 2 attempts)', said: said() });
    // The table of a run keeps outcomes in a scratch file: the message comes back from it, and a note without one stays without.
    const table = new RowTable(path.join(tempDir(), 'outcomes'));
    table.plan(0, { action: 'send' });
    table.plan(1, { action: 'send' });
    table.set(gaveUp[0] as RowResult);
    table.set({ ordinal: 1, status: 'failed', kind: 'row', message: 'RECORD NOT FOUND', attempts: 1, ms: 5 });
    expect(table.outcome(0)).toMatchObject({ message: 'HTTP 504 (not JSON): 504 Gateway Time-out (gave up after 2 attempts)', said: said() });
    expect(table.outcome(1)?.said).toBeUndefined();
    expect(table.outcome(1)?.message).toBe('RECORD NOT FOUND');
    table.close();
  });

  it('a journal a newer version wrote is refused, not folded with its lines skipped (its rows would be sent again)', async () => {
    const paths = createRunFolder(path.join(tempDir(), 'run'));
    fs.writeFileSync(paths.journal, `${JSON.stringify({ t: 'session', n: 1, at: '2026-12-01T00:00:00.000Z', pid: 1, v: JOURNAL_FORMAT + 1 })}\n${JSON.stringify({ t: 'future', o: 0 })}\n`);
    const error = await foldJournal(paths.journal, ROWS).then(() => undefined, (caught: unknown) => caught);
    expect(isWolkvoxBulkError(error) && error.code).toBe('RUN_INVALID');
    expect(String(error)).toContain('newer wolkvox-bulk');
  });
});

describe('sameLine', () => {
  it('is the text JSON.stringify writes for the same line, whatever the id holds', () => {
    const base = results[1] as RowResult;
    for (const id of ['r1', 'a"b\\c', 'Bogotá ñ', 'line\nbreak\u2028', undefined]) {
      for (const countedCalls of [0, 3, undefined]) {
        const row: RowResult = { ...base, id, countedCalls };
        if (id === undefined) delete (row as { id?: string }).id;
        if (countedCalls === undefined) delete (row as { countedCalls?: number }).countedCalls;
        const expected = JSON.stringify({ t: 'same', o: row.ordinal, n: row.rowNumber, ...(row.id === undefined ? {} : { i: row.id }), ...(row.countedCalls === undefined ? {} : { k: row.countedCalls }) });
        expect(sameLine(row)).toBe(expected);
      }
    }
  });
});
