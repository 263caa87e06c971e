import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, mockServer, runCli, tempDir, TOKEN } from '../helpers.js';
import type { MockRecord } from '../../src/mock/index.js';
import { runUpdate } from '../../src/run/update.js';
import { csvJob, FAST, idFor } from '../run/fixtures.js';

// The refusals a Spanish-speaking person still met in English, because they were built as English
// sentences: a server's address, an input's shape, a run's damaged journal, --since's folder. Each is the
// real CLI under LANG=es_CO.UTF-8, then the same command in English (no LANG, or --lang en).

const SPANISH = { LANG: 'es_CO.UTF-8' };
const ENGLISH = { LANG: 'C' };
const MAPPING = { operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } };

/** A folder with d.csv (these lines, or none) and m.json (the mapping of id and Nombre). */
function files(lines?: readonly string[]) {
  const dir = tempDir();
  const file = path.join(dir, 'd.csv');
  if (lines) fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify(MAPPING));
  return { dir, file, mapping };
}

/** The command in Spanish and in English: exit code and stderr of each. */
async function both(args: readonly string[], env: Record<string, string> = {}) {
  const spanish = await runCli(args, { env: { ...env, ...SPANISH } });
  const english = await runCli([...args, '--lang', 'en'], { env: { ...env, ...SPANISH } });
  const plain = await runCli(args, { env: { ...env, ...ENGLISH } });
  expect(plain.stderr).toBe(english.stderr);
  return { spanish, english };
}

describe('the refusals once built as English sentences are worded in Spanish for a Spanish-speaking person', () => {
  it('a server over plain http, and a server that is no host name', async () => {
    const job = files(['id,Nombre', '1,Ana']);
    const insecure = await both(['update', job.file, '-m', job.mapping, '--server', 'http://example.com', '--yes'], { WOLKVOX_TOKEN: TOKEN });
    expect(insecure.spanish.code).toBe(2);
    expect(insecure.spanish.stderr).toBe('URL de servidor insegura: http://example.com usa http simple, con lo que el token se enviaría sin cifrar. Use https://example.com.\n');
    expect(insecure.english.code).toBe(2);
    expect(insecure.english.stderr).toBe('Insecure server URL: http://example.com uses plain http, which would send the token unencrypted. Use https://example.com.\n');

    const invalid = await both(['update', job.file, '-m', job.mapping, '--server', 'crm 0001', '--yes'], { WOLKVOX_TOKEN: TOKEN });
    expect(invalid.spanish.code).toBe(2);
    expect(invalid.spanish.stderr).toBe("Servidor no válido: 'crm 0001' no es un nombre de host ni una URL. Use el host de su CRM, como crm0001.wolkvox.com.\n");
    expect(invalid.english.stderr).toBe("Invalid server: 'crm 0001' is not a host name or URL. Use the host of your CRM, such as crm0001.wolkvox.com.\n");
  });

  it('a CSV with no header line, and one with a quote never closed', async () => {
    const empty = files(['', '']);
    const noHeader = await both(['validate', empty.file, '-m', empty.mapping]);
    expect(noHeader.spanish.code).toBe(2);
    expect(noHeader.spanish.stderr).toBe('Archivo vacío: d.csv no tiene línea de encabezado. Verifique que sea el archivo correcto.\n');
    expect(noHeader.english.stderr).toBe('Empty file: d.csv has no header line. Check that this is the file you meant.\n');

    const quoted = files(['id,Nombre', '1,"Ana', '2,Luz']);
    const unclosed = await both(['validate', quoted.file, '-m', quoted.mapping]);
    expect(unclosed.spanish.code).toBe(2);
    expect(unclosed.spanish.stderr).toBe(
      'Comilla sin cerrar: el valor entre comillas que empieza en la línea 2 de d.csv nunca se cierra, así que el resto del archivo se leería como un solo valor. Agregue la " de cierre (o quite la que sobra) e intente de nuevo.\n',
    );
    expect(unclosed.english.stderr).toBe(
      'Unclosed quote: the quoted value that starts on line 2 of d.csv is never closed, so the rest of the file would be read as one value. Add the closing " (or remove the stray one), then try again.\n',
    );
  });

  it('a sheet the workbook does not have', async () => {
    const job = files();
    const missing = await both(['validate', fixture('xlsx', 'openpyxl-clientes.xlsx'), '-m', job.mapping, '--sheet', 'Ventas']);
    expect(missing.spanish.code).toBe(2);
    expect(missing.spanish.stderr).toBe(
      `No se encontró la hoja: la hoja 'Ventas' no está en openpyxl-clientes.xlsx. Sus hojas son: 'Instrucciones', 'Clientes', 'Notas'. Indique una de ellas en --sheet o en "sheet" del mapeo.\n`,
    );
    expect(missing.english.stderr).toBe(
      `Missing sheet: Sheet 'Ventas' is not in openpyxl-clientes.xlsx. Its sheets are: 'Instrucciones', 'Clientes', 'Notas'. Set --sheet or "sheet" in the mapping to one of them.\n`,
    );
  });

  it("resume of a run whose journal has a damaged line: nothing is sent, and what to do", async () => {
    const server = await mockServer();
    const job = csvJob(30);
    const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '20', '--yes'], { env });
    expect(first.code, first.stderr).toBe(3);
    const journal = path.join(job.out, 'journal.ndjson');
    const lines = fs.readFileSync(journal, 'utf8').split('\n');
    lines[3] = '{"t":"row","row":{garbage';
    fs.writeFileSync(journal, lines.join('\n'));
    const resumed = await both(['resume', job.out, '--yes'], env);
    const results = path.join(job.out, 'results.csv');
    expect(resumed.spanish.code).toBe(2);
    expect(resumed.spanish.stderr).toBe(
      `Ejecución dañada: ${journal} tiene una línea dañada (la línea 4) antes de su final. El diario es lo que le permite a una ejecución saber qué filas ya se enviaron; si no está completo, resume las enviaría de nuevo, así que se detiene aquí. Restaure el diario desde una copia de seguridad si la tiene. Si no, inicie una ejecución nueva solo con las filas aún no actualizadas: ${results} muestra el resultado de cada fila al terminar la última sesión (su failed.csv, si existe, tiene las filas que faltan por enviar).\n`,
    );
    expect(resumed.english.code).toBe(2);
    expect(resumed.english.stderr).toMatch(new RegExp(`^Damaged run: ${journal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} has a damaged line \\(line 4\\) before its end\\. The journal is how a run knows`));
    expect(server.stats.calls).toBe(20);
  });

  it("verify: refused without --yes in a read-back's words; its reads cut short by --max-calls say what stopped them; in the person's language", async () => {
    const records: MockRecord[] = Array.from({ length: 600 }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));
    const server = await mockServer({ records });
    const job = csvJob(600, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
    await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: 100, ...FAST });
    const callsBefore = server.stats.calls;
    // Without --yes and no terminal: refused in a read-back's own words (it sends nothing), before any read.
    const unasked = await both(['verify', job.out], { WOLKVOX_TOKEN: TOKEN });
    expect(unasked.spanish.code).toBe(2);
    expect(unasked.spanish.stderr).toContain(
      'Se necesita confirmación: este trabajo lee de nuevo los registros del CRM (no envía nada, pero cada consulta gasta cuota) y no hay una terminal donde preguntar. Agregue --yes para leer sin preguntar. No se leyó nada.',
    );
    expect(unasked.english.stderr).toContain(
      'Confirmation needed: this job reads the records back from the CRM (it sends nothing, but each read spends quota), and there is no terminal to ask on. Add --yes to read without asking. Nothing was read.',
    );
    expect(server.stats.calls).toBe(callsBefore);
    const verify = await both(['verify', job.out, '--max-calls', '1', '--yes'], { WOLKVOX_TOKEN: TOKEN });
    expect(verify.spanish.stderr).toContain(
      `Se detuvo mientras leía de nuevo los registros: Se alcanzó el límite de solicitudes: 1 solicitud hecha (--max-calls). No se envió nada (las consultas usaron 1 solicitud). Ejecute de nuevo verify ${job.out} (vuelve a leer cada registro).`,
    );
    expect(verify.english.stderr).toContain(
      `Stopped while reading back the records: Call budget reached: 1 call made (--max-calls). Nothing was sent (1 call spent on reads). Run verify ${job.out} again (it reads every record again).`,
    );
    expect(verify.spanish.code).toBe(verify.english.code);
    // Three commands (Spanish, English, LANG=C), one read each, and no update.
    expect(server.stats.calls - callsBefore).toBe(3);
    expect(server.stats.queryDatesCalls).toBe(3);
  });

  it('--since given a folder that is not a run', async () => {
    const job = files(['id,Nombre', '1,Ana']);
    const notRun = path.join(job.dir, 'carpeta');
    fs.mkdirSync(notRun);
    const server = await mockServer();
    const since = await both(['update', job.file, '-m', job.mapping, '--since', notRun, '--yes'], { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url });
    expect(since.spanish.code).toBe(2);
    expect(since.spanish.stderr).toBe(
      `No es una carpeta de ejecución: ${notRun} (indicada en --since) no tiene run.json. Indique la carpeta de una ejecución anterior de update (su ruta se muestra al final de cada ejecución), u omita --since para enviar todas las filas (esa ejecución deja entonces una línea base para la siguiente).\n`,
    );
    expect(since.english.stderr).toBe(
      `Not a run folder: ${notRun} (given as --since) has no run.json. Give the folder of an earlier update run (its path is printed at the end of every run), or leave out --since to send every row (that run then leaves a baseline for the next one).\n`,
    );
    expect(server.stats.calls).toBe(0);
  });
});
