// The library's public surface: the jobs, what they take and give back, and what a program preparing a
// job needs (reading a file, a mapping, a run folder). Re-exports only. The simulated CRM is
// `wolkvox-bulk/mock` (src/mock/index.ts) and the raw API client `wolkvox-bulk/client` (src/api/index.ts).

// Errors and exit codes.
export { WolkvoxBulkError, isWolkvoxBulkError, type ErrorCode, type ErrorPlace } from './core/errors.js';
export { EXIT } from './core/exit-codes.js';
export { LANGS, message, say, type Lang, type Message, type MessageCode } from './core/say.js';

// The jobs.
export { validateFile, type ValidateOptions } from './run/validate.js';
export { runUpdate } from './run/update.js';
export { resumeRun, type ResumeOptions } from './run/resume.js';
export { verifyRun, type VerifyOptions } from './run/verify.js';
export { undoRun, type UndoOptions } from './run/undo.js';
export { readQuota, type QuotaOptions } from './run/quota.js';
export { runWatch, type WatchEvent, type WatchFileEnd, type WatchOptions, type WatchSummary } from './run/watch.js';
// After a job, unattended: what came of it posted to a webhook (JSON, Slack, Teams); retried, never failing the run.
export { errorNotice, notifyFailure, notifyRun, runNotice, sendNotice, type FailedJob, type NoticeContext, type NotifyFormat, type NotifyOptions, type NotifyOutcome, type RunNotice } from './run/notify.js';
// A job every day: the crontab line, systemd units or Windows task that run it (nothing installed).
export { planSchedule, type ScheduleFile, type ScheduleOptions, type SchedulePlan, type ScheduleSystem } from './run/schedule.js';
export { probe, type CostPerCall, type MissingIdBehaviour, type ProbeFindings, type ProbeOptions, type ProbeReport } from './run/probe.js';

// What they take and give back.
export type { UpdateOptions, ConnectionOptions, DuplicatePolicy, JobHooks, MatchStrategy, ReaderOverrides, SnapshotStrategy } from './plan/options.js';
// A job's settings as the jobs decide them (for a program's own form: the defaults, ranges and checks).
export { checkSettings, resolveJobSettings, settingsForForms, type RecordedSettings, type ResolvedSettings, type SettingsOverrides } from './plan/job-settings.js';
export type * from './core/types.js';
export type { JobEvent, Plan } from './core/events.js';
export type { PreflightReport, DuplicateId } from './plan/preflight.js';
export { normalizeServer } from './plan/server-url.js';

// Before a job: the input file and the mapping.
export { openInput, type ReadOptions } from './input/open.js';
export type { CsvFormat, InputSource, XlsxFormat } from './input/source.js';
export { cellText } from './input/cells.js';
export { loadMapping, checkMapping, type LoadedMapping } from './mapping/load.js';
export { draftMapping, guessMatchColumn, readSamples } from './mapping/draft.js';
export { inferType, type InferredType } from './mapping/infer-type.js';
export { unknownFieldNames, type UnknownField } from './mapping/field-names.js';
export { readFieldNames, type FieldNames, type FieldNamesOptions } from './run/field-names.js';
export { MAPPING_VOCABULARY } from './mapping/keys.js';
export type * from './mapping/types.js';

// After a job: its run folder and its log.
export { defaultRunDir, runPaths, type RunPaths } from './store/run-folder.js';
export { readRunFile, type RunFile, type FileFingerprint } from './store/run-file.js';
export { readUndoMark, type UndoMark } from './store/undo-mark.js';
export { planRows, readPlanHeader } from './store/plan-reader.js';
export { resumableFrom } from './store/resumable.js';
// The run history: the runs in a folder of run folders, newest first, from the index beside them.
export { DEFAULT_RUNS_FOLDER, listRuns, readRunRecord, type ListRunsOptions, type RunHistoryState, type RunRecord } from './run/runs.js';
// update --preview's lines (preview.csv), for a table of what would change; its counts and cost are the summary's `changes`.
export { readPreview } from './report/preview-read.js';
export type { PreviewLine, PreviewProblem } from './report/preview-file.js';
export { createRunLogger } from './store/run-log.js';
