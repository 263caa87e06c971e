import { formatNumber } from '../input/cells.js';
import { fail, ok, type Result } from './result.js';
import type { DecimalMark } from './types.js';

// Spaces that group thousands: plain, non-breaking (Excel in es/fr locales) and narrow non-breaking.
const SPACES = ' \u00a0\u202f';

// With a declared decimal mark: plain digits, or groups of three split by one consistent separator
// (the other mark or a space), then an optional fraction after the decimal mark.
const GROUPED: Readonly<Record<DecimalMark, RegExp>> = {
  ',': new RegExp(`^(?:\\d+|\\d{1,3}(?<sep>[.${SPACES}])\\d{3}(?:\\k<sep>\\d{3})*)(?:,\\d+)?$`),
  '.': new RegExp(`^(?:\\d+|\\d{1,3}(?<sep>[,${SPACES}])\\d{3}(?:\\k<sep>\\d{3})*)(?:\\.\\d+)?$`),
};

const PLAIN = /^\d+(?:\.\d+)?$/;
// `1.500` is 1500 in Colombia and 1.5 in the US: a lone dot before exactly three digits is not plain.
const LOOKS_GROUPED = /^[1-9]\d{0,2}\.\d{3}$/;
const NUMBER_LIKE = new RegExp(`^[\\d.,${SPACES}]+$`);

/** What a digit string means once the separators are known, or why it means nothing. */
function readDigits(body: string, decimal: DecimalMark | undefined, text: string): Result<string> {
  if (decimal === undefined) {
    if (PLAIN.test(body) && !LOOKS_GROUPED.test(body)) return ok(body);
    if (NUMBER_LIKE.test(body) && /\d/.test(body)) return fail('value.number-ambiguous', { text });
    return fail('value.not-number', { text });
  }
  if (!GROUPED[decimal].test(body)) return fail('value.number-decimal', { text, decimal });
  const grouping = new RegExp(`[${decimal === ',' ? '.' : ','}${SPACES}]`, 'g');
  return ok(body.replace(grouping, '').replace(',', '.'));
}

/** `-0012.50` → `-12.5`: the digits a person means, for comparing against what a JS number keeps. */
function canonical(sign: string, digits: string): string {
  const [whole = '', fraction = ''] = digits.split('.');
  const integer = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const text = decimals === '' ? integer : `${integer}.${decimals}`;
  return sign === '-' && text !== '0' ? `-${text}` : text;
}

/**
 * Reads number text as written by a person: a sign, digits, the decimal mark given by the mapping, and
 * thousands groups. Anything that could be read two ways is refused with what to set.
 */
export function parseNumberText(text: string, decimal: DecimalMark | undefined): Result<number> {
  const trimmed = text.trim();
  if (/[\p{L}\p{Sc}%]/u.test(trimmed)) {
    return fail('value.number-symbols', { text });
  }
  const sign = trimmed.startsWith('-') || trimmed.startsWith('+') ? trimmed.charAt(0) : '';
  const digits = readDigits(trimmed.slice(sign.length), decimal, text);
  if (!digits.ok) return digits;
  const value = Number(`${sign}${digits.value}`);
  const meant = canonical(sign, digits.value);
  // A JS number keeps about 15 significant digits; more would silently change the value sent.
  if (!Number.isFinite(value) || formatNumber(value) !== meant) {
    return fail('value.number-digits', { text });
  }
  return ok(value === 0 ? 0 : value);
}
