import fs from 'node:fs';

// The logs of reads before writing (snapshot.ndjson, keys.ndjson): a JSON line per read, written at once
// (reads are few and each one cost a call), read back line by line, never all of it in memory.

/** A line of a log as written, and where it is in the file (to read it again by itself). */
export interface LogLine<T> {
  readonly line: T;
  readonly offset: number;
  readonly length: number;
}

const NEWLINE = 0x0a;

/**
 * A log's lines as written, with their place in the file; a line cut by a crash is left out (that read is
 * made again). None for no file.
 */
export async function* logEntries<T>(file: string): AsyncGenerator<LogLine<T>> {
  if (!fs.existsSync(file)) return;
  // Bytes, not text: a line's offset is needed to read it again, and a chunk may end inside a character.
  let carry: Buffer | undefined;
  let offset = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      const line = parseLine<T>(bytes, start, end);
      if (line !== undefined) yield { line, offset: offset + start, length: end + 1 - start };
      start = end + 1;
    }
    offset += start;
    carry = start < bytes.length ? bytes.subarray(start) : undefined;
  }
  // A last line with no newline: a crash cut it, or only its newline (then it reads whole and counts).
  const line = carry ? parseLine<T>(carry, 0, carry.length) : undefined;
  if (carry && line !== undefined) yield { line, offset, length: carry.length };
}

/** A log's lines as written; a line cut by a crash is left out (that read is made again). None for no file. */
export async function* logLines<T>(file: string): AsyncGenerator<T> {
  for await (const entry of logEntries<T>(file)) yield entry.line;
}

function parseLine<T>(bytes: Buffer, start: number, end: number): T | undefined {
  try {
    return JSON.parse(bytes.toString('utf8', start, end)) as T;
  } catch {
    return undefined;
  }
}

/**
 * Appends to a log, a line at once; `sync` makes what is written durable (its last line, say). A line a
 * crash cut is ended first, so the next line written is not glued to it and lost with it. `write` says
 * where its line went, and `readAt` reads a line back from there.
 */
export function openLog<T>(file: string) {
  const fd = fs.openSync(file, 'a+', 0o600);
  let size = fs.fstatSync(fd).size;
  if (size > 0 && lastByte(fd, size) !== NEWLINE) size += fs.writeSync(fd, '\n');
  let buffer = Buffer.alloc(0);
  return {
    write(line: T): { readonly offset: number; readonly length: number } {
      const offset = size;
      const length = fs.writeSync(fd, `${JSON.stringify(line)}\n`);
      size += length;
      return { offset, length };
    },
    /** The line written at `offset` (`length` bytes with its newline), or undefined when it is not a line. */
    readAt(offset: number, length: number): T | undefined {
      if (buffer.length < length) buffer = Buffer.alloc(Math.max(length, buffer.length * 2, 256));
      const read = fs.readSync(fd, buffer, 0, length, offset);
      if (read !== length) return undefined;
      return parseLine<T>(buffer, 0, buffer[length - 1] === NEWLINE ? length - 1 : length);
    },
    sync: () => fs.fdatasyncSync(fd),
    close: () => fs.closeSync(fd),
  };
}

function lastByte(fd: number, size: number): number | undefined {
  const byte = Buffer.alloc(1);
  return fs.readSync(fd, byte, 0, 1, size - 1) === 1 ? byte[0] : undefined;
}
