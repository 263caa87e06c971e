import { fail, ok, type Result } from './result.js';
import { suggest } from './suggest.js';

/**
 * Date formats such as `DD/MM/YYYY HH:mm`, for reading date text and writing dates. Dates stay wall-clock
 * integers from end to end: no `Date` object, so no time zone can shift a day.
 */

export type DateToken = 'YYYY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'mm' | 'ss';

const TOKEN_DIGITS: Readonly<Record<DateToken, string>> = {
  YYYY: '\\d{4}',
  MM: '\\d{2}',
  M: '\\d{1,2}',
  DD: '\\d{2}',
  D: '\\d{1,2}',
  HH: '\\d{2}',
  H: '\\d{1,2}',
  mm: '\\d{2}',
  ss: '\\d{2}',
};
const TOKENS = Object.keys(TOKEN_DIGITS) as DateToken[];
const isToken = (text: string): text is DateToken => Object.hasOwn(TOKEN_DIGITS, text);

export type FormatPiece = { readonly token: DateToken } | { readonly literal: string };

export interface DateFormat {
  readonly text: string;
  readonly pieces: readonly FormatPiece[];
  readonly tokens: readonly DateToken[];
}

/** A date and time of day as written, with no time zone. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** What the format is for: each use has its own rules on which tokens must (not) appear. */
export type FormatUse = 'input' | 'date' | 'datetime';

export const ISO_DATE = 'YYYY-MM-DD';
export const ISO_DATETIME = 'YYYY-MM-DD HH:mm:ss';

// Splits a format into tokens and literals. Letters must form a token (so `YYYY-MM-dd` is caught);
// a literal letter is written in brackets: `YYYY-MM-DD[T]HH:mm`.
function splitFormat(text: string): Result<FormatPiece[]> {
  const pieces: FormatPiece[] = [];
  const addLiteral = (literal: string) => {
    const last = pieces.at(-1);
    if (last !== undefined && 'literal' in last) pieces[pieces.length - 1] = { literal: last.literal + literal };
    else pieces.push({ literal });
  };
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '[') {
      const end = text.indexOf(']', index + 1);
      if (end < 0) return fail('format.bracket-unclosed', { at: index + 1 });
      addLiteral(text.slice(index + 1, end));
      index = end + 1;
    } else if (/\p{L}/u.test(char)) {
      let end = index;
      while (text.charAt(end) === char) end++;
      const run = text.slice(index, end);
      if (!isToken(run)) {
        const hint = suggest(run, TOKENS) ?? (/y/i.test(run) ? 'YYYY' : undefined);
        return fail('format.unknown-token', { run, meant: hint, tokens: TOKENS });
      }
      pieces.push({ token: run });
      index = end;
    } else {
      addLiteral(char);
      index++;
    }
  }
  return ok(pieces);
}

// Which tokens a format of each use must have, and which it must not.
function checkTokens(pieces: readonly FormatPiece[], tokens: readonly DateToken[], use: FormatUse): Result<never> | undefined {
  const has = (...names: DateToken[]) => names.some((name) => tokens.includes(name));
  const twice = tokens.find((token, index) => tokens.indexOf(token) !== index);
  if (twice !== undefined) return fail('format.twice', { token: twice });
  if (has('mm') && !has('HH', 'H')) return fail('format.minutes-no-hour');
  const missing = [has('YYYY') ? '' : 'YYYY', has('MM', 'M') ? '' : 'MM', has('DD', 'D') ? '' : 'DD'].filter(Boolean);
  if (missing.length > 0) return fail('format.missing', { missing });
  if (has('HH', 'H') && !has('mm')) return fail('format.hour-no-minutes');
  if (has('ss') && !has('mm')) return fail('format.seconds-no-minutes');
  if (use === 'date' && has('HH', 'H')) return fail('format.date-with-time');
  if (use === 'datetime' && !has('HH', 'H')) return fail('format.datetime-no-time');
  if (use === 'input') {
    // `DMYYYY` could split `1112024` several ways: a one-or-two-digit token needs a separator after it.
    const loose = pieces.find((piece, index) => {
      const next = pieces[index + 1];
      return 'token' in piece && piece.token.length === 1 && next !== undefined && 'token' in next;
    });
    if (loose !== undefined && 'token' in loose) {
      return fail('format.loose-token', { token: loose.token });
    }
  }
  return undefined;
}

/** Reads a format written in a mapping; the message says what is wrong with it. */
export function parseDateFormat(text: string, use: FormatUse): Result<DateFormat> {
  if (text.trim() === '') return fail('format.empty');
  const split = splitFormat(text);
  if (!split.ok) return split;
  const pieces = split.value;
  const tokens = pieces.flatMap((piece) => ('token' in piece ? [piece.token] : []));
  const problem = checkTokens(pieces, tokens, use);
  return problem ?? ok({ text, pieces, tokens });
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the date exists on the calendar (no 2023-02-29, no month 13). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

const isRealTime = (clock: WallClock) => clock.hour <= 23 && clock.minute <= 59 && clock.second <= 59;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ISO_INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function matchFormat(text: string, format: DateFormat): WallClock | undefined {
  const source = format.pieces.map((piece) => ('token' in piece ? `(${TOKEN_DIGITS[piece.token]})` : escapeRegExp(piece.literal)));
  const match = new RegExp(`^${source.join('')}$`).exec(text);
  if (match === null) return undefined;
  const part = (...names: DateToken[]) => {
    const index = format.tokens.findIndex((token) => names.includes(token));
    return index < 0 ? 0 : Number(match[index + 1]);
  };
  return { year: part('YYYY'), month: part('MM', 'M'), day: part('DD', 'D'), hour: part('HH', 'H'), minute: part('mm'), second: part('ss') };
}

/**
 * Reads date text: ISO (`YYYY-MM-DD`, with an optional ` HH:mm[:ss]` or `T…` time) when there is no
 * input format, otherwise exactly the input format. Never guesses and never rolls over.
 */
export function readDateText(text: string, inputFormat?: DateFormat): Result<WallClock> {
  let clock: WallClock | undefined;
  if (inputFormat === undefined) {
    const match = ISO_INPUT.exec(text);
    if (match === null) return fail('value.not-iso-date', { text });
    const [year, month, day, hour, minute, second] = match.slice(1).map((digits) => Number(digits ?? 0));
    clock = { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 };
  } else {
    clock = matchFormat(text, inputFormat);
    if (clock === undefined) return fail('value.date-mismatch', { text, format: inputFormat.text });
  }
  const shown = inputFormat?.text ?? ISO_DATE;
  if (!isRealDate(clock.year, clock.month, clock.day)) return fail('value.not-real-date', { text, format: shown });
  if (!isRealTime(clock)) return fail('value.not-real-time', { text, format: shown });
  return ok(clock);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Writes a date through a format; tokens the format lacks are simply not written. */
export function formatWallClock(clock: WallClock, format: DateFormat): string {
  const values: Record<DateToken, string> = {
    YYYY: pad(clock.year, 4),
    MM: pad(clock.month, 2),
    M: String(clock.month),
    DD: pad(clock.day, 2),
    D: String(clock.day),
    HH: pad(clock.hour, 2),
    H: String(clock.hour),
    mm: pad(clock.minute, 2),
    ss: pad(clock.second, 2),
  };
  return format.pieces.map((piece) => ('token' in piece ? values[piece.token] : piece.literal)).join('');
}
