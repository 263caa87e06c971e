import { describe, expect, it } from 'vitest';
import { checkToken, readTokenShape } from '../../src/plan/token-check.js';
import { mockServer, runCli } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

// Issue 21: a wolkvox token is the hex encoding of `{operation}-{YYYYMMDDhhmmss}`; decoded, it is checked
// against the job's operation before any call, and neither it nor its text is ever shown.

const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex');
// The API page's own example decodes to this; a contact-center token has no braces around the date.
const EXAMPLE = hex('{modulotest01}-{20211105114213}');

describe('readTokenShape', () => {
  it.each([
    [EXAMPLE, { operation: 'modulotest01', madeAt: '2021-11-05T11:42:13' }],
    [hex('ventas-20240229235959'), { operation: 'ventas', madeAt: '2024-02-29T23:59:59' }],
    [hex('{cobranza}-20230101000000').toUpperCase(), { operation: 'cobranza', madeAt: '2023-01-01T00:00:00' }],
  ])('%s decodes to its operation and date', (token, shape) => {
    expect(readTokenShape(token)).toEqual(shape);
  });

  it.each([
    ['test-token', 'not hex'],
    [hex('ventas-20230230120000'), 'no such date'],
    [hex('ventas-2023010112000'), 'thirteen digits'],
    [hex('ventas_20230101120000'), 'no dash'],
    [`${EXAMPLE}0`, 'odd length'],
    ['a1b2c3d4e5f60718293a4b5c', 'a hex id that decodes to bytes'],
  ])('%s is no wolkvox token (%s)', (token) => {
    expect(readTokenShape(token)).toBeUndefined();
  });
});

describe('checkToken', () => {
  const now = new Date('2026-12-07T08:00:00Z');
  it('gives the token\'s operation only when it differs from the job\'s, and its age in whole days', () => {
    expect(checkToken(EXAMPLE, 'modulotest01', now)).toEqual({ ageDays: 1857 });
    expect(checkToken(EXAMPLE, 'ventas', now)).toEqual({ operation: 'modulotest01', ageDays: 1857 });
    expect(checkToken(hex('ventas-20261207070000'), 'ventas', now)).toEqual({ ageDays: 0 });
    expect(checkToken('test-token', 'ventas', now)).toBeUndefined();
  });
});

describe('the plan says what the token says of itself, never the token', () => {
  it('warns when the token was made for another operation and says its age, with neither the token nor its date shown', async () => {
    const token = hex('{modulotest01}-{20211105114213}');
    const server = await mockServer({ tokens: [token] });
    const job = csvJob(2);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: { WOLKVOX_TOKEN: token, WOLKVOX_SERVER: server.url } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: the token was made for the operation "modulotest01", and this job\'s operation is "op": the CRM may refuse every call.');
    expect(result.stderr).toMatch(/ {2}the token was created \d,\d{3} days ago\n/);
    const spanish = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-es`, '--yes', '--lang', 'es'], { env: { WOLKVOX_TOKEN: token, WOLKVOX_SERVER: server.url } });
    expect(spanish.stderr).toContain('aviso: el token se creó para la operación "modulotest01", y la operación de este trabajo es "op"');
    expect(spanish.stderr).toMatch(/el token se creó hace \d\.\d{3} días/);
    for (const output of [result.stdout, result.stderr, spanish.stdout, spanish.stderr]) {
      expect(output).not.toContain(token);
      expect(output).not.toContain('20211105114213');
      expect(output).not.toContain('2021-11-05');
    }
  });

  it('says nothing of a token that is not shaped so, and does not warn when the operation matches', async () => {
    const token = hex('op-20261201000000');
    const server = await mockServer({ tokens: [token, 'test-token'] });
    const job = csvJob(1);
    const matching = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes'], { env: { WOLKVOX_TOKEN: token, WOLKVOX_SERVER: server.url } });
    expect(matching.stderr).not.toContain('made for the operation');
    expect(matching.stderr).toContain('the token was created ');
    const plain = await runCli(['update', job.file, '-m', job.mapping, '--out', `${job.out}-2`, '--yes'], { env: { WOLKVOX_TOKEN: 'test-token', WOLKVOX_SERVER: server.url } });
    expect(plain.code).toBe(0);
    expect(plain.stderr).not.toContain('the token was');
  });
});
