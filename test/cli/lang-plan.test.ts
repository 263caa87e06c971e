import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

// Issue 20: the plan's warnings and the notes a job makes while it sends are messages, said in the CLI's
// language like the rest; machine output keeps the English.

const env = (server: string, lang: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server, LANG: lang });

describe('the plan warnings and the send notes in the CLI language (issue 20)', () => {
  it('LANG=es_CO.UTF-8: a concurrency over the CRM limit, and an input changed before a resume, are warned in Spanish', async () => {
    const server = await mockServer();
    const job = csvJob(6);
    const canary = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '2', '--concurrency', '3', '--yes'], { env: env(server.url, 'es_CO.UTF-8') });
    expect(canary.code, canary.stderr).toBe(3);
    expect(canary.stderr).toContain('  aviso: 3 solicitudes a la vez: el CRM admite 2 solicitudes en curso por token y rechaza las demás');
    expect(canary.stderr).not.toMatch(/concurrency 3|calls in flight/);
    fs.appendFileSync(job.file, 'x7,Cliente 7,Cali\r\n');
    const resumed = await runCli(['resume', job.out, '--yes'], { env: env(server.url, 'es_CO.UTF-8') });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/ {2}aviso: el archivo datos\.csv cambió desde que la ejecución lo revisó \(\d+ bytes entonces, \d+ ahora\): las filas se envían como la ejecución las revisó/);
    const english = await runCli(['resume', job.out, '--yes', '--lang', 'en'], { env: env(server.url, 'es_CO.UTF-8') });
    expect(english.stderr).toMatch(/ {2}warning: the input datos\.csv changed since the run checked it/);
  });

  it('--lang es: batches refused as too large are said in Spanish (a line of its own); English without it', async () => {
    const server = await mockServer({ updateMany: { maxRecords: 2, tooManyAnswer: '400' } });
    const job = csvJob(8);
    const spanish = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '4', '--concurrency', '1', '--yes', '--lang', 'es'], { env: env(server.url, 'C.UTF-8') });
    expect(spanish.code, spanish.stderr).toBe(0);
    expect(spanish.stderr).toContain('Lotes: el CRM rechazó un lote de 4 registros por ser demasiado grande (TOO MANY RECORDS): lotes de 2 mientras se busca el tamaño más grande que acepta.');
    const english = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-en`, '--batch', '4', '--concurrency', '1', '--yes'], { env: env(server.url, 'C.UTF-8') });
    expect(english.stderr).toContain('Batches: a batch of 4 was refused as too large (TOO MANY RECORDS): batches of 2 while the largest size the CRM takes is found.');
  });
});
