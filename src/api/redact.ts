/** What stands where the token was. */
export const REDACTED = '[token]';

// Below this length a token could be an ordinary word or a few letters: it is taken out only where it
// stands alone, or every message would be shredded.
const SHORT = 8;

/**
 * A server may echo the token back (in a message, a page title, a `code`). Every text taken from an
 * answer goes through this before it is stored or shown: it removes the token in any letter case (the
 * CRM's messages are upper case), URL-encoded, and with whitespace inside it (a line break in an HTML
 * page becomes a space once the text is normalised).
 */
export function createRedactor(token: string): (text: string) => string {
  if (token.trim() === '') return (text) => text;
  const forms = [...new Set([token, encodeURIComponent(token)])];
  const source =
    token.length < SHORT
      ? `(?<![A-Za-z0-9])(?:${forms.map((form) => escape(form)).join('|')})(?![A-Za-z0-9])`
      : forms.map((form) => Array.from(form, escape).join('\\s*')).join('|');
  const pattern = new RegExp(source, 'gi');
  return (text) => text.replace(pattern, REDACTED);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
