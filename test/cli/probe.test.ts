import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/record-store.js';
import type { MockServerOptions } from '../../src/mock/options.js';
import { mockServer, ROOT, runCli, tempDir, TOKEN } from '../helpers.js';

const ID = '65d8b6195befbbd25409bb13';
const RECORDS: MockRecord[] = [
  {
    wolkvox_id: ID,
    'Nombre completo': 'Ana López',
    Email: 'ana@example.co',
    Ciudad: 'Cali',
    Saldo: 1500000.5,
    Teléfono: { type: 'telephone', value: '3001234567', country: 'CO', code: '+57' },
  },
];
const env = { WOLKVOX_TOKEN: TOKEN };
const args = (server: string, ...more: string[]) => ['probe', '--server', server, '--operation', 'miempresa', '--module', 'contacts', '--id', ID, ...more];

async function probeCli(setup: MockServerOptions, ...more: string[]) {
  const server = await mockServer({ records: RECORDS, ...setup });
  const before = server.records();
  const result = await runCli(args(server.url, ...more), { env });
  return { result, server, before };
}

// Each behaviour of updateMany.php, as a user reads it: the lines that carry the conclusion.
const behaviours: [name: string, setup: MockServerOptions, lines: RegExp[]][] = [
  ['count, missing id skipped', {}, [/^Count {9}yes \(1 of the 2 records sent\)$/m, /^Missing id {4}skipped: the call succeeded with a lower count \(1 of 2\)$/m, /^ {2}- Batches are confirmed by their count/m]],
  ['no count', { updateMany: { countInMessage: false } }, [/^Count {9}no$/m, /^Missing id {4}not told: the call succeeded without a count$/m, /--batch saves nothing: keep --batch 1 on this CRM\.$/m]],
  ['refused, id named', { updateMany: { badRecord: 'refuse', refusalNamesId: true } }, [/^Answer {8}HTTP 404, code 404: RECORD NOT FOUND \(wolkvox-id 00000000[0-9a-f]{16}\)$/m, /^Missing id {4}the whole call was refused; the message names the id$/m, /"Refused after applying the rest" cannot be told apart/]],
  ['refused after applying, id not named', { updateMany: { badRecord: 'refuse-after-applying' } }, [/^Missing id {4}the whole call was refused; the message does not name the id$/m, /^Count {9}not seen \(the call did not succeed\)$/m]],
  ['one unit per record', { updateMany: { quotaCost: 'record' } }, [/^Cost {10}1 unit per record: 2 for 2 records \(token use 1 → 5: the read 1, updateMany 2, the reading after 1\)$/m, /--batch saves time, not quota\.$/m]],
  ['too large', { updateMany: { maxRecords: 1, tooManyAnswer: '400' } }, [/^Missing id {4}the call was refused as too large \(2 records\)$/m, /--batch cannot be used on this CRM\.$/m]],
  ['tokenInformation only by GET', { tokenInfoMethod: 'GET' }, [/^Calls spent {3}5 \(tokenInformation, query, updateMany, tokenInformation; one more: tokenInformation took the other HTTP method\)$/m]],
];

describe('wolkvox-bulk probe (issue 12 item 6)', () => {
  it.each(behaviours)('%s: prints the conclusion, exit 0, the record unchanged', async (_name, setup, lines) => {
    const { result, server, before } = await probeCli(setup);
    expect(result.code, result.stderr).toBe(0);
    // Conclusions are wrapped to the width; their sentences are matched whole.
    const flat = result.stdout.replace(/\n {4}(?=\S)/g, ' ');
    for (const line of lines) expect(flat).toMatch(line);
    expect(result.stdout).toContain('sent back unchanged:  Nombre completo, Email, Ciudad, Saldo (every plain value of the read)');
    expect(server.records()).toEqual(before);
  });

  it('--json: the findings as one JSON object', async () => {
    const { result, server, before } = await probeCli({ updateMany: { countInMessage: false, quotaCost: 'record' } }, '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      id: ID,
      operation: 'miempresa',
      module: 'contacts',
      fields: ['Nombre completo', 'Email', 'Ciudad', 'Saldo'],
      answer: { kind: 'ok', httpStatus: 200, message: 'Succesfully edit record' },
      countInAnswer: 'no',
      missingIdBehaviour: 'silent',
      cost: 'record',
      units: 2,
      usedBefore: 1,
      usedAfter: 5,
      calls: 4,
    });
    expect(report.answer).not.toHaveProperty('count');
    expect(report.conclusions).toHaveLength(2);
    expect(server.records()).toEqual(before);
  });

  it('-m: the operation, the module and the fields come from the mapping', async () => {
    const server = await mockServer({ records: RECORDS });
    const dir = tempDir();
    const mapping = path.join(dir, 'm.json');
    fs.writeFileSync(mapping, JSON.stringify({ operation: 'miempresa', module: 'contacts', id: 'id', fields: { Email: 'Correo', Teléfono: { column: 'Cel', type: 'telephone', country: 'CO' } } }));
    const result = await runCli(['probe', '--server', server.url, '-m', mapping, '--id', ID], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("sent back unchanged:  Email (the mapping's plain fields)");
    expect(result.stdout).toContain('not sent:             Teléfono (not in the record, typed, or not a plain value)');
    expect(server.ledger.map((entry) => entry.fields)).toEqual([{ Email: 'ana@example.co' }]);
  });

  it('a record that is not found: exit 2, the reason on stderr and in --json, nothing sent', async () => {
    const server = await mockServer({ records: RECORDS, reads: { missingId: 'error' } });
    const result = await runCli(['probe', '--server', server.url, '--operation', 'op', '--module', 'contacts', '--id', '65d8b6195befbbd2540900ff', '--json'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Record not found: query.php found no record with wolkvox_id 65d8b6195befbbd2540900ff in module contacts (HTTP 404, code 404): RECORD NOT FOUND. Nothing was sent');
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'USAGE' }, exitCode: 2 });
    expect(server.stats).toMatchObject({ queryCalls: 1, updateManyCalls: 0 });
  });

  it('needs --id, and a token', async () => {
    const noId = await runCli(['probe', '--server', 'crm0001.wolkvox.com', '--operation', 'op', '--module', 'contacts'], { env });
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/Missing required argument: id/);
    const noToken = await runCli(args('crm0001.wolkvox.com'));
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('Missing token: set the WOLKVOX_TOKEN environment variable');
  });

  it('never prints the token, even from a CRM that echoes it', async () => {
    const secret = 'Sk/7b+6d=F64-wolkvox-0123456789';
    const server = await mockServer({ records: RECORDS, tokens: [secret], echoToken: true, updateMany: { badRecord: 'refuse' } });
    const text = await runCli(args(server.url), { env: { WOLKVOX_TOKEN: secret } });
    const json = await runCli(args(server.url, '--json'), { env: { WOLKVOX_TOKEN: secret } });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Answer {8}HTTP 404, .*\[token\].*RECORD NOT FOUND/m);
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) expect(output.toLowerCase()).not.toContain(secret.slice(0, 12).toLowerCase());
  });

  it("the README's example is what the command prints", async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const [, command = '', shown = ''] = /```text\n\$ (wolkvox-bulk probe [^\n]+)\n([\s\S]*?)```/.exec(readme) ?? [];
    const missingId = /together with: +([0-9a-f]{24})/.exec(shown)?.[1] ?? '';
    const server = await mockServer({ records: RECORDS, usedToday: 1205 });
    const result = await runCli(command.split(' ').slice(1).map((arg) => (arg === 'crm0001.wolkvox.com' ? server.url : arg)), { env });
    expect(result.code, result.stderr).toBe(0);
    const printed = result.stdout.replaceAll(server.url, 'https://crm0001.wolkvox.com').replace(/(together with: +)[0-9a-f]{24}/, `$1${missingId}`);
    expect(printed).toBe(shown);
  });
});
