import PQueue from 'p-queue';
import type { JobEvent } from '../core/events.js';
import { message, say, type Message } from '../core/say.js';
import { normalizeKey, type MatchRule } from '../mapping/match-key.js';
import { KeyIndex } from '../plan/key-index.js';
import type { MatchStrategy } from '../plan/options.js';
import { PAGE_SIZE, ReadStopped, type CrmRecord, type Reader } from './reads.js';

/** How keys are found: the module read once, one query.php per key, or whichever costs fewer calls. */
export type KeyStrategy = MatchStrategy;

/** What resolving keys has found so far, in the run's key index (each key's records). Completed in place. */
export interface KeyState {
  readonly index: KeyIndex;
  /** Module pages read (from the first, in order): a later session goes on from the next. */
  pages: number;
  /** The module read reached its end. */
  moduleRead: boolean;
  /** Calls spent on query.php. */
  queries: number;
  /** How the keys were found, once every one is. */
  done?: 'module' | 'query';
}

export const newKeyState = (index: KeyIndex): KeyState => ({ index, pages: 0, moduleRead: false, queries: 0 });

/** The keys to find: the run's key index, and their texts (each at least once, from the plan) for the queries. */
export interface KeySource {
  readonly index: KeyIndex;
  texts(): AsyncIterable<string> | Iterable<string>;
}

/** A key source over keys held in memory (a test, a small job). */
export function keysOf(keys: readonly string[]): KeySource {
  const index = new KeyIndex();
  for (const key of keys) index.add(key);
  index.seal();
  return { index, texts: () => keys };
}

/** A module page's records that hold a key: key, id, and the kept values. */
export type KeyHit = [key: string, id: string, values?: Record<string, unknown>];

export interface KeyContext {
  readonly reader: Reader;
  readonly rule: MatchRule;
  readonly state: KeyState;
  readonly onEvent: (event: JobEvent) => void;
  /** True once the job is stopping: no more reads start. */
  readonly stopped: () => boolean;
  /** Each key asked by query.php, once found (journalled by the caller, so a later session asks it no more). */
  readonly onKey?: (key: string, ids: readonly string[]) => void;
  /** Each module page once read, with its records holding a key (journalled, so a later session goes on from the next). */
  readonly onPage?: (page: number, hits: KeyHit[], last: boolean) => void;
  /** Labels whose values a module read keeps for the records holding a key (in the page's hits, journalled), so the read serves as the snapshot too. */
  readonly keep?: readonly string[];
}

/**
 * Finds the record of each key (distinct, normalised as the mapping says) before any update. `module` reads
 * the module's whole life (1 call per 250 records) and finds every key in it; `query` asks query.php for
 * each key (1 call each, more for a key on over 250 records). `auto` reads the module while its pages stay
 * fewer than the keys, and asks key by key only if the module is not read by then: never more than twice
 * the cheaper way, whatever the module's size (which no call tells in advance). A key compared other than
 * `exact` is always found by the module read: a CRM searching exactly would not find "1.234.567" asked for
 * "1234567". Whatever the CRM's search returns, a record counts only when its field, normalised the same
 * way, is the key. What `state` holds from an earlier session (pages read, keys asked) is not read again.
 * Resolves true once every key is known, false when the job stopped first.
 */
export async function resolveKeys(keys: KeySource, strategy: KeyStrategy, context: KeyContext): Promise<boolean> {
  const { state } = context;
  if (state.done) return true;
  const byModule = strategy === 'module' || (strategy === 'auto' && context.rule.compare !== 'exact');
  if (strategy !== 'query') {
    const read = await readModule(context, byModule ? Number.POSITIVE_INFINITY : state.index.size);
    if (read === 'stopped') return false;
    if (read === 'read') {
      state.done = 'module';
      return true;
    }
    // Keys found in part of the module may still be on a record of the pages not read: each is asked again.
    state.index.forgetUnknown();
  }
  if (!(await queryEach(keys, context))) return false;
  state.done = 'query';
  return true;
}

// The module page by page from the first not read yet, each record's field matched against the keys;
// 'read' once a short page ends it, 'cut' after `most` pages in all without reaching its end.
async function readModule(context: KeyContext, most: number): Promise<'read' | 'cut' | 'stopped'> {
  const { state, rule } = context;
  if (state.moduleRead) return 'read';
  for (;;) {
    if (state.pages >= most) return 'cut';
    if (context.stopped()) return 'stopped';
    let records: readonly CrmRecord[];
    try {
      records = await context.reader.modulePage(state.pages + 1);
    } catch (error) {
      if (error instanceof ReadStopped) return 'stopped';
      throw error;
    }
    const hits: KeyHit[] = [];
    for (const record of records) {
      const key = keyOf(record, rule);
      if (key === undefined || state.index.indexOf(key) < 0) continue;
      const id = String(record.wolkvox_id ?? '');
      hits.push(context.keep ? [key, id, Object.fromEntries(context.keep.filter((label) => label in record).map((label) => [label, record[label]]))] : [key, id]);
    }
    const last = records.length < PAGE_SIZE;
    context.onPage?.(state.pages + 1, hits, last);
    addPage(state, hits, last);
    context.onEvent({ type: 'reading', what: 'module', done: state.pages, calls: state.pages });
    if (last) return 'read';
  }
}

/** A module page's hits added to what is known: the same for a page read now and one read back from the journal. */
export function addPage(state: KeyState, hits: readonly KeyHit[], last: boolean): void {
  state.pages += 1;
  for (const [key, id] of hits) {
    const at = state.index.indexOf(key);
    if (at >= 0) state.index.addRecord(at, id);
  }
  if (last) {
    state.moduleRead = true;
    state.index.markAllKnown();
  }
}

/** A key's records as query.php found them: the same for a query made now and one read back from the journal. */
export function addAnswer(state: KeyState, key: string, ids: readonly string[]): void {
  const at = state.index.indexOf(key);
  if (at < 0 || state.index.isKnown(at)) return;
  for (const id of ids) state.index.addRecord(at, id);
  state.index.markKnown(at);
}

// One query.php per key not known yet (more pages for a key on 250 records or more), several queued at
// once: the pacer still lets only --concurrency of them be in flight.
async function queryEach(keys: KeySource, context: KeyContext): Promise<boolean> {
  const { state, rule } = context;
  const { index } = state;
  const reads = new PQueue({ concurrency: 8 });
  // Keys asked in this pass (the texts may repeat: rows of one key).
  const queued = new Uint8Array(index.size);
  let done = 0;
  let failure: unknown;
  for await (const key of keys.texts()) {
    if (failure !== undefined || context.stopped()) break;
    const at = index.indexOf(key);
    if (at < 0 || queued[at] === 1 || index.isKnown(at)) continue;
    queued[at] = 1;
    void reads.add(async () => {
      const ids: string[] = [];
      try {
        for (let page = 1; ; page += 1) {
          if (context.stopped()) return;
          const records = await context.reader.byField(rule.field, key, page);
          state.queries += 1;
          for (const record of records) if (keyOf(record, rule) === key) ids.push(String(record.wolkvox_id ?? ''));
          if (records.length < PAGE_SIZE) break;
        }
      } catch (error) {
        failure ??= error;
        return;
      }
      addAnswer(state, key, ids);
      context.onKey?.(key, ids);
      done += 1;
      context.onEvent({ type: 'reading', what: 'keys', done, calls: state.queries });
    });
    await reads.onSizeLessThan(8);
  }
  await reads.onIdle();
  if (failure !== undefined && !(failure instanceof ReadStopped)) throw failure;
  return index.knownCount() === index.size;
}

/** A record's key: its field as text (a typed field by its `value`), normalised as the mapping says. */
export function keyOf(record: CrmRecord, rule: MatchRule): string | undefined {
  let value = record[rule.field];
  if (value !== null && typeof value === 'object' && 'value' in value) value = value.value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const key = normalizeKey(String(value), rule.compare);
  return key === '' ? undefined : key;
}

// A row's message shows a few ids of a key on several records, and how many more.
const SHOWN_IDS = 5;

/**
 * Why a row's key gives it no record (`records` hold it, `ids` the first of them), or undefined when it gives
 * exactly one; `module` names the records' module when it is not the run's (a search field's lookup).
 */
export function keyProblemSaid(rule: Pick<MatchRule, 'field'>, key: string, ids: readonly string[], records = ids.length, module?: string): Message<'row.key-records'> | undefined {
  if (records === 1) return undefined;
  return message('row.key-records', { field: rule.field, key, records, ids: ids.slice(0, SHOWN_IDS), ...(module === undefined ? {} : { module }) });
}

/** The same, in English. */
export function keyProblem(...args: Parameters<typeof keyProblemSaid>): string | undefined {
  const said = keyProblemSaid(...args);
  return said && say(said, 'en');
}
