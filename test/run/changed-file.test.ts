import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

// results.csv parsed as CSV: the messages here hold commas, which the fixtures' quick reader does not unquote.
const readResults = (runDir: string): Record<string, string>[] => parse(fs.readFileSync(path.join(runDir, 'results.csv')), { bom: true, columns: true, relax_column_count: true });

/** datos.csv rewritten as `rows` rows, `edit` changing some (the same columns as csvJob's). */
function rewrite(file: string, rows: number, edit: (n: number, row: string[]) => string[] = (_n, row) => row) {
  const lines = ['id,Nombre,Ciudad'];
  for (let n = 1; n <= rows; n += 1) lines.push(edit(n, [idFor(n), `Cliente ${n}`, 'Bogotá']).join(','));
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

// Rows 3 and 7 get another id, row 5 other values; the rest are what the check saw.
const edits = (n: number, row: string[]) => (n === 3 || n === 7 ? [`new${n}`, row[1] ?? '', 'Cali'] : n === 5 ? [row[0] ?? '', 'Otro nombre', 'Cali'] : row);
const CHANGED = /^changed since the check: /;

describe('a file rewritten between the check and the send (issue 17 item 2)', () => {
  it.each([1, 4])('sends only what was checked (--batch %i): a row whose id or values changed fails as changed since the check', async (batchSize) => {
    const server = await mockServer();
    const job = csvJob(10);
    const summary = await runUpdate({
      file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize, ...FAST,
      confirm: async () => {
        rewrite(job.file, 10, edits);
        return true;
      },
    });
    // The CRM got exactly the checked rows that are still the same, with the checked values.
    const applied = server.ledger.map((entry) => entry.id).sort();
    expect(applied).toEqual([1, 2, 4, 6, 8, 9, 10].map(idFor));
    for (const entry of server.ledger) expect(entry.fields).toEqual({ Nombre: `Cliente ${Number(entry.id.slice(3))}`, Ciudad: 'Bogotá' });
    const results = readResults(job.out);
    const failed = results.filter((row) => row._wvx_status === 'failed');
    expect(failed.map((row) => row._wvx_row)).toEqual(['4', '6', '8']);
    for (const row of failed) expect(row._wvx_message).toMatch(CHANGED);
    expect(results.filter((row) => row._wvx_status === 'updated').map((row) => row._wvx_id).sort()).toEqual(applied);
    expect(summary.counts).toMatchObject({ updated: 7, failed: 3 });
    expect(summary.exitCode).toBe(1);
    expect(summary.errors.every((error) => CHANGED.test(error.message))).toBe(true);
  });

  it('a file that grew sends none of the new rows and reports them not sent; one that shrank reports the rows it lost', async () => {
    const server = await mockServer();
    const grown = csvJob(6);
    const more = await runUpdate({
      file: grown.file, mapping: grown.mapping, server: server.url, token: TOKEN, out: grown.out, ...FAST,
      confirm: async () => {
        rewrite(grown.file, 9);
        return true;
      },
    });
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual([1, 2, 3, 4, 5, 6].map(idFor));
    const results = readResults(grown.out);
    expect(results.slice(6).map((row) => [row._wvx_row, row._wvx_status])).toEqual([['8', 'not_sent'], ['9', 'not_sent'], ['10', 'not_sent']]);
    for (const row of results.slice(6)) expect(row._wvx_message).toMatch(/not in the file when it was checked/);
    expect(more.counts).toMatchObject({ updated: 6, not_sent: 3 });
    expect(more.exitCode).toBe(1);

    const shrunk = csvJob(6);
    const fewer = await runUpdate({
      file: shrunk.file, mapping: shrunk.mapping, server: server.url, token: TOKEN, out: shrunk.out, ...FAST,
      confirm: async () => {
        rewrite(shrunk.file, 4);
        return true;
      },
    });
    const lost = readResults(shrunk.out).slice(4);
    expect(lost.map((row) => [row._wvx_row, row._wvx_id, row._wvx_status])).toEqual([['6', idFor(5), 'failed'], ['7', idFor(6), 'failed']]);
    for (const row of lost) expect(row._wvx_message).toMatch(CHANGED);
    expect(fewer.counts).toMatchObject({ updated: 4, failed: 2 });
  });

  it('resume: a file rewritten after resume checked it sends only what that check planned', async () => {
    const server = await mockServer();
    const job = csvJob(10);
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, limit: 2, ...FAST });
    expect(first.stopReason).toBe('limit');
    const second = await resumeRun({
      runDir: job.out, token: TOKEN, ...FAST,
      confirm: async () => {
        rewrite(job.file, 10, edits);
        return true;
      },
    });
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual([1, 2, 4, 6, 8, 9, 10].map(idFor));
    expect(readResults(job.out).filter((row) => CHANGED.test(row._wvx_message ?? '')).map((row) => row._wvx_row)).toEqual(['4', '6', '8']);
    expect(second.counts).toMatchObject({ updated: 7, failed: 3 });
  });
});
