import { describe, expect, it } from 'vitest';
import { langOf } from '../../src/cli/lang.js';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('--lang (issue 20)', () => {
  it.each([
    [['update', 'x.csv', '--lang', 'es'], 'es'],
    [['--lang=es', 'validate'], 'es'],
    [['--lang', 'es', '--lang', 'en'], 'en'],
    [['--lang', 'fr'], 'en'],
    [['update', 'x.csv'], 'en'],
  ] as const)('%j speaks %s', (argv, lang) => {
    expect(langOf(argv)).toBe(lang);
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
});
