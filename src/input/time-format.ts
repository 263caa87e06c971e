/**
 * Times of day with no date (issue 17, item 2). Excel stores 12:00 as 0.5 and shows it through a format
 * such as `hh:mm`; such a cell is read as the text it shows, since a date nobody typed (1899-12-30) would
 * be a lie. Only what time formats use is understood: h, m, s (elapsed in brackets), AM/PM, A/P,
 * fractions of a second, literals.
 */

// Bracketed parts that are not elapsed time ([Red], [$-409]), quoted text and escaped characters.
const NOT_TOKENS = /"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]/gi;

/** Whether a number format shows a time of day and no date: hours or seconds, no day, month-name or year. */
export function isTimeOnlyFormat(format: string): boolean {
  const bare = (format.split(';')[0] ?? '').replace(NOT_TOKENS, '');
  return /[hs]/i.test(bare) && !/[dy]/i.test(bare);
}

/** The built-in number formats that show a time only (ECMA-376 §18.8.30), by id. */
export const BUILT_IN_TIME_FORMATS: ReadonlyMap<number, string> = new Map([
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mm:ss.0'],
]);

const TOKEN = /"([^"]*)"|\\(.)|\[(h+|m+|s+)\]|\[[^\]]*\]|(am\/pm|a\/p)|(h+|m+|s+)(\.0+)?|(.)/gi;

/** A serial day number as a time-only format shows it: 0.5 in `hh:mm` → `12:00`, 1.5 in `[h]:mm` → `36:00`. */
export function formatTime(serial: number, format: string): string {
  const section = format.split(';')[0] ?? '';
  const fraction = /s+\.(0+)/i.exec(section)?.[1]?.length ?? 0;
  // Rounded once, to what the format shows, so 11:59:59.6 in hh:mm:ss is 12:00:00 as in Excel.
  const unit = 10 ** fraction;
  const total = Math.round(Math.abs(serial) * 86_400 * unit);
  const seconds = Math.floor(total / unit);
  const twelve = /am\/pm|a\/p/i.test(section);
  const hours = Math.floor(seconds / 3600) % 24;
  const pad = (value: number, token: string) => String(value).padStart(token.length >= 2 ? 2 : 1, '0');
  let text = '';
  for (const match of section.matchAll(TOKEN)) {
    const [, quoted, escaped, elapsed, meridiem, part, decimals] = match;
    if (quoted !== undefined) text += quoted;
    else if (escaped !== undefined) text += escaped;
    else if (elapsed !== undefined) {
      const unitSeconds = { h: 3600, m: 60, s: 1 }[elapsed[0]?.toLowerCase() as 'h' | 'm' | 's'];
      text += pad(Math.floor(seconds / unitSeconds), elapsed);
    } else if (meridiem !== undefined) {
      const pm = hours >= 12;
      text += meridiem.length > 3 ? (pm ? 'PM' : 'AM') : pm ? 'P' : 'A';
    } else if (part !== undefined) {
      const letter = part[0]?.toLowerCase();
      const value = letter === 'h' ? (twelve ? hours % 12 || 12 : hours) : letter === 'm' ? Math.floor(seconds / 60) % 60 : seconds % 60;
      text += pad(value, part);
      if (decimals !== undefined) text += `.${String(total % unit).padStart(fraction, '0')}`;
    } else if (match[0].startsWith('[')) {
      // a colour or locale: shows nothing
    } else text += match[7] ?? '';
  }
  return serial < 0 ? `-${text}` : text;
}
