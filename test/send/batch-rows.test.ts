import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../src/core/types.js';
import { absorb, resultOf, withCarry } from '../../src/send/batch-rows.js';
import type { CallsResult } from '../../src/send/call-retry.js';

const OK: CallOutcome = { kind: 'ok', reason: 'updated', message: 'Succesfully edit record 2', httpStatus: 200, ms: 5 };
const calls = (fields: Partial<CallsResult<CallOutcome>>): CallsResult<CallOutcome> => ({ allTimeouts: false, attempts: 1, mayHaveApplied: 1, tries: 1, refused: {}, call: 1, outcome: OK, last: OK, ...fields });
const rows = () => [0, 1].map((ordinal) => withCarry({ ordinal, row: { rowNumber: ordinal + 2, id: `id-${ordinal}`, fields: { n: ordinal }, attachments: [] } }));
const tell = { onUnreachable: () => undefined };

describe('a batch row\'s carry: what its calls came to, from a batch to its halves', () => {
  it('gives no refusals to rows whose calls had none, and a row\'s own copy of them once one came', () => {
    const [first, second] = rows();
    absorb([first!, second!], calls({}));
    expect(resultOf(first!, calls({}), 5, tell).refused).toBeUndefined();
    // A retried answer, then the batch's halves: each row counts the refusals of every call it was in.
    absorb([first!, second!], calls({ attempts: 2, refused: { 'rate-limited': 1 }, call: 2 }));
    absorb([first!], calls({ attempts: 1, refused: { 'rate-limited': 1 }, call: 3 }));
    expect(first!.carry.refused).toEqual({ 'rate-limited': 2 });
    expect(second!.carry.refused).toEqual({ 'rate-limited': 1 });
    const result = resultOf(first!, calls({ call: 3 }), 5, tell);
    expect(result).toMatchObject({ ordinal: 0, attempts: 4, call: 3, refused: { 'rate-limited': 2 }, countedCalls: 4 });
    // The second row counted none of the calls (each call is counted on its first row).
    expect(resultOf(second!, calls({ call: 2 }), 5, tell)).toMatchObject({ attempts: 3, call: 2, countedCalls: 0 });
  });

  it('goes on from what an earlier session knew of a row (a batch being narrowed down when it ended)', () => {
    const [sent] = [withCarry({ ordinal: 7, row: { rowNumber: 9, id: 'id-7', fields: {}, attachments: [] } }, { attempts: 1, applied: 1, call: 4 })];
    expect(sent!.carry).toMatchObject({ attempts: 1, applied: 1, counted: 0, call: 4 });
    expect(sent!.carry.refused).toBeUndefined();
  });
});
