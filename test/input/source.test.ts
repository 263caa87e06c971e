import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/core/types.js';
import { openInput } from '../../src/input/open.js';
import { tempDir } from '../helpers.js';
import { readAll } from './read-all.js';

// The rows of a file in batches (issue 18: one await a chunk of the file, not one a row), and the same
// rows whichever way they are taken.
const ROWS = 5000;
const csvOf = (rows: number, tail = '') => {
  const file = path.join(tempDir(), 'datos.csv');
  const lines = Array.from({ length: rows }, (_, n) => `rec${n},Cliente ${n},Bogotá`);
  fs.writeFileSync(file, `id,Nombre,Ciudad\n${lines.join('\n')}\n${tail}`);
  return file;
};

describe('rows in batches', () => {
  it('hands out a CSV in batches of many rows, the same rows in the same order as one at a time', async () => {
    const file = csvOf(ROWS);
    const { rows: one } = await readAll({ file });
    const source = await openInput({ file });
    const batches: (readonly SourceRow[])[] = [];
    for (let batch = await source.rows.nextBatch(); batch; batch = await source.rows.nextBatch()) batches.push(batch);
    expect(batches.flat()).toEqual(one);
    expect(one).toHaveLength(ROWS);
    expect(batches.length).toBeLessThan(ROWS / 10);
    expect(await source.rows.nextBatch()).toBeUndefined();
  });

  it('gives each row once when next() and nextBatch() are mixed', async () => {
    const file = csvOf(ROWS);
    const source = await openInput({ file });
    const first = await source.rows.next();
    const rest = await source.rows.nextBatch();
    const after = await source.rows.next();
    expect(first.value).toEqual({ rowNumber: 2, values: { id: 'rec0', Nombre: 'Cliente 0', Ciudad: 'Bogotá' } });
    expect(rest?.[0]?.rowNumber).toBe(3);
    expect(after.value?.rowNumber).toBe((rest?.at(-1)?.rowNumber ?? 0) + 1);
    await source.rows.return?.(undefined);
  });

  it('hands out the rows before a broken line, then its error with its line', async () => {
    const file = csvOf(ROWS, 'recX,"never closed,Bogotá\n');
    const source = await openInput({ file });
    const read: SourceRow[] = [];
    const failure = await (async () => {
      for (let batch = await source.rows.nextBatch(); batch; batch = await source.rows.nextBatch()) read.push(...batch);
    })().catch((error: unknown) => error);
    expect(read).toHaveLength(ROWS);
    expect(failure).toMatchObject({ code: 'CSV_QUOTE_NOT_CLOSED', row: ROWS + 2 });
  });
});
