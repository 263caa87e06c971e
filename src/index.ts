export { WolkvoxBulkError, isWolkvoxBulkError, type ErrorCode, type ErrorPlace } from './errors.js';
export type { CallKind, CallOutcome, CallReason, Logger, TokenInfo } from './types.js';
export { normalizeServer } from './api/server-url.js';
export { createClient, type ClientOptions, type TokenInfoResult, type UpdateRequest, type WolkvoxClient } from './api/client.js';
export { ANSWER_RULES, classify, type AnswerFacts } from './api/classify.js';
export { startMockServer, type MockServer, type MockStats, type RefusalKind } from './mock/server.js';
export type { MockFaults, MockServerOptions } from './mock/options.js';
export type { LedgerEntry } from './mock/ledger.js';
