// `probe`: what this CRM's updateMany.php does where wolkvox has published nothing (issue 12 item 6),
// learned with 4 calls (5 when tokenInformation.php needs the other HTTP method) and no change of data.
import { randomBytes } from 'node:crypto';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { CallOutcome, Logger, TokenInfo } from '../core/types.js';
import { loadMapping, type LoadedMapping } from '../mapping/load.js';
import type { FieldSpec } from '../mapping/types.js';
import { resolveConnection } from '../plan/job-settings.js';
import type { ConnectionOptions } from '../plan/options.js';
import { openClient, type WolkvoxClient } from '../send/client.js';
import { isNotFound } from '../send/reads.js';
import { probeFindings, type ProbeFindings } from './probe-findings.js';

export type { CostPerCall, MissingIdBehaviour, ProbeFindings } from './probe-findings.js';

export interface ProbeOptions extends Pick<ConnectionOptions, 'server' | 'token' | 'timeoutSeconds'> {
  /** The wolkvox_id of a record you own: it is read and sent back with its own values. */
  readonly id: string;
  /** @default the mapping's `operation` */
  readonly operation?: string;
  /** @default the mapping's `module` */
  readonly module?: string;
  /** A mapping: only its fields of plain types (text, numbers, booleans, dates) are sent back. @default every field the read gives as plain text, a number or a boolean */
  readonly mapping?: string | LoadedMapping;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

/** What the probe sent and what it learned. */
export interface ProbeReport extends ProbeFindings {
  readonly server: string;
  readonly operation: string;
  readonly module: string;
  readonly id: string;
  /** The made-up id sent with the record: 24 hex characters, a creation time of 0, so no record has it. */
  readonly missingId: string;
  /** The labels sent back, each with the value the read gave. */
  readonly fields: readonly string[];
  /** How the labels were chosen: the mapping's plain fields, or every plain value of the read. */
  readonly chosenBy: 'mapping' | 'read';
  /** The mapping's labels not sent: not in the record, a typed field, or a value that is not plain. */
  readonly leftOut: readonly string[];
  /** The token's use before and after, when the CRM gave it. */
  readonly usedBefore?: number;
  readonly usedAfter?: number;
  /** Calls that reached the CRM: tokenInformation, query, updateMany, tokenInformation (+1 for a GET/POST fallback). */
  readonly calls: number;
}

// Mapping types sent as JSON values; the others (address, table, search, currency, telephone) are objects
// whose read form is not published, so sending back what a read shows could change them.
const PLAIN_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'date', 'datetime']);
// A probe needs 4 units at most: query, updateMany (2 if it costs one per record), and the reading after.
const UNITS_NEEDED = 4;

/**
 * Learns how updateMany.php answers on this CRM: reads the token's use, reads the record `id` with
 * query.php, sends it back unchanged through updateMany.php together with an id that cannot exist, and
 * reads the token's use again. Throws (nothing sent but the reads) when the record is not found or has
 * nothing that can be sent back as it was read.
 */
export async function probe(options: ProbeOptions): Promise<ProbeReport> {
  const loaded = typeof options.mapping === 'string' ? await loadMapping(options.mapping) : options.mapping;
  const operation = options.operation ?? loaded?.mapping.operation;
  const module = options.module ?? loaded?.mapping.module;
  if (!operation) throw new WolkvoxBulkError('USAGE', message('probe.missing-operation'));
  if (!module) throw new WolkvoxBulkError('USAGE', message('probe.missing-module'));
  const id = options.id.trim();
  if (id === '') throw new WolkvoxBulkError('USAGE', message('probe.missing-id-flag'));
  const connection = resolveConnection({ ...options, concurrency: 1, timeoutSeconds: options.timeoutSeconds ?? 30 });
  const client = openClient(connection, options.logger);
  const { signal } = options;
  let calls = 0;
  const reached = (outcome: CallOutcome) => (outcome.unreached ? 0 : 1);
  try {
    const before = await client.tokenInfo(operation, signal);
    calls += before.calls;
    stopOn(before.outcome, 'tokenInformation.php');
    if (before.info && before.info.available < UNITS_NEEDED) {
      throw new WolkvoxBulkError('QUOTA_EXCEEDED', message('probe.quota-low', { available: before.info.available, needed: UNITS_NEEDED, hours: before.info.hoursToReset }));
    }

    const read = await client.query({ operation, module, field: 'wolkvox_id', value: id }, signal);
    calls += reached(read);
    const record = recordOf(read, id, module);
    const chosen = chooseFields(record, loaded);
    if (chosen.fields.length === 0) throw nothingToSend(id, loaded, chosen.leftOut);

    const missingId = madeUpId(id);
    const sent = { id, fields: Object.fromEntries(chosen.fields.map((label) => [label, record[label]])) };
    const answer = await client.updateMany({ operation, module, records: [sent, { id: missingId, fields: sent.fields }] }, signal);
    calls += reached(answer);

    const after = await client.tokenInfo(operation, signal);
    calls += after.calls;
    const findings = probeFindings({ answer, records: 2, missingId, ...costFigures(before.info, after.info, before.outcome, after.outcome) });
    return {
      server: client.server,
      operation,
      module,
      id,
      missingId,
      fields: chosen.fields,
      chosenBy: loaded ? 'mapping' : 'read',
      leftOut: chosen.leftOut,
      ...(before.info ? { usedBefore: before.info.usedToday } : {}),
      ...(after.info ? { usedAfter: after.info.usedToday } : {}),
      ...findings,
      calls,
    };
  } finally {
    client.close();
  }
}

// Before anything is sent: a token the CRM refuses, or a quota already spent, ends the probe.
function stopOn(outcome: CallOutcome, endpoint: string): void {
  if (outcome.kind === 'quota') throw new WolkvoxBulkError('QUOTA_EXCEEDED', message('probe.quota-used', { endpoint, answer: outcome.message }));
  if (outcome.kind === 'fatal' && outcome.reason === 'auth') throw new WolkvoxBulkError('API_FATAL', message('probe.token-refused', { endpoint, answer: outcome.message }));
}

type Client = Pick<WolkvoxClient, 'query'>;
type ReadAnswer = Awaited<ReturnType<Client['query']>>;

// The record whose wolkvox_id is exactly `id`: a CRM that ignored the search and answered other records
// must not have their values sent to this id.
function recordOf(read: ReadAnswer, id: string, module: string): Readonly<Record<string, unknown>> {
  stopOn(read, 'query.php');
  const status = { ...(read.httpStatus ? { httpStatus: read.httpStatus } : {}), ...(read.apiCode ? { apiCode: read.apiCode } : {}) };
  if (read.kind !== 'ok' && !isNotFound(read)) {
    throw new WolkvoxBulkError('API_FATAL', message('probe.read-failed', { answer: read.message, ...status }));
  }
  const record = read.records?.find((candidate) => candidate.wolkvox_id === id);
  if (!record) {
    throw new WolkvoxBulkError('USAGE', message('probe.record-not-found', { id, module, answer: read.message, others: (read.records?.length ?? 0) > 0, ...status }));
  }
  return record;
}

// Values a read gives that can be sent back exactly: non-empty text, finite numbers, booleans. Never the
// read-only wolkvox_… fields, objects (typed fields, the owner), lists (attachments, tables) or empty
// values (an empty field may be unset, and sending "" would set it).
function isPlain(label: string, value: unknown): boolean {
  if (/^wolkvox[_-]/i.test(label)) return false;
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

function chooseFields(record: Readonly<Record<string, unknown>>, loaded: LoadedMapping | undefined): { fields: string[]; leftOut: string[] } {
  if (!loaded) return { fields: Object.keys(record).filter((label) => isPlain(label, record[label])), leftOut: [] };
  const fields: string[] = [];
  const leftOut: string[] = [];
  for (const [label, spec] of Object.entries(loaded.mapping.fields)) {
    (PLAIN_TYPES.has(typeOf(spec)) && label in record && isPlain(label, record[label]) ? fields : leftOut).push(label);
  }
  return { fields, leftOut };
}

const typeOf = (spec: FieldSpec): string => (typeof spec === 'string' ? 'string' : (spec.type ?? 'string'));

function nothingToSend(id: string, loaded: LoadedMapping | undefined, leftOut: readonly string[]): WolkvoxBulkError {
  return new WolkvoxBulkError('USAGE', message('probe.nothing-to-send', { id, ...(loaded ? { mappingFields: leftOut } : {}) }));
}

/** 24 hex characters like a real id, but with a creation time of 0 (1970): no record has it. */
function madeUpId(id: string): string {
  let candidate: string;
  do candidate = `00000000${randomBytes(8).toString('hex')}`;
  while (candidate === id.toLowerCase());
  return candidate;
}

// The token's use before and after, and why the cost is unknown when it is.
function costFigures(before: TokenInfo | undefined, after: TokenInfo | undefined, beforeOutcome: CallOutcome, afterOutcome: CallOutcome) {
  if (before && after) return { usedBefore: before.usedToday, usedAfter: after.usedToday };
  const missing = before ? afterOutcome : beforeOutcome;
  return { costUnknownBecause: message('probe.no-use', { when: before ? 'after' : 'before', answer: missing.message }) };
}
