import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/index.js';
import type { MockRecord } from '../../src/mock/index.js';
import type { JobEvent } from '../../src/core/events.js';
import { undoRun } from '../../src/run/undo.js';
import { verifyRun } from '../../src/run/verify.js';
import { runUpdate } from '../../src/run/update.js';
import { expectError, mockServer, TOKEN } from '../helpers.js';
import { call } from '../mock/calls.js';
import { csvJob, FAST, idFor } from './fixtures.js';

const records = (rows: number): MockRecord[] => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Antes ${index + 1}`, Ciudad: 'Pasto' }));
const byId = (server: { records(): MockRecord[] }, n: number) => server.records().find((record) => record.wolkvox_id === idFor(n));
const csvOf = (file: string) => parse(fs.readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];
const summaryOf = (runDir: string) => JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as RunSummary;

/** 20 records updated with a snapshot (Nombre and Ciudad), then edited in the CRM by someone else: record 3's Nombre, record 7's Ciudad. */
async function updatedThenEdited() {
  const server = await mockServer({ records: records(20) });
  const job = csvJob(20, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
  await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'auto', ...FAST });
  for (const [n, fields] of [[3, { Nombre: 'Editado a mano' }], [7, { Ciudad: 'Tunja' }]] as const) {
    expect((await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': idFor(n), fields })).status).toBe(200);
  }
  return { server, job, undoDir: path.join(job.dir, 'undo') };
}

describe('undo reads the records first (issue 17 item 4)', () => {
  it('a field edited since the run is left alone and listed (plan, left-alone.csv, summary); every other field is put back', async () => {
    const { server, job, undoDir } = await updatedThenEdited();
    const reads = server.stats.queryCalls + server.stats.queryDatesCalls;
    const events: JobEvent[] = [];
    const summary = await undoRun({ runDir: job.out, token: TOKEN, out: undoDir, onEvent: (event) => events.push(event), ...FAST });
    expect(byId(server, 3)).toMatchObject({ Nombre: 'Editado a mano', Ciudad: 'Pasto' });
    expect(byId(server, 7)).toMatchObject({ Nombre: 'Antes 7', Ciudad: 'Tunja' });
    for (const n of [1, 2, 4, 20]) expect(byId(server, n)).toMatchObject({ Nombre: `Antes ${n}`, Ciudad: 'Pasto' });
    // One module page read the 20 records before anything was sent.
    expect(server.stats.queryCalls + server.stats.queryDatesCalls - reads).toBe(1);
    const leftAlone = path.join(undoDir, 'left-alone.csv');
    expect(csvOf(leftAlone)).toEqual([
      { 'wolkvox-id': idFor(3), field: 'Nombre', why: 'edited since the run', sent: '"Nuevo 3"', now: '"Editado a mano"', before: '"Antes 3"' },
      { 'wolkvox-id': idFor(7), field: 'Ciudad', why: 'edited since the run', sent: '"Cali"', now: '"Tunja"', before: '"Pasto"' },
    ]);
    const plan = events.find((event) => event.type === 'plan');
    expect(plan?.type === 'plan' && plan.plan.warnings).toEqual([
      `read 20 records before putting anything back: 1 call (apart from the undo's own calls)`,
      `'Nombre' was edited since the run on 1 record: left alone (listed in ${leftAlone}; --overwrite-later-edits puts it back too)`,
      `'Ciudad' was edited since the run on 1 record: left alone (listed in ${leftAlone}; --overwrite-later-edits puts it back too)`,
    ]);
    expect(summary).toMatchObject({ counts: { updated: 20 }, calls: 20, exitCode: 0, undo: { records: 20, reads: 1, putBack: 38, leftAlone: 2, overwritten: 0, file: leftAlone } });
    expect(summaryOf(undoDir).undo).toEqual(summary.undo);
  });

  it('verify and undo need only the run folder: the input and the mapping deleted since, each row\'s body comes from its plan (issue 18)', async () => {
    const { server, job, undoDir } = await updatedThenEdited();
    fs.rmSync(job.file);
    fs.rmSync(job.mapping);
    const verified = await verifyRun({ runDir: job.out, token: TOKEN, ...FAST });
    expect(verified.verify).toMatchObject({ checked: 20, matched: 18, differing: 2, missing: 0 });
    const summary = await undoRun({ runDir: job.out, token: TOKEN, out: undoDir, ...FAST });
    expect(summary).toMatchObject({ counts: { updated: 20 }, undo: { records: 20, putBack: 38, leftAlone: 2 } });
    expect(byId(server, 3)).toMatchObject({ Nombre: 'Editado a mano', Ciudad: 'Pasto' });
    for (const n of [1, 2, 4, 20]) expect(byId(server, n)).toMatchObject({ Nombre: `Antes ${n}`, Ciudad: 'Pasto' });
  });

  it('--overwrite-later-edits puts them back too, and lists what it overwrote', async () => {
    const { server, job, undoDir } = await updatedThenEdited();
    const summary = await undoRun({ runDir: job.out, token: TOKEN, out: undoDir, overwriteLaterEdits: true, ...FAST });
    for (const n of [3, 7, 12]) expect(byId(server, n)).toMatchObject({ Nombre: `Antes ${n}`, Ciudad: 'Pasto' });
    expect(csvOf(path.join(undoDir, 'left-alone.csv')).map((line) => [line['wolkvox-id'], line.field, line.why, line.now])).toEqual([
      [idFor(3), 'Nombre', 'edited since the run: overwritten (--overwrite-later-edits)', '"Editado a mano"'],
      [idFor(7), 'Ciudad', 'edited since the run: overwritten (--overwrite-later-edits)', '"Tunja"'],
    ]);
    expect(summary.undo).toMatchObject({ putBack: 40, leftAlone: 0, overwritten: 2 });
  });

  it('a record that holds none of what the run sent any more is not sent at all; a record gone is listed', async () => {
    const { server: first, job, undoDir } = await updatedThenEdited();
    await call(first.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': idFor(3), fields: { Ciudad: 'Pasto' } });
    // The same CRM, with record 9 deleted since.
    const kept = first.records().filter((record) => record.wolkvox_id !== idFor(9));
    await first.close();
    const server = await mockServer({ port: Number(new URL(first.url).port), records: kept });
    const summary = await undoRun({ runDir: job.out, token: TOKEN, out: undoDir, ...FAST });
    // Record 3: Nombre edited since, Ciudad already as before: nothing to send. Record 9: gone.
    expect(summary.counts.updated).toBe(18);
    expect(server.ledger.map((entry) => entry.id)).not.toContain(idFor(3));
    expect(csvOf(path.join(undoDir, 'left-alone.csv')).map((line) => [line['wolkvox-id'], line.field, line.why])).toEqual([
      [idFor(3), 'Nombre', 'edited since the run'],
      [idFor(7), 'Ciudad', 'edited since the run'],
      [idFor(9), 'Nombre', 'no longer in the CRM'],
      [idFor(9), 'Ciudad', 'no longer in the CRM'],
    ]);
    expect(summary.undo).toMatchObject({ putBack: 35, leftAlone: 4 });
  });

  it('every field edited since the run: nothing to undo, nothing sent, and the fields listed beside the undo\'s input', async () => {
    const server = await mockServer({ records: records(2) });
    const job = csvJob(2, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'by-id', ...FAST });
    for (const n of [1, 2]) await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': idFor(n), fields: { Nombre: 'Otro', Ciudad: 'Otra' } });
    const applied = server.ledger.length;
    const list = path.join(job.dir, '.undo', 'undo', 'left-alone.csv');
    await expectError(undoRun({ runDir: job.out, token: TOKEN, out: path.join(job.dir, 'undo'), ...FAST }), {
      code: 'INPUT_EMPTY',
      message: new RegExp(`^Nothing to undo: none of the 2 records .* updated holds what the run sent any more: 4 fields left alone \\(listed in ${list.replace(/[/.]/g, '.')}; --overwrite-later-edits .*\\)\\. Nothing was sent \\(1 call spent on reads\\)\\.$`),
    });
    expect(server.ledger).toHaveLength(applied);
    expect(csvOf(list)).toHaveLength(4);
    expect(fs.existsSync(path.join(job.dir, 'undo'))).toBe(false);
  });

  it('undoing a run twice is refused before any call, naming the undo that did it', async () => {
    const { server, job, undoDir } = await updatedThenEdited();
    await undoRun({ runDir: job.out, token: TOKEN, out: undoDir, ...FAST });
    const calls = server.stats.calls;
    await expectError(undoRun({ runDir: job.out, token: TOKEN, out: path.join(job.dir, 'undo-2'), ...FAST }), {
      code: 'RUN_INVALID',
      message: new RegExp(`^Already undone: ${job.out.replace(/[/\\.]/g, '.')} was undone by ${undoDir.replace(/[/\\.]/g, '.')} on .*\\. Undoing it again`),
      file: job.out,
    });
    expect(server.stats.calls).toBe(calls);
    expect(fs.existsSync(path.join(job.dir, 'undo-2'))).toBe(false);
  });

  it('a declined undo is no undo: it may be asked again', async () => {
    const { server, job, undoDir } = await updatedThenEdited();
    await expectError(undoRun({ runDir: job.out, token: TOKEN, out: undoDir, confirm: () => false, ...FAST }), { code: 'CANCELLED' });
    const summary = await undoRun({ runDir: job.out, token: TOKEN, out: path.join(job.dir, 'undo-2'), ...FAST });
    expect(summary.counts.updated).toBe(20);
    expect(byId(server, 12)).toMatchObject({ Nombre: 'Antes 12' });
  });
});
