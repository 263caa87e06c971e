import { describe, expect, it } from 'vitest';
import { normalizeServer } from '../../src/plan/server-url.js';
import { expectError } from '../helpers.js';

describe('normalizeServer', () => {
  it.each([
    ['crm0001.wolkvox.com', 'https://crm0001.wolkvox.com'],
    ['  crm.wolkvox.com  ', 'https://crm.wolkvox.com'],
    ['https://crm0001.wolkvox.com/', 'https://crm0001.wolkvox.com'],
    ['https://crm0001.wolkvox.com/crm/contacts/647f6ff1660dff48d803ffe6', 'https://crm0001.wolkvox.com'],
    ['https://crm01.wolkvox.com/server/API/v2/custom/update.php', 'https://crm01.wolkvox.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:3000/x', 'http://localhost:3000'],
    ['HTTPS://CRM0000.WOLKVOX.COM', 'https://crm0000.wolkvox.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServer(input)).toBe(expected);
  });

  it('points old crmvox hosts to their new names', async () => {
    await expectError(() => normalizeServer('sv0001.crmvox.com'), {
      code: 'SERVER_INVALID',
      message: /sv0001\.crmvox\.com was switched off on 2024-11-30\. Use crm0001\.wolkvox\.com/,
    });
    await expectError(() => normalizeServer('https://sv0000.crmvox.com/path'), { code: 'SERVER_INVALID', message: /crm0000\.wolkvox\.com/ });
  });

  it('refuses plain http to anything but this machine', async () => {
    await expectError(() => normalizeServer('http://crm0001.wolkvox.com'), {
      code: 'SERVER_INVALID',
      message: /plain http.*Use https:\/\/crm0001\.wolkvox\.com/,
    });
  });

  it.each(['', '   ', 'ftp://crm.wolkvox.com', 'https://'])('refuses %j', async (input) => {
    await expectError(() => normalizeServer(input), { code: 'SERVER_INVALID' });
  });
});
