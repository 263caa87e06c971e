// query.php and queryDates.php: the stored records, a page at a time. Reads spend quota and meet the
// same limits and faults as updates; the server does that part.
import { ANSWERS, type JsonAnswer } from './answers.js';
import { PARAMETERS, checkTarget, nonEmpty, parseObject, unknownField, type Refusal } from './checks.js';
import type { Endpoint, EndpointContext, Outcome } from './endpoint.js';
import { READ_ONLY_FIELDS } from './record-store.js';

/** The most records a read returns in one call, whatever `limit` asks (the collection's maximum). */
export const PAGE_CAP = 250;

export const query: Endpoint = (context, body) => {
  const parsed = parseObject(body);
  if (!parsed) return refused(PARAMETERS);
  const { operation, module, field, value } = parsed;
  const page = pageOf(parsed);
  if (!nonEmpty(operation) || !nonEmpty(module) || !nonEmpty(field) || !isScalar(value) || !page) return refused(PARAMETERS);
  const target = checkTarget(context.config, operation, module);
  if (target) return refused(target);
  if (!READ_ONLY_FIELDS.has(field) && unknownField(context.config, undefined, module, [field]) !== undefined) {
    return refused({ refusal: 'field', answer: ANSWERS.unknownField(field, module) });
  }
  const found = context.storeOf(module)?.find(field, value, context.config.reads.search) ?? [];
  if (found.length === 0 && field === 'wolkvox_id' && context.config.reads.missingId === 'error') {
    return refused({ refusal: 'notFound', answer: ANSWERS.notFound });
  }
  return answer(context, module, found.slice((page.page - 1) * page.limit, page.page * page.limit), false);
};

export const queryDates: Endpoint = (context, body) => {
  const parsed = parseObject(body);
  if (!parsed) return refused(PARAMETERS);
  const { operation, module, date } = parsed;
  const from = dateBound(parsed.from);
  const to = dateBound(parsed.to);
  const page = pageOf(parsed);
  // `date` is the collection's switch for a date-range read: it must be true.
  if (!nonEmpty(operation) || !nonEmpty(module) || (date !== true && date !== 'true') || !from || !to || !page) return refused(PARAMETERS);
  const target = checkTarget(context.config, operation, module);
  if (target) return refused(target);
  const data = context.storeOf(module)?.createdBetween(from, to, (page.page - 1) * page.limit, page.limit) ?? [];
  return answer(context, module, data, context.config.reads.datesShape === 'bare');
};

const refused = (refusal: Refusal): Outcome => ({ kind: 'refused', ...refusal });

const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

interface Page {
  readonly limit: number;
  readonly page: number;
}

// `limit` (1 and up, capped at 250; 250 when absent) and `page` (1-based, as the collection's examples
// "page": 1 and "page": 2 read; 1 when absent). Page 0 is refused rather than read as page 1, so a
// client counting from 0 shows up here instead of reading the first page twice.
function pageOf(body: Record<string, unknown>): Page | undefined {
  const limit = wholeNumber(body.limit ?? PAGE_CAP);
  const page = wholeNumber(body.page ?? 1);
  return limit === undefined || page === undefined ? undefined : { limit: Math.min(limit, PAGE_CAP), page };
}

function wholeNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 1 ? number : undefined;
}

// "YYYY-MM-DD HH:mm" (the collection's form) or with seconds, as "YYYY-MM-DD HH:mm:ss" to compare with
// creation dates as text: "23:59" is 23:59:00, so a record created at 23:59:30 is after it.
function dateBound(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  return value.length === 16 ? `${value}:00` : value;
}

// `records`: the page's records, already cut to the page asked for.
function answer(context: EndpointContext, module: string, records: readonly Record<string, unknown>[], bare: boolean): Outcome {
  const data = records.map((record) => readForm(context, module, record));
  const answer: JsonAnswer = { status: 200, error: 'null', msg: `${data.length} records were are found`, data, ...(bare ? { bare } : {}) };
  return { kind: 'ok', answer, applied: 0 };
}

// A record as a read returns it: every field the module is known to have ("" when never set), then the
// record's own values, typed fields in the form the `reads.typedFields` switch says.
function readForm(context: EndpointContext, module: string, record: Record<string, unknown>): Record<string, unknown> {
  const known = context.config.knownFields.get(module) ?? [];
  const form: Record<string, unknown> = Object.fromEntries([...known].map((label) => [label, '']));
  for (const [label, value] of Object.entries(record)) form[label] = structuredClone(readValue(context, label, value));
  return form;
}

function readValue(context: EndpointContext, label: string, value: unknown): unknown {
  const typed = !READ_ONLY_FIELDS.has(label) && value !== null && typeof value === 'object' && !Array.isArray(value) && 'type' in value && 'value' in value;
  return typed && context.config.reads.typedFields === 'value' ? value.value : value;
}
