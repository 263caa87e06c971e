/** What stands where the token was. */
export const REDACTED = '[token]';

// Below this length a token could be an ordinary word or a few letters: it is taken out only where it
// stands alone, or every message would be shredded.
const SHORT = 8;

// Between two characters of an echoed token: the whitespace a line break becomes once text is normalised.
const GAP = '\\s*';

/**
 * A server may echo the token back (in a message, a page title, a `code`), in whatever form it had it
 * in: as sent, upper-cased (the CRM's messages are upper case), JSON-escaped (`\/`, `\"`, `\u0041`, or
 * twice over when a message quotes a JSON text), URL-encoded, as HTML character references, or in
 * base64 (an Authorization header echoed back, the token alone or after a `user:`). Every text taken
 * from an answer goes through this, after `plainText`, before it is stored or shown: every such form is
 * replaced, with whitespace allowed inside it (a line break in an HTML page).
 */
export function createRedactor(token: string): (text: string) => string {
  if (token.trim() === '') return (text) => text;
  const spelled = Array.from(token, spellings);
  const source =
    token.length < SHORT
      ? `(?<![A-Za-z0-9])${spelled.join('')}(?![A-Za-z0-9])`
      : [spelled.join(GAP), ...base64Forms(token).map((form) => Array.from(form, escape).join(GAP))].join('|');
  const pattern = new RegExp(source, 'gi');
  return (text) => text.replace(pattern, REDACTED);
}

// One character of the token in any of the encodings above: itself after any number of backslashes
// (JSON escapes it once, a quoted JSON text twice), %XX per UTF-8 byte, \uXXXX, &#N; or &#xN;.
function spellings(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const percent = Array.from(Buffer.from(char), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  const units = Array.from({ length: char.length }, (_, index) => `\\\\+u${char.charCodeAt(index).toString(16).padStart(4, '0')}`).join('');
  return `(?:\\\\*${escape(char)}|${percent}|${units}|&#0*${code};|&#x0*${code.toString(16)};)`;
}

/**
 * The token's base64 wherever it stands in a longer encoded text: its bytes fall on one of three
 * alignments, and in each, the characters whose six bits all come from the token are always the same
 * (the one or two at each end that share bits with the neighbours are not, and stay). Standard and URL alphabets.
 */
function base64Forms(token: string): string[] {
  const bytes = Buffer.from(token);
  const forms = [0, 1, 2].flatMap((lead) => {
    const text = Buffer.concat([Buffer.alloc(lead), bytes, Buffer.alloc(2)]).toString('base64');
    const stable = text.slice(Math.ceil((8 * lead) / 6), Math.floor((8 * (lead + bytes.length)) / 6));
    return [stable, stable.replaceAll('+', '-').replaceAll('/', '_')];
  });
  return [...new Set(forms)];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Line breaks, tabs and the Unicode line and paragraph separators: a message is one line.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// The rest of C0 and C1 (ESC and CSI start the sequences that clear a screen or move the cursor), DEL,
// and the invisible marks that reorder or hide text (bidi overrides and isolates, zero-width characters).
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Server text made safe to print and show: line breaks and tabs become spaces, every other control
 * character is removed, and nothing else changes. An escape sequence loses its ESC, so what is left of
 * it (`[2J`) is shown as text, not obeyed by a terminal.
 */
export const plainText = (text: string): string => text.replace(BREAKS, ' ').replace(CONTROLS, '');
