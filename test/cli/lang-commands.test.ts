import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/core/catalog/en.js';
import { es } from '../../src/core/catalog/es.js';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import { csvJob, idFor, readResults } from '../run/fixtures.js';

// Issue 20's CLI test: validate, update, resume and verify speak Spanish under a Spanish locale and English
// under --lang en; so do probe, init, the demo and every command's --help (the rest of lang.test.ts's cases
// choose the language with --lang).

const SPANISH = { LANG: 'es_CO.UTF-8' };
const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server, ...SPANISH });
// Words only an English line of the CLI holds (the CRM's own answers and file names aside).
const ENGLISH = /\b(rows?|calls?|records?|Ready|Done|Run folder|Next|Stopped|Canary|failed rows|Checked|Valid|Invalid|read back|Verified)\b/;
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the CLI under LANG=es_CO.UTF-8 (issue 20)', () => {
  it('validate, update (a canary), resume and verify speak Spanish; --lang en speaks English', async () => {
    const records: MockRecord[] = Array.from({ length: 6 }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: 'x', Ciudad: 'y' }));
    const server = await mockServer({ records });
    const job = csvJob(6);
    const run = (args: string[], more: Record<string, string> = {}) => runCli(args, { env: { ...env(server.url), ...more } });

    const validate = await run(['validate', job.file, '-m', job.mapping]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/Filas leídas\s+6/);
    expect(validate.stdout).not.toMatch(ENGLISH);

    const update = await run(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '2', '--yes']);
    expect(update.code, update.stderr).toBe(3);
    expect(update.stderr).toMatch(/^Listo para enviar 2 filas de /);
    expect(update.stdout).toContain('Prueba terminada: se enviaron las primeras 2 filas (--limit); resume envía el resto.');
    expect(`${update.stdout}${update.stderr}`).not.toMatch(ENGLISH);

    const resume = await run(['resume', job.out, '--yes']);
    expect(resume.code, resume.stderr).toBe(0);
    expect(resume.stderr).toMatch(/^Listo para enviar 4 filas de .*2 ya hechas\)/);
    expect(resume.stdout).toMatch(/^Listo: se actualizaron todas las filas\./);
    expect(`${resume.stdout}${resume.stderr}`).not.toMatch(ENGLISH);

    const verify = await run(['verify', job.out, '--yes']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^Verificado: cada registro se lee tal como se envió\./);
    expect(`${verify.stdout}${verify.stderr}`).not.toMatch(ENGLISH);

    // The same commands with --lang en, under the same Spanish locale.
    const english = csvJob(6);
    expect((await run(['validate', english.file, '-m', english.mapping, '--lang', 'en'])).stdout).toMatch(/Rows read\s+6/);
    const canary = await run(['update', english.file, '-m', english.mapping, '--out', english.out, '--limit', '2', '--yes', '--lang', 'en']);
    expect(canary.stdout).toContain('Canary done: the first 2 rows were sent (--limit); resume sends the rest.');
    expect((await run(['resume', english.out, '--yes', '--lang', 'en'])).stdout).toMatch(/^Done: every row updated\./);
    expect((await run(['verify', english.out, '--yes', '--lang', 'en'])).stdout).toMatch(/^Verified: every record reads back as sent\./);
  });

  it("probe reports in Spanish; --json keeps the English findings and adds their codes", async () => {
    const id = '65d8b6195befbbd25409bb13';
    const server = await mockServer({ records: [{ wolkvox_id: id, Email: 'ana@example.co' }] });
    const args = ['probe', '--operation', 'op', '--module', 'contacts', '--id', id];
    const spanish = await runCli(args, { env: env(server.url) });
    expect(spanish.code, spanish.stderr).toBe(0);
    expect(spanish.stdout).toMatch(/^Prueba de updateMany\.php en /);
    expect(spanish.stdout).toMatch(/^Conteo {13}sí \(1 de los 2 registros enviados\)$/m);
    expect(spanish.stdout).toContain('Qué significa para --batch:');
    expect(spanish.stdout).toContain('  - Los lotes se confirman por su conteo');
    expect(spanish.stdout).not.toMatch(/\b(Answer|Count|Missing id|Cost|What it means|sent back)\b/);

    const json = await runCli([...args, '--json'], { env: env(server.url) });
    const report = JSON.parse(json.stdout) as { conclusions: string[]; conclusionsSaid: { code: string }[] };
    expect(report.conclusions[0]).toMatch(/^Batches are confirmed by their count/);
    expect(report.conclusionsSaid.map((said) => said.code)).toEqual(['probe.by-count', 'probe.narrowing-resends', 'probe.cost-call']);
  });

  it('init says what it wrote, and why it writes none, in Spanish', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'datos.csv'), 'wolkvox-id,Nombre,Ciudad\n64cb,Ana,Cali\n');
    const wrote = await runCli(['init', 'datos.csv'], { cwd: dir, env: SPANISH });
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(wrote.stdout).toContain('Se escribió datos.mapping.json a partir de datos.csv');
    expect(wrote.stdout).toContain("  id: columna 'wolkvox-id'");
    expect(wrote.stdout).toContain('  campos: 2 columnas, cada una enviada al campo del CRM con el mismo nombre');
    expect(wrote.stdout).toContain('luego revise cada fila: wolkvox-bulk validate datos.csv --mapping datos.mapping.json');
    const again = await runCli(['init', 'datos.csv'], { cwd: dir, env: SPANISH });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('El mapeo ya existe: datos.mapping.json ya está ahí. Elija otra --out, o agregue --force para sobrescribirlo.');
    fs.writeFileSync(path.join(dir, 'uno.csv'), 'wolkvox-id\n64cb\n');
    const nothing = await runCli(['init', 'uno.csv'], { cwd: dir, env: SPANISH });
    expect(nothing.stderr).toMatch(/^Nada que mapear: uno\.csv .* tiene un solo nombre de columna \('wolkvox-id'\)/);
  });

  it('the demo and the simulated CRM say their own lines in Spanish', async () => {
    const dir = tempDir();
    const demo = await runCli(['demo', '--quiet', '--out', path.join(dir, 'run')], { env: SPANISH });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stderr).toMatch(/^CRM wolkvox simulado en http:\/\/127\.0\.0\.1:\d+ \(esta demostración no necesita token y no cambia nada real\)\./);
    expect(demo.stderr).toMatch(/El CRM simulado aplicó \d+ actualizaciones en \d+ solicitudes \(como máximo \d+ a la vez\)\./);
    const records = await runCli(['mock-server', '--records', 'a.csv', '--records', 'b.csv'], { env: SPANISH });
    expect(records.code).toBe(2);
    expect(records.stderr).toContain('--records da dos veces los registros de todos los demás módulos (a.csv, b.csv)');
  });

  it("a Spanish run's files word the run's own notes in Spanish, the CRM's answers and the codes as they are; resume keeps the run's language", async () => {
    const records: MockRecord[] = Array.from({ length: 8 }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: 'x', Ciudad: 0 }));
    const server = await mockServer({ records });
    const mapping = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre', Ciudad: { column: 'Ciudad', type: 'number' } } };
    // Row 2 (line 3) holds no number; row 3 (line 4) nothing to send; the canary sends 2 rows, the rest are not sent.
    const edit = (n: number, row: string[]) => (n === 2 ? [row[0] as string, 'Ana', 'abc'] : n === 3 ? [row[0] as string, '', ''] : [row[0] as string, `Cliente ${n}`, String(n)]);
    const spanish = csvJob(8, { edit, mapping });
    const update = await runCli(['update', spanish.file, '-m', spanish.mapping, '--out', spanish.out, '--skip-invalid', '--limit', '2', '--yes', '--quiet'], { env: env(server.url) });
    expect(update.code, update.stderr).toBe(3);
    const byLine = (runDir: string) => new Map(readResults(runDir).map((row) => [row._wvx_row, row]));
    const rows = byLine(spanish.out);
    const results = (runDir: string) => fs.readFileSync(path.join(runDir, 'results.csv'), 'utf8');
    expect(rows.get('3')?._wvx_status).toBe('invalid');
    expect(results(spanish.out)).toContain(`invalid,,,"columna Ciudad: 'abc' no es un número: quite de las celdas los signos de moneda, las letras y el %"`);
    expect(rows.get('4')).toMatchObject({ _wvx_status: 'skipped', _wvx_message: 'nada que enviar: todas las celdas mapeadas están vacías' });
    expect(rows.get('9')).toMatchObject({ _wvx_status: 'not_sent', _wvx_message: 'Prueba terminada: se enviaron las primeras 2 filas (--limit); resume envía el resto.' });
    const failed = fs.readFileSync(path.join(spanish.out, 'failed.csv'), 'utf8');
    expect(failed).toContain('not_sent,Prueba terminada: se enviaron las primeras 2 filas (--limit); resume envía el resto.');
    expect(JSON.parse(fs.readFileSync(path.join(spanish.out, 'run.json'), 'utf8'))).toMatchObject({ job: { lang: 'es' } });
    // summary.json keeps the English (machine output).
    const summary = JSON.parse(fs.readFileSync(path.join(spanish.out, 'summary.json'), 'utf8')) as { errors: { message: string }[] };
    expect(summary.errors.map((error) => error.message)).toEqual(["column Ciudad: 'abc' is not a number: remove currency signs, letters and % from the cells"]);

    // Resumed in English, the run's files keep its language.
    const resume = await runCli(['resume', spanish.out, '--yes', '--quiet', '--lang', 'en'], { env: env(server.url) });
    // Exit 1: the invalid row is still invalid; the terminal speaks English.
    expect(resume.code, resume.stderr).toBe(1);
    expect(resume.stdout).toContain(`Run folder: ${spanish.out}`);
    const resumed = byLine(spanish.out);
    expect(results(spanish.out)).toContain("columna Ciudad: 'abc' no es un número");
    expect(resumed.get('9')).toMatchObject({ _wvx_status: 'updated' });

    const english = csvJob(8, { edit, mapping });
    await runCli(['update', english.file, '-m', english.mapping, '--out', english.out, '--skip-invalid', '--limit', '2', '--yes', '--quiet', '--lang', 'en'], { env: env(server.url) });
    const englishRows = byLine(english.out);
    expect(results(english.out)).toContain(`invalid,,,"column Ciudad: 'abc' is not a number: remove currency signs, letters and % from the cells"`);
    expect(englishRows.get('9')?._wvx_message).toBe('Canary done: the first 2 rows were sent (--limit); resume sends the rest.');
    expect(JSON.parse(fs.readFileSync(path.join(english.out, 'run.json'), 'utf8')).job).not.toHaveProperty('lang');
  });

  // Every help text of a command, worded by the catalogs, is in its --help: Spanish under the locale,
  // English with --lang en (yargs wraps the lines, so spaces are compared flattened).
  it.each(['update', 'resume', 'verify', 'undo', 'validate', 'init', 'quota', 'probe', 'demo', 'mock-server', 'ui', 'watch', 'schedule', 'runs'])('%s --help in Spanish, and in English with --lang en', async (command) => {
    const codes = (Object.keys(en) as (keyof typeof en)[]).filter((code) => code === `help.${command}` || code.startsWith(`help.${command}.`));
    expect(codes.length).toBeGreaterThan(1);
    const words = (catalog: typeof en | typeof es, code: keyof typeof en) => flat((catalog[code] as (params: unknown) => string)({ default: 5, minutes: 30, encodings: ['utf-8'], ofRun: false }));
    const spanish = flat((await runCli([command, '--help'], { env: SPANISH })).stdout);
    const english = flat((await runCli([command, '--help', '--lang', 'en'], { env: SPANISH })).stdout);
    // An example's words share their lines with its command: only their start is whole.
    const shown = (text: string, code: string) => (code.includes('.example-') ? text.split(' ').slice(0, 3).join(' ') : text);
    for (const code of codes.filter((code) => !/\.(retries|timeout|batch|max-failure-rate|reuse-preview)$/.test(code) || command !== 'update')) {
      expect(spanish, code).toContain(shown(words(es, code), code));
      expect(english, code).toContain(shown(words(en, code), code));
    }
    expect(spanish).toContain('Opciones:');
    expect(spanish).not.toMatch(/Options:|Positionals:|Examples:/);
  });
});
