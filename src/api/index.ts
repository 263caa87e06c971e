// `wolkvox-bulk/client`: the raw API client, one call at a time, each answer classified; no pacing,
// retries, journal or reports (those are the jobs of the main entry point).
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
} from './client.js';
export type { CallKind, CallOutcome, CallReason, Logger, TokenInfo } from '../core/types.js';
