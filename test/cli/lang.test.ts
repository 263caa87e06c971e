import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { langOf } from '../../src/cli/lang.js';
import { mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import type { MockRecord } from '../../src/mock/index.js';
import { csvJob, idFor } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('--lang (issue 20)', () => {
  it.each([
    [['update', 'x.csv', '--lang', 'es'], {}, 'es'],
    [['--lang=es', 'validate'], {}, 'es'],
    [['--lang', 'es', '--lang', 'en'], {}, 'en'],
    [['--lang', 'fr'], {}, 'en'],
    [['update', 'x.csv'], {}, 'en'],
    [['update'], { LANG: 'es_CO.UTF-8' }, 'es'],
    [['update'], { LANG: 'es' }, 'es'],
    [['update'], { LANG: 'es-MX' }, 'es'],
    [['update'], { LANG: 'C.UTF-8' }, 'en'],
    [['update'], { LANG: 'estonian' }, 'en'],
    [['update'], { LC_ALL: 'en_US.UTF-8', LANG: 'es_CO.UTF-8' }, 'en'],
    [['update'], { LC_MESSAGES: 'es_AR.UTF-8', LANG: 'en_US.UTF-8' }, 'es'],
    [['update'], { LC_ALL: '', LANG: 'es_CO.UTF-8' }, 'es'],
    [['update', '--lang', 'en'], { LANG: 'es_CO.UTF-8' }, 'en'],
  ] as const)('%j with %j speaks %s', (argv, env, lang) => {
    expect(langOf(argv, env)).toBe(lang);
  });

  it('LANG=es_CO.UTF-8 speaks Spanish without --lang; --lang en overrides it', async () => {
    const server = await mockServer();
    const job = csvJob(5);
    const spanish = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: { ...env(server.url), LANG: 'es_CO.UTF-8' } });
    expect(spanish.code, spanish.stderr).toBe(0);
    expect(spanish.stderr).toMatch(/^Listo para enviar 5 filas de /);
    expect(spanish.stdout).toMatch(/^Listo: se actualizaron todas las filas\./);
    const english = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-en`, '--yes', '--lang', 'en'], { env: { ...env(server.url), LANG: 'es_CO.UTF-8' } });
    expect(english.stdout).toMatch(/^Done: every row updated\./);
  });

  it('--lang es: the refusal to send with no terminal, in Spanish; --json keeps the English and the message code', async () => {
    const server = await mockServer();
    const job = csvJob(5);
    const spanish = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--lang', 'es'], { env: env(server.url) });
    expect(spanish.code).toBe(2);
    expect(spanish.stderr).toContain('Se necesita confirmación: este trabajo envía cambios al CRM y no hay una terminal donde preguntar. Agregue --yes para enviar sin preguntar. No se envió nada.');
    const json = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-json`, '--lang', 'es', '--json'], { env: env(server.url) });
    const error = JSON.parse(json.stdout) as { error: { code: string; message: string; messageCode: string; params: unknown } };
    expect(error.error).toMatchObject({ code: 'USAGE', messageCode: 'cli.confirmation-needed', params: { json: true } });
    expect(error.error.message).toContain('Confirmation needed: this job sends updates to the CRM, and there is no terminal to ask on (--json).');
    expect(json.stderr).toContain('Se necesita confirmación');
    expect(server.stats.calls).toBe(0);
  });

  it('--lang es: a flag typed with no value and an unknown flag are said in Spanish; English without --lang', async () => {
    const job = csvJob(2);
    const missing = await runCli(['update', job.file, '-m', job.mapping, '--lang', 'es', '--batch']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Error de uso: --batch necesita un valor después (por ejemplo --batch 10).');
    expect(missing.stderr).toContain('Ejecute con --help para ver las opciones y ejemplos.');
    const unknown = await runCli(['update', job.file, '-m', job.mapping, '--lang', 'es', '--bacth', '5']);
    expect(unknown.stderr).toMatch(/Error de uso: Argumento desconocido: bacth/);
    const english = await runCli(['update', job.file, '-m', job.mapping, '--batch']);
    expect(english.stderr).toContain('Usage error: --batch needs a value after it (such as --batch 10).');
  });

  it('--lang es: verify says its plan and what it read back in Spanish, numbers grouped 1.200; quota its figures', async () => {
    const records: MockRecord[] = Array.from({ length: 1200 }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));
    const server = await mockServer({ records, seed: 4, updateMany: { silentSkip: 0.01 } });
    const job = csvJob(1200, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '100', '--yes', '--quiet'], { env: env(server.url) })).code).toBe(0);
    const differing = server.stats.silentlySkipped;
    expect(differing).toBeGreaterThan(0);
    const result = await runCli(['verify', job.out, '--yes', '--lang', 'es'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain(`Listo para leer de nuevo 1.200 registros que actualizó ${job.out} y compararlos con lo enviado`);
    expect(result.stdout).toMatch(new RegExp(`^No coincide con lo enviado: ${differing} de 1\\.200 registros difieren? de lo enviado\\.\\n`));
    expect(result.stdout).toMatch(/\n {2}revisados +1\.200\n/);
    expect(result.stdout).toContain('consultas para leerlos de nuevo (no cuentan entre las solicitudes de la ejecución)');
    expect(result.stdout).toContain(`Carpeta de la ejecución: ${job.out}`);
    expect(result.stdout).toContain('Siguiente paso:');
    expect(result.stdout).not.toMatch(/records|calls|Run folder|Next:/);

    const quota = await runCli(['quota', '--operation', 'op', '--lang', 'es'], { env: env(server.url) });
    expect(quota.code, quota.stderr).toBe(0);
    expect(quota.stdout).toContain(`Cuota del token en ${server.url}`);
    expect(quota.stdout).toMatch(/solicitudes al día\n/);
    expect(quota.stdout).not.toMatch(/limit|available|resets/);
  });

  it('--lang es: a file that is no spreadsheet and a mapping that is no JSON are refused in Spanish, naming the file and the place', async () => {
    const dir = tempDir();
    const pdf = path.join(dir, 'clientes.csv');
    fs.writeFileSync(pdf, '%PDF-1.7\n');
    const job = csvJob(2);
    const notSheet = await runCli(['validate', pdf, '-m', job.mapping, '--lang', 'es']);
    expect(notSheet.code).toBe(2);
    expect(notSheet.stderr).toContain('No es una hoja de cálculo: clientes.csv parece ser un documento PDF, no un archivo CSV o de Excel. Verifique que sea el archivo correcto.');
    const mapping = path.join(dir, 'm.json');
    fs.writeFileSync(mapping, "{\n  'id': 'Cédula'\n}");
    const notJson = await runCli(['validate', job.file, '-m', mapping, '--lang', 'es']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/Mapeo inválido: .*m\.json no es JSON válido: Carácter inesperado '; JSON necesita comillas dobles en la línea 2, columna 3\./);
    const english = await runCli(['validate', job.file, '-m', mapping]);
    expect(english.stderr).toMatch(/Invalid mapping: .*m\.json is not valid JSON: Unexpected token '; JSON needs double quotes at line 2, column 3\./);
  });

  it('--lang es: verify of a run that updated nothing is refused in Spanish, before any read', async () => {
    // A CRM that holds none of the file's ids: every row fails.
    const server = await mockServer({ records: [{ wolkvox_id: 'someone-else' }] });
    const job = csvJob(3);
    const failed = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--quiet'], { env: env(server.url) });
    expect(failed.code, failed.stderr).toBe(1);
    const calls = server.stats.calls;
    const verify = await runCli(['verify', job.out, '--yes', '--lang', 'es'], { env: env(server.url) });
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain(`Nada que verificar: ninguna fila de ${job.out} se actualizó.`);
    expect(server.stats.calls).toBe(calls);
  });

  it('--lang es: update says its plan and its summary in Spanish, numbers grouped 1.200; English without it', async () => {
    const server = await mockServer();
    const job = csvJob(1200);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '100', '--yes', '--lang', 'es'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Listo para enviar 1\.200 filas de .+ \(1\.200 filas; 0 no válidas, 0 omitidas\)\n {2}a http/);
    expect(result.stderr).toContain(`2 solicitudes a la vez; carpeta de la ejecución ${job.out}`);
    expect(result.stdout).toMatch(/^Listo: se actualizaron todas las filas\.\n\n {2}actualizadas +1\.200\n/);
    expect(result.stdout).toMatch(/\n {2}12 solicitudes a la API \(0,01 por fila actualizada\), unidades de cuota desconocidas .*, 0 reintentos; /);
    expect(result.stdout).toContain('  lotes de 100\n');
    expect(result.stdout).toContain(`Carpeta de la ejecución: ${job.out}`);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/\b(rows|calls|Ready|Done|Run folder|results:)\b/);

    const english = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-en`, '--batch', '100', '--yes'], { env: env(server.url) });
    expect(english.stdout).toMatch(/^Done: every row updated\.\n\n {2}updated +1,200\n/);
  });

  it('--lang es: why a job stopped, and what to do next, in Spanish; summary.json keeps the English and the code', async () => {
    const server = await mockServer({ tokens: ['the-right-one'] });
    const job = csvJob(30);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--lang', 'es'], { env: env(server.url) });
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^Detenido: Detenido por el CRM: PLEASE VALIDATE TOKEN\. El token fue rechazado: revise WOLKVOX_TOKEN o --token-file/);
    expect(result.stdout).toContain(`ponga el token correcto en WOLKVOX_TOKEN (o en un archivo para --token-file) y luego: wolkvox-bulk resume ${job.out}`);
    const summary = JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8')) as { stopMessage: string; stopSaid: { code: string; params: unknown } };
    expect(summary.stopMessage).toMatch(/^Stopped by the CRM: PLEASE VALIDATE TOKEN\. The token was refused: /);
    expect(summary.stopSaid).toEqual({ code: 'stop.fatal', params: { answer: 'PLEASE VALIDATE TOKEN', fix: 'auth' } });
  });

  it('under a Spanish locale, a run folder that is not there and one that already holds a run are refused in Spanish', async () => {
    const missing = path.join(tempDir(), 'no-such-run');
    const resume = await runCli(['resume', missing], { env: { WOLKVOX_TOKEN: TOKEN, LANG: 'es_CO.UTF-8' } });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain(`No se encontró la carpeta de la ejecución: ${missing}. Indique la carpeta que update mostró al final de su ejecución.`);
    const server = await mockServer();
    const job = csvJob(3);
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--quiet'], { env: env(server.url) })).code).toBe(0);
    const again = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: { ...env(server.url), LANG: 'es_CO.UTF-8' } });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Carpeta de ejecución en uso: ${job.out} ya tiene una ejecución. Continúela con: wolkvox-bulk resume ${job.out}, o elija otra --out.`);
  });

  it('under a Spanish locale, a flag given a value its rule refuses, and a flag resume does not take, are said in Spanish', async () => {
    const job = csvJob(2);
    const batch = await runCli(['update', job.file, '-m', job.mapping, '--batch', '5000'], { env: { LANG: 'es_CO.UTF-8' } });
    expect(batch.code).toBe(2);
    expect(batch.stderr).toContain('Error de uso: --batch 5000: se esperaba un número entero de registros por solicitud de 1 a 1000.');
    const resume = await runCli(['resume', path.join(tempDir(), 'x'), '--limit', '5'], { env: { WOLKVOX_TOKEN: TOKEN, LANG: 'es_CO.UTF-8' } });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('No al reanudar: --limit es para la primera sesión de una ejecución (una prueba)');
    const english = await runCli(['update', job.file, '-m', job.mapping, '--batch', '5000']);
    expect(english.stderr).toContain('Usage error: --batch 5000: expected a whole number of records per call from 1 to 1000.');
  });

  it('under a Spanish locale, a journal that cannot be written (a full disk) stops the job saying so in Spanish, with what to do', async () => {
    const server = await mockServer();
    const job = csvJob(1500);
    expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '10', '--yes', '--quiet'], { env: env(server.url) })).code).toBe(3);
    // The journal outgrows 48 KiB a few hundred rows in.
    const result = await runCli(['resume', job.out, '--yes'], { env: { ...env(server.url), LANG: 'es_CO.UTF-8' }, fileSizeLimitKib: 48 });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`No se puede escribir en la carpeta de la ejecución ${job.out}: el archivo superó el tamaño que este sistema permite`);
    expect(result.stderr).toContain(`Libere espacio en disco y luego: wolkvox-bulk resume ${job.out}`);
  });
});
