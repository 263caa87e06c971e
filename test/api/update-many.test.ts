import { describe, expect, it } from 'vitest';
import { updateManyBody } from '../../src/api/bodies.js';
import { createClient, type BatchOutcome, type UpdateManyRequest } from '../../src/api/client.js';
import type { BadRecordPolicy } from '../../src/mock/update-many-options.js';
import { mockServer, TOKEN } from '../helpers.js';

const batch = (...ids: string[]): UpdateManyRequest => ({
  operation: 'miempresa',
  module: 'contacts',
  records: ids.map((id) => ({ id, fields: { Nombre: `n-${id}` } })),
});
const clientFor = (server: string, timeoutMs = 5000) => createClient({ server, token: TOKEN, concurrency: 2, timeoutMs });
const ids = (server: { ledger: readonly { id: string }[] }) => server.ledger.map((entry) => entry.id);

async function send(url: string, request: UpdateManyRequest, timeoutMs?: number): Promise<BatchOutcome> {
  const client = clientFor(url, timeoutMs);
  try {
    return await client.updateMany(request);
  } finally {
    client.close();
  }
}

describe('updateMany: the body (issue 12)', () => {
  it('is the reference shape: operation, module, fields as one object per record with wolkvox-id first', () => {
    const body = updateManyBody({
      operation: 'miempresa',
      module: 'contacts',
      records: [
        { id: '65d8b6195befbbd25409bb13', fields: { idcontact: '1002', namecontact: 'Dakota Davis' } },
        { id: '65d8b6195befbbd25409bb15', fields: { Dirección: { type: 'address', value: 'Calle 1' }, 'wolkvox-id': 'other' } },
      ],
    });
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        operation: 'miempresa',
        module: 'contacts',
        fields: [
          { 'wolkvox-id': '65d8b6195befbbd25409bb13', idcontact: '1002', namecontact: 'Dakota Davis' },
          { 'wolkvox-id': '65d8b6195befbbd25409bb15', Dirección: { type: 'address', value: 'Calle 1' } },
        ],
      }),
    );
  });

  it('reaches updateMany.php, which applies every record in one call', async () => {
    const server = await mockServer();
    const outcome = await send(server.url, batch('a', 'b', 'c'));
    expect(outcome).toMatchObject({ kind: 'ok', reason: 'updated', httpStatus: 200, message: 'Succesfully edit record 3', count: 3 });
    expect(server.ledger.map(({ call, endpoint, id, fields }) => ({ call, endpoint, id, fields }))).toEqual(
      ['a', 'b', 'c'].map((id) => ({ call: 1, endpoint: 'updateMany', id, fields: { Nombre: `n-${id}` } })),
    );
    expect(server.stats).toMatchObject({ updateManyCalls: 1, updateCalls: 0 });
  });
});

describe('updateMany against each switch of the simulated CRM', () => {
  it.each([
    { countInMessage: true, codeAsString: false, message: 'Succesfully edit record 3', count: 3 },
    { countInMessage: true, codeAsString: true, message: 'Succesfully edit record 3', count: 3 },
    { countInMessage: false, codeAsString: false, message: 'Succesfully edit record', count: undefined },
  ])('count in the message $countInMessage (code as string $codeAsString) → count $count', async ({ countInMessage, codeAsString, message, count }) => {
    const server = await mockServer({ codeAsString, updateMany: { countInMessage } });
    const outcome = await send(server.url, batch('a', 'b', 'c'));
    expect(outcome).toMatchObject({ kind: 'ok', reason: 'updated', message });
    expect(outcome.count).toBe(count);
    expect('count' in outcome).toBe(count !== undefined);
  });

  // A batch a, zz, c where zz does not exist: each policy, with and without the id named, in both error styles.
  const policies: { badRecord: BadRecordPolicy; kind: string; applied: string[]; count?: number }[] = [
    { badRecord: 'skip', kind: 'ok', applied: ['a', 'c'], count: 2 },
    { badRecord: 'refuse', kind: 'row', applied: [] },
    { badRecord: 'refuse-after-applying', kind: 'row', applied: ['a', 'c'] },
  ];
  const cases = policies.flatMap((policy) =>
    [false, true].flatMap((refusalNamesId) => (['http', 'body'] as const).map((errorStyle) => ({ ...policy, refusalNamesId, errorStyle }))),
  );
  it.each(cases)('a missing id, badRecord $badRecord, names the id $refusalNamesId, errors as $errorStyle', async ({ badRecord, refusalNamesId, errorStyle, kind, applied, count }) => {
    const server = await mockServer({ knownIds: ['a', 'c'], errorStyle, updateMany: { badRecord, refusalNamesId } });
    const outcome = await send(server.url, batch('a', 'zz', 'c'));
    expect(ids(server)).toEqual(applied);
    if (kind === 'ok') {
      expect(outcome).toMatchObject({ kind: 'ok', reason: 'updated', count, message: `Succesfully edit record ${count}` });
      return;
    }
    expect(outcome).toMatchObject({ kind: 'row', reason: 'rejected', apiCode: '404', message: refusalNamesId ? 'RECORD NOT FOUND (wolkvox-id zz)' : 'RECORD NOT FOUND' });
    expect(outcome.httpStatus).toBe(errorStyle === 'http' ? 404 : 200);
    expect(outcome).not.toHaveProperty('count');
  });

  it.each([
    { tooManyAnswer: '413', errorStyle: 'http', httpStatus: 413, message: 'HTTP 413 (not JSON): 413 Request Entity Too Large' },
    { tooManyAnswer: '413', errorStyle: 'body', httpStatus: 413, message: 'HTTP 413 (not JSON): 413 Request Entity Too Large' },
    { tooManyAnswer: '400', errorStyle: 'http', httpStatus: 400, message: 'TOO MANY RECORDS' },
    { tooManyAnswer: '400', errorStyle: 'body', httpStatus: 200, message: 'TOO MANY RECORDS' },
  ] as const)('over maxRecords, refused as $tooManyAnswer (errors as $errorStyle) → row/too-large', async ({ tooManyAnswer, errorStyle, httpStatus, message }) => {
    const server = await mockServer({ errorStyle, updateMany: { maxRecords: 2, tooManyAnswer } });
    const outcome = await send(server.url, batch('a', 'b', 'c'));
    expect(outcome).toMatchObject({ kind: 'row', reason: 'too-large', httpStatus, message });
    expect(server.ledger).toHaveLength(0);
    // At the limit it passes.
    expect(await send(server.url, batch('a', 'b'))).toMatchObject({ kind: 'ok', count: 2 });
  });

  it.each([
    { quotaCost: 'call', used: [1, 2] },
    { quotaCost: 'record', used: [3, 5] },
  ] as const)('quota cost per $quotaCost: the token use after a batch of 3 and one of 2 is $used', async ({ quotaCost, used }) => {
    const server = await mockServer({ updateMany: { quotaCost } });
    const seen: number[] = [];
    for (const request of [batch('a', 'b', 'c'), batch('d', 'e')]) {
      expect(await send(server.url, request)).toMatchObject({ kind: 'ok' });
      seen.push(server.usedToday());
    }
    expect(seen).toEqual(used);
  });

  it('a batch the quota left cannot pay for one unit per record is a quota answer, nothing applied', async () => {
    const server = await mockServer({ quota: 3, updateMany: { quotaCost: 'record' } });
    expect(await send(server.url, batch('a', 'b', 'c', 'd'))).toMatchObject({ kind: 'quota', reason: 'quota', message: 'TOKEN LIMIT EXCEEDED' });
    expect(server.ledger).toHaveLength(0);
  });

  it('a batch above hangAbove is never answered: a timeout; a smaller one is answered', async () => {
    const server = await mockServer({ updateMany: { hangAbove: 2 } });
    const hung = await send(server.url, batch('a', 'b', 'c'), 300);
    expect(hung).toMatchObject({ kind: 'retry', reason: 'timeout', message: 'Timeout: no complete answer within 0.3 s' });
    expect(hung.httpStatus).toBeUndefined();
    expect(server.stats.hungBatches).toBe(1);
    expect(await send(server.url, batch('a', 'b'), 300)).toMatchObject({ kind: 'ok', count: 2 });
  });

  it.each([
    ['5xx page', { serverError: 1 }, { kind: 'retry', reason: 'server-error' }, 0],
    ['connection reset', { reset: 1 }, { kind: 'retry', reason: 'network' }, 0],
    ['applied, then a body that is not JSON', { badJson: 1 }, { kind: 'retry', reason: 'bad-answer', httpStatus: 200 }, 2],
    ['503 in the body', { bodyError: 1 }, { kind: 'retry', reason: 'server-error', apiCode: '503' }, 0],
  ])('fault: %s', async (_name, faults, expected, applied) => {
    const server = await mockServer({ faults });
    const outcome = await send(server.url, batch('a', 'b'));
    expect(outcome).toMatchObject(expected);
    expect(outcome).not.toHaveProperty('count');
    expect(server.ledger).toHaveLength(applied);
  });
});
