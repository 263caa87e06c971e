import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../src/core/types.js';
import { runUpdate } from '../../src/run/update.js';
import { isNotFound } from '../../src/send/reads.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from '../run/fixtures.js';

const answer = (fields: Partial<CallOutcome>): CallOutcome => ({ kind: 'row', reason: 'rejected', message: '', ms: 1, ...fields });

// One rule for "the read found no such record" (issue 18): the snapshot, verify and undo read a 404 by HTTP
// status alone, while the probe also took the body's code and the text. The probe's rule is kept: the CRM
// may send any error as HTTP 200 with its status in `code` (wolkvox-api.md), and then the reads took a
// missing record for a refusal and stopped the job.
describe('isNotFound', () => {
  it.each([
    ['HTTP 404', true, answer({ httpStatus: 404, apiCode: '404', message: 'RECORD NOT FOUND' })],
    ['HTTP 200, code 404 in the body', true, answer({ httpStatus: 200, apiCode: '404', message: 'RECORD NOT FOUND' })],
    ['HTTP 400 saying NOT FOUND', true, answer({ httpStatus: 400, apiCode: '400', message: 'Record not found' })],
    ['another refusal', false, answer({ httpStatus: 400, apiCode: '400', message: 'SOME PARAMETERS ARE REQUIRED' })],
    ['a 404 that is not row-class (an HTML page: not the API)', false, answer({ kind: 'fatal', reason: 'endpoint', httpStatus: 404, message: 'HTTP 404 (not JSON): Not Found' })],
    ['a success', false, answer({ kind: 'ok', reason: 'read', httpStatus: 200, apiCode: '200', message: '0 records were are found' })],
  ])('%s → %s', (_name, notFound, outcome) => {
    expect(isNotFound(outcome)).toBe(notFound);
  });
});

describe('a read by id of a record the CRM does not have, whatever way it says so', () => {
  it.each(['http', 'body'] as const)('errors as %s: the snapshot notes it not found, and the job goes on', async (errorStyle) => {
    const records = Array.from({ length: 5 }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Cliente ${index + 1}`, Ciudad: 'Bogotá' }));
    const server = await mockServer({ records, errorStyle, reads: { missingId: 'error' } });
    const job = csvJob(6);
    const summary = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, snapshot: 'by-id', ...FAST });
    expect(summary.stopReason).toBeUndefined();
    expect(summary.counts).toMatchObject({ updated: 5, failed: 1 });
    const before = parse(fs.readFileSync(path.join(job.out, 'before.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(before[5]).toMatchObject({ 'wolkvox-id': idFor(6), _wvx_found: 'no' });
  });
});
