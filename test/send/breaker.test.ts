import { describe, expect, it } from 'vitest';
import { message, say } from '../../src/core/say.js';
import { breakerCounts, breakerFailure, createBreaker, type BreakerEnd } from '../../src/send/breaker.js';

const OK = undefined;

/** Feeds the breaker rows in order; returns the first stop it gave (in English) and after how many rows. */
function feed(breaker: ReturnType<typeof createBreaker>, rows: readonly (string | undefined)[]) {
  for (const [index, row] of rows.entries()) {
    const tripped = breaker(row);
    if (tripped !== undefined) return { at: index + 1, message: say(message('stop.failure-rate', tripped), 'en') };
  }
  return undefined;
}

const times = <T,>(count: number, value: T): T[] => Array.from({ length: count }, () => value);

describe('breaker: the first 20 rows', () => {
  it('trips on the 20th row when the first 20 all failed, naming the most frequent error', () => {
    const rows = [...times(12, 'RECORD NOT FOUND'), ...times(8, 'FIELD DOES NOT EXIST')];
    expect(feed(createBreaker(0.5), rows)).toEqual({ at: 20, message: `Too many rows fail: the first 20 rows all failed (12 of 20: RECORD NOT FOUND). Check the mapping and the CRM before going on (--max-failure-rate changes this check).` });
  });

  it('does not trip before the 20th row, however many failed', () => {
    expect(feed(createBreaker(0.5), times(19, 'RECORD NOT FOUND'))).toBeUndefined();
  });

  it('one success among the first 20 is enough not to trip there', () => {
    expect(feed(createBreaker(0.5), [OK, ...times(19, 'RECORD NOT FOUND')])).toBeUndefined();
    expect(feed(createBreaker(0.5), [...times(19, 'RECORD NOT FOUND'), OK])).toBeUndefined();
  });
});

describe('breaker: the last 100 rows', () => {
  it('trips when more than maxRate of the last 100 failed, naming the dominant error', () => {
    const rows = [...times(89, OK), ...times(7, 'RECORD NOT FOUND'), ...times(4, 'Service Unavailable (gave up after 6 attempts)')];
    expect(feed(createBreaker(0.1), rows)).toEqual({ at: 100, message: `Too many rows fail: 11 of the last 100 rows failed (7 of them: RECORD NOT FOUND). Check the mapping and the CRM before going on (--max-failure-rate changes this check).` });
  });

  it('does not trip at exactly maxRate', () => {
    expect(feed(createBreaker(0.1), [...times(90, OK), ...times(10, 'RECORD NOT FOUND')])).toBeUndefined();
  });

  it('judges only once 100 rows are in', () => {
    // 30 failures out of 99 is far over 10%, but the window is not full yet.
    expect(feed(createBreaker(0.1), [...times(69, OK), ...times(30, 'RECORD NOT FOUND')])).toBeUndefined();
  });

  it('slides: failures older than the last 100 rows no longer count', () => {
    const breaker = createBreaker(0.1);
    // 10 of 100: not over. Then one more failure, while the oldest (a failure) leaves the window: 10 again.
    expect(feed(breaker, [...times(10, 'RECORD NOT FOUND'), ...times(90, OK), 'RECORD NOT FOUND'])).toBeUndefined();
    // Failures go on replacing old failures (rows 3 to 10) until one replaces a success: row 111.
    expect(feed(breaker, times(10, 'RECORD NOT FOUND'))).toEqual({ at: 10, message: `Too many rows fail: 11 of the last 100 rows failed (11 of them: RECORD NOT FOUND). Check the mapping and the CRM before going on (--max-failure-rate changes this check).` });
  });

  it('keeps telling while the rate stays over (the stopper keeps the first reason)', () => {
    const breaker = createBreaker(0.5);
    expect(feed(breaker, [...times(49, OK), ...times(51, 'X')])?.at).toBe(100);
    expect(breaker('X')).toMatchObject({ first: false, of: 100, failed: expect.any(Number), message: 'X' });
  });
});

describe('breaker: turned off', () => {
  it('a maxRate of 0 never trips, not even when every row fails', () => {
    expect(feed(createBreaker(0), times(500, 'RECORD NOT FOUND'))).toBeUndefined();
  });

  it('a maxRate of 1 trips only on the first 20 rows all failing (no share of 100 is over 1)', () => {
    expect(feed(createBreaker(1), [OK, ...times(300, 'RECORD NOT FOUND')])).toBeUndefined();
    expect(feed(createBreaker(1), times(20, 'RECORD NOT FOUND'))?.at).toBe(20);
  });
});

// What the breaker counts, decided once (send-tools' answers, send-pass' give-ups and a batch's settled
// rows all ask breakerCounts): a verdict of the CRM when its answer comes, a give-up when the row ends.
describe('breakerCounts: which row ends count, and when', () => {
  it.each<[string, BreakerEnd, 'verdict' | 'gave-up' | undefined, string | undefined]>([
    ['a row\'s own ok answer', { kind: 'ok', message: 'Succesfully edit record' }, 'verdict', undefined],
    ['a row\'s own refusal', { kind: 'row', message: 'RECORD NOT FOUND' }, 'verdict', 'RECORD NOT FOUND'],
    ['a retry-class answer (not an end yet)', { kind: 'retry', message: '503' }, undefined, '503'],
    ['a pause answer (not an end yet)', { kind: 'pause', message: 'TOO MANY REQUESTS' }, undefined, 'TOO MANY REQUESTS'],
    ['a fatal answer (about the job, not the row)', { kind: 'fatal', message: 'PLEASE VALIDATE TOKEN' }, undefined, 'PLEASE VALIDATE TOKEN'],
    ['the quota', { kind: 'quota', message: 'TOKEN LIMIT EXCEEDED' }, undefined, 'TOKEN LIMIT EXCEEDED'],
    ['a row updated (a batch\'s count confirmed it)', { status: 'updated', kind: 'ok' }, 'verdict', undefined],
    ['a row refused in a batch narrowed down', { status: 'failed', kind: 'row', message: 'RECORD NOT FOUND' }, 'verdict', 'RECORD NOT FOUND'],
    ['a row that gave up after its retries', { status: 'failed', kind: 'retry', message: '503 (gave up after 4 attempts)' }, 'gave-up', '503 (gave up after 4 attempts)'],
    ['a row that gave up after 30 pauses', { status: 'failed', kind: 'pause', message: 'TOO MANY REQUESTS (gave up after 31 attempts)' }, 'gave-up', 'TOO MANY REQUESTS (gave up after 31 attempts)'],
    ['a row stopped by a fatal answer', { status: 'failed', kind: 'fatal', message: 'PLEASE VALIDATE TOKEN' }, undefined, 'PLEASE VALIDATE TOKEN'],
    ['a row whose outcome is unknown (stopped mid-call)', { status: 'failed', message: 'may have been applied' }, undefined, 'may have been applied'],
    ['a row not sent (a stop, the quota)', { status: 'not_sent', kind: 'quota', message: 'TOKEN LIMIT EXCEEDED' }, undefined, 'TOKEN LIMIT EXCEEDED'],
  ])('%s → %s', (_name, end, counts, failure) => {
    expect(breakerCounts(end)).toBe(counts);
    expect(breakerFailure(end)).toBe(failure);
  });
});
