import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/record-store.js';
import type { MockServerOptions } from '../../src/mock/options.js';
import { probe, type ProbeOptions } from '../../src/run/probe.js';
import { probeFindings } from '../../src/run/probe-findings.js';
import { message } from '../../src/core/say.js';
import { expectError, mockServer, tempDir, TOKEN } from '../helpers.js';

const ID = '65d8b6195befbbd25409bb13';
/** A record with plain fields, an empty one, a typed one, an attachment list and an owner object. */
const RECORDS: MockRecord[] = [
  {
    wolkvox_id: ID,
    Nombre: 'Ana López',
    Email: 'ana@example.co',
    Saldo: 1500000.5,
    VIP: true,
    Notas: '',
    Dirección: { type: 'address', value: 'Calle 1 # 2-3' },
    Adjuntos: [{ name: 'a.pdf', url: 'https://example.co/a.pdf' }],
  },
  { wolkvox_id: '65d8b6195befbbd25409bb15', Nombre: 'Bea' },
];
const PLAIN = ['Nombre', 'Email', 'Saldo', 'VIP'];

/** Runs the probe against a simulated CRM holding RECORDS; returns the report and the server. */
async function probeOn(setup: MockServerOptions, options: Partial<ProbeOptions> = {}) {
  const server = await mockServer({ records: RECORDS, ...setup });
  const before = server.records();
  const report = await probe({ server: server.url, token: TOKEN, operation: 'miempresa', module: 'contacts', id: ID, ...options });
  return { report, server, before };
}

// One case per behaviour of updateMany.php the simulated CRM can show: what the probe concludes.
const behaviours: { name: string; setup: MockServerOptions; expected: Record<string, unknown>; conclusion: RegExp }[] = [
  {
    name: 'count, missing id skipped, 1 unit a call',
    setup: {},
    expected: { countInAnswer: 'yes', missingIdBehaviour: 'skipped', namesId: false, cost: 'call', units: 1, answer: expect.objectContaining({ kind: 'ok', count: 1 }) },
    conclusion: /^Narrowing a count down sends first halves again: with --batch 100, up to 99 records of each batch holding a bad record are applied again/,
  },
  {
    name: 'count, one unit per record',
    setup: { updateMany: { quotaCost: 'record' } },
    expected: { missingIdBehaviour: 'skipped', cost: 'record', units: 2 },
    conclusion: /--batch saves time, not quota/,
  },
  {
    name: 'no count',
    setup: { updateMany: { countInMessage: false } },
    expected: { countInAnswer: 'no', missingIdBehaviour: 'silent', cost: 'call', answer: expect.objectContaining({ kind: 'ok', message: 'Succesfully edit record' }) },
    conclusion: /batches cannot be confirmed by their answer, so rows are confirmed one by one and --batch saves nothing/,
  },
  {
    name: 'a count above the records sent (issue 17 item 3)',
    setup: { updateMany: { overCount: 7 } },
    expected: { countInAnswer: 'yes', missingIdBehaviour: 'counted', answer: expect.objectContaining({ kind: 'ok', count: 8 }) },
    conclusion: /^The count \(8\) is more than the 2 records sent: a count that cannot be true confirms no batch, so rows are confirmed one by one/,
  },
  {
    name: 'the whole call refused, id not named',
    setup: { updateMany: { badRecord: 'refuse' } },
    expected: { countInAnswer: 'not-seen', missingIdBehaviour: 'refused', namesId: false, answer: expect.objectContaining({ kind: 'row', httpStatus: 404, message: 'RECORD NOT FOUND' }) },
    conclusion: /does not name the missing id/,
  },
  {
    name: 'the whole call refused, id named, errors in the body',
    setup: { errorStyle: 'body', updateMany: { badRecord: 'refuse', refusalNamesId: true } },
    expected: { missingIdBehaviour: 'refused', namesId: true, answer: expect.objectContaining({ kind: 'row', httpStatus: 200, apiCode: '404' }) },
    conclusion: /names the missing id/,
  },
  {
    name: 'refused after applying the rest (cannot be told from refused)',
    setup: { updateMany: { badRecord: 'refuse-after-applying' } },
    expected: { missingIdBehaviour: 'refused', countInAnswer: 'not-seen' },
    conclusion: /cannot be told apart from "refused, nothing applied" without changing data\. If this CRM applies the rest first, narrowing down sends it again at every level: with --batch 100, up to 99 records of each batch holding a bad record are applied again, some up to 8 times .*a CRM workflow that runs on updates runs each time/,
  },
  {
    name: 'two records too many (413)',
    setup: { updateMany: { maxRecords: 1 } },
    expected: { missingIdBehaviour: 'too-large', answer: expect.objectContaining({ reason: 'too-large', httpStatus: 413 }) },
    conclusion: /--batch cannot be used on this CRM/,
  },
  {
    name: 'two records too many (400 TOO MANY RECORDS)',
    setup: { updateMany: { maxRecords: 1, tooManyAnswer: '400' } },
    expected: { missingIdBehaviour: 'too-large', answer: expect.objectContaining({ reason: 'too-large', message: 'TOO MANY RECORDS' }) },
    conclusion: /--batch cannot be used on this CRM/,
  },
  {
    name: 'a batch never answered',
    setup: { updateMany: { hangAbove: 1 } },
    expected: { missingIdBehaviour: 'unclear', answer: expect.objectContaining({ kind: 'retry', reason: 'timeout' }) },
    conclusion: /run the probe again; until then keep --batch 1/,
  },
];

describe('probe (issue 12 item 6)', () => {
  it.each(behaviours)('$name', async ({ setup, expected, conclusion }) => {
    const { report, server, before } = await probeOn(setup, { timeoutSeconds: 0.5 });
    expect(report).toMatchObject({ id: ID, fields: PLAIN, chosenBy: 'read', leftOut: [], calls: 4, ...expected });
    expect(report.conclusions.some((sentence) => conclusion.test(sentence)), report.conclusions.join('\n')).toBe(true);
    // One read, one batch of the record and an id no record has; the stored values are as before.
    expect(server.stats).toMatchObject({ queryCalls: 1, updateManyCalls: 1, updateCalls: 0, tokenInfoCalls: 2 });
    expect(report.missingId).toMatch(/^00000000[0-9a-f]{16}$/);
    expect(server.records()).toEqual(before);
    for (const entry of server.ledger) expect(entry).toMatchObject({ id: ID, fields: { Nombre: 'Ana López', Email: 'ana@example.co', Saldo: 1500000.5, VIP: true } });
  });

  it('sends back the record with its own values, and the made-up id with the same fields', async () => {
    const { report, server } = await probeOn({ updateMany: { badRecord: 'skip' } });
    expect(server.ledger.map((entry) => [entry.endpoint, entry.id, Object.keys(entry.fields)])).toEqual([['updateMany', ID, PLAIN]]);
    expect(server.stats.skippedRecords).toBe(1);
    expect(report.usedAfter).toBe((report.usedBefore ?? 0) + 3);
  });

  it('counts 5 calls when tokenInformation.php takes only GET', async () => {
    const { report } = await probeOn({ tokenInfoMethod: 'GET' });
    expect(report).toMatchObject({ calls: 5, cost: 'call', units: 1 });
  });

  it('with a mapping, sends only its fields of plain types that the record holds as plain values', async () => {
    const dir = tempDir();
    const mapping = path.join(dir, 'm.json');
    const fields = { Email: 'Correo', Saldo: { column: 'Saldo', type: 'number' }, Dirección: { column: 'Dir', type: 'address' }, Notas: 'Notas', Cargo: 'Cargo' };
    fs.writeFileSync(mapping, JSON.stringify({ operation: 'miempresa', module: 'contacts', id: 'id', fields }));
    // The address reads back as plain text here: the mapping's type keeps it out all the same.
    const server = await mockServer({ records: RECORDS, reads: { typedFields: 'value' } });
    const before = server.records();
    const report = await probe({ server: server.url, token: TOKEN, id: ID, mapping });
    expect(report).toMatchObject({ operation: 'miempresa', module: 'contacts', fields: ['Email', 'Saldo'], chosenBy: 'mapping', leftOut: ['Dirección', 'Notas', 'Cargo'] });
    expect(server.ledger.map((entry) => entry.fields)).toEqual([{ Email: 'ana@example.co', Saldo: 1500000.5 }]);
    expect(server.records()).toEqual(before);
  });

  it.each(['empty', 'error'] as const)('refuses a record that is not found (a read by id answers %s): nothing sent', async (missingId) => {
    const server = await mockServer({ records: RECORDS, reads: { missingId } });
    await expectError(probe({ server: server.url, token: TOKEN, operation: 'op', module: 'contacts', id: '65d8b6195befbbd2540900ff' }), {
      code: 'USAGE',
      message: /^Record not found: query.php found no record with wolkvox_id 65d8b6195befbbd2540900ff in module contacts .*Nothing was sent; pass --id/,
    });
    expect(server.stats).toMatchObject({ queryCalls: 1, updateManyCalls: 0, updateCalls: 0 });
  });

  it('refuses a record with nothing that can be sent back as read: nothing sent', async () => {
    const server = await mockServer({ records: [{ wolkvox_id: 'x1', Vacío: '', Dirección: { type: 'address', value: 'Calle 1' }, Lista: ['a'] }] });
    await expectError(probe({ server: server.url, token: TOKEN, operation: 'op', module: 'contacts', id: 'x1' }), {
      code: 'USAGE',
      message: /^Nothing to send back: record x1 has no field holding plain text, a number or true\/false/,
    });
    expect(server.stats).toMatchObject({ queryCalls: 1, updateManyCalls: 0 });
  });

  it('refuses to start with fewer than 4 calls left, before reading the record', async () => {
    const server = await mockServer({ records: RECORDS, quota: 5, usedToday: 2 });
    await expectError(probe({ server: server.url, token: TOKEN, operation: 'op', module: 'contacts', id: ID }), { code: 'QUOTA_EXCEEDED', message: /has 2 calls left today and the probe needs up to 4/ });
    expect(server.stats.queryCalls).toBe(0);
  });

  it('stops on a token the CRM refuses', async () => {
    const server = await mockServer({ records: RECORDS });
    await expectError(probe({ server: server.url, token: 'wrong', operation: 'op', module: 'contacts', id: ID }), { code: 'API_FATAL', message: /The CRM refused the token \(tokenInformation.php: PLEASE VALIDATE TOKEN\)/ });
    expect(server.stats.queryCalls).toBe(0);
  });
});

describe('probeFindings: the cost of a call from the token use before and after', () => {
  const ok = { kind: 'ok', reason: 'updated', httpStatus: 200, apiCode: '200', message: 'Succesfully edit record 1', ms: 1, count: 1 } as const;
  it.each([
    { figures: { usedBefore: 10, usedAfter: 13 }, cost: 'call', units: 1, note: undefined },
    { figures: { usedBefore: 10, usedAfter: 14 }, cost: 'record', units: 2, note: undefined },
    { figures: { usedBefore: 10, usedAfter: 17 }, cost: 'unknown', units: 5, note: /5 units for a call of 2 records/ },
    { figures: { usedBefore: 4000, usedAfter: 3 }, cost: 'unknown', units: undefined, note: /went down between the readings/ },
    { figures: { usedBefore: 10, costUnknownBecause: message('probe.no-use', { when: 'after', answer: 'no figures' }) }, cost: 'unknown', units: undefined, note: /token's use after \(no figures\)/ },
  ])('$figures → $cost', ({ figures, cost, units, note }) => {
    const findings = probeFindings({ answer: ok, records: 2, missingId: '00000000aaaaaaaaaaaaaaaa', ...figures });
    expect(findings.cost).toBe(cost);
    expect(findings.units).toBe(units);
    if (note) expect(findings.costNote).toMatch(note);
    if (cost === 'unknown') expect(findings.conclusions.at(-1)).toBe('The quota cost of a call is unknown: plan for one unit per record.');
  });

  it('a count that includes the missing id cannot confirm a batch', () => {
    const findings = probeFindings({ answer: { ...ok, message: 'Succesfully edit record 2', count: 2 }, records: 2, missingId: '00000000aaaaaaaaaaaaaaaa' });
    expect(findings.missingIdBehaviour).toBe('counted');
    expect(findings.conclusions[0]).toMatch(/batches cannot be confirmed by their count/);
  });

  it('a CRM without updateMany.php', () => {
    const answer = { kind: 'fatal', reason: 'endpoint', httpStatus: 400, message: 'THE API YOU WANT TO CONSULT DOES NOT EXIST', ms: 1 } as const;
    const findings = probeFindings({ answer, records: 2, missingId: '00000000aaaaaaaaaaaaaaaa' });
    expect(findings).toMatchObject({ missingIdBehaviour: 'unclear', countInAnswer: 'not-seen' });
    expect(findings.conclusions[0]).toBe('This CRM does not take updateMany.php (THE API YOU WANT TO CONSULT DOES NOT EXIST): --batch cannot be used.');
  });
});
