// What the simulated CRM checks in a well-formed call, and its token-information answer.
import { ANSWERS, type JsonAnswer } from './answers.js';
import type { LedgerEntry } from './ledger.js';
import type { ResolvedMockOptions } from './options.js';
import type { RefusalKind } from './stats.js';

export type CheckResult = { entry: Omit<LedgerEntry, 'seq' | 'time'> } | { refusal: RefusalKind; answer: JsonAnswer };

// The CRM's own checks on a well-formed call, in the order a PHP endpoint would plausibly make them.
export function checkUpdate(config: ResolvedMockOptions, body: string): CheckResult {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { refusal: 'parameters', answer: ANSWERS.missingParameters };
  }
  const { operation, module, fields, attachments } = parsed;
  const id = parsed['wolkvox-id'];
  const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';
  if (!nonEmpty(operation) || !nonEmpty(module) || !nonEmpty(id) || !isObject(fields)) {
    return { refusal: 'parameters', answer: ANSWERS.missingParameters };
  }
  if (attachments !== undefined && !(Array.isArray(attachments) && attachments.every((item) => typeof item === 'string'))) {
    return { refusal: 'parameters', answer: ANSWERS.missingParameters };
  }
  if (config.operations && !config.operations.has(operation)) return { refusal: 'operation', answer: ANSWERS.unknownOperation };
  if (config.modules && !config.modules.has(module)) return { refusal: 'module', answer: ANSWERS.unknownModule };
  if (config.knownIds && !config.knownIds.has(id)) return { refusal: 'notFound', answer: ANSWERS.notFound };
  const known = config.knownFields.get(module);
  const unknown = known ? Object.keys(fields).find((name) => !known.has(name)) : undefined;
  if (unknown !== undefined) return { refusal: 'field', answer: ANSWERS.unknownField(unknown, module) };
  return { entry: { operation, module, id, fields, attachments: Array.isArray(attachments) ? attachments.length : 0 } };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

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

