import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logEntries, logLines, openLog } from '../../src/store/read-log.js';
import { tempDir } from '../helpers.js';

type Line = { n: number; text?: string };

async function all<T>(lines: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('the logs of reads (snapshot.ndjson, keys.ndjson)', () => {
  it('a line cut by a crash is left out, and the next line appended is not glued to it and lost with it', async () => {
    const file = path.join(tempDir(), 'reads.ndjson');
    fs.writeFileSync(file, '{"n":1}\n{"n":2,"te');
    const log = openLog<Line>(file);
    log.write({ n: 3 });
    log.close();
    expect(await all(logLines<Line>(file))).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('a last line whose newline alone was cut reads whole, and a line appended after it too', async () => {
    const file = path.join(tempDir(), 'reads.ndjson');
    fs.writeFileSync(file, '{"n":1}\n{"n":2}');
    expect(await all(logLines<Line>(file))).toEqual([{ n: 1 }, { n: 2 }]);
    const log = openLog<Line>(file);
    log.write({ n: 3 });
    log.close();
    expect(await all(logLines<Line>(file))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('says where each line is, so one can be read again by itself: across read chunks and in multi-byte text', async () => {
    const file = path.join(tempDir(), 'reads.ndjson');
    const log = openLog<Line>(file);
    // Lines long enough that the 64 KiB read chunks end inside them, some inside a two- or four-byte character.
    const written = Array.from({ length: 300 }, (_, n) => ({ n, text: `${'ñ'.repeat(n * 3)}😀${'a'.repeat(n % 7)}` }));
    const places = written.map((line) => log.write(line));
    const entries = await all(logEntries<Line>(file));
    expect(entries.map((entry) => entry.line)).toEqual(written);
    expect(entries.map(({ offset, length }) => ({ offset, length }))).toEqual(places);
    for (const at of [0, 1, 150, 299]) expect(log.readAt(places[at]!.offset, places[at]!.length)).toEqual(written[at]);
    log.close();
  });

  it('no file is no lines', async () => {
    expect(await all(logLines(path.join(tempDir(), 'none.ndjson')))).toEqual([]);
  });
});
