import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Hash64, PlannedRow } from '../../src/core/types.js';
import { bodyHashOf } from '../../src/plan/row-plan.js';
import { Baseline, dropFromBaseline } from '../../src/store/baseline.js';
import { writeBaseline as writeBaselineOf } from '../../src/store/baseline-writer.js';
import { planLine, PlanWriter } from '../../src/store/plan-file.js';
import { RowTable } from '../../src/store/row-table.js';
import { expectError, tempDir } from '../helpers.js';

const UPDATED = { status: 'updated', kind: 'ok', attempts: 1, ms: 3 } as const;
const TARGET = { operation: 'op', module: 'contacts' };
const body = (n: number): Hash64 => bodyHashOf(TARGET, { id: `id-${n}`, fields: { n } }) as Hash64;
const PLANS = new WeakMap<RowTable, string>();

/** A run's plan of `send` rows with id `id-n` and fields {n}, and its table; `edit` changes what a row was planned as. */
function tableOf(rows: number, edit: (n: number, planned: PlannedRow) => PlannedRow = (_, planned) => planned) {
  const plan = path.join(tempDir(), 'plan.ndjson');
  const writer = new PlanWriter(plan, { file: 'datos.csv', format: { kind: 'csv', encoding: 'utf-8', bom: false, delimiter: ',', lineEnding: '\r\n' }, headers: [], headerRow: 1, warnings: [], fields: {} });
  const table = new RowTable();
  for (let n = 0; n < rows; n += 1) {
    const planned = edit(n, { action: 'send', rowNumber: n + 2, id: `id-${n}`, fields: { n } });
    table.plan(n, planned);
    writer.row(planLine(planned, []));
  }
  writer.close();
  PLANS.set(table, plan);
  return table;
}

const writeBaseline = (file: string, table: RowTable) => writeBaselineOf(file, PLANS.get(table) ?? '', table, TARGET);

describe('baseline.bin: what the CRM holds after a run, a hash per id', () => {
  it('holds exactly the rows updated or found unchanged that have a body hash; looks each up by id', async () => {
    const table = tableOf(8, (n, planned) => {
      if (n === 2) return { ...planned, action: 'unchanged', message: 'same values' };
      if (n === 5) return { ...planned, attachments: [{ path: '/x/contrato.pdf', bytes: 10 }] }; // no body hash
      if (n === 6) return { action: 'invalid', rowNumber: 8, message: 'bad' };
      return planned;
    });
    for (const n of [0, 1, 5, 7]) table.set({ ordinal: n, ...UPDATED });
    table.set({ ordinal: 3, status: 'failed', kind: 'row', attempts: 1, ms: 3 });
    // Row 4 was never sent (the job stopped first).
    const file = path.join(tempDir(), 'baseline.bin');
    expect(await writeBaseline(file, table)).toEqual({ entries: 4 });
    const baseline = Baseline.read(file);
    expect(baseline.size).toBe(4);
    expect([0, 1, 2, 7].map((n) => baseline.bodyHashOf(`id-${n}`))).toEqual([body(0), body(1), body(2), body(7)]);
    for (const n of [3, 4, 5, 6]) expect(baseline.bodyHashOf(`id-${n}`)).toBeUndefined();
    expect(baseline.bodyHashOf('id-70')).toBeUndefined();
  });

  it('drops the ids verify found not as sent: the rest stay, sorted and private; an absent baseline stays absent (issue 17 item 3)', async () => {
    const table = tableOf(100);
    for (let n = 0; n < 100; n += 1) table.set({ ordinal: n, ...UPDATED });
    const file = path.join(tempDir(), 'baseline.bin');
    await writeBaseline(file, table);
    expect(dropFromBaseline(file, ['id-3', 'id-97', 'id-3', 'not-there'])).toEqual({ entries: 98 });
    const baseline = Baseline.read(file);
    expect(baseline.size).toBe(98);
    expect([baseline.bodyHashOf('id-3'), baseline.bodyHashOf('id-97')]).toEqual([undefined, undefined]);
    for (const n of [0, 4, 50, 99]) expect(baseline.bodyHashOf(`id-${n}`)).toEqual(body(n));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const absent = path.join(tempDir(), 'baseline.bin');
    expect(dropFromBaseline(absent, ['id-1'])).toBeUndefined();
    expect(fs.existsSync(absent)).toBe(false);
  });

  it('is private, 16 bytes a row after a 16-byte header, and finds every one of many ids', async () => {
    const rows = 20_000;
    const table = tableOf(rows);
    for (let n = 0; n < rows; n += 1) table.set({ ordinal: n, ...UPDATED });
    const file = path.join(tempDir(), 'baseline.bin');
    await writeBaseline(file, table);
    const stat = fs.statSync(file);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.size).toBe(16 + rows * 16);
    const baseline = Baseline.read(file);
    expect(baseline.bytes).toBe(stat.size);
    for (let n = 0; n < rows; n += 1) expect(baseline.bodyHashOf(`id-${n}`)).toEqual(body(n));
    for (const id of ['id-', 'id-20000', 'ID-1', 'id-01', '']) expect(baseline.bodyHashOf(id)).toBeUndefined();
  });

  it('sorts a bucket at a time past 65,536 rows (memory stays the same): one sorted file, every id found, no scratch file left', async () => {
    const rows = 150_000;
    const table = tableOf(rows);
    for (let n = 0; n < rows; n += 1) table.set({ ordinal: n, ...UPDATED });
    const file = path.join(tempDir(), 'baseline.bin');
    expect(await writeBaseline(file, table)).toEqual({ entries: rows });
    const baseline = Baseline.read(file);
    expect(baseline.size).toBe(rows);
    for (const n of [0, 1, 65_535, 65_536, 99_999, 149_999]) expect(baseline.bodyHashOf(`id-${n}`)).toEqual(body(n));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['baseline.bin']);
  });

  it('leaves out an id that holds a body on more than one row (--duplicates all): it is sent next time', async () => {
    const table = tableOf(4, (n, planned) => (n === 3 ? { ...planned, id: 'id-1' } : planned));
    for (let n = 0; n < 4; n += 1) table.set({ ordinal: n, ...UPDATED });
    const file = path.join(tempDir(), 'baseline.bin');
    expect(await writeBaseline(file, table)).toEqual({ entries: 2 });
    const baseline = Baseline.read(file);
    expect(baseline.bodyHashOf('id-1')).toBeUndefined();
    expect(baseline.bodyHashOf('id-2')).toEqual(body(2));
  });

  it('an empty baseline is still a baseline (a run whose every row failed)', async () => {
    const file = path.join(tempDir(), 'baseline.bin');
    expect(await writeBaseline(file, tableOf(3))).toEqual({ entries: 0 });
    expect(fs.statSync(file).size).toBe(16);
    expect(Baseline.read(file).bodyHashOf('id-0')).toBeUndefined();
  });

  it.each([
    ['another file', (data: Buffer) => Buffer.from(`{"version":1}${data.toString('latin1')}`), /is not a wolkvox-bulk baseline/],
    ['a cut file', (data: Buffer) => data.subarray(0, data.length - 5), /should hold 3 entries in 64 bytes, but has 59 bytes/],
    ['too short for a header', (data: Buffer) => data.subarray(0, 10), /is not a wolkvox-bulk baseline/],
    ['entries out of order', (data: Buffer) => Buffer.concat([data.subarray(0, 16), data.subarray(32, 48), data.subarray(16, 32), data.subarray(48)]), /is out of order/],
  ])('refuses %s as damaged, naming the file and what to do', async (_name, damage, message) => {
    const table = tableOf(3);
    for (let n = 0; n < 3; n += 1) table.set({ ordinal: n, ...UPDATED });
    const file = path.join(tempDir(), 'baseline.bin');
    await writeBaseline(file, table);
    fs.writeFileSync(file, damage(fs.readFileSync(file)));
    await expectError(() => Baseline.read(file), { code: 'RUN_DAMAGED', message, file });
    await expectError(() => Baseline.read(file), { code: 'RUN_DAMAGED', message: /Leave out --since to send every row/ });
  });
});
