// The library's public surface: everything a script needs, nothing internal.
export { WolkvoxBulkError, isWolkvoxBulkError, type ErrorCode, type ErrorPlace } from './core/errors.js';
export { EXIT } from './core/exit-codes.js';
export type * from './core/types.js';

export { normalizeServer } from './api/server-url.js';
export { createClient, type ClientOptions, type TokenInfoResult, type UpdateRequest, type WolkvoxClient } from './api/client.js';
export { ANSWER_RULES, classify, type AnswerFacts } from './api/classify.js';

export { openInput, type ReadOptions } from './input/open.js';
export type { CsvFormat, InputSource, XlsxFormat } from './input/source.js';
export { formatNumber, cellText } from './input/cells.js';

export { loadMapping, checkMapping, type LoadedMapping } from './mapping/load.js';
export { compileMapping, type CompiledMapping, type MapResult } from './mapping/compile.js';
export { draftMapping, SCHEMA_URL } from './mapping/draft.js';
export { FIELD_TYPES, EMPTY_POLICIES, DECIMAL_MARKS, CASES, DELIMITERS, ENCODINGS, TYPE_OPTIONS } from './mapping/keys.js';
export type * from './mapping/types.js';

export { validateFile, type ValidateOptions } from './run/validate.js';
export { runUpdate } from './run/update.js';
export { resumeRun, type ResumeOptions } from './run/resume.js';
export type { UpdateOptions, ConnectionOptions } from './plan/options.js';
export type { BackoffOptions } from './send/backoff.js';
export { defaultRunDir, runPaths, type RunPaths } from './store/run-folder.js';
export { readRunFile, type RunFile, type FileFingerprint } from './store/run-file.js';
export type { PreflightReport, DuplicateId, ReaderOverrides } from './plan/preflight.js';
export type { DuplicatePolicy } from './plan/options.js';
export type { JobEvent, Plan } from './core/events.js';

export { startMockServer, type MockServer, type MockStats, type RefusalKind } from './mock/server.js';
export type { MockFaults, MockServerOptions } from './mock/options.js';
export type { LedgerEntry } from './mock/ledger.js';
