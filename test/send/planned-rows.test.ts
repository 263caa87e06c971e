import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedRow } from '../../src/core/types.js';
import { plannedRows, type RowToSend } from '../../src/send/planned-rows.js';
import { planLine, PlanWriter } from '../../src/store/plan-file.js';
import { tempDir } from '../helpers.js';

const CSV = { kind: 'csv', encoding: 'utf-8', bom: false, delimiter: ',', lineEnding: '\r\n' } as const;

/** A plan of `rows` rows to send (id `id-n`, fields {n}, one cell each), as the check writes it. */
function planOf(rows: number): string {
  const plan = path.join(tempDir(), 'plan.ndjson');
  const writer = new PlanWriter(plan, { file: 'datos.csv', format: CSV, headers: ['id'], headerRow: 1, warnings: [], fields: {} });
  for (let n = 0; n < rows; n += 1) {
    const planned: PlannedRow = { action: 'send', rowNumber: n + 2, id: `id-${n}`, fields: { n } };
    writer.row(planLine(planned, [`id-${n}`]));
  }
  writer.close();
  return plan;
}

async function taken(plan: string, toSend: (ordinal: number) => boolean, limit?: number): Promise<RowToSend[]> {
  const rows: RowToSend[] = [];
  for await (const chunk of plannedRows(plan, toSend, limit).rows) rows.push(...chunk);
  return rows;
}

describe('plannedRows: the rows a session sends, read from the plan', () => {
  it('gives each row to send with the id, fields and line the check gave it, across chunks of the plan', async () => {
    // Enough rows for several 64 KiB chunks: ordinals must carry on from one chunk to the next.
    const plan = planOf(5000);
    const rows = await taken(plan, (ordinal) => ordinal % 7 === 3);
    expect(rows.map((row) => row.ordinal)).toEqual(Array.from({ length: 5000 }, (_, n) => n).filter((n) => n % 7 === 3));
    for (const { ordinal, row } of rows) expect(row).toEqual({ rowNumber: ordinal + 2, id: `id-${ordinal}`, fields: { n: ordinal }, attachments: [] });
  });

  it('parses only the rows it sends: a line of a row done already is never read as JSON', async () => {
    // A resume with one row left reads a million-row plan without parsing the other rows' lines.
    const plan = planOf(3);
    const text = fs.readFileSync(plan, 'utf8').split('\n');
    text[1] = '[2,"send","id-0",{"n":0'; // row 0's line, cut: JSON.parse would throw
    fs.writeFileSync(plan, text.join('\n'));
    const rows = await taken(plan, (ordinal) => ordinal !== 0);
    expect(rows.map((row) => row.row.id)).toEqual(['id-1', 'id-2']);
  });

  it('stops at --limit and says so', async () => {
    const planned = plannedRows(planOf(10), () => true, 4);
    const rows: RowToSend[] = [];
    for await (const chunk of planned.rows) rows.push(...chunk);
    expect(rows.map((row) => row.ordinal)).toEqual([0, 1, 2, 3]);
    expect(planned.limitReached()).toBe(true);
  });
});
