import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvRecord } from '../../src/report/csv-writer.js';
import { RESULT_COLUMNS, writeReports, type ReportContext } from '../../src/report/reports.js';
import { RowTable } from '../../src/store/row-table.js';
import { runPaths } from '../../src/store/run-folder.js';
import { fixture, tempDir } from '../helpers.js';
import { readAll } from '../input/read-all.js';
import { planOf } from './plan-of.js';

/** An input CSV written as given (Windows-1252, ';', CRLF, as a Spanish-locale Excel saves it) and a run folder. */
function csvInput(lines: readonly string[], encoding = 'windows-1252') {
  const dir = tempDir();
  const file = path.join(dir, 'clientes.csv');
  fs.writeFileSync(file, iconv.encode(`${lines.join('\r\n')}\r\n`, encoding));
  const runDir = path.join(dir, 'run');
  fs.mkdirSync(runDir);
  return { file, paths: runPaths(runDir) };
}

const INPUT = ['id;Nombre;Ciudad', 'r1;Ana;Bogotá', 'r2;Luis;Medellín', ';Eva;Cali', 'r4;;', 'r5;Sol;Cúcuta', 'r6;Teo;Pasto'];

// One row of each kind; ordinal n is on line n + 2.
async function mixedTable(input: ReturnType<typeof csvInput>) {
  const table = await planOf({ file: input.file }, input.paths, [
    { action: 'send', id: 'r1' },
    { action: 'send', id: 'r2' },
    { action: 'invalid', message: 'id: the id is empty' },
    { action: 'skip', id: 'r4', message: 'nothing to send: every mapped cell is empty' },
    { action: 'send', id: 'r5' },
    { action: 'send', id: 'r6' },
  ]);
  table.set({ ordinal: 0, status: 'updated', kind: 'ok', httpStatus: 200, apiCode: '200', message: 'SUCCESSFULLY UPDATED', attempts: 1, ms: 14, call: 7 });
  table.set({ ordinal: 1, status: 'failed', kind: 'row', httpStatus: 404, apiCode: '404', message: 'RECORD NOT FOUND', attempts: 1, ms: 9, call: 8 });
  // Row 5 (r5) has no outcome: the job stopped before it. Row 6 was cut short without a reason of its own.
  table.set({ ordinal: 5, status: 'not_sent', attempts: 0, ms: 0 });
  return table;
}

const context = (input: ReturnType<typeof csvInput>, table: RowTable, extra: Partial<ReportContext> = {}): ReportContext => ({
  paths: input.paths,
  table,
  unsent: () => ({ status: 'not_sent', message: 'Interrupted: no new calls.' }),
  xlsx: false,
  ...extra,
});

const records = (bytes: Buffer | string, delimiter: string) => parse(bytes, { bom: true, delimiter, relax_column_count: false }) as string[][];

describe('writeReports: results.csv', () => {
  it('one line per input row, in input order: the tool columns, then the row as it was; counts and errors returned', async () => {
    const input = csvInput(INPUT);
    const counts = await writeReports(context(input, await mixedTable(input)));
    expect(counts).toEqual({
      rows: 6,
      counts: { updated: 1, failed: 1, invalid: 1, skipped: 1, unchanged: 0, not_sent: 2, would_send: 0 },
      errors: [
        // Each with its first row's status and the codes of its answer (issue 21: a notification's top errors).
        { message: 'RECORD NOT FOUND', count: 1, exampleRow: 3, status: 'failed', httpStatus: 404, apiCode: '404' },
        { message: 'id: the id is empty', count: 1, exampleRow: 4, status: 'invalid' },
      ],
      failedFile: input.paths.failed('csv'),
    });
    // UTF-8 with a BOM (Excel reads it right), in the input's own delimiter.
    const bytes = fs.readFileSync(input.paths.results);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = records(bytes, ';');
    expect(header).toEqual([...RESULT_COLUMNS, 'id', 'Nombre', 'Ciudad']);
    expect(rows).toEqual([
      ['2', 'r1', 'updated', '200', '200', 'SUCCESSFULLY UPDATED', '1', '14', '7', 'r1', 'Ana', 'Bogotá'],
      ['3', 'r2', 'failed', '404', '404', 'RECORD NOT FOUND', '1', '9', '8', 'r2', 'Luis', 'Medellín'],
      ['4', '', 'invalid', '', '', 'id: the id is empty', '0', '0', '', '', 'Eva', 'Cali'],
      ['5', 'r4', 'skipped', '', '', 'nothing to send: every mapped cell is empty', '0', '0', '', 'r4', '', ''],
      ['6', 'r5', 'not_sent', '', '', 'Interrupted: no new calls.', '0', '0', '', 'r5', 'Sol', 'Cúcuta'],
      ['7', 'r6', 'not_sent', '', '', 'Interrupted: no new calls.', '0', '0', '', 'r6', 'Teo', 'Pasto'],
    ]);
    expect(fs.statSync(input.paths.results).mode & 0o777).toBe(0o600);
  });

  it('a message that a spreadsheet would run as a formula is neutralised', async () => {
    const input = csvInput(['id;Nombre', 'r1;Ana']);
    const table = await planOf({ file: input.file }, input.paths, [{ action: 'send', id: 'r1' }]);
    table.set({ ordinal: 0, status: 'failed', message: '=HYPERLINK("http://evil.example")', attempts: 1, ms: 1 });
    await writeReports(context(input, table));
    const [, row] = records(fs.readFileSync(input.paths.results), ';');
    expect(row?.[5]).toBe('\'=HYPERLINK("http://evil.example")');
  });
});

describe('writeReports: the failed rows file', () => {
  it('failed.csv holds only failed and not_sent rows, in the input own format (Windows-1252, ;, no BOM), ready to send again', async () => {
    const input = csvInput(INPUT);
    await writeReports(context(input, await mixedTable(input)));
    const bytes = fs.readFileSync(input.paths.failed('csv'));
    expect(bytes[0]).not.toBe(0xef);
    expect(iconv.decode(bytes, 'windows-1252')).toBe(
      'id;Nombre;Ciudad;_wvx_status;_wvx_error\r\n'
      + 'r2;Luis;Medellín;failed;RECORD NOT FOUND\r\n'
      + 'r5;Sol;Cúcuta;not_sent;Interrupted: no new calls.\r\n'
      + 'r6;Teo;Pasto;not_sent;Interrupted: no new calls.\r\n',
    );
    // Our reader takes it back with the input's own columns and values.
    const { rows } = await readAll({ file: input.paths.failed('csv') });
    expect(rows.map((row) => row.values)).toEqual([
      { id: 'r2', Nombre: 'Luis', Ciudad: 'Medellín' },
      { id: 'r5', Nombre: 'Sol', Ciudad: 'Cúcuta' },
      { id: 'r6', Nombre: 'Teo', Ciudad: 'Pasto' },
    ]);
  });

  it('a dry run: every row to send is would_send, and no failed file is written', async () => {
    const input = csvInput(INPUT.slice(0, 3));
    const table = await planOf({ file: input.file }, input.paths, [{ action: 'send', id: 'r1' }, { action: 'send', id: 'r2' }]);
    const counts = await writeReports(context(input, table, { unsent: () => ({ status: 'would_send' }) }));
    expect(counts).toEqual({ rows: 2, counts: { updated: 0, failed: 0, invalid: 0, skipped: 0, unchanged: 0, not_sent: 0, would_send: 2 }, errors: [] });
    expect(records(fs.readFileSync(input.paths.results), ';').slice(1).map((row) => row[2])).toEqual(['would_send', 'would_send']);
    expect(fs.existsSync(input.paths.failed('csv'))).toBe(false);
  });

  it('a failed file left by an earlier session is removed once every row went through', async () => {
    const input = csvInput(INPUT.slice(0, 2));
    fs.writeFileSync(input.paths.failed('csv'), 'stale');
    fs.writeFileSync(input.paths.failed('xlsx'), 'stale');
    const table = await planOf({ file: input.file }, input.paths, [{ action: 'send', id: 'r1' }]);
    table.set({ ordinal: 0, status: 'updated', attempts: 1, ms: 1 });
    const counts = await writeReports(context(input, table));
    expect(counts.failedFile).toBeUndefined();
    expect(fs.existsSync(input.paths.failed('csv'))).toBe(false);
    expect(fs.existsSync(input.paths.failed('xlsx'))).toBe(false);
    // Nothing half-written is left beside the reports.
    expect(fs.readdirSync(input.paths.dir).sort()).toEqual(['plan.ndjson', 'results.csv']);
  });

  it('a workbook input gets failed.xlsx with its sheet name and header row, readable with the same settings', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'clientes.xlsx');
    fs.copyFileSync(fixture('xlsx', 'openpyxl-clientes.xlsx'), file);
    fs.mkdirSync(path.join(dir, 'run'));
    const paths = runPaths(path.join(dir, 'run'));
    const original = await readAll({ file, sheet: 'Clientes', headerRow: 3 });
    const table = await planOf({ file, sheet: 'Clientes', headerRow: 3 }, paths, original.rows.map((_row, ordinal) => ({ action: 'send', id: `id-${ordinal}` })));
    table.set({ ordinal: 1, status: 'failed', message: 'RECORD NOT FOUND', attempts: 1, ms: 1 });
    original.rows.forEach((_row, ordinal) => ordinal !== 1 && table.set({ ordinal, status: 'updated', attempts: 1, ms: 1 }));
    const counts = await writeReports({ paths, table, unsent: () => ({ status: 'not_sent' }), xlsx: false });
    expect(counts.failedFile).toBe(paths.failed('xlsx'));
    const back = await readAll({ file: paths.failed('xlsx'), sheet: 'Clientes', headerRow: 3 });
    expect(back.rows.map((row) => row.values)).toEqual([original.rows[1]?.values]);
    expect(fs.existsSync(paths.failed('csv'))).toBe(false);
  });
});

describe('writeReports: results.xlsx', () => {
  it('is written only when asked, with the same rows and a coloured status cell', async () => {
    const input = csvInput(INPUT);
    const table = await mixedTable(input);
    await writeReports(context(input, table));
    expect(fs.existsSync(input.paths.resultsXlsx)).toBe(false);

    await writeReports(context(input, table, { xlsx: true }));
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.readFile(input.paths.resultsXlsx);
    const sheet = workbook.getWorksheet('results');
    expect(sheet).toBeDefined();
    const row = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual([...RESULT_COLUMNS, 'id', 'Nombre', 'Ciudad']);
    expect(row(2)).toEqual([2, 'r1', 'updated', 200, '200', 'SUCCESSFULLY UPDATED', 1, 14, 7, 'r1', 'Ana', 'Bogotá']);
    expect(row(3).slice(0, 3)).toEqual([3, 'r2', 'failed']);
    expect(sheet?.rowCount).toBe(7);
    const fill = (n: number) => (sheet?.getRow(n).getCell(3).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
    expect([fill(2), fill(3)]).toEqual(['FFC6EFCE', 'FFFFC7CE']);
    // And our own reader reads the input's columns back from it.
    const { rows } = await readAll({ file: input.paths.resultsXlsx, sheet: 'results' });
    expect(rows[0]?.values).toEqual({ id: 'r1', Nombre: 'Ana', Ciudad: 'Bogotá' });
  });
});

describe('csvRecord: a record as CSV text, quoted exactly as csv-stringify quotes it', () => {
  const CELLS = ['plain', '', 'a,b', 'a;b', 'say "hi"', 'line\nbreak', 'cr\ronly', 'crlf\r\nin', ' spaced ', '"', 'tab\there', 'ñandú 客户 🙂', "'=1+1"];
  it.each([[',', '\r\n'], [';', '\r\n'], ['\t', '\n'], ['|', '\n']] as const)('delimiter %j, records ending in %j', (delimiter, lineEnding) => {
    const expected = stringify([CELLS], { delimiter, record_delimiter: lineEnding === '\r\n' ? 'windows' : 'unix', quote_record_delimiter: true });
    expect(csvRecord(CELLS, delimiter, lineEnding)).toBe(expected);
  });
});
