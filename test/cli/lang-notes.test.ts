import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import { readResults } from '../run/fixtures.js';

// Issue 20's leftovers (closing note): the notes a Spanish run still wrote in English in results.csv and
// failed.csv — a key or name not found, if-empty's kept fields, --duplicates' skipped rows, the send pass's
// own notes — and the other English a Spanish person met: init's list of columns cut short, the batch
// summary's reason. Each situation is driven for real against the simulated CRM; summary.json keeps English.

const SPANISH = { LANG: 'es_CO.UTF-8' };
const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server, ...SPANISH });

/** A folder with d.csv (these lines) and m.json (this mapping). */
function job(lines: readonly string[], mapping: object) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'd.csv'), `${lines.join('\r\n')}\r\n`);
  fs.writeFileSync(path.join(dir, 'm.json'), JSON.stringify(mapping));
  return { dir, file: path.join(dir, 'd.csv'), mapping: path.join(dir, 'm.json'), out: path.join(dir, 'run') };
}
const byLine = (runDir: string) => new Map(readResults(runDir).map((row) => [row._wvx_row, row]));
const failedCsv = (runDir: string) => fs.readFileSync(path.join(runDir, 'failed.csv'), 'utf8');
const summaryErrors = (runDir: string) => (JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as { errors: { message: string }[] }).errors.map((error) => error.message);

describe("a Spanish run's files word every note the run writes itself in Spanish", () => {
  it('a key or a name on no record, an if-empty field kept, a duplicate key left out (--duplicates first)', async () => {
    const records: MockRecord[] = [
      { wolkvox_id: 'r1', documento: '111', Nombre: 'Ana', Ciudad: '' },
      { wolkvox_id: 'r2', documento: '222', Nombre: '', Ciudad: '' },
    ];
    const server = await mockServer({ records, moduleRecords: { empresas: [{ wolkvox_id: 'e1', nombre: 'Acme' }] } });
    const mapping = {
      operation: 'op',
      module: 'contacts',
      match: { column: 'Doc', field: 'documento' },
      fields: { Nombre: { column: 'Nombre', write: 'if-empty' }, Ciudad: 'Ciudad', Empresa: { column: 'Empresa', type: 'search', lookup: { module: 'empresas', field: 'nombre' } } },
    };
    // Line 2: Nombre kept (the CRM has Ana); line 3: a key no record has; line 4: a name no record has;
    // line 5 has line 2's key and is left out for it.
    const spanish = job(['Doc,Nombre,Ciudad,Empresa', '111,Eva,Cali,Acme', '999,Luz,Cali,Acme', '222,Sol,Cali,Nadie', '111,Eva,Cali,Acme'], mapping);
    const update = await runCli(['update', spanish.file, '-m', spanish.mapping, '--out', spanish.out, '--duplicates', 'first', '--yes', '--quiet'], { env: env(server.url) });
    expect(update.code, update.stderr).toBe(1);
    const rows = byLine(spanish.out);
    expect(rows.get('2')).toMatchObject({ _wvx_status: 'updated', _wvx_message: 'Succesfully edit record; Nombre queda como está en el CRM (write: if-empty); los demás campos se enviaron' });
    expect(rows.get('3')).toMatchObject({ _wvx_status: 'failed', _wvx_message: 'ningún registro tiene documento = 999' });
    expect(rows.get('4')).toMatchObject({ _wvx_status: 'failed', _wvx_message: "ningún registro de empresas tiene nombre = 'Nadie'" });
    expect(rows.get('5')).toMatchObject({ _wvx_status: 'skipped', _wvx_message: 'clave repetida: la línea 2 tiene el mismo documento y se envía en su lugar (--duplicates first)' });
    expect(failedCsv(spanish.out)).toContain('failed,ningún registro tiene documento = 999');
    expect(summaryErrors(spanish.out)).toEqual(['no record has documento = 999', "no record of empresas has nombre = 'Nadie'"]);

    // The same run in English keeps its English notes.
    const english = job(['Doc,Nombre,Ciudad,Empresa', '111,Eva,Cali,Acme', '999,Luz,Cali,Acme', '222,Sol,Cali,Nadie', '111,Eva,Cali,Acme'], mapping);
    await runCli(['update', english.file, '-m', english.mapping, '--out', english.out, '--duplicates', 'first', '--yes', '--quiet', '--lang', 'en'], { env: env(server.url) });
    const englishRows = byLine(english.out);
    expect(englishRows.get('2')?._wvx_message).toBe('Succesfully edit record; Nombre kept as the CRM has them (write: if-empty); the other fields sent');
    expect(englishRows.get('5')?._wvx_message).toBe('duplicate key: line 2 has the same documento and is sent instead (--duplicates first)');
  });

  it("the send pass's own: a row that gave up after its retries, and the row after it with the same id (--duplicates all)", async () => {
    // Every call meets a proxy's 504: the first row gives up, and the next row of its id is not sent.
    const server = await mockServer({ faults: { serverError: 1 } });
    const spanish = job(['id,Nombre', 'r1,Eva', 'r1,Luz'], { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } });
    const update = await runCli(['update', spanish.file, '-m', spanish.mapping, '--out', spanish.out, '--duplicates', 'all', '--retries', '1', '--yes', '--quiet'], { env: env(server.url) });
    expect(update.code, update.stderr).toBe(1);
    const rows = byLine(spanish.out);
    expect(rows.get('2')?._wvx_status).toBe('failed');
    expect(rows.get('2')?._wvx_message).toMatch(/^HTTP 50\d \(not JSON\): .+ \(sin éxito tras 2 intentos\)$/);
    expect(rows.get('3')).toMatchObject({ _wvx_status: 'not_sent', _wvx_message: 'no enviada: la fila anterior con el mismo id (2) no se actualizó' });
    const failed = failedCsv(spanish.out);
    expect(failed).toContain('(sin éxito tras 2 intentos)');
    expect(failed).toContain('not_sent,no enviada: la fila anterior con el mismo id (2) no se actualizó');
    expect(failed).not.toMatch(/gave up|not sent:/);
    // summary.json keeps the English (machine output).
    expect(summaryErrors(spanish.out)).toEqual([expect.stringMatching(/ \(gave up after 2 attempts\)$/)]);
  });

  it("a batch summary's reason for going one by one (a count that cannot be true)", async () => {
    const server = await mockServer({ updateMany: { overCount: 7 } });
    const spanish = job(['id,Nombre', 'r1,Eva', 'r2,Luz', 'r3,Sol'], { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } });
    const update = await runCli(['update', spanish.file, '-m', spanish.mapping, '--out', spanish.out, '--batch', '3', '--yes'], { env: env(server.url) });
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toContain('luego una fila por solicitud: updateMany.php contó 10 registros editados de 3 enviados');
    expect(update.stdout).not.toContain('counted');
    const summary = JSON.parse(fs.readFileSync(path.join(spanish.out, 'summary.json'), 'utf8')) as { batch: { why: string } };
    expect(summary.batch.why).toBe('updateMany.php counted 10 records edited for 3 sent');
  });
});

it("init's list of columns cut short says how many more in Spanish", async () => {
  const dir = tempDir();
  // Nine unnamed columns apart from one another: the list shows eight and says one more.
  const header = ['Id', ...Array.from({ length: 9 }, (_, index) => ['', `N${index}`]).flat()];
  const row = header.map((_, index) => `v${index}`);
  fs.writeFileSync(path.join(dir, 'd.csv'), `${header.join(',')}\r\n${row.join(',')}\r\n`);
  const init = await runCli(['init', path.join(dir, 'd.csv'), '--out', path.join(dir, 'm.json')], { env: SPANISH });
  expect(init.code, init.stderr).toBe(0);
  expect(init.stdout).toContain('B, D, F, H, J, L, N, P y 1 más (2, 4, 6, 8, 10, 12, 14, 16, …)');
  expect(init.stdout).not.toContain('more');
});

it('a check and a dry run of one row say "1 fila", its verb in the singular', async () => {
  const one = job(['id,Nombre', 'r1,Ana'], { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } });
  const validate = await runCli(['validate', one.file, '-m', one.mapping], { env: SPANISH });
  expect(validate.code, validate.stderr).toBe(0);
  expect(validate.stdout).toContain('Listo: se puede enviar 1 fila.');
  const dryRun = await runCli(['update', one.file, '-m', one.mapping, '--out', one.out, '--dry-run', '--yes'], { env: { ...SPANISH, WOLKVOX_TOKEN: TOKEN } });
  expect(dryRun.code, dryRun.stderr).toBe(0);
  expect(dryRun.stderr).toContain('Simulacro: se enviaría 1 fila de d.csv (1 fila; 0 no válidas, 0 omitidas)');
});
