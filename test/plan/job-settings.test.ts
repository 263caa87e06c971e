import { describe, expect, it } from 'vitest';
import { JOB_DEFAULTS, resolveJobSettings, type RecordedSettings } from '../../src/plan/job-settings.js';
import { message } from '../../src/core/say.js';
import type { OptionNaming } from '../../src/plan/option-rules.js';
import { expectError } from '../helpers.js';

const MAPPING = { operation: 'op', module: 'contacts' };
const NOW = { server: 'crm0001.wolkvox.com', token: 'tok' };

// What run.json recorded of a canary run that chose every setting away from its default.
const RECORDED: RecordedSettings = {
  job: { operation: 'op', module: 'contacts', duplicates: 'last', skipInvalid: true, dryRun: false, limit: 5, reportFormat: 'xlsx', batchSize: 50, snapshot: 'by-id', skipUnchanged: true, verify: true },
  connection: { server: 'https://crm0001.wolkvox.com', concurrency: 1, rate: 3, retries: 2, timeoutSeconds: 10, timeoutMs: 10_000, maxCalls: 400, waitForQuota: true, checkQuota: true, maxFailureRate: 0.2 },
};

// How the CLI names an option: the flag.
const flags: OptionNaming = {
  refused: (option, value, expected) => message('option.refused-flag', { flag: `--${option}`, typed: String(value), expected }),
  name: (option) => `--${option}`,
};

describe('resolveJobSettings (issue 18: one place for a job\'s settings)', () => {
  it('a new job: the defaults, the mapping\'s operation and module, the server as an https origin', () => {
    expect(resolveJobSettings(undefined, NOW, { mapping: MAPPING })).toEqual({
      job: { operation: 'op', module: 'contacts', duplicates: 'error', skipInvalid: false, dryRun: false, reportFormat: 'csv', batchSize: 1, skipUnchanged: false, verify: false },
      connection: { server: 'https://crm0001.wolkvox.com', token: 'tok', concurrency: 2, retries: 5, timeoutSeconds: 60, timeoutMs: 60_000, waitForQuota: false, checkQuota: false, maxFailureRate: 0.5 },
    });
  });

  it('the defaults are JOB_DEFAULTS, the one list of them', () => {
    const { job, connection } = resolveJobSettings(undefined, NOW, { mapping: MAPPING });
    const resolved: Record<string, unknown> = { ...job, ...connection };
    // preview is a check's, not a job's; matchBy is the key step's (run/match-step.ts), read before the job's settings.
    const { preview: _preview, matchBy: _matchBy, ...defaults } = JOB_DEFAULTS;
    for (const [option, value] of Object.entries(defaults)) expect(resolved[option], option).toBe(value);
  });

  it('a new job: what is given wins over the mapping and the defaults; skip-unchanged reads the cheaper snapshot', () => {
    const { job, connection } = resolveJobSettings(undefined, { ...NOW, operation: 'other', concurrency: 4, duplicates: 'all', skipUnchanged: true, limit: 10 }, { mapping: MAPPING });
    expect(job).toMatchObject({ operation: 'other', module: 'contacts', duplicates: 'all', skipUnchanged: true, snapshot: 'auto', limit: 10 });
    expect(connection.concurrency).toBe(4);
  });

  it('a mapping with an if-empty field reads the cheaper snapshot, as skip-unchanged does; a strategy given is kept (issue 19)', () => {
    const fields = { Nombre: 'Nombre', Email: { column: 'Email', write: 'if-empty' as const } };
    expect(resolveJobSettings(undefined, NOW, { mapping: { ...MAPPING, fields } }).job).toMatchObject({ snapshot: 'auto', skipUnchanged: false });
    expect(resolveJobSettings(undefined, { ...NOW, snapshot: 'by-id' }, { mapping: { ...MAPPING, fields } }).job.snapshot).toBe('by-id');
    expect(resolveJobSettings(undefined, NOW, { mapping: { ...MAPPING, fields: { Email: { column: 'Email', write: 'always' as const } } } }).job.snapshot).toBeUndefined();
  });

  it('a resume keeps every recorded setting but the canary limit (the first session\'s)', () => {
    const { limit: _limit, ...job } = RECORDED.job;
    expect(resolveJobSettings(RECORDED, { token: 'tok' })).toEqual({ job, connection: { ...RECORDED.connection, token: 'tok' } });
  });

  it('a run recorded before batches, skip-unchanged and verify existed takes their defaults', () => {
    const { batchSize: _b, skipUnchanged: _s, verify: _v, snapshot: _snap, ...old } = RECORDED.job;
    expect(resolveJobSettings({ ...RECORDED, job: old }, { token: 'tok' }).job).toMatchObject({ batchSize: 1, skipUnchanged: false, verify: false });
  });

  it('a resume applies what it may change: the pace, the server, the batch size, the operation and module', () => {
    const { job, connection } = resolveJobSettings(RECORDED, { token: 'tok', server: 'http://127.0.0.1:9', concurrency: 2, rate: 0.5, retries: 0, timeoutSeconds: 1.5, maxCalls: 0, waitForQuota: false, maxFailureRate: 0, batchSize: 10, module: 'leads' });
    expect(job).toMatchObject({ batchSize: 10, module: 'leads', operation: 'op', duplicates: 'last' });
    // maxCalls 0 lifts the recorded budget.
    expect(connection).toEqual({ server: 'http://127.0.0.1:9', token: 'tok', concurrency: 2, rate: 0.5, retries: 0, timeoutSeconds: 1.5, timeoutMs: 1500, waitForQuota: false, checkQuota: true, maxFailureRate: 0 });
  });

  it('a resume: the operation given wins over the mapping\'s as it is now, which wins over the recorded one', () => {
    expect(resolveJobSettings(RECORDED, { token: 'tok' }, { mapping: { operation: 'fixed' } }).job).toMatchObject({ operation: 'fixed', module: 'contacts' });
    expect(resolveJobSettings(RECORDED, { token: 'tok', operation: 'typed' }, { mapping: { operation: 'fixed' } }).job.operation).toBe('typed');
  });

  it.each([
    ['duplicates', 'all'],
    ['skipInvalid', false],
    ['dryRun', true],
    ['reportFormat', 'csv'],
    ['snapshot', 'module'],
    ['skipUnchanged', true],
    ['verify', false],
    ['since', 'wolkvox-runs/yesterday'],
  ])('a resume refuses %s (it decides what is sent), naming the option, even at the recorded value', async (option, value) => {
    await expectError(() => resolveJobSettings(RECORDED, { token: 'tok', [option]: value }), {
      code: 'USAGE',
      message: new RegExp(`^Not on resume: \`${option}\` is decided when a run is checked: a resume sends each row as the run's plan holds it\\. To send with another \`${option}\`, start a new run with update\\.$`),
    });
  });

  it('a resume refuses a canary limit: it sends every row the run has left', async () => {
    await expectError(() => resolveJobSettings(RECORDED, { token: 'tok', limit: 3 }), { code: 'USAGE', message: /^Not on resume: `limit` is for a run's first session \(a canary\): a resume sends every row the run has left\. To send with another `limit`, start a new run with update\.$/ });
  });

  it('names the option as the caller does: the CLI\'s flag, in the refusal and in a broken rule', async () => {
    await expectError(() => resolveJobSettings(RECORDED, { token: 'tok', duplicates: 'all' }, { naming: flags }), { code: 'USAGE', message: /^Not on resume: --duplicates is decided when a run is checked/ });
    await expectError(() => resolveJobSettings(RECORDED, { token: 'tok', concurrency: 0 }, { naming: flags }), { code: 'USAGE', message: /^--concurrency 0: expected a whole number of calls in flight from 1 to 64\.$/ });
  });

  it('checks every value by its rule, in the library\'s words by default', async () => {
    await expectError(() => resolveJobSettings(undefined, { ...NOW, batchSize: 1001 }, { mapping: MAPPING }), { code: 'USAGE', message: /^Expected `batchSize` to be a whole number of records per call from 1 to 1000, got `1001` \(number\)\.$/ });
    await expectError(() => resolveJobSettings(undefined, { ...NOW, verify: 'yes' as unknown as boolean }, { mapping: MAPPING }), { code: 'USAGE', message: /^Expected `verify` to be true or false, got `"yes"` \(string\)\.$/ });
  });

  it('a new job needs an operation and a module, a token and a server (a dry run neither of the last two)', async () => {
    await expectError(() => resolveJobSettings(undefined, NOW, { mapping: { module: 'contacts' } }), { code: 'USAGE', message: /^Missing operation/ });
    await expectError(() => resolveJobSettings(undefined, { server: 'crm0001.wolkvox.com' }, { mapping: MAPPING }), { code: 'TOKEN_MISSING' });
    expect(resolveJobSettings(undefined, { dryRun: true }, { mapping: MAPPING }).connection).not.toHaveProperty('server');
  });
});
