import { describe, expect, it } from 'vitest';
import { costOfBatchCall, unitsOfBatchCall } from '../../src/send/batch-cost.js';
import { probeFindings } from '../../src/run/probe-findings.js';

// One formula for what an updateMany.php call spent (issue 18): the job's measure around its first batch
// and the probe once subtracted different numbers (the calls in between and the reading after, 1 + since,
// against a fixed 2): the same rule written twice, now one function.
describe('unitsOfBatchCall: the token\'s use after, less before, less the calls between, less the reading after', () => {
  it.each([
    // The probe: reading (use 10, itself counted), the record's read, updateMany.php, the reading after.
    ['probe, a call costs 1', 10, 13, 1, 1],
    ['probe, 2 records at 1 each', 10, 14, 1, 2],
    // The job: the plan's reading (use 100), then 7 single rows and reads, the batch of 40, the reading after.
    ['job, a call costs 1', 100, 109, 7, 1],
    ['job, 40 records at 1 each', 100, 148, 7, 40],
    ['nothing between', 0, 2, 0, 1],
    // The count restarted between the readings.
    ['a restart', 4700, 3, 1, -4699],
  ])('%s: %i → %i, %i between → %i', (_name, before, after, between, units) => {
    expect(unitsOfBatchCall(before, after, between)).toBe(units);
  });
});

describe('costOfBatchCall', () => {
  it.each([
    [1, 40, 'call'],
    [40, 40, 'record'],
    [1, 1, 'call'],
    [3, 40, undefined],
    [0, 40, undefined],
    [-5, 40, undefined],
  ] as const)('%i units for %i records → %s', (units, records, cost) => {
    expect(costOfBatchCall(units, records)).toBe(cost);
  });
});

describe('the probe counts with the same formula', () => {
  const answer = { kind: 'ok', reason: 'updated', message: 'Succesfully edit record 1', ms: 1, count: 1 } as const;
  it.each([
    [10, 13, 'call', 1],
    [10, 14, 'record', 2],
    [10, 15, 'unknown', 3],
  ] as const)('use %i → %i: %s (%i units)', (usedBefore, usedAfter, cost, units) => {
    expect(probeFindings({ answer, records: 2, missingId: 'x', usedBefore, usedAfter })).toMatchObject({ cost, units });
  });
});
