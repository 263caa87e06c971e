import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.js';
import type { MockRecord } from '../../src/mock/index.js';
import { readPreview } from '../../src/report/preview-read.js';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob, idFor } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const summaryOf = (out: string) => JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
const previewCsv = (out: string) => parse(fs.readFileSync(path.join(out, 'preview.csv')), { bom: true, columns: true }) as Record<string, string>[];
const reads = (server: { stats: { queryCalls: number; queryDatesCalls: number } }) => server.stats.queryCalls + server.stats.queryDatesCalls;
const updates = (server: { stats: { updateCalls: number; updateManyCalls: number } }) => server.stats.updateCalls + server.stats.updateManyCalls;

// Rows 1–9 of csvJob against records 1–8 (row 9's id is on no record): rows 2 and 5 differ from the CRM.
const records = (): MockRecord[] =>
  Array.from({ length: 8 }, (_, index) => {
    const n = index + 1;
    return { wolkvox_id: idFor(n), Nombre: n === 2 ? 'Viejo' : `Cliente ${n}`, Ciudad: n === 2 || n === 5 ? 'Cali' : 'Bogotá' };
  });

/** `rows` rows keyed by their id column as the CRM's documento, the CRM holding all but the last key; row 2's Nombre differs. */
function matchJob(rows: number) {
  const job = csvJob(rows, { mapping: { operation: 'op', module: 'contacts', match: { column: 'id', field: 'documento' }, fields: { Nombre: 'Nombre' } } });
  const records: MockRecord[] = Array.from({ length: rows - 1 }, (_, index) => ({ wolkvox_id: `r${index + 1}`, documento: idFor(index + 1), Nombre: index === 1 ? 'antes' : `Cliente ${index + 1}` }));
  return { ...job, records };
}

describe('wolkvox-bulk update --preview (issue 19)', () => {
  it('reads the records, lists each changed field in preview.csv with the counts and the real run\'s cost, and sends no update', async () => {
    const server = await mockServer({ records: records() });
    // Row 10 has no id: invalid.
    const job = csvJob(10, { edit: (n, row) => (n === 10 ? ['', ...row.slice(1)] : row) });
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--preview', '--batch', '4'], { env: env(server.url) });
    expect(result.stderr).toContain('Preview of 9 rows of datos.csv (10 rows; 1 invalid, 0 skipped): reads what the CRM holds, sends nothing');
    expect(updates(server)).toBe(0);
    expect(server.ledger).toHaveLength(0);
    expect(previewCsv(job.out)).toEqual([
      { _wvx_row: '3', 'wolkvox-id': idFor(2), field: 'Nombre', now: '"Viejo"', to_send: '"Cliente 2"' },
      { _wvx_row: '3', 'wolkvox-id': idFor(2), field: 'Ciudad', now: '"Cali"', to_send: '"Bogotá"' },
      { _wvx_row: '6', 'wolkvox-id': idFor(5), field: 'Ciudad', now: '"Cali"', to_send: '"Bogotá"' },
      { _wvx_row: '10', 'wolkvox-id': idFor(9), field: '', now: 'not found', to_send: '' },
    ]);
    const summary = summaryOf(job.out);
    expect(summary.changes).toMatchObject({ lines: 4, rows: { change: 2, unchanged: 6, notFound: 1, ambiguous: 0, invalid: 1, skipped: 0 } });
    // 9 rows to send in batches of 4: 3 calls; 2 rows change: 1 call with --skip-unchanged.
    expect(summary.changes?.cost).toEqual({ batchSize: 4, updates: 3, quotaUnits: { least: 3, most: 9 }, updatesSkippingUnchanged: 1 });
    // The preview costs its reads: the module in one page, then the id it did not return.
    expect(summary.calls).toBe(reads(server));
    expect([server.stats.queryDatesCalls, server.stats.queryCalls]).toEqual([1, 1]);
    expect(result.stdout).toContain('Preview finished: nothing was sent.');
    expect(result.stdout).toMatch(/would change\s+2\n\s+unchanged\s+6\n\s+not found\s+1\n\s+invalid\s+1\n/);
    expect(result.stdout).toContain(`listed in ${path.join(job.out, 'preview.csv')}: each field that would change (4 lines, the rows not found included)`);
    // As a dry run's: rows that are invalid (or would fail) make it exit 1.
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('the real run: 3 update calls in batches of 4, 3 to 9 quota units (an updateMany.php call costs 1, or 1 per record) (1 with --skip-unchanged)');
    expect(result.stdout).toContain(`--reuse-preview ${job.out}`);
    // The library's reading of preview.csv (what the page shows), a page at a time.
    expect(await readPreview(job.out, { offset: 1, limit: 2 })).toEqual({
      lines: [
        { rowNumber: 3, id: idFor(2), change: { field: 'Ciudad', now: 'Cali', toSend: 'Bogotá' } },
        { rowNumber: 6, id: idFor(5), change: { field: 'Ciudad', now: 'Cali', toSend: 'Bogotá' } },
      ],
      more: true,
    });
  });

  it('with match: the module read finds the keys and is the snapshot; a key on no record is listed; reusing it reads nothing', async () => {
    const job = matchJob(300);
    const server = await mockServer({ records: job.records });
    const preview = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--preview'], { env: env(server.url) });
    expect(preview.code, preview.stderr).toBe(1);
    expect(updates(server)).toBe(0);
    // 299 records: 2 module pages, for the keys and the snapshot together.
    expect(server.stats.queryDatesCalls).toBe(2);
    expect(server.stats.queryCalls).toBe(0);
    expect(previewCsv(job.out)).toEqual([
      { _wvx_row: '3', _wvx_key: idFor(2), 'wolkvox-id': 'r2', field: 'Nombre', now: '"antes"', to_send: '"Cliente 2"' },
      { _wvx_row: '301', _wvx_key: idFor(300), 'wolkvox-id': '', field: '', now: 'not found', to_send: '' },
    ]);
    expect(summaryOf(job.out).changes?.rows).toMatchObject({ change: 1, unchanged: 298, notFound: 1 });

    const out = path.join(job.dir, 'real');
    const real = await runCli(['update', job.file, '-m', job.mapping, '--out', out, '--reuse-preview', job.out, '--skip-unchanged', '--yes'], { env: env(server.url) });
    expect(real.stderr).toMatch(/reads: the preview .*run's, made \d+ minutes? ago \(no read is made\)/);
    expect(real.stderr).not.toContain('snapshot first');
    expect(reads(server)).toBe(2);
    expect(server.ledger.map((entry) => entry.id)).toEqual(['r2']);
    const summary = summaryOf(out);
    expect(summary.reusedPreview).toMatchObject({ from: job.out, reused: true });
    expect(summary.counts).toMatchObject({ updated: 1, unchanged: 298, failed: 1 });
    expect(summary.calls).toBe(1);
    // The preview's reads serve undo too.
    expect(fs.readFileSync(path.join(out, 'before.csv'), 'utf8')).toContain('r2,yes,"""antes"""');
  });

  it.each([
    ['the input changed since', (job: ReturnType<typeof csvJob>) => fs.appendFileSync(job.file, `${idFor(8)},Otro,Cali\r\n`), 'input-changed', /was made from another input \(the SHA-256 of datos\.csv differs\)/],
    ['the preview is older than 30 minutes', (job: ReturnType<typeof csvJob>) => backdate(job.out, 120), 'old', /read the CRM 120 minutes ago \(its reads are reused for 30 minutes, as records change\)/],
  ])('reads again, and says why, when %s', async (_name, change, code, message) => {
    const server = await mockServer({ records: records() });
    const job = csvJob(8);
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--preview'], { env: env(server.url) })).code).toBe(0);
    expect(reads(server)).toBe(1);
    change(job);
    const out = path.join(job.dir, 'real');
    const real = await runCli(['update', job.file, '-m', job.mapping, '--out', out, '--reuse-preview', job.out, '--skip-unchanged', '--duplicates', 'last', '--yes'], { env: env(server.url) });
    expect(real.code, real.stderr).toBe(0);
    expect(real.stderr).toMatch(message);
    expect(real.stdout).toMatch(message);
    expect(reads(server)).toBe(2);
    expect(summaryOf(out).reusedPreview).toMatchObject({ reused: false, code });
    expect(server.ledger.map((entry) => entry.id).sort()).toEqual([idFor(2), idFor(5), ...(code === 'input-changed' ? [idFor(8)] : [])]);
  });

  it('refuses --preview with --dry-run (exit 2), and a preview cannot be resumed', async () => {
    const job = csvJob(2);
    const both = await runCli(['update', job.file, '-m', job.mapping, '--preview', '--dry-run']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Not both: --preview and --dry-run: a preview reads the CRM, and a dry run contacts no server.');
    const server = await mockServer({ records: records() });
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--preview'], { env: env(server.url) })).code).toBe(0);
    const resumed = await runCli(['resume', job.out, '--yes'], { env: env(server.url) });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`Preview: ${job.out} was a preview, which sends nothing, so there is nothing to resume.`);
  });
});

// The preview's reads said to have ended `minutes` ago (what time alone would do).
function backdate(out: string, minutes: number): void {
  const file = path.join(out, 'run.json');
  const run = JSON.parse(fs.readFileSync(file, 'utf8')) as { preview: { readAt: string } };
  run.preview.readAt = new Date(Date.now() - minutes * 60_000).toISOString();
  fs.writeFileSync(file, JSON.stringify(run));
}
