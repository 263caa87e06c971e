import type { ErrorCode } from './errors.js';

/** The documented exit codes. */
export const EXIT = {
  /** Every row updated (or, for other commands, success). */
  ok: 0,
  /** The job finished and some rows failed. */
  someFailed: 1,
  /** Invalid input, mapping or usage: nothing was sent. */
  invalid: 2,
  /** Stopped early and resumable (interrupt, quota, --max-calls). */
  stopped: 3,
  /** Stopped on a fatal API answer (token, URL, operation, module). */
  fatal: 4,
  /** Every row was sent, but reading back (verify) found records that differ from what was sent, or are gone. */
  notAsSent: 5,
  /** A bug in the tool (sysexits' EX_SOFTWARE): please report it. */
  internal: 70,
} as const;

/** Each error code maps to one exit code. */
export const EXIT_FOR_ERROR: Readonly<Record<ErrorCode, number>> = {
  USAGE: EXIT.invalid,
  SERVER_INVALID: EXIT.invalid,
  TOKEN_MISSING: EXIT.invalid,
  INPUT_NOT_FOUND: EXIT.invalid,
  INPUT_FORMAT: EXIT.invalid,
  INPUT_EMPTY: EXIT.invalid,
  INPUT_ENCODING: EXIT.invalid,
  INPUT_TOO_LARGE: EXIT.invalid,
  CSV_QUOTE_NOT_CLOSED: EXIT.invalid,
  CSV_PARSE: EXIT.invalid,
  HEADER_INVALID: EXIT.invalid,
  SHEET_NOT_FOUND: EXIT.invalid,
  MAPPING_NOT_FOUND: EXIT.invalid,
  MAPPING_INVALID: EXIT.invalid,
  ROWS_INVALID: EXIT.invalid,
  DUPLICATE_IDS: EXIT.invalid,
  RUN_INVALID: EXIT.invalid,
  RUN_LOCKED: EXIT.invalid,
  RUN_CHANGED: EXIT.invalid,
  RUN_FOLDER: EXIT.invalid,
  RUN_DAMAGED: EXIT.invalid,
  CANCELLED: EXIT.invalid,
  API_FATAL: EXIT.fatal,
  QUOTA_EXCEEDED: EXIT.stopped,
  WRITE_FAILED: EXIT.stopped,
};
