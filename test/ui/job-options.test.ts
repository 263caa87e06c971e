import { describe, expect, it } from 'vitest';
import { pickJobOptions } from '../../src/ui/job-options.js';
import { expectError } from '../helpers.js';

describe('the page reaches every option of update', () => {
  it('takes the batch, snapshot, skip-unchanged and verify options under their library names', () => {
    expect(pickJobOptions({ batchSize: 100, snapshot: 'auto', skipUnchanged: true, verify: true, concurrency: '' }, { resume: false })).toEqual({ batchSize: 100, snapshot: 'auto', skipUnchanged: true, verify: true });
  });

  // Issue 18: the page's server checked choices again, in words of its own; now the library's rules say it.
  it('refuses a value of the wrong kind in the library\'s words, naming the option', async () => {
    await expectError(() => pickJobOptions({ snapshot: 'all' }, { resume: false }), { code: 'USAGE', message: /^Expected `snapshot` to be one of by-id, module, auto, got `"all"` \(string\)\.$/ });
    await expectError(() => pickJobOptions({ batchSize: 'ten' }, { resume: false }), { code: 'USAGE', message: /^Expected `batchSize` to be a whole number of records per call from 1 to 1000, got `"ten"` \(string\)\.$/ });
    await expectError(() => pickJobOptions({ verify: 'yes' }, { resume: false }), { code: 'USAGE', message: /^Expected `verify` to be true or false, got `"yes"` \(string\)\.$/ });
  });

  it('for a resume, refuses what decides what is sent, as the library does', async () => {
    expect(pickJobOptions({ concurrency: 1, batchSize: 10, server: ' 127.0.0.1:9 ' }, { resume: true })).toEqual({ concurrency: 1, batchSize: 10, server: '127.0.0.1:9' });
    await expectError(() => pickJobOptions({ duplicates: 'all' }, { resume: true }), { code: 'USAGE', message: /^Not on resume: `duplicates` is decided when a run is checked/ });
  });
});
