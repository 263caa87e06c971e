import { logLines, openLog } from './read-log.js';

// keys.ndjson: what finding a `match` mapping's keys has read so far, one line per read as it comes, so a
// stop or a crash loses at most the reads in flight and a resume reads nothing again.
//   {"t":"key","k":"1234567","ids":["c1"]}                      a key asked by query.php, and its records
//   {"t":"page","n":3,"hits":[["1234567","c1",{…}]],"last":true} a module page: its records holding a key (and the
//                                                                snapshot's values of them, when kept)
//   {"t":"done","by":"module"}                                   every key is known

type Hit = [key: string, id: string, values?: Record<string, unknown>];

type KeyLine =
  | { t: 'key'; k: string; ids: string[] }
  | { t: 'page'; n: number; hits: Hit[]; last?: true }
  | { t: 'done'; by: 'module' | 'query' };

/** Where keys.ndjson's lines go as it is read back: each key asked, each module page in order, and the end. */
export interface KeyJournalVisitor {
  key(key: string, ids: readonly string[]): void;
  page(n: number, hits: readonly Hit[], last: boolean): void;
  done(by: 'module' | 'query'): void;
}

/**
 * Reads keys.ndjson back line by line into `visit` (none yet: nothing read), never all of it in memory.
 * A line cut by a crash is a read made again; a page past a gap (never written so) is not the module's next.
 * Resolves the pages and keys it gave.
 */
export async function replayKeyJournal(file: string, visit: KeyJournalVisitor): Promise<{ readonly pages: number; readonly keys: number }> {
  let pages = 0;
  let keys = 0;
  for await (const line of logLines<KeyLine>(file)) {
    if (line.t === 'key') {
      keys += 1;
      visit.key(line.k, line.ids);
    } else if (line.t === 'done') visit.done(line.by);
    else if (line.n === pages + 1) {
      pages = line.n;
      visit.page(line.n, line.hits, line.last === true);
    }
  }
  return { pages, keys };
}

/** The hits of keys.ndjson's module pages, a page at a time in order (a page past a gap is not the module's next). */
export async function* keyJournalPages(file: string): AsyncGenerator<readonly Hit[]> {
  let pages = 0;
  for await (const line of logLines<KeyLine>(file)) {
    if (line.t !== 'page' || line.n !== pages + 1) continue;
    pages = line.n;
    yield line.hits;
  }
}

/** Appends to keys.ndjson, a line per read at once (each cost a call); `done` is made durable. */
export function openKeyLog(file: string) {
  const log = openLog<KeyLine>(file);
  return {
    key: (key: string, ids: readonly string[]) => log.write({ t: 'key', k: key, ids: [...ids] }),
    page: (n: number, hits: Hit[], last: boolean) => log.write({ t: 'page', n, hits, ...(last ? { last } : {}) }),
    done(by: 'module' | 'query') {
      log.write({ t: 'done', by });
      log.sync();
    },
    close: log.close,
  };
}

export type KeyLog = ReturnType<typeof openKeyLog>;
