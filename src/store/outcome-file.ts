import fs from 'node:fs';
import type { Message } from '../core/say.js';

/** What the row table keeps of an outcome besides its status and kind (which stay in memory). */
export interface OutcomeDetail {
  readonly httpStatus: number;
  readonly attempts: number;
  readonly ms: number;
  readonly call: number;
  readonly apiCode: string;
  readonly message: string;
  /** The note's message, when the run wrote the note itself. */
  readonly said?: Message | undefined;
}

// A note's message rides in its English's text, after a separator no note holds: the record keeps its width.
const SAID_MARK = '\u0000';

// A row's detail in 20 bytes at `ordinal × 20`: HTTP status and attempts (2 bytes each), milliseconds,
// call number and the references of its API code and message (4 bytes each; 0: none).
const RECORD = 20;
// Rows a page holds, and pages held in memory at once (about 2.6 MB): the rest is on disk.
const PAGE_ROWS = 4096;
const PAGES_HELD = 32;
// Texts remembered both ways, so a repeated message is written once and read back from memory.
const TEXTS_HELD = 1024;

/** Where texts go: a scratch file of their own (`[length][UTF-8]` each, a text's reference its offset + 1), or memory. */
class TextStore {
  readonly #fd: number | undefined;
  #end = 0;
  readonly #refOf = new Map<string, number>();
  readonly #textOf = new Map<number, string>();
  // Without a file every text stays in memory: a table of a test, or of a run folder's tool that keeps none.
  readonly #all: string[] | undefined;

  constructor(file: string | undefined) {
    this.#fd = file === undefined ? undefined : fs.openSync(file, 'w+', 0o600);
    this.#all = file === undefined ? [] : undefined;
  }

  ref(text: string): number {
    if (text === '') return 0;
    const known = this.#refOf.get(text);
    if (known !== undefined) return known;
    let ref: number;
    if (this.#fd === undefined) {
      this.#all?.push(text);
      ref = this.#all?.length ?? 0;
    } else {
      const bytes = Buffer.from(`\0\0\0\0${text}`, 'utf8');
      bytes.writeUInt32LE(bytes.length - 4, 0);
      for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(this.#fd, bytes, offset, bytes.length - offset, this.#end + offset);
      ref = this.#end + 1;
      this.#end += bytes.length;
    }
    if (this.#all) this.#refOf.set(text, ref);
    else {
      remember(this.#refOf, text, ref);
      remember(this.#textOf, ref, text);
    }
    return ref;
  }

  text(ref: number): string {
    if (ref === 0) return '';
    if (this.#all) return this.#all[ref - 1] ?? '';
    const known = this.#textOf.get(ref);
    if (known !== undefined || this.#fd === undefined) return known ?? '';
    const length = Buffer.alloc(4);
    fs.readSync(this.#fd, length, 0, 4, ref - 1);
    const bytes = Buffer.alloc(length.readUInt32LE(0));
    fs.readSync(this.#fd, bytes, 0, bytes.length, ref + 3);
    const text = bytes.toString('utf8');
    remember(this.#textOf, ref, text);
    return text;
  }

  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
  }
}

// A bounded map: the oldest entry goes when it is full.
function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= TEXTS_HELD) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

/**
 * Each row's outcome detail by ordinal, fixed width, in pages: the pages used last stay in memory, the
 * others go to a scratch file. Memory stays the same whatever the rows; a table without files (a test's)
 * keeps every page. The journal is the record; this is only where a session keeps what it folded from it.
 */
export class OutcomeFile {
  readonly #fd: number | undefined;
  readonly #files: readonly string[];
  readonly #texts: TextStore;
  // Pages by number, the least recently used first.
  readonly #pages = new Map<number, { readonly data: Buffer; dirty: boolean }>();
  #closed = false;
  #lastNumber = -1;
  #lastPage: { readonly data: Buffer; dirty: boolean } | undefined;

  /** `file`: the scratch file's path (its texts go beside it, in `file` + `.texts`); none keeps all in memory. */
  constructor(file?: string) {
    this.#fd = file === undefined ? undefined : fs.openSync(file, 'w+', 0o600);
    this.#files = file === undefined ? [] : [file, `${file}.texts`];
    this.#texts = new TextStore(this.#files[1]);
  }

  write(ordinal: number, detail: OutcomeDetail): void {
    const { data, at } = this.#slot(ordinal, true);
    data.writeUInt16LE(Math.min(detail.httpStatus, 0xffff), at);
    data.writeUInt16LE(Math.min(detail.attempts, 0xffff), at + 2);
    data.writeUInt32LE(Math.min(Math.round(detail.ms), 0xffffffff), at + 4);
    data.writeUInt32LE(detail.call, at + 8);
    data.writeUInt32LE(this.#texts.ref(detail.apiCode), at + 12);
    data.writeUInt32LE(this.#texts.ref(detail.said ? `${detail.message}${SAID_MARK}${JSON.stringify(detail.said)}` : detail.message), at + 16);
  }

  read(ordinal: number): OutcomeDetail {
    const { data, at } = this.#slot(ordinal, false);
    const text = this.#texts.text(data.readUInt32LE(at + 16));
    const mark = text.indexOf(SAID_MARK);
    return {
      httpStatus: data.readUInt16LE(at),
      attempts: data.readUInt16LE(at + 2),
      ms: data.readUInt32LE(at + 4),
      call: data.readUInt32LE(at + 8),
      apiCode: this.#texts.text(data.readUInt32LE(at + 12)),
      message: mark < 0 ? text : text.slice(0, mark),
      said: mark < 0 ? undefined : (JSON.parse(text.slice(mark + 1)) as Message),
    };
  }

  /** Closes and removes the scratch files (nothing in them outlives the session); once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#texts.close();
    for (const file of this.#files) fs.rmSync(file, { force: true });
    this.#pages.clear();
  }

  #slot(ordinal: number, dirty: boolean): { data: Buffer; at: number } {
    const number = Math.floor(ordinal / PAGE_ROWS);
    const at = (ordinal % PAGE_ROWS) * RECORD;
    // Rows come mostly in order: the page used last is asked again, and stays where it is.
    if (number === this.#lastNumber && this.#lastPage) {
      this.#lastPage.dirty ||= dirty;
      return { data: this.#lastPage.data, at };
    }
    let page = this.#pages.get(number);
    if (page) {
      // Used now: it goes to the end of the order.
      this.#pages.delete(number);
    } else {
      page = { data: Buffer.alloc(PAGE_ROWS * RECORD), dirty: false };
      if (this.#fd !== undefined) fs.readSync(this.#fd, page.data, 0, page.data.length, number * PAGE_ROWS * RECORD);
      if (this.#fd !== undefined && this.#pages.size >= PAGES_HELD) this.#evict();
    }
    page.dirty ||= dirty;
    this.#pages.set(number, page);
    this.#lastNumber = number;
    this.#lastPage = page;
    return { data: page.data, at };
  }

  #evict(): void {
    const [number, page] = this.#pages.entries().next().value as [number, { data: Buffer; dirty: boolean }];
    this.#pages.delete(number);
    if (number === this.#lastNumber) this.#lastPage = undefined;
    if (!page.dirty || this.#fd === undefined) return;
    for (let offset = 0; offset < page.data.length; ) offset += fs.writeSync(this.#fd, page.data, offset, page.data.length - offset, number * PAGE_ROWS * RECORD + offset);
  }
}
