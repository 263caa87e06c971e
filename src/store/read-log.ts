import fs from 'node:fs';
import { createInterface } from 'node:readline';

// The logs of reads before writing (snapshot.ndjson, keys.ndjson): a JSON line per read, written at once
// (reads are few and each one cost a call), read back line by line, never all of it in memory.

/** A log's lines as written; a line cut by a crash is left out (that read is made again). None for no file. */
export async function* logLines<T>(file: string): AsyncGenerator<T> {
  if (!fs.existsSync(file)) return;
  const lines = createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of lines) {
    let line: T;
    try {
      line = JSON.parse(raw) as T;
    } catch {
      continue;
    }
    yield line;
  }
}

/** Appends to a log, a line at once; `sync` makes what is written durable (its last line, say). */
export function openLog<T>(file: string) {
  const fd = fs.openSync(file, 'a', 0o600);
  return {
    write: (line: T) => fs.writeSync(fd, `${JSON.stringify(line)}\n`),
    sync: () => fs.fdatasyncSync(fd),
    close: () => fs.closeSync(fd),
  };
}
