import { describe, expect, it } from 'vitest';
import { drawFor } from '../../src/mock/random.js';
import type { BadRecordPolicy } from '../../src/mock/update-many-options.js';
import { startMockServer } from '../../src/mock/server.js';
import { expectError, mockServer, until } from '../helpers.js';
import { call, many, named } from './calls.js';

const ids = (server: { ledger: readonly { id: string }[] }) => server.ledger.map((entry) => entry.id);

describe('simulated updateMany.php (issue 12 item 7)', () => {
  it.each([
    { countInMessage: undefined, msg: 'Succesfully edit record 3' },
    { countInMessage: true, msg: 'Succesfully edit record 3' },
    { countInMessage: false, msg: 'Succesfully edit record' },
  ])('applies every record; countInMessage $countInMessage answers "$msg"', async ({ countInMessage, msg }) => {
    const server = await mockServer(countInMessage === undefined ? {} : { updateMany: { countInMessage } });
    const answer = await call(server.url, 'updateMany', many(named('a', 'b', 'c')));
    expect(answer).toMatchObject({ status: 200, json: { code: 200, error: 'null', msg, data: [] } });
    expect(server.ledger.map(({ call: n, endpoint, id, fields }) => ({ n, endpoint, id, fields }))).toEqual([
      { n: 1, endpoint: 'updateMany', id: 'a', fields: { Nombre: 'n-a' } },
      { n: 1, endpoint: 'updateMany', id: 'b', fields: { Nombre: 'n-b' } },
      { n: 1, endpoint: 'updateMany', id: 'c', fields: { Nombre: 'n-c' } },
    ]);
    expect(server.stats).toMatchObject({ updateManyCalls: 1, updateCalls: 0, applied: 3 });
  });

  it('overCount adds to the count in the message, applying the same records (a count that cannot be true, issue 17 item 3)', async () => {
    const server = await mockServer({ updateMany: { overCount: 7 } });
    const answer = await call(server.url, 'updateMany', many(named('a', 'b', 'c')));
    expect(answer).toMatchObject({ status: 200, json: { msg: 'Succesfully edit record 10' } });
    expect(ids(server)).toEqual(['a', 'b', 'c']);
  });

  it('numbers calls across update.php and updateMany.php: records of one batch share their call', async () => {
    const server = await mockServer();
    await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': 'x', fields: { A: 1 } });
    await call(server.url, 'updateMany', many(named('a', 'b')));
    await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': 'y', fields: { A: 2 } });
    expect(server.ledger.map((entry) => [entry.seq, entry.call, entry.endpoint, entry.id])).toEqual([
      [1, 1, 'update', 'x'], [2, 2, 'updateMany', 'a'], [3, 2, 'updateMany', 'b'], [4, 3, 'update', 'y'],
    ]);
  });

  // A batch of a, bad, c: `bad` is either an id that does not exist or a record with an unknown field.
  const badCases = [
    { bad: 'missing id', options: { knownIds: ['a', 'c'] }, record: { 'wolkvox-id': 'zz', Nombre: 'x' }, status: 404, msg: 'RECORD NOT FOUND', kind: 'notFound' },
    { bad: 'unknown field', options: { knownFields: { contacts: ['Nombre'] } }, record: { 'wolkvox-id': 'zz', Apodo: 'x' }, status: 400, msg: "Field 'Apodo' does not exist in module contacts", kind: 'field' },
  ] as const;
  const policies: { policy: BadRecordPolicy; applied: string[]; skipped: number }[] = [
    { policy: 'skip', applied: ['a', 'c'], skipped: 1 },
    { policy: 'refuse', applied: [], skipped: 0 },
    { policy: 'refuse-after-applying', applied: ['a', 'c'], skipped: 1 },
  ];
  it.each(badCases.flatMap((bad) => policies.map((policy) => ({ ...bad, ...policy }))))(
    'a $bad with badRecord $policy: applies $applied',
    async ({ options, record, policy, applied, skipped, status, msg, kind }) => {
      const server = await mockServer({ ...options, updateMany: { badRecord: policy } });
      const answer = await call(server.url, 'updateMany', many([{ 'wolkvox-id': 'a', Nombre: 'x' }, record, { 'wolkvox-id': 'c', Nombre: 'x' }]));
      if (policy === 'skip') expect(answer).toMatchObject({ status: 200, json: { msg: 'Succesfully edit record 2' } });
      else expect(answer).toMatchObject({ status, json: { code: status, msg } });
      expect(ids(server)).toEqual(applied);
      expect(server.stats.skippedRecords).toBe(skipped);
      expect(server.stats.refused[kind]).toBe(policy === 'skip' ? 0 : 1);
    },
  );

  it.each([
    { refusalNamesId: true, msg: 'RECORD NOT FOUND (wolkvox-id zz)' },
    { refusalNamesId: false, msg: 'RECORD NOT FOUND' },
  ])('refusalNamesId $refusalNamesId: the refusal says "$msg" (the first bad record)', async ({ refusalNamesId, msg }) => {
    const server = await mockServer({ knownIds: ['a'], updateMany: { badRecord: 'refuse', refusalNamesId } });
    const answer = await call(server.url, 'updateMany', many(named('a', 'zz', 'yy')));
    expect(answer.json.msg).toBe(msg);
  });

  it('names the offending id of an unknown field too, after applying the rest', async () => {
    const server = await mockServer({ knownFields: { contacts: ['Nombre'] }, updateMany: { badRecord: 'refuse-after-applying', refusalNamesId: true } });
    const answer = await call(server.url, 'updateMany', many([{ 'wolkvox-id': 'a', Nombre: 'x' }, { 'wolkvox-id': 'b', Edad: 3 }]));
    expect(answer.json).toMatchObject({ code: 400, msg: "Field 'Edad' does not exist in module contacts (wolkvox-id b)" });
    expect(ids(server)).toEqual(['a']);
  });

  it.each([
    { tooManyAnswer: undefined, status: 413, type: /text\/html/, text: /413 Request Entity Too Large/ },
    { tooManyAnswer: '413', status: 413, type: /text\/html/, text: /413 Request Entity Too Large/ },
    { tooManyAnswer: '400', status: 400, type: /application\/json/, text: /"msg":"TOO MANY RECORDS"/ },
  ] as const)('maxRecords 3 with tooManyAnswer $tooManyAnswer: 4 records get $status, 3 go through', async ({ tooManyAnswer, status, type, text }) => {
    const server = await mockServer({ updateMany: { maxRecords: 3, ...(tooManyAnswer ? { tooManyAnswer } : {}) } });
    const over = await call(server.url, 'updateMany', many(named('a', 'b', 'c', 'd')));
    expect(over.status).toBe(status);
    expect(over.type).toMatch(type);
    expect(over.text).toMatch(text);
    expect(server.ledger).toHaveLength(0);
    expect(server.stats.refused.tooMany).toBe(1);
    expect((await call(server.url, 'updateMany', many(named('a', 'b', 'c')))).status).toBe(200);
    expect(ids(server)).toEqual(['a', 'b', 'c']);
  });

  it('hangAbove 2: a bigger call never answers and applies nothing, until the client gives up; a smaller one is answered', async () => {
    const server = await mockServer({ updateMany: { hangAbove: 2 } });
    const giveUp = new AbortController();
    const hung = call(server.url, 'updateMany', many(named('a', 'b', 'c')), { signal: giveUp.signal }).catch((error: Error) => error.name);
    await until(() => server.stats.hungBatches === 1);
    expect(server.stats.inFlight).toBe(1);
    giveUp.abort();
    expect(await hung).toBe('AbortError');
    await until(() => server.stats.inFlight === 0);
    expect(server.ledger).toHaveLength(0);
    expect(await call(server.url, 'updateMany', many(named('a', 'b')))).toMatchObject({ status: 200, json: { msg: 'Succesfully edit record 2' } });
  });

  it.each([
    { quotaCost: undefined, used: 1 },
    { quotaCost: 'call', used: 1 },
    { quotaCost: 'record', used: 5 },
  ] as const)('quotaCost $quotaCost: a call of 5 records spends $used', async ({ quotaCost, used }) => {
    const server = await mockServer({ quota: 100, ...(quotaCost ? { updateMany: { quotaCost } } : {}) });
    await call(server.url, 'updateMany', many(named('a', 'b', 'c', 'd', 'e')));
    expect(server.usedToday()).toBe(used);
  });

  it('quotaCost record: a call the units left cannot pay for is refused whole, spending only its own unit', async () => {
    const server = await mockServer({ quota: 4, updateMany: { quotaCost: 'record' } });
    const answer = await call(server.url, 'updateMany', many(named('a', 'b', 'c', 'd', 'e')));
    expect(answer).toMatchObject({ status: 403, json: { msg: 'TOKEN LIMIT EXCEEDED' } });
    expect(server.ledger).toHaveLength(0);
    expect(server.usedToday()).toBe(1);
    expect((await call(server.url, 'updateMany', many(named('a', 'b', 'c')))).status).toBe(200);
    expect(server.usedToday()).toBe(4);
  });

  it('silentSkip: seeded records are counted as applied but not applied', async () => {
    const batch = named(...Array.from({ length: 40 }, (_, n) => `s${n}`));
    // What the seeded draws hold for call 1, positions 0..39 (salt 1000 + position).
    const skipped = batch.filter((_, position) => drawFor(3, 1, 1000 + position) < 0.3).map((record) => record['wolkvox-id']);
    expect(skipped.length).toBeGreaterThan(0);
    const server = await mockServer({ seed: 3, updateMany: { silentSkip: 0.3 } });
    const answer = await call(server.url, 'updateMany', many(batch));
    expect(answer.json.msg).toBe('Succesfully edit record 40');
    expect(ids(server)).toEqual(batch.map((record) => record['wolkvox-id']).filter((id) => !skipped.includes(id)));
    expect(server.stats).toMatchObject({ silentlySkipped: skipped.length, applied: 40 - skipped.length });
  });

  it.each([
    ['not JSON', '{"operation":'],
    ['fields not an array', { operation: 'op', module: 'contacts', fields: { 'wolkvox-id': 'a' } }],
    ['no records', { operation: 'op', module: 'contacts', fields: [] }],
    ['a record without its id', many([{ 'wolkvox-id': 'a', A: 1 }, { A: 2 }])],
    ['a record that is not an object', { operation: 'op', module: 'contacts', fields: [{ 'wolkvox-id': 'a', A: 1 }, 'b'] }],
    ['no module', { operation: 'op', fields: named('a') }],
  ])('%s: SOME PARAMETERS ARE REQUIRED, nothing applied', async (_, body) => {
    const server = await mockServer();
    expect(await call(server.url, 'updateMany', body)).toMatchObject({ status: 400, json: { msg: 'SOME PARAMETERS ARE REQUIRED' } });
    expect(server.ledger).toHaveLength(0);
  });

  it('refuses an unknown operation or module before anything else', async () => {
    const server = await mockServer({ operations: ['op'], modules: ['contacts'] });
    expect((await call(server.url, 'updateMany', { ...many(named('a')), operation: 'nope' })).json.msg).toBe('THE OPERATION DOES NOT EXIST');
    expect((await call(server.url, 'updateMany', many(named('a'), 'nope'))).json.msg).toBe('THE MODULE DOES NOT EXIST');
  });

  it('takes the token, the rate limit and the maintenance window like update.php', async () => {
    const server = await mockServer({ rateLimit: 1 });
    expect((await call(server.url, 'updateMany', many(named('a')), { token: 'wrong' })).json.msg).toBe('PLEASE VALIDATE TOKEN');
    expect((await call(server.url, 'updateMany', many(named('a')))).status).toBe(200);
    expect((await call(server.url, 'updateMany', many(named('b')))).status).toBe(429);
    const gated = await mockServer({ faults: { maintenance: { after: 1, calls: 1 } } });
    await call(gated.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': 'x', fields: { A: 1 } });
    // Call 2 is in the window whichever endpoint it is for.
    expect(await call(gated.url, 'updateMany', many(named('a')))).toMatchObject({ status: 403, type: expect.stringMatching(/html/) });
    expect(gated.stats.refused.maintenance).toBe(1);
  });

  it('counts a call in flight like any: a third one beside two hung calls is refused', async () => {
    const server = await mockServer({ faults: { hang: 1 } });
    const giveUp = new AbortController();
    const hung = [1, 2].map(() => call(server.url, 'updateMany', many(named('a', 'b')), { signal: giveUp.signal }).catch(() => 'aborted'));
    await until(() => server.stats.appliedUnanswered === 4);
    const third = await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': 'x', fields: { A: 1 } });
    expect(third.json.msg).toBe('EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)');
    giveUp.abort();
    expect(await Promise.all(hung)).toEqual(['aborted', 'aborted']);
    expect(server.stats).toMatchObject({ updateManyCalls: 2, applied: 4, refused: { concurrency: 1 } });
  });

  it.each([
    { fault: 'serverError', status: [502, 503, 504], applied: 0 },
    { fault: 'bodyError', status: [503], applied: 0 },
    { fault: 'badJson', status: [200], applied: 2 },
  ] as const)('the seeded $fault fault strikes updateMany.php too', async ({ fault, status, applied }) => {
    const server = await mockServer({ faults: { [fault]: 1 } });
    const answer = await call(server.url, 'updateMany', many(named('a', 'b')));
    expect(status).toContain(answer.status);
    expect(server.ledger).toHaveLength(applied);
    if (fault === 'badJson') expect(answer.text).toContain('updateMany.php');
  });

  it('drips a batch answer after applying it', async () => {
    const server = await mockServer({ faults: { drip: 1 }, dripMs: 200, dripEveryMs: 5, codeAsString: true });
    const answer = await call(server.url, 'updateMany', many(named('a', 'b')));
    expect(answer.json).toEqual({ code: '200', error: 'null', msg: 'Succesfully edit record 2', data: [] });
    expect(server.stats).toMatchObject({ dripped: 1, applied: 2 });
  });

  it('answers errors as HTTP 200 with the code in the body when set to', async () => {
    const server = await mockServer({ errorStyle: 'body', knownIds: [], updateMany: { badRecord: 'refuse' } });
    expect(await call(server.url, 'updateMany', many(named('a')))).toMatchObject({ status: 200, json: { code: 404, msg: 'RECORD NOT FOUND' } });
  });

  it.each([
    [{ maxRecords: 0 }, /updateMany\.maxRecords \(--many-max\) must be a whole number from 1 up, got 0/],
    [{ maxRecords: 2.5 }, /maxRecords .* got 2\.5/],
    [{ hangAbove: -1 }, /updateMany\.hangAbove \(--many-hang-above\) must be a whole number from 0 up, got -1/],
    [{ silentSkip: 1.5 }, /updateMany\.silentSkip \(--many-silent-skip\) must be a share from 0 to 1, got 1\.5/],
    [{ silentSkip: Number.NaN }, /silentSkip .* got NaN/],
  ])('refuses the switch %j', async (updateMany, message) => {
    await expectError(startMockServer({ updateMany }), { code: 'USAGE', message });
  });
});
