// Text in a workbook's XML (OOXML's ST_Xstring) cannot hold every character: XML turns a bare CR into a
// LF and forbids most control characters. Excel writes such a character as `_xHHHH_` (a CR is `_x000D_`,
// which is how a pasted CRLF survives in a cell), and a literal `_xHHHH_` text as `_x005F_xHHHH_`.

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
// What must be escaped on the way out: control characters other than TAB and LF, and a literal escape.
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/g;

/** The text a workbook cell holds, with Excel's `_xHHHH_` escapes decoded. */
export const decodeXstring = (text: string) =>
  text.includes('_x') ? text.replace(ESCAPE, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;

/** Text as a workbook cell must be written so that it reads back the same (the inverse of decodeXstring). */
export const encodeXstring = (text: string) =>
  text.replace(NEEDS_ESCAPE, (match) =>
    match.length === 1 ? `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_` : `_x005F${match}`,
  );
