import { say, type Message } from './say.js';

/**
 * Every error the library throws on purpose. The code says what kind of problem it is (the CLI maps each
 * code to one exit code); the message says where and what to do, so it can be shown to a user as is.
 */
export type ErrorCode =
  // Usage and configuration (exit 2)
  | 'USAGE'
  | 'SERVER_INVALID'
  | 'TOKEN_MISSING'
  // Input files (exit 2)
  | 'INPUT_NOT_FOUND'
  | 'INPUT_FORMAT'
  | 'INPUT_EMPTY'
  | 'INPUT_ENCODING'
  | 'INPUT_TOO_LARGE'
  | 'CSV_QUOTE_NOT_CLOSED'
  | 'CSV_PARSE'
  | 'HEADER_INVALID'
  | 'SHEET_NOT_FOUND'
  // Mapping (exit 2)
  | 'MAPPING_NOT_FOUND'
  | 'MAPPING_INVALID'
  // Preflight found bad rows (exit 2, nothing sent)
  | 'ROWS_INVALID'
  | 'DUPLICATE_IDS'
  // Run folder (exit 2)
  | 'RUN_INVALID'
  | 'RUN_LOCKED'
  | 'RUN_CHANGED'
  | 'RUN_FOLDER'
  | 'RUN_DAMAGED'
  // The user declined the plan (exit 2, nothing sent)
  | 'CANCELLED'
  // Stopped by the API (exit 4), by the quota (exit 3), or by a write that failed mid-run (exit 3)
  | 'API_FATAL'
  | 'QUOTA_EXCEEDED'
  | 'WRITE_FAILED';

export interface ErrorPlace {
  /** The file the problem is in. */
  readonly file?: string;
  /** The line (CSV) or row (worksheet) a person sees. */
  readonly row?: number;
  /** The column (header name) or mapping key. */
  readonly column?: string;
}

export class WolkvoxBulkError extends Error {
  override readonly name = 'WolkvoxBulkError';
  readonly code: ErrorCode;
  /** What the message says, as a code and its parameters, for a skin to word in the person's language (`message` is the English). */
  readonly said?: Message;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  /** Extra machine-readable detail (for example the list of problems behind ROWS_INVALID). */
  readonly details?: unknown;

  constructor(
    code: ErrorCode,
    message: string | Message,
    options: ErrorPlace & { cause?: unknown; details?: unknown } = {},
  ) {
    super(typeof message === 'string' ? message : say(message, 'en'), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (typeof message !== 'string') this.said = message;
    if (options.file !== undefined) this.file = options.file;
    if (options.row !== undefined) this.row = options.row;
    if (options.column !== undefined) this.column = options.column;
    if (options.details !== undefined) this.details = options.details;
  }
}

export const isWolkvoxBulkError = (error: unknown): error is WolkvoxBulkError =>
  error instanceof WolkvoxBulkError;
