import { describe, expect, it } from 'vitest';
import { pickJobOptions } from '../../src/ui/job-options.js';

describe('the page reaches every option of update', () => {
  it('takes the batch, snapshot, skip-unchanged and verify options under their library names', () => {
    expect(pickJobOptions({ batchSize: 100, snapshot: 'auto', skipUnchanged: true, verify: true, concurrency: '' })).toEqual({ batchSize: 100, snapshot: 'auto', skipUnchanged: true, verify: true });
  });

  it('refuses a value of the wrong kind, naming the option', () => {
    expect(() => pickJobOptions({ snapshot: 'all' })).toThrow(/snapshot: expected one of by-id, module, auto/);
    expect(() => pickJobOptions({ batchSize: 'ten' })).toThrow(/batchSize: expected a number/);
  });
});
