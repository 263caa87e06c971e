import { describe, expect, it } from 'vitest';
import { parseBody } from '../../src/api/answer.js';
import { createRedactor, plainText, REDACTED } from '../../src/api/redact.js';

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

// A token with the characters that JSON, URLs and base64 each write their own way.
const SLASHED = 'AbC/dEf+9x"wolkvox\\7Q2/ZZ0123';
const base64At = (lead: string, token: string, url = false) => {
  const text = Buffer.from(`${lead}${token}`).toString(url ? 'base64url' : 'base64');
  return text;
};

describe('createRedactor: every way a server may write the token back (issue 17, item 3)', () => {
  const redact = createRedactor(SLASHED);
  const phpJson = JSON.stringify(SLASHED).slice(1, -1).replaceAll('/', '\\/');

  it.each([
    ['JSON-escaped (a quote and a backslash)', JSON.stringify(SLASHED).slice(1, -1)],
    ['JSON-escaped as PHP writes it (\\/ too)', phpJson],
    ['JSON-escaped twice (a JSON text inside a message)', JSON.stringify(phpJson).slice(1, -1)],
    ['as \\u escapes', Array.from(SLASHED, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
    ['URL-encoded, every character', Array.from(Buffer.from(SLASHED), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')],
    ['as HTML character references', Array.from(SLASHED, (char) => `&#x${char.charCodeAt(0).toString(16)};`).join('')],
    ['in base64', base64At('', SLASHED)],
    ['in base64 after one byte (Basic auth: user:token)', base64At(':', SLASHED)],
    ['in base64 after two bytes', base64At('u:', SLASHED)],
    ['in base64url', base64At('', SLASHED, true)],
    ['in base64 after one byte, url-safe', base64At('x', SLASHED, true)],
    ['in base64 wrapped at 20 characters', base64At('ab', SLASHED).replace(/(.{20})/g, '$1\n')],
  ])('takes the token out when it comes %s', (_name, form) => {
    const clean = redact(`PLEASE VALIDATE TOKEN ${form} (call 7)`);
    expect(clean).toContain(REDACTED);
    expect(clean.startsWith('PLEASE VALIDATE TOKEN ')).toBe(true);
    expect(clean.endsWith(' (call 7)')).toBe(true);
    // At most a few characters of a base64 form are left at each end: those also hold the neighbours' bits.
    expect(clean.length).toBeLessThan('PLEASE VALIDATE TOKEN  (call 7)'.length + REDACTED.length + 8);
  });

  it('leaves base64 and escapes of other texts alone', () => {
    const other = `${Buffer.from('another secret altogether').toString('base64')} a\\/b %2F &#47;`;
    expect(redact(other)).toBe(other);
  });
});

describe('plainText: server text that cannot drive a terminal (issue 17, item 2)', () => {
  it('removes escape sequences\' introducers, other control characters and marks that reorder text; line breaks and tabs become spaces', () => {
    const hostile = 'RECORD NOT FOUND\u001b[2J\u001b[H\u001b[32mDone: every row updated.\u001b[0m\r\n\u009b31mx\u0007\u0000\u202eevil\u2066\u200b\tend\u2028.';
    expect(plainText(hostile)).toBe('RECORD NOT FOUND[2J[H[32mDone: every row updated.[0m  31mxevil end .');
  });

  it('keeps every other character as it came: accents, quotes, emoji', () => {
    const text = 'Cliente «José Peña» — ID 64cb 😀 "x" \\ ñ';
    expect(plainText(text)).toBe(text);
  });
});

describe('parseBody: control characters out before the token (issue 17, items 2 and 3)', () => {
  const redact = createRedactor(TOKEN);

  it('a message, a code and an HTML title come without control characters', () => {
    const json = parseBody(404, JSON.stringify({ code: '404\u001b[2J', error: 'NOT FOUND', msg: 'NO RECORD\u001b]0;owned\u0007\r\nDone: every row updated.' }), redact);
    expect(json.facts.message).toBe('NO RECORD]0;owned  Done: every row updated.');
    expect(json.codeText).toBe('404[2J');
    const html = parseBody(502, '<html><title>Bad\u001b[31m Gateway</title></html>', redact);
    expect(html.facts.message).toBe('HTTP 502 (not JSON): Bad[31m Gateway');
  });

  it('a token split by a control character is still found once the character is gone', () => {
    const { facts } = parseBody(403, JSON.stringify({ code: 403, msg: `TOKEN ${TOKEN.slice(0, 10)}\u001b${TOKEN.slice(10)}` }), redact);
    expect(facts.message).toBe(`TOKEN ${REDACTED}`);
  });
});
