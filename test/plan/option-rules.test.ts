import { describe, expect, it } from 'vitest';
import { expectationIn, type Expectation } from '../../src/core/catalog/en.js';
import { message, say } from '../../src/core/say.js';
import { checkOptions, libraryNaming, OPTION_RULES, type CheckedOption } from '../../src/plan/option-rules.js';
import { expectError } from '../helpers.js';

// Every rule: values at its edges (accepted) and just outside them (refused), with the words it uses.
const RULES: readonly { option: CheckedOption; expected: string; accepts: unknown[]; refuses: unknown[] }[] = [
  { option: 'concurrency', expected: 'a whole number of calls in flight from 1 to 64', accepts: [1, 2, 64], refuses: [0, 65, 1.5, -1, '2', Number.NaN] },
  { option: 'rate', expected: 'a number of calls per second from 0.01 up', accepts: [0.01, 0.5, 2.5, 1000], refuses: [0.005, 0.0099, 0, -1, Number.POSITIVE_INFINITY, Number.NaN, '1'] },
  { option: 'retries', expected: 'a whole number from 0 to 20', accepts: [0, 5, 20], refuses: [-1, 21, 2.5] },
  { option: 'timeoutSeconds', expected: 'a number of seconds from 0.1 up', accepts: [0.1, 60, 3600.5], refuses: [0.09, 0, Number.POSITIVE_INFINITY] },
  { option: 'maxCalls', expected: 'a whole number (0: no limit) from 0 up', accepts: [0, 1, 1_000_000], refuses: [-1, 0.5, Number.POSITIVE_INFINITY] },
  { option: 'reserve', expected: 'a whole number from 0 up', accepts: [0, 1, 500], refuses: [-1, 2.5, Number.POSITIVE_INFINITY, '5'] },
  { option: 'maxFailureRate', expected: 'a number (a share: 0.5 is half; 0 turns the check off) from 0 to 1', accepts: [0, 0.5, 1], refuses: [-0.01, 1.01, 50] },
  { option: 'limit', expected: 'a whole number of rows from 1 up', accepts: [1, 20], refuses: [0, -5, 1.5] },
  { option: 'batchSize', expected: 'a whole number of records per call from 1 to 1000', accepts: [1, 100, 1000], refuses: [0, 1001, 2.5] },
  { option: 'snapshot', expected: 'one of by-id, module, auto', accepts: ['by-id', 'module', 'auto'], refuses: ['', 'ids', 1] },
  { option: 'matchBy', expected: 'one of module, query, auto', accepts: ['module', 'query', 'auto'], refuses: ['', 'by-id', 'Query', 1] },
  { option: 'duplicates', expected: 'one of error, first, last, all', accepts: ['error', 'first', 'last', 'all'], refuses: ['First', 'none', '', 1] },
  { option: 'reportFormat', expected: 'one of csv, xlsx', accepts: ['csv', 'xlsx'], refuses: ['xls', 'CSV', ''] },
  { option: 'out', expected: 'a folder path', accepts: ['run', ' x '], refuses: ['', '   ', 5] },
  { option: 'since', expected: 'the folder of an earlier run', accepts: ['wolkvox-runs/2026-11-29T04-33-12-clientes'], refuses: ['', ' ', 1] },
  { option: 'operation', expected: 'the name of a CRM operation', accepts: ['op'], refuses: ['', '\t'] },
  { option: 'module', expected: 'the name of a CRM module, such as contacts', accepts: ['contacts'], refuses: [''] },
  { option: 'server', expected: 'a CRM host, such as crm0001.wolkvox.com', accepts: ['crm0001.wolkvox.com'], refuses: [' '] },
  { option: 'headerRow', expected: 'a whole number from 1 up', accepts: [1, 3], refuses: [0, -1, 1.5, Number.NaN] },
  { option: 'preview', expected: 'a whole number of bodies from 0 up', accepts: [0, 3, 50], refuses: [-1, 0.5, Number.NaN] },
  { option: 'lang', expected: 'one of es, en', accepts: ['es', 'en'], refuses: ['fr', 'ES', ''] },
  { option: 'reusePreview', expected: 'the folder of a preview run (update --preview)', accepts: ['wolkvox-runs/2026-11-29T04-33-12-clientes'], refuses: ['', ' ', 1] },
  { option: 'intervalSeconds', expected: 'a number of seconds from 0.05 up', accepts: [0.05, 5, 3600], refuses: [0.04, 0, -1, Number.POSITIVE_INFINITY, '5'] },
  // issue 21: a notification's addresses (each of a list checked alone), its format; a schedule's time and system
  { option: 'notify', expected: 'an http:// or https:// address, such as https://hooks.slack.com/services/…', accepts: ['https://hooks.slack.com/services/T0/B0/X', 'http://127.0.0.1:8080/hook'], refuses: ['ftp://example.com/x', 'file:///etc/passwd', 'hooks.slack.com/services/x', 'javascript:alert(1)', '', 1] },
  { option: 'notifyFormat', expected: 'one of json, slack, teams', accepts: ['json', 'slack', 'teams'], refuses: ['Slack', 'discord', ''] },
  { option: 'daily', expected: 'a time of day as HH:MM (24 hours), such as 06:00 or 22:30', accepts: ['06:00', '6:00', '23:59', '00:00'], refuses: ['24:00', '6pm', '06:60', '0600', ''] },
  { option: 'scheduleSystem', expected: 'one of linux, cron, systemd, windows', accepts: ['linux', 'cron', 'systemd', 'windows'], refuses: ['macos', 'Windows'] },
  ...(['waitForQuota', 'checkQuota', 'skipInvalid', 'dryRun', 'skipUnchanged', 'verify', 'previewChanges'] as const).map((option) => ({ option, expected: 'true or false', accepts: [true, false], refuses: ['true', 1, 0, null] })),
];

describe('option rules', () => {
  it('has one rule per checked option, and this test covers each', () => {
    expect(RULES.map((rule) => rule.option).sort()).toEqual(Object.keys(OPTION_RULES).sort());
  });

  describe.each(RULES)('$option', ({ option, expected, accepts, refuses }) => {
    it.each(accepts)(`accepts %s`, (value) => {
      expect(OPTION_RULES[option].test(value)).toBe(true);
      expect(() => checkOptions({ [option]: value })).not.toThrow();
    });

    it.each(refuses)(`refuses %s, in p-queue's words`, async (value) => {
      expect(expectationIn(OPTION_RULES[option].expected)).toBe(expected);
      const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
      await expectError(() => checkOptions({ [option]: value }), { code: 'USAGE', message: new RegExp(`^${escape(`Expected \`${option}\` to be ${expected}, got \`${shown}\` (${typeof value}).`)}$`) });
    });
  });
});

describe('checkOptions', () => {
  it('checks each address of a list, and names the one refused (issue 21)', async () => {
    expect(() => checkOptions({ notify: ['https://a.example/x', 'http://b.example/'] })).not.toThrow();
    await expectError(() => checkOptions({ notify: ['https://a.example/x', 'ftp://b.example/'] }), { code: 'USAGE', message: /got `"ftp:\/\/b\.example\/"` \(string\)\.$/ });
  });

  it('words a refused rate as the issue asks: "Expected `rate` to be …, got `0.005` (number)."', async () => {
    await expectError(() => checkOptions({ rate: 0.005 }), { code: 'USAGE', message: /^Expected `rate` to be a number of calls per second from 0\.01 up, got `0\.005` \(number\)\.$/ });
  });

  it('leaves undefined options to their defaults', () => {
    expect(() => checkOptions({ rate: undefined, concurrency: undefined, duplicates: undefined })).not.toThrow();
  });

  it('names the first bad option in rule order when several are bad', async () => {
    await expectError(() => checkOptions({ limit: 0, concurrency: 0 }), { code: 'USAGE', message: /^Expected `concurrency`/ });
  });

  it('names the option as the caller asks (the CLI names its flag), with the same rule', async () => {
    const naming = { refused: (option: CheckedOption, value: unknown, expected: Expectation) => message('option.refused-flag', { flag: `--${option}`, typed: String(value), expected }), name: (option: CheckedOption) => `--${option}` };
    await expectError(() => checkOptions({ rate: 0.005 }, naming), { code: 'USAGE', message: /^--rate 0\.005: expected a number of calls per second from 0\.01 up\.$/ });
  });

  it('libraryNaming quotes strings as JSON', () => {
    expect(say(libraryNaming.refused('duplicates', 'pr"imero', { kind: 'one-of', choices: ['error', 'first', 'last', 'all'] }), 'en')).toBe('Expected `duplicates` to be one of error, first, last, all, got `"pr\\"imero"` (string).');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
