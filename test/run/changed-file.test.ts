import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

const readResults = (runDir: string): Record<string, string>[] => parse(fs.readFileSync(path.join(runDir, 'results.csv')), { bom: true, columns: true, relax_column_count: true });

/** datos.csv rewritten as `rows` rows, `edit` changing some (the same columns as csvJob's). */
function rewrite(file: string, rows: number, edit: (n: number, row: string[]) => string[] = (_n, row) => row) {
  const lines = ['id,Nombre,Ciudad'];
  for (let n = 1; n <= rows; n += 1) lines.push(edit(n, [idFor(n), `Cliente ${n}`, 'Bogotá']).join(','));
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

// Rows 3 and 7 get another id, row 5 other values; the rest are what the check saw.
const edits = (n: number, row: string[]) => (n === 3 || n === 7 ? [`new${n}`, row[1] ?? '', 'Cali'] : n === 5 ? [row[0] ?? '', 'Otro nombre', 'Cali'] : row);
const CHECKED = Array.from({ length: 10 }, (_, n) => idFor(n + 1));

// What the CRM got: each checked id once, with the values the check read.
function expectSentAsChecked(server: Awaited<ReturnType<typeof mockServer>>, ids: readonly string[]) {
  expect(server.ledger.map((entry) => entry.id).sort()).toEqual([...ids].sort());
  for (const entry of server.ledger) expect(entry.fields).toEqual({ Nombre: `Cliente ${Number(entry.id.slice(3))}`, Ciudad: 'Bogotá' });
}

describe('what is sent is exactly what was checked: the file rewritten after the check changes nothing (issue 18)', () => {
  it.each([1, 4])('--batch %i: a file rewritten before the first call sends every row as checked, and the reports show the rows as checked', async (batchSize) => {
    const server = await mockServer();
    const job = csvJob(10);
    const summary = await runUpdate({
      file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize, ...FAST,
      confirm: async () => {
        rewrite(job.file, 10, edits);
        return true;
      },
    });
    expectSentAsChecked(server, CHECKED);
    expect(summary).toMatchObject({ rows: 10, counts: { updated: 10, failed: 0 }, exitCode: 0 });
    const results = readResults(job.out);
    expect(results.map((row) => [row._wvx_id, row._wvx_status, row.id, row.Nombre, row.Ciudad])).toEqual(CHECKED.map((id, n) => [id, 'updated', id, `Cliente ${n + 1}`, 'Bogotá']));
  });

  it('a file that grew or shrank after the check: the rows checked, and only those, are sent and reported', async () => {
    const server = await mockServer();
    const grown = csvJob(6);
    const more = await runUpdate({
      file: grown.file, mapping: grown.mapping, server: server.url, token: TOKEN, out: grown.out, ...FAST,
      confirm: async () => {
        rewrite(grown.file, 9);
        return true;
      },
    });
    expect(more).toMatchObject({ rows: 6, counts: { updated: 6, not_sent: 0 }, exitCode: 0 });
    expect(readResults(grown.out)).toHaveLength(6);

    const shrunk = csvJob(6);
    const fewer = await runUpdate({
      file: shrunk.file, mapping: shrunk.mapping, server: server.url, token: TOKEN, out: shrunk.out, ...FAST,
      confirm: async () => {
        rewrite(shrunk.file, 4);
        return true;
      },
    });
    expect(fewer).toMatchObject({ rows: 6, counts: { updated: 6, failed: 0 }, exitCode: 0 });
    expect(readResults(shrunk.out).map((row) => row.Nombre)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Cliente ${n}`));
    expectSentAsChecked(server, [...[1, 2, 3, 4, 5, 6].map(idFor), ...[1, 2, 3, 4, 5, 6].map(idFor)]);
  });

  it('resume: a file rewritten (or a mapping edited) between sessions sends the rest as the first session checked it, and says so', async () => {
    const server = await mockServer();
    const job = csvJob(10);
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, limit: 2, ...FAST });
    expect(first.stopReason).toBe('limit');
    rewrite(job.file, 12, edits);
    fs.writeFileSync(job.mapping, fs.readFileSync(job.mapping, 'utf8').replace('"Ciudad":"Ciudad"', '"Ciudad":"Nombre"'));
    const events: JobEvent[] = [];
    const second = await resumeRun({ runDir: job.out, token: TOKEN, onEvent: (event) => events.push(event), ...FAST });
    expectSentAsChecked(server, CHECKED);
    expect(second).toMatchObject({ rows: 10, counts: { updated: 10, failed: 0 }, exitCode: 0 });
    const plan = events.find((event) => event.type === 'plan');
    expect(plan).toMatchObject({ plan: { toSend: 8, rows: 10, alreadyDone: 2 } });
    expect(plan?.type === 'plan' && plan.plan.warnings).toEqual([
      expect.stringMatching(/^the input datos\.csv changed since the run checked it \(\d+ bytes then, \d+ now\): the rows go as the run checked them \(its plan\), not as the file is now\. To send the file as it is now, start a new run with update$/),
      'the mapping m.json changed since the run checked the file: its changes are not applied (the rows go as the run checked them, from its plan; only the operation and module may change between sessions)',
    ]);
  });
});
