import { describe, expect, it } from 'vitest';
import { parseBody, readCount } from '../../src/api/answer.js';
import { classify } from '../../src/api/classify.js';

// Batches too big (issue 12 item 3): 413 with any body, or a 4xx whose text says so; documented texts
// still win. Each JSON case is checked with its real status and as HTTP 200 with the status in `code`.
const tooLarge: [status: number, msg: string, kind: string, reason: string][] = [
  [413, 'Request Entity Too Large', 'row', 'too-large'],
  [413, 'RECORD NOT FOUND', 'row', 'too-large'],
  [400, 'TOO MANY RECORDS', 'row', 'too-large'],
  [400, 'Payload Too Large', 'row', 'too-large'],
  [400, 'REQUEST ENTITY TOO LARGE', 'row', 'too-large'],
  [422, 'You can send a maximum of 100 records per call', 'row', 'too-large'],
  [400, 'POST Content-Length of 9000000 bytes exceeds the limit of 8388608 bytes', 'row', 'too-large'],
  // Documented texts and other kinds are not read as "too large".
  [413, 'TOKEN LIMIT EXCEEDED', 'quota', 'quota'],
  [403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)', 'pause', 'over-concurrency'],
  [429, 'TOO MANY REQUESTS', 'pause', 'rate-limited'],
  [400, 'TOO MANY REQUESTS', 'row', 'rejected'],
  [413, 'THE API YOU WANT TO CONSULT DOES NOT EXIST', 'fatal', 'endpoint'],
  [400, 'RECORD NOT FOUND', 'row', 'rejected'],
  [400, 'SOME PARAMETERS ARE REQUIRED', 'row', 'rejected'],
  [500, 'ENTITY TOO LARGE TO LOG', 'retry', 'server-error'],
];

describe('classify: a batch too large (too-large)', () => {
  it.each(tooLarge)('%i %s → %s/%s', (status, msg, kind, reason) => {
    const body = JSON.stringify({ code: status, error: 'X', msg });
    // Kind and reason only: what a pause does to the pool is pinned in classify.test.ts.
    expect(classify(parseBody(status, body).facts)).toMatchObject({ kind, reason });
    expect(classify(parseBody(200, body).facts)).toMatchObject({ kind, reason });
  });

  it.each([
    ['a proxy HTML page', '<html><head><title>413 Request Entity Too Large</title></head></html>'],
    ['an empty body', ''],
    ['plain text', 'too big'],
  ])('413 with %s → row/too-large', (_name, body) => {
    expect(classify(parseBody(413, body).facts)).toEqual({ kind: 'row', reason: 'too-large' });
  });
});

// Reads (issue 13 item 1): `read` is set by query and queryDates; update answers are read as before.
const reads: [name: string, status: number, body: string, kind: string, reason: string, records: number | undefined][] = [
  ['a bare array of records', 200, '[{"wolkvox_id":"a"},{"wolkvox_id":"b"}]', 'ok', 'read', 2],
  ['an empty bare array', 200, '[]', 'ok', 'read', 0],
  ['wrapped, code 200', 200, '{"code":200,"error":"null","msg":"1 records were are found","data":[{"wolkvox_id":"a"}]}', 'ok', 'read', 1],
  ['wrapped, code "200", empty data', 200, '{"code":"200","error":"null","msg":"0 records were are found","data":[]}', 'ok', 'read', 0],
  ['wrapped without data', 200, '{"code":200,"error":"null","msg":"0 records were are found"}', 'retry', 'bad-answer', undefined],
  ['wrapped with data an object', 200, '{"code":200,"msg":"x","data":{"wolkvox_id":"a"}}', 'retry', 'bad-answer', undefined],
  ['wrapped data without a code', 200, '{"msg":"x","data":[]}', 'retry', 'bad-answer', undefined],
  ['a bare array of numbers', 200, '[1,2]', 'retry', 'bad-answer', undefined],
  ['a bare array under HTTP 500', 500, '[]', 'retry', 'server-error', undefined],
  ['404 RECORD NOT FOUND', 404, '{"code":404,"error":"NOT FOUND","msg":"RECORD NOT FOUND"}', 'row', 'rejected', undefined],
  ['RECORD NOT FOUND as HTTP 200, code 404, data []', 200, '{"code":404,"error":"NOT FOUND","msg":"RECORD NOT FOUND","data":[]}', 'row', 'rejected', undefined],
  ['a quota refusal', 403, '{"code":403,"error":"FORBIDDEN","msg":"TOKEN LIMIT EXCEEDED"}', 'quota', 'quota', undefined],
  ['HTML 200', 200, '<html>Warning</html>', 'retry', 'bad-answer', undefined],
];

describe('classify: reads', () => {
  it.each(reads)('%s → %s/%s', (_name, status, body, kind, reason, records) => {
    const parsed = parseBody(status, body, undefined, true);
    expect(classify(parsed.facts)).toEqual({ kind, reason });
    if (reason === 'read') expect(parsed.records).toHaveLength(records ?? -1);
  });

  it('names a bare array by its size', () => {
    expect(parseBody(200, '[{"a":1}]', undefined, true).facts.message).toBe('1 records (a bare JSON array)');
  });

  it('reads update answers as before: an array is not understood, a success is updated', () => {
    expect(classify(parseBody(200, '[{"wolkvox_id":"a"}]').facts)).toEqual({ kind: 'retry', reason: 'bad-answer' });
    expect(parseBody(200, '[{"wolkvox_id":"a"}]').records).toBeUndefined();
    expect(classify(parseBody(200, '{"code":200,"error":"null","msg":"Succesfully edit record 3","data":[]}').facts)).toEqual({ kind: 'ok', reason: 'updated' });
  });
});

describe('readCount: the number a success message ends with', () => {
  it.each([
    ['Succesfully edit record 37', 37],
    ['Succesfully edit record 0', 0],
    ['Succesfully edit record 37.', 37],
    ['Succesfully edit record 37 ', 37],
    ['37', 37],
    ['Succesfully edit record', undefined],
    ['Succesfully edit record x', undefined],
    ['Succesfully edit record 65d8b6195befbbd25409bb13', undefined],
    ['Succesfully edit record37', undefined],
    ['Succesfully edit 3 records', undefined],
    ['Succesfully edit record -3', undefined],
    ['', undefined],
  ])('%j → %s', (message, count) => {
    expect(readCount(message)).toBe(count);
  });
});
