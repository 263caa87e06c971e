// The library's public surface: everything a script needs, nothing internal.
export { WolkvoxBulkError, isWolkvoxBulkError, type ErrorCode, type ErrorPlace } from './core/errors.js';
export { EXIT } from './core/exit-codes.js';
export type * from './core/types.js';
export type { JobEvent, Plan } from './core/events.js';

export {
  createClient,
  type BatchOutcome,
  type BatchRecord,
  type ClientOptions,
  type QueryDatesRequest,
  type QueryRequest,
  type ReadOutcome,
  type ReadRecord,
  type TokenInfoResult,
  type UpdateManyRequest,
  type UpdateRequest,
  type WolkvoxClient,
} from './api/client.js';
export { ANSWER_RULES, classify, type AnswerFacts } from './api/classify.js';

export { openInput, type ReadOptions } from './input/open.js';
export type { CsvFormat, InputSource, XlsxFormat } from './input/source.js';
export { formatNumber, cellText } from './input/cells.js';

export { loadMapping, checkMapping, type LoadedMapping } from './mapping/load.js';
export { compileMapping, type CompiledMapping } from './mapping/compile.js';
export { draftMapping, SCHEMA_URL } from './mapping/draft.js';
export { FIELD_TYPES, EMPTY_POLICIES, DECIMAL_MARKS, CASES, DELIMITERS, ENCODINGS, TYPE_OPTIONS } from './mapping/keys.js';
export type * from './mapping/types.js';

export { normalizeServer } from './plan/server-url.js';
export { checkOptions, OPTION_RULES, type CheckedOption, type OptionNaming } from './plan/option-rules.js';
export type { UpdateOptions, ConnectionOptions, DuplicatePolicy, JobHooks, ReaderOverrides } from './plan/options.js';
export type { PreflightReport, DuplicateId } from './plan/preflight.js';
export { defaultRunDir, runPaths, type RunPaths } from './store/run-folder.js';
export { readRunFile, type RunFile, type FileFingerprint } from './store/run-file.js';
export { readUndoMark, type UndoMark } from './store/undo-mark.js';
export { resumableFrom } from './store/resumable.js';

export { validateFile, type ValidateOptions } from './run/validate.js';
export { runUpdate } from './run/update.js';
export { resumeRun, type ResumeOptions } from './run/resume.js';
export { verifyRun, type VerifyOptions } from './run/verify.js';
export { undoRun, type UndoOptions } from './run/undo.js';
export { readQuota, type QuotaOptions } from './run/quota.js';
export { probe, type CostPerCall, type MissingIdBehaviour, type ProbeFindings, type ProbeOptions, type ProbeReport } from './run/probe.js';

export { startMockServer, type MockServer, type MockStats, type RefusalKind } from './mock/server.js';
export type { MockFaults, MockServerOptions } from './mock/options.js';
export type { LedgerEntry } from './mock/ledger.js';
export type { MockRecord } from './mock/record-store.js';
export { loadMockRecords } from './mock/records-file.js';
export type { BadRecordPolicy, UpdateManyOptions } from './mock/update-many-options.js';
export type { MockReadOptions } from './mock/read-options.js';
