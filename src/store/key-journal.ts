import fs from 'node:fs';
import { createInterface } from 'node:readline';

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

/** What the key journal holds: the keys asked one by one, the module pages read in order, and whether all is known. */
export interface KeyJournal {
  /** Keys asked by query.php, each with its records' ids. */
  readonly asked: Map<string, readonly string[]>;
  /** Module pages read, from the first, without a gap. */
  pages: number;
  /** The module's records holding a key, page after page: key, id, and the kept values. */
  readonly hits: Hit[];
  /** The module read reached its end. */
  moduleRead: boolean;
  done?: 'module' | 'query';
}

/** Reads keys.ndjson (none yet: nothing read). A line cut by a crash is a read made again. */
export async function readKeyJournal(file: string): Promise<KeyJournal> {
  const journal: KeyJournal = { asked: new Map(), pages: 0, hits: [], moduleRead: false };
  if (!fs.existsSync(file)) return journal;
  const lines = createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of lines) {
    let line: KeyLine;
    try {
      line = JSON.parse(raw) as KeyLine;
    } catch {
      continue;
    }
    if (line.t === 'key') journal.asked.set(line.k, line.ids);
    else if (line.t === 'done') journal.done = line.by;
    // Pages are written in order; one past a gap (never written so) would not be the module's next.
    else if (line.n === journal.pages + 1) {
      journal.pages = line.n;
      journal.hits.push(...line.hits);
      if (line.last) journal.moduleRead = true;
    }
  }
  return journal;
}

/** Appends to keys.ndjson, a line per read at once (each cost a call); `done` is made durable. */
export function openKeyLog(file: string) {
  const fd = fs.openSync(file, 'a', 0o600);
  const write = (line: KeyLine) => fs.writeSync(fd, `${JSON.stringify(line)}\n`);
  return {
    key: (key: string, ids: readonly string[]) => write({ t: 'key', k: key, ids: [...ids] }),
    page: (n: number, hits: Hit[], last: boolean) => write({ t: 'page', n, hits, ...(last ? { last } : {}) }),
    done(by: 'module' | 'query') {
      write({ t: 'done', by });
      fs.fdatasyncSync(fd);
    },
    close: () => fs.closeSync(fd),
  };
}

export type KeyLog = ReturnType<typeof openKeyLog>;
