import type { ConnectionOptions, DuplicatePolicy, UpdateOptions } from '../index.js';
import { HttpError } from './http.js';

/**
 * The job options the page can set: the `update` and `resume` flags, under their library names.
 * `since` is a run folder's name here (the page offers the runs it lists); the route makes it a path.
 */
export type PageJobOptions = Partial<Omit<ConnectionOptions, 'token'>> &
  Partial<Pick<UpdateOptions, 'operation' | 'module' | 'duplicates' | 'skipInvalid' | 'limit' | 'dryRun' | 'reportFormat' | 'batchSize' | 'snapshot' | 'skipUnchanged' | 'verify' | 'since'>>;

const NUMBERS = ['concurrency', 'rate', 'retries', 'timeoutSeconds', 'maxCalls', 'maxFailureRate', 'limit', 'batchSize'] as const;
const BOOLEANS = ['waitForQuota', 'checkQuota', 'skipInvalid', 'dryRun', 'skipUnchanged', 'verify'] as const;
const CHOICES = { duplicates: ['error', 'first', 'last', 'all'], reportFormat: ['csv', 'xlsx'], snapshot: ['by-id', 'module', 'auto'] } as const;

/**
 * Takes the known options from the page's JSON, typed; an empty field means "the default". Ranges are
 * left to the library, which checks them once for the CLI and the page alike.
 */
export function pickJobOptions(value: unknown): PageJobOptions {
  const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const picked: Record<string, unknown> = {};
  const isSet = (entry: unknown) => entry !== undefined && entry !== null && entry !== '';
  for (const key of NUMBERS) {
    const entry = given[key];
    if (!isSet(entry)) continue;
    if (typeof entry !== 'number' || !Number.isFinite(entry)) throw new HttpError(400, `${key}: expected a number, got ${JSON.stringify(entry)}.`);
    picked[key] = entry;
  }
  for (const key of BOOLEANS) {
    const entry = given[key];
    if (!isSet(entry)) continue;
    if (typeof entry !== 'boolean') throw new HttpError(400, `${key}: expected true or false.`);
    picked[key] = entry;
  }
  for (const [key, allowed] of Object.entries(CHOICES)) {
    const entry = given[key];
    if (!isSet(entry)) continue;
    if (!(allowed as readonly unknown[]).includes(entry)) throw new HttpError(400, `${key}: expected one of ${allowed.join(', ')}.`);
    picked[key] = entry;
  }
  for (const key of ['server', 'operation', 'module', 'since']) {
    const entry = given[key];
    if (!isSet(entry)) continue;
    if (typeof entry !== 'string') throw new HttpError(400, `${key}: expected text.`);
    if (entry.trim() !== '') picked[key] = entry.trim();
  }
  return picked as PageJobOptions & { duplicates?: DuplicatePolicy };
}
