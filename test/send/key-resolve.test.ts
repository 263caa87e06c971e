import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/core/events.js';
import type { MatchRule } from '../../src/mapping/match-key.js';
import type { MockRecord } from '../../src/mock/record-store.js';
import type { MockServerOptions } from '../../src/mock/options.js';
import { resolveConnection } from '../../src/plan/job-settings.js';
import { addAnswer, keyProblem, keysOf, newKeyState, type KeyState, type KeyStrategy } from '../../src/send/key-resolve.js';
import { resolveKeysNow } from '../../src/send/read-pass.js';
import { mockServer, TOKEN } from '../helpers.js';
import { FAST } from '../run/fixtures.js';

const documento: MatchRule = { column: 'Documento', field: 'documento', compare: 'document' };
const email: MatchRule = { column: 'Correo', field: 'email', compare: 'ignore-case' };
const exact: MatchRule = { column: 'Codigo', field: 'codigo', compare: 'exact' };

async function resolve(server: { url: string }, keys: readonly string[], rule: MatchRule, strategy: KeyStrategy, more: { module?: string; state?: ReturnType<typeof newKeyState> } = {}) {
  const events: JobEvent[] = [];
  const onKey: [string, readonly string[]][] = [];
  const onPage: [number, unknown[], boolean][] = [];
  const result = await resolveKeysNow(keys, rule, strategy, {
    connection: resolveConnection({ server: server.url, token: TOKEN }),
    operation: 'op',
    module: more.module ?? 'contacts',
    backoff: FAST.backoff,
    onEvent: (event) => events.push(event),
    onKey: (key, ids) => onKey.push([key, ids]),
    onPage: (page, hits, last) => onPage.push([page, hits, last]),
    ...(more.state ? { state: more.state } : {}),
  });
  return { ...result, found: foundOf(keys, result.state), events, onKey, onPage };
}

/** Each known key's records' ids (the first few of a key on several). */
function foundOf(keys: readonly string[], state: KeyState): Record<string, readonly string[]> {
  const { index } = state;
  return Object.fromEntries(keys.filter((key) => index.isKnown(index.indexOf(key))).map((key) => [key, index.ids(index.indexOf(key))]));
}

const people: MockRecord[] = [
  { wolkvox_id: 'p1', documento: '1.234.567', email: 'Ana@Example.com', codigo: 'A-1' },
  { wolkvox_id: 'p2', documento: '89 012', email: 'beto@example.com', codigo: 'a-1' },
  { wolkvox_id: 'p3', documento: '89012', email: 'ana@example.com.co', codigo: 'B-2' },
  { wolkvox_id: 'p4', documento: { type: 'string', value: '5-5-5' }, email: 'carla@example.com', codigo: 'B-2' },
  { wolkvox_id: 'p5', documento: '89.012', email: 'dora@example.com', codigo: 'C-3' },
];

/** `count` records r0 … with codigo K0 …, plus `people`: a module of several pages. */
const many = (count: number): MockRecord[] => [...people, ...Array.from({ length: count }, (_, n) => ({ wolkvox_id: `r${n}`, codigo: `K${n}`, documento: `${9_000_000 + n}` }))];

describe('resolving keys to records (issue 19)', () => {
  it('by the module read: one record, none, several; document numbers written with separators on either side; a typed field by its value', async () => {
    const server = await mockServer({ records: people });
    const result = await resolve(server, ['1234567', '89012', '555', '42'], documento, 'module');
    expect(result.complete).toBe(true);
    expect(result.found).toEqual({ 1234567: ['p1'], 89012: ['p2', 'p3', 'p5'], 555: ['p4'], 42: [] });
    expect(result).toMatchObject({ state: { done: 'module', pages: 1, queries: 0 }, end: { calls: 1 } });
    expect(server.stats).toMatchObject({ queryDatesCalls: 1, queryCalls: 0 });
    // A module read is journalled a page at a time, with the records on it that hold a key.
    expect(result.onKey).toHaveLength(0);
    expect(result.onPage).toEqual([[1, [['1234567', 'p1'], ['89012', 'p2'], ['89012', 'p3'], ['555', 'p4'], ['89012', 'p5']], true]]);
    expect(keyProblem(documento, '42', [])).toBe('no record has documento = 42');
    expect(keyProblem(documento, '89012', ['p2', 'p3', 'p5'])).toBe('3 records have documento = 89012: p2, p3, p5');
    expect(keyProblem(documento, '1234567', ['p1'])).toBeUndefined();
    expect(keyProblem(documento, '7', ['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('7 records have documento = 7: a, b, c, d, e and 2 more');
  });

  it('emails in another case: found by the module read', async () => {
    const server = await mockServer({ records: people });
    const result = await resolve(server, ['ana@example.com', 'beto@example.com'], email, 'auto');
    expect(result.found).toEqual({ 'ana@example.com': ['p1'], 'beto@example.com': ['p2'] });
    // A comparison other than exact is never left to query.php, even for two keys.
    expect(result.state.done).toBe('module');
  });

  it.each<[NonNullable<MockServerOptions['reads']>['search'], Record<string, string[]>]>([
    ['exact', { 'A-1': ['p1'], 'B-2': ['p3', 'p4'], 'Z-9': [] }],
    ['case-insensitive', { 'A-1': ['p1'], 'B-2': ['p3', 'p4'], 'Z-9': [] }],
    ['contains', { 'A-1': ['p1'], 'B-2': ['p3', 'p4'], 'Z-9': [] }],
  ])('by query.php on a CRM searching %s: a record counts only when its own field is the key', async (search, found) => {
    const server = await mockServer({ records: people, reads: { search } });
    const result = await resolve(server, ['A-1', 'B-2', 'Z-9'], exact, 'query');
    expect(result.found).toEqual(found);
    expect(result).toMatchObject({ state: { done: 'query', queries: 3, pages: 0 }, end: { calls: 3 } });
    expect(server.stats).toMatchObject({ queryCalls: 3, queryDatesCalls: 0 });
    expect(result.events.filter((event) => event.type === 'reading').at(-1)).toMatchObject({ what: 'keys', done: 3, calls: 3 });
  });

  it('pages a key held by more than 250 records', async () => {
    const records: MockRecord[] = Array.from({ length: 260 }, (_, n) => ({ wolkvox_id: `s${n}`, codigo: 'SAME' }));
    const server = await mockServer({ records });
    const result = await resolve(server, ['SAME'], exact, 'query');
    const at = result.state.index.indexOf('SAME');
    expect(result.state.index.records(at)).toBe(260);
    expect(result.state.queries).toBe(2);
    expect(keyProblem(exact, 'SAME', result.state.index.ids(at), result.state.index.records(at))).toMatch(/^260 records have codigo = SAME: s0, s1, s2, s3, s4 and 255 more$/);
  });

  it('auto reads a module of fewer pages than keys, and asks key by key once the pages reach the keys: at most twice the cheaper', async () => {
    const small = await mockServer({ records: many(300) });
    const byModule = await resolve(small, ['K1', 'K2', 'K299', 'A-1', 'nope'], exact, 'auto');
    expect(byModule).toMatchObject({ state: { done: 'module', pages: 2, queries: 0 }, end: { calls: 2 } });
    expect(byModule.found).toMatchObject({ K1: ['r1'], K299: ['r299'], nope: [] });

    const large = await mockServer({ records: many(1000) });
    const byQuery = await resolve(large, ['K7', 'K999'], exact, 'auto');
    expect(byQuery).toMatchObject({ state: { done: 'query', pages: 2, queries: 2 }, end: { calls: 4 } });
    expect(byQuery.found).toEqual({ K7: ['r7'], K999: ['r999'] });
    expect(large.stats).toMatchObject({ queryDatesCalls: 2, queryCalls: 2 });
  });

  it('reads the mapping’s module only, among several', async () => {
    const server = await mockServer({ records: people, moduleRecords: { empresas: [{ wolkvox_id: 'e1', nit: '900.123.456-7' }] } });
    const rule: MatchRule = { column: 'NIT', field: 'nit', compare: 'document' };
    expect((await resolve(server, ['9001234567'], rule, 'module', { module: 'empresas' })).found).toEqual({ 9001234567: ['e1'] });
    expect((await resolve(server, ['9001234567'], rule, 'module')).found).toEqual({ 9001234567: [] });
  });

  it('reads nothing again for the keys an earlier pass found', async () => {
    const server = await mockServer({ records: people });
    const state = newKeyState(keysOf(['A-1', 'C-3']).index);
    addAnswer(state, 'A-1', ['p1']);
    const result = await resolve(server, ['A-1', 'C-3'], exact, 'query', { state });
    expect(result.found).toEqual({ 'A-1': ['p1'], 'C-3': ['p5'] });
    expect(server.stats.queryCalls).toBe(1);
    const again = await resolve(server, ['A-1', 'C-3'], exact, 'query', { state: result.state });
    expect(again.end.calls).toBe(0);
    expect(server.stats.calls).toBe(1);
  });

  it('the quota spent during the reads stops the resolution on the quota (resumable), keeping the keys found before it', async () => {
    const server = await mockServer({ records: people, quota: 1, concurrencyLimit: 1 });
    const state = newKeyState(keysOf(['A-1', 'B-2', 'C-3']).index);
    const result = await resolve(server, ['A-1', 'B-2', 'C-3'], exact, 'query', { state });
    expect(result.complete).toBe(false);
    expect(result.end.stopReason).toBe('quota');
    expect(state.done).toBeUndefined();
    expect(state.index.knownCount()).toBe(1);
  });
});
