// What the simulated CRM checks in a well-formed call, and its token-information answer.
import { ANSWERS, type JsonAnswer } from './answers.js';
import type { LedgerEntry } from './ledger.js';
import type { ResolvedMockOptions } from './options.js';
import { READ_ONLY_FIELDS, type RecordStore } from './record-store.js';
import type { RefusalKind } from './stats.js';

export interface Refusal {
  readonly refusal: RefusalKind;
  readonly answer: JsonAnswer;
}

/** A record to apply, as the ledger will hold it (less what the ledger adds). */
export type RecordChange = Omit<LedgerEntry, 'seq' | 'time' | 'call' | 'endpoint'>;

export const PARAMETERS: Refusal = { refusal: 'parameters', answer: ANSWERS.missingParameters };

export const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The body as a JSON object, or undefined for anything else (SOME PARAMETERS ARE REQUIRED). */
export function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The operation and module, checked against the ones that exist. */
export function checkTarget(config: ResolvedMockOptions, operation: string, module: string): Refusal | undefined {
  if (config.operations && !config.operations.has(operation)) return { refusal: 'operation', answer: ANSWERS.unknownOperation };
  if (config.modules && !config.modules.has(module)) return { refusal: 'module', answer: ANSWERS.unknownModule };
  return undefined;
}

/** A field label the module does not have (read-only fields count as such where records are kept). */
export function unknownField(config: ResolvedMockOptions, store: RecordStore | undefined, module: string, names: Iterable<string>): string | undefined {
  const known = config.knownFields.get(module);
  for (const name of names) if ((known && !known.has(name)) || (store && READ_ONLY_FIELDS.has(name))) return name;
  return undefined;
}

/** One record's id and fields against the records and fields that exist. */
export function checkRecord(config: ResolvedMockOptions, store: RecordStore | undefined, change: RecordChange): Refusal | undefined {
  if ((config.knownIds && !config.knownIds.has(change.id)) || (store && !store.has(change.id))) {
    return { refusal: 'notFound', answer: ANSWERS.notFound };
  }
  const field = unknownField(config, store, change.module, Object.keys(change.fields));
  return field === undefined ? undefined : { refusal: 'field', answer: ANSWERS.unknownField(field, change.module) };
}

// update.php's checks, in the order a PHP endpoint would plausibly make them.
export function checkUpdate(config: ResolvedMockOptions, storeOf: (module: string) => RecordStore | undefined, body: string): { change: RecordChange } | Refusal {
  const parsed = parseObject(body);
  if (!parsed) return PARAMETERS;
  const { operation, module, fields, attachments } = parsed;
  const id = parsed['wolkvox-id'];
  if (!nonEmpty(operation) || !nonEmpty(module) || !nonEmpty(id) || !isObject(fields)) return PARAMETERS;
  if (attachments !== undefined && !(Array.isArray(attachments) && attachments.every((item) => typeof item === 'string'))) return PARAMETERS;
  const change = { operation, module, id, fields, attachments: Array.isArray(attachments) ? attachments.length : 0 };
  return checkTarget(config, operation, module) ?? checkRecord(config, storeOf(module), change) ?? { change };
}

export function tokenInfoAnswer(config: ResolvedMockOptions, usedToday: number, hoursToReset: number): JsonAnswer {
  const limit = Number.isFinite(config.quota) ? config.quota : 1_000_000;
  return {
    status: 200,
    error: 'null',
    msg: '1 records were are found',
    data: {
      description: 'token',
      token_limit: limit,
      token_use_today: usedToday,
      available_consumition_options: Math.max(0, limit - usedToday),
      hours_to_restart_count: hoursToReset,
    },
  };
}
