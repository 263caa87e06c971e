// The simulated CRM's records: one module's worth, seeded by the caller, changed by update.php and
// updateMany.php, read by query.php and queryDates.php.
import type { RecordProblem } from '../core/catalog/en-mock.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import type { SearchMode } from './read-options.js';

/** A record as seeded and as `server.records()` returns it: the id, field values by CRM label, read-only fields. */
export interface MockRecord {
  readonly wolkvox_id: string;
  readonly [label: string]: unknown;
}

/** The fields every record has and no update may write (the Postman collection's "campos predeterminados"). */
export const READ_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'wolkvox_id', 'wolkvox_usuario_creacion', 'wolkvox_fecha_creacion', 'wolkvox_origen', 'wolkvox_ip_address', 'wolkvox_owner',
]);

const CREATED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
// Seeded records without a creation date get one a minute apart from this, in the order given, so a
// date-range read returns them in that order.
const FIRST_CREATED = Date.UTC(2024, 0, 1);

/**
 * The first problem of seeded records, if any: each needs a non-empty `wolkvox_id` no other record has,
 * and a creation date (when given) in the CRM's "YYYY-MM-DD HH:mm:ss". `where` names a record's place.
 */
export function recordProblem(records: readonly MockRecord[], where: (index: number) => string): { index: number; problem: RecordProblem } | undefined {
  const seen = new Map<string, number>();
  for (const [index, record] of records.entries()) {
    const id: unknown = record.wolkvox_id;
    if (typeof id !== 'string' || id === '') return { index, problem: { kind: 'no-id' } };
    const first = seen.get(id);
    if (first !== undefined) return { index, problem: { kind: 'repeated-id', id, first: where(first) } };
    seen.set(id, index);
    const created = record.wolkvox_fecha_creacion;
    if (created !== undefined && !(typeof created === 'string' && CREATED.test(created))) {
      return { index, problem: { kind: 'bad-created', value: JSON.stringify(created) } };
    }
  }
  return undefined;
}

export class RecordStore {
  readonly #byId = new Map<string, Record<string, unknown>>();
  // Creation dates never change and no record is added, so the date order is computed once.
  readonly #byCreation: readonly Record<string, unknown>[];

  /** `name` says where the records came from in messages: `records`, `moduleRecords.empresas`. */
  constructor(records: readonly MockRecord[], name = 'records') {
    const where = (index: number) => `${name}[${index}]`;
    const problem = recordProblem(records, where);
    if (problem) throw new WolkvoxBulkError('USAGE', message('mock.records-seeded', { at: where(problem.index), problem: problem.problem }));
    records.forEach((record, index) => this.#byId.set(record.wolkvox_id, { ...withDefaults(index), ...structuredClone(record) }));
    this.#byCreation = [...this.#byId.values()].sort((a, b) => compare(created(a), created(b)) || compare(String(a.wolkvox_id), String(b.wolkvox_id)));
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Writes the fields sent, as sent; the others stay. */
  update(id: string, fields: Readonly<Record<string, unknown>>): void {
    const record = this.#byId.get(id);
    if (record) Object.assign(record, structuredClone(fields));
  }

  /**
   * Records whose field reads as `value` the way `search` compares (as text: 1500 finds "1500"; a typed
   * field by its `value`), in seeded order. An id is always compared exactly.
   */
  find(field: string, value: unknown, search: SearchMode = 'exact'): Record<string, unknown>[] {
    if (field === 'wolkvox_id') {
      const record = this.#byId.get(String(value));
      return record ? [record] : [];
    }
    const matches = matcher(asText(value), search);
    return [...this.#byId.values()].filter((record) => field in record && matches(asText(record[field])));
  }

  /**
   * Records created from `from` to `to` (both "YYYY-MM-DD HH:mm:ss", inclusive), by creation date then id:
   * `count` of them from the `offset`-th. Found by binary search in the date order, so a page of a
   * million-record module costs its own records, not the module's.
   */
  createdBetween(from: string, to: string, offset = 0, count = Number.POSITIVE_INFINITY): Record<string, unknown>[] {
    const first = this.#firstCreated((date) => date >= from);
    const end = this.#firstCreated((date) => date > to);
    const start = first + offset;
    return start >= end ? [] : this.#byCreation.slice(start, Math.min(end, start + count));
  }

  // The first index in the date order whose creation date passes `after` (false, then true, in that order).
  #firstCreated(after: (date: string) => boolean): number {
    let low = 0;
    let high = this.#byCreation.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (after(created(this.#byCreation[middle] as Record<string, unknown>))) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** A copy of every record, in seeded order. */
  snapshot(): MockRecord[] {
    return [...this.#byId.values()].map((record) => structuredClone(record) as MockRecord);
  }
}

function withDefaults(index: number): Record<string, unknown> {
  return {
    wolkvox_usuario_creacion: 'admin@mock',
    wolkvox_fecha_creacion: new Date(FIRST_CREATED + index * 60_000).toISOString().slice(0, 19).replace('T', ' '),
    wolkvox_origen: 'mock-server - /server/API/v2/custom/insert.php',
    wolkvox_ip_address: '127.0.0.1 - v2',
    wolkvox_owner: { user: 'api', nombre: 'api', id: 'api', email: 'api' },
  };
}

const created = (record: Record<string, unknown>) => String(record.wolkvox_fecha_creacion);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function matcher(wanted: string, search: SearchMode): (text: string) => boolean {
  if (search === 'exact') return (text) => text === wanted;
  const folded = wanted.toLowerCase();
  if (search === 'case-insensitive') return (text) => text.toLowerCase() === folded;
  return (text) => text.toLowerCase().includes(folded);
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'value' in value) return asText(value.value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
