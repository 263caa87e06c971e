import { describe, expect, it } from 'vitest';
import { parseBody } from '../../src/api/answer.js';
import { createRedactor, REDACTED } from '../../src/api/redact.js';

const TOKEN = 'Sk/7b+6d=F64-wolkvox-0123456789';

describe('createRedactor (issue 10 item 3: a server that echoes the token)', () => {
  const redact = createRedactor(TOKEN);

  it.each([
    ['as sent', `PLEASE VALIDATE TOKEN ${TOKEN}`],
    ['upper-cased', `PLEASE VALIDATE TOKEN ${TOKEN.toUpperCase()}`],
    ['URL-encoded', `bad request: /x.php?token=${encodeURIComponent(TOKEN)}&a=1`],
    ['URL-encoded in lower case', `token=${encodeURIComponent(TOKEN).toLowerCase()}`],
    ['split by a line break', `403 Forbidden for ${TOKEN.slice(0, 9)}\n     ${TOKEN.slice(9)}`],
    ['split after whitespace normalisation', `403 Forbidden for ${TOKEN.slice(0, 9)} ${TOKEN.slice(9)}`],
    ['twice', `${TOKEN}${TOKEN}`],
  ])('takes the token out when it comes %s', (_name, text) => {
    const clean = redact(text);
    expect(clean).toContain(REDACTED);
    expect(clean.toLowerCase()).not.toContain(TOKEN.toLowerCase());
    expect(clean.toLowerCase()).not.toContain(encodeURIComponent(TOKEN).toLowerCase());
    expect(clean.replace(/\s+/g, '')).not.toContain(TOKEN.slice(0, 12));
  });

  it('leaves a text without the token as it is', () => {
    expect(redact('RECORD NOT FOUND')).toBe('RECORD NOT FOUND');
  });

  it('takes a short token out only where it stands alone, so messages stay readable', () => {
    const short = createRedactor('t0k');
    expect(short('Not found: t0k (token t0k).')).toBe(`Not found: ${REDACTED} (token ${REDACTED}).`);
    expect(short('at0kb stays')).toBe('at0kb stays');
  });

  it('an empty token redacts nothing', () => {
    expect(createRedactor('')('PLEASE ENTER THE WOLKVOX-TOKEN')).toBe('PLEASE ENTER THE WOLKVOX-TOKEN');
  });
});

describe('parseBody with a redactor', () => {
  const redact = createRedactor(TOKEN);

  it('redacts before cutting a long message, so no part of the token is left at the cut', () => {
    // The token straddles the 300-character cut: cutting first would leave its first half.
    const msg = `${'x'.repeat(280)} ${TOKEN} and more`;
    const { facts } = parseBody(400, JSON.stringify({ code: 400, error: 'BAD REQUEST', msg }), redact);
    expect(facts.message).not.toContain(TOKEN.slice(0, 10));
    expect(facts.message).toContain(REDACTED);
  });

  it('redacts the JSON code, and the title of an HTML page whose line break splits the token', () => {
    const json = parseBody(403, JSON.stringify({ code: `403 ${TOKEN}`, error: 'FORBIDDEN', msg: 'PLEASE VALIDATE TOKEN' }), redact);
    expect(json.codeText).toBe(`403 ${REDACTED}`);
    const html = parseBody(502, `<html><head><title>502 Bad Gateway ${TOKEN.slice(0, 5)}\n  ${TOKEN.slice(5)}</title></head></html>`, redact);
    expect(html.facts.message).toBe(`HTTP 502 (not JSON): 502 Bad Gateway ${REDACTED}`);
  });

  it('redacts a body without a message field, shown whole', () => {
    const { facts } = parseBody(500, JSON.stringify({ detail: { token: TOKEN } }), redact);
    expect(facts.message).toBe(`{"detail":{"token":"${REDACTED}"}}`);
  });
});
