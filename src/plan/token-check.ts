// A wolkvox token, as public clients and the API page's own example show it, is the hex encoding of
// `{operation}-{YYYYMMDDhhmmss}` (braces around either part optional). Decoded, it says which operation it
// was made for and when: checked before any call, and said without the token or the rest of its text.

/** What a token's text says of itself: its operation and when it was made (the CRM's wall clock, no zone). */
export interface TokenShape {
  readonly operation: string;
  /** `YYYY-MM-DDThh:mm:ss`, as written in the token. */
  readonly madeAt: string;
}

const SHAPE = /^\{?([A-Za-z0-9_.-]+?)\}?-\{?(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\}?$/;

/** The token's operation and date when it decodes as a wolkvox token does; undefined for any other token. */
export function readTokenShape(token: string): TokenShape | undefined {
  const hex = token.trim();
  if (hex.length < 20 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(hex)) return undefined;
  const text = Buffer.from(hex, 'hex').toString('latin1');
  const parts = SHAPE.exec(text);
  if (!parts) return undefined;
  const [, operation = '', year, month, day, hour, minute, second] = parts;
  const madeAt = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  const time = new Date(`${madeAt}Z`);
  // A real calendar time: 2021-02-30 is no date.
  if (Number.isNaN(time.getTime()) || time.toISOString().slice(0, 19) !== madeAt) return undefined;
  return { operation, madeAt };
}

/** What the plan says of the token: the operation it was made for when it differs from the job's, and its age in whole days. */
export interface TokenNote {
  readonly operation?: string;
  readonly ageDays: number;
}

/** The token checked against the job's operation; undefined when the token does not decode as a wolkvox token. */
export function checkToken(token: string, operation: string, now: Date): TokenNote | undefined {
  const shape = readTokenShape(token);
  if (!shape) return undefined;
  // The date is the CRM's wall clock with no zone: read as UTC, the age is right to within a day.
  const ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(`${shape.madeAt}Z`)) / 86_400_000));
  return { ...(shape.operation === operation ? {} : { operation: shape.operation }), ageDays };
}
