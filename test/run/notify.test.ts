import { describe, expect, it } from 'vitest';
import { runUpdate } from '../../src/run/update.js';
import { errorNotice, notifyRun, runNotice, sendNotice, shownAddress } from '../../src/run/notify.js';
import { formatOf } from '../../src/run/notice-formats.js';
import { WolkvoxBulkError } from '../../src/core/errors.js';
import { message } from '../../src/core/say.js';
import { expectError, mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';
import { closedPort, receiver } from './receiver.js';

const QUICK = { retryDelayMs: 1 } as const;

// A run with one row the CRM refuses (RECORD NOT FOUND), against the simulated CRM.
async function runWithOneFailure() {
  const server = await mockServer({ knownIds: Array.from({ length: 6 }, (_, n) => idFor(n + 1)).filter((id) => id !== idFor(3)) });
  const job = csvJob(6);
  return runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
}

describe('a run\'s notification (issue 21)', () => {
  it('posts one JSON notice with the run folder, file, counts, calls, exit code, top errors and the next step', async () => {
    const summary = await runWithOneFailure();
    const hook = await receiver();
    const outcomes = await notifyRun(summary, { urls: [hook.url], command: 'update', secrets: [TOKEN], ...QUICK });
    expect(outcomes).toEqual([{ shown: `${new URL(hook.url).origin}/…`, format: 'json', delivered: true, attempts: 1 }]);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(hook.received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      source: 'wolkvox-bulk',
      event: 'finished',
      command: 'update',
      runDir: summary.runDir,
      file: summary.file,
      rows: 6,
      counts: { updated: 5, failed: 1 },
      calls: 6,
      exitCode: 1,
      errors: [{ message: 'RECORD NOT FOUND', count: 1, exampleRow: 4, status: 'failed', httpStatus: 404, apiCode: '404' }],
    });
    expect(body.headline).toBe('wolkvox-bulk · datos.csv: finished (exit code 1)');
    expect(body.next).toEqual([`after fixing the records in the CRM: wolkvox-bulk resume ${summary.runDir} --retry-failed`]);
  });

  it('says it in Spanish when asked, and a stop with its reason', async () => {
    const server = await mockServer({ tokens: ['other-token'] });
    const job = csvJob(3);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, ...FAST });
    const notice = runNotice(summary, { lang: 'es' });
    expect(notice).toMatchObject({ event: 'stopped', exitCode: 4, stop: { reason: 'fatal', code: 'stop.fatal' } });
    // One parenthesis: the stop's being resumable is said in words (issue 20's leftover: "(se puede reanudar) (código…)").
    expect(notice.headline).toBe('wolkvox-bulk · datos.csv: se detuvo y se puede reanudar (código de salida 4)');
    expect(runNotice(summary, { lang: 'en' }).headline).toBe('wolkvox-bulk · datos.csv: stopped and can be resumed (exit code 4)');
    expect(notice.next[0]).toContain(`wolkvox-bulk resume ${summary.runDir}`);
  });

  it('never sends the token: a secret given is taken out of every body, whatever its case', async () => {
    const hook = await receiver();
    const error = new WolkvoxBulkError('API_FATAL', `The CRM refused token ${TOKEN.toUpperCase()} here`);
    for (const format of ['json', 'slack', 'teams'] as const) {
      await sendNotice(errorNotice(error, { command: 'update', file: `/data/${TOKEN}.csv` }), { urls: [hook.url], format, secrets: [TOKEN], ...QUICK });
    }
    expect(hook.received).toHaveLength(3);
    for (const { body } of hook.received) {
      expect(body.toLowerCase()).not.toContain(TOKEN);
      expect(body).toContain('[token]');
    }
  });

  it('a failed job before its summary: its error code, words and exit code', () => {
    const notice = errorNotice(new WolkvoxBulkError('ROWS_INVALID', message('cli.missing-command')), { command: 'update', file: '/data/clientes.csv', lang: 'es' });
    expect(notice).toMatchObject({ event: 'failed', exitCode: 2, file: '/data/clientes.csv', stop: { reason: 'ROWS_INVALID', code: 'cli.missing-command', message: 'Falta el comando: ejecute wolkvox-bulk --help para ver los comandos.' } });
    expect(notice.headline).toBe('wolkvox-bulk · clientes.csv: falló (código de salida 2)');
  });

  it('retries a receiver that fails (500, 500, then 200) and reports the tries', async () => {
    const summary = await runWithOneFailure();
    const hook = await receiver([500, 500, 200]);
    const [outcome] = await notifyRun(summary, { urls: [hook.url], ...QUICK });
    expect(outcome).toMatchObject({ delivered: true, attempts: 3 });
    expect(hook.received).toHaveLength(3);
    expect(hook.received[2]?.body).toBe(hook.received[0]?.body);
  });

  it('gives up after its retries on a receiver that keeps failing, or a closed port, and never rejects', async () => {
    const summary = await runWithOneFailure();
    const failing = await receiver([503]);
    const closed = `http://127.0.0.1:${await closedPort()}/hook`;
    const outcomes = await notifyRun(summary, { urls: [failing.url, closed], retries: 2, ...QUICK });
    expect(outcomes).toMatchObject([
      { delivered: false, attempts: 3, failure: { kind: 'status', status: 503 } },
      { delivered: false, attempts: 3, failure: { kind: 'network', code: 'ECONNREFUSED' } },
    ]);
    expect(failing.received).toHaveLength(3);
  });

  it('does not try again what the receiver refuses for the address or the body (404)', async () => {
    const summary = await runWithOneFailure();
    const hook = await receiver([404]);
    const [outcome] = await notifyRun(summary, { urls: [hook.url], ...QUICK });
    expect(outcome).toMatchObject({ delivered: false, attempts: 1, failure: { kind: 'status', status: 404 } });
  });

  it('an answer that does not come in time is a failed try', async () => {
    const summary = await runWithOneFailure();
    // A receiver that takes the request and never answers: the try ends at its timeout.
    const hang = await import('node:http').then(({ default: http }) => http.createServer(() => undefined));
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const port = (hang.address() as { port: number }).port;
    try {
      const [outcome] = await notifyRun(summary, { urls: [`http://127.0.0.1:${port}/`], retries: 0, timeoutSeconds: 0.2, ...QUICK });
      expect(outcome).toMatchObject({ delivered: false, attempts: 1, failure: { kind: 'timeout', seconds: 0.2 } });
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });

  it.each([
    ['https://hooks.slack.com/services/T000/B000/XXXX', 'slack'],
    ['https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def', 'teams'],
    ['https://outlook.office.com/webhook/abc', 'teams'],
    ['https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x', 'teams'],
    ['https://default123.12.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/abc', 'teams'],
    ['https://example.com/hooks/wolkvox', 'json'],
    ['http://127.0.0.1:8080/', 'json'],
  ] as const)('%s gets the %s format', (url, format) => {
    expect(formatOf(url)).toBe(format);
  });

  it('a Slack message: text, the headline and the facts in blocks, markup characters escaped', async () => {
    const summary = await runWithOneFailure();
    const hook = await receiver();
    await notifyRun({ ...summary, errors: [{ message: 'Field <Ciudad> & more', count: 1, exampleRow: 4 }] }, { urls: [hook.url], format: 'slack', ...QUICK });
    const body = JSON.parse(hook.received[0]?.body ?? '{}') as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] };
    expect(body.text).toBe('wolkvox-bulk · datos.csv: finished (exit code 1)');
    const texts = body.blocks.flatMap((block) => [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)]);
    expect(texts).toContain('*updated*\n5');
    expect(texts).toContain('*Exit code*\n1');
    expect(texts).toContain(`*Run folder*\n${summary.runDir}`);
    expect(texts.join('\n')).toContain('Field &lt;Ciudad&gt; &amp; more');
    expect(texts.join('\n')).toContain(`wolkvox-bulk resume ${summary.runDir} --retry-failed`);
  });

  it('a Teams message: one Adaptive Card with the headline, the facts and the next step', async () => {
    const summary = await runWithOneFailure();
    const hook = await receiver();
    await notifyRun(summary, { urls: [hook.url], format: 'teams', lang: 'es', ...QUICK });
    const body = JSON.parse(hook.received[0]?.body ?? '{}') as { type: string; attachments: { contentType: string; content: { type: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[] } }[] };
    expect(body.type).toBe('message');
    expect(body.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0]?.content;
    expect(card?.type).toBe('AdaptiveCard');
    expect(card?.body[0]?.text).toBe('wolkvox-bulk · datos.csv: terminó (código de salida 1)');
    const facts = card?.body.find((item) => item.type === 'FactSet')?.facts ?? [];
    expect(facts).toContainEqual({ title: 'Código de salida', value: '1' });
    expect(facts).toContainEqual({ title: 'Solicitudes a la API', value: '6' });
    expect(card?.body.map((item) => item.text ?? '').join('\n')).toContain('RECORD NOT FOUND');
  });

  it('shows an address by its origin alone: a webhook\'s path is its secret', () => {
    expect(shownAddress('https://hooks.slack.com/services/T000/B000/XXXX')).toBe('https://hooks.slack.com/…');
    expect(shownAddress('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
  });

  it('refuses an address that is not http or https, naming it', async () => {
    await expectError(sendNotice(errorNotice(new Error('x')), { urls: ['https://example.com/ok', 'file:///etc/passwd'] }), { code: 'USAGE', message: /Expected `notify` to be an http:\/\/ or https:\/\/ address.*got `"file:\/\/\/etc\/passwd"`/ });
  });
});
