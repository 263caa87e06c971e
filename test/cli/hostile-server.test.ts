import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLI, mockServer, runCli } from '../helpers.js';
import { runFolderTexts } from '../run-folder-texts.js';
import { csvJob, readResults } from '../run/fixtures.js';

// A token with the characters JSON, URLs and base64 each write their own way.
const SECRET = 'AbC/dEf+9x-wolkvox-7Q2/ZZ0123456789';

/**
 * The token in every form the simulated CRM echoes it in, each cut to a part that any copy of that form
 * holds: as sent, upper-cased, URL-encoded, JSON-escaped as PHP writes it, base64 of "wolkvox:token"
 * (its middle: the ends share bits with their neighbours), and base64url of the token alone.
 */
function tokenForms(token: string): string[] {
  const basic = Buffer.from(`wolkvox:${token}`).toString('base64');
  return [
    token.slice(0, 12),
    token.slice(12),
    encodeURIComponent(token).slice(0, 14),
    token.replaceAll('/', '\\/').slice(0, 12),
    JSON.stringify(token.replaceAll('/', '\\/')).slice(1, 14),
    basic.slice(12, 40),
    Buffer.from(token).toString('base64url').slice(0, 28),
  ].map((form) => form.toLowerCase());
}
const leaks = (text: string, token = SECRET) => tokenForms(token).filter((form) => text.toLowerCase().includes(form));

describe('a CRM that echoes the token in any form (issue 17, item 3)', () => {
  it('as sent, upper case, URL-encoded, in the code, JSON-escaped, base64 and base64url: in no file of the run folder, not on stdout or stderr', async () => {
    const job = csvJob(14);
    // No record exists: 14 row errors, one call each, so every one of the 7 echo forms comes back twice.
    const server = await mockServer({ tokens: [SECRET], echoToken: true, knownIds: [] });
    const env = { WOLKVOX_TOKEN: SECRET, WOLKVOX_SERVER: server.url, WOLKVOX_LOG_LEVEL: 'debug' };
    const run = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--report-format', 'xlsx', '--max-failure-rate', '0'], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(server.stats.refused.notFound).toBe(14);
    const texts = await runFolderTexts(job.out);
    expect(Object.keys(texts)).toEqual(expect.arrayContaining(['results.csv', 'results.xlsx', 'failed.csv', 'journal.ndjson', 'log.ndjson', 'summary.json']));
    for (const [name, text] of Object.entries(texts)) expect(leaks(text), `the token is in ${name}`).toEqual([]);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
    // The server did echo it in each form: the marker stands where it was, and the rest of each message is kept.
    const messages = readResults(job.out).map((row) => `${row._wvx_message} ${row._wvx_code}`);
    expect(messages.every((message) => message.includes('[token]'))).toBe(true);
    for (const part of ['(token [token])', '(TOKEN [token])', '(token=[token])', '404 [token]', '(request {""wolkvox-token"":""[token]""})', '(Authorization: Basic d29sa3ZveDp[token]', '(session [token]']) {
      expect(messages.some((message) => message.includes(part)), part).toBe(true);
    }

    // A refused token, echoed back, ends in the stop message: summary.json and the screen.
    const wrong = `${SECRET}/revoked`;
    const refused = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-refused`, '--yes'], { env: { ...env, WOLKVOX_TOKEN: wrong } });
    expect(refused.code).toBe(4);
    expect(refused.stdout).toContain('PLEASE VALIDATE TOKEN');
    for (const [name, text] of Object.entries(await runFolderTexts(`${job.out}-refused`))) expect(leaks(text, wrong), `the token is in ${name}`).toEqual([]);
    expect(leaks(refused.stdout + refused.stderr, wrong)).toEqual([]);
  });
});

// What a server's error text may carry: clear the screen, home the cursor, a bold "Done" on a line of
// its own, a CSI written as one C1 character, a bell, a NUL, and a right-to-left override.
const HOSTILE = '\u001b[2J\u001b[H\u001b[1mDone: every row updated.\u001b[0m\r\n\u009b2J\u0007\u0000\u202e';
// The CLI's own drawing on a terminal: the progress line's carriage return and erase-line.
const OWN_DRAWING = /\r\u001b\[2K/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('a CRM whose error texts hold terminal escape sequences (issue 17, item 2)', () => {
  it('on a terminal, the run shows them as plain text: no cleared screen, no fake "Done" line; exit 1', async () => {
    const server = await mockServer({ knownIds: ['rec00001'], errorText: HOSTILE });
    const job = csvJob(3);
    const command = [process.execPath, CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--yes'].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, WOLKVOX_TOKEN: 'test-token', WOLKVOX_SERVER: server.url, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number];
    // `script` returns the command's exit code.
    expect(code, output).toBe(1);
    expect(server.stats.refused.notFound).toBe(2);
    // The terminal turns \n into \r\n; what is left once the CLI's own drawing is taken out is text.
    const shown = output.replaceAll('\r\n', '\n').replace(OWN_DRAWING, '');
    expect(shown).not.toMatch(CONTROL);
    expect(shown).toContain('RECORD NOT FOUND[2J[H[1mDone: every row updated.[0m  2J');
    expect(shown.split('\n').filter((line) => line.startsWith('Done'))).toEqual([]);
    expect(shown).toContain('Finished.');
  });

  it('the reports, the journal, the log and summary.json (what the page shows) hold the same plain text', async () => {
    const server = await mockServer({ knownIds: ['rec00001'], errorText: HOSTILE, faults: { serverError: 0.3 } });
    const job = csvJob(6);
    const run = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--report-format', 'xlsx', '--retries', '1'], { env: { WOLKVOX_TOKEN: 'test-token', WOLKVOX_SERVER: server.url, WOLKVOX_LOG_LEVEL: 'debug' } });
    expect(run.code, run.stderr).toBe(1);
    expect(server.stats.refused.serverError).toBeGreaterThan(0);
    expect(run.stdout + run.stderr).not.toMatch(CONTROL);
    const texts = await runFolderTexts(job.out);
    for (const [name, text] of Object.entries(texts)) {
      // Line ends of the files themselves are fine; control characters, raw or JSON-escaped, are not.
      expect(text.replaceAll('\r\n', '\n'), name).not.toMatch(CONTROL);
      expect(text, name).not.toMatch(/\\u00(1b|9b|07|00)|\\u202e|_x00(1B|9B|07|00)_/i);
    }
    expect(texts['summary.json']).toContain('[2J[H[1mDone: every row updated.[0m  2J');
  });
});
