// `wolkvox-bulk/mock`: the simulated CRM, for trying mappings and testing scripts without a real one.
export { startMockServer, type MockServer, type MockStats, type RefusalKind } from './server.js';
export type { MockFaults, MockServerOptions } from './options.js';
export type { LedgerEntry } from './ledger.js';
export type { MockRecord } from './record-store.js';
export { loadMockRecords } from './records-file.js';
export type { BadRecordPolicy, UpdateManyOptions } from './update-many-options.js';
export type { MockReadOptions } from './read-options.js';
