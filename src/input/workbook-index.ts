import { once } from 'node:events';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { WolkvoxBulkError } from '../core/errors.js';
import type { BookPlace, WorkbookPart } from '../core/catalog/en-errors2.js';
import { message } from '../core/say.js';
import { MAX_PART_BYTES, MAX_SHEET_BYTES, MAX_ZIP_ENTRIES, throwIfCancelled, tooLarge, type ReadGuard } from './limits.js';

/** One part (file) of the workbook's zip, read on demand. */
export interface ZipPart {
  /** Its path in the zip (`xl/sharedStrings.xml`). */
  readonly name: string;
  /** Its size unpacked, as the zip declares it (a stream that goes past it fails). */
  readonly size: number;
  stream(): Promise<Readable>;
  text(): Promise<string>;
}

/** A worksheet as listed in the workbook: its name and its XML part. */
export interface SheetEntry {
  readonly name: string;
  readonly part?: ZipPart;
  readonly hasData: () => Promise<boolean>;
}

/** The parts of a workbook the reader needs, found through the zip's central directory. */
export interface WorkbookIndex {
  /** Worksheets in tab order (chart sheets left out). */
  readonly sheets: readonly SheetEntry[];
  readonly sharedStrings?: ZipPart;
  readonly styles?: ZipPart;
  /** Dates count from 1904 (old Mac workbooks) instead of 1900. */
  readonly date1904: boolean;
  /** Closes the file (resolved once it is closed): call it when done, or on any error. */
  close(): Promise<void>;
}

/**
 * Lists a workbook's sheets in tab order from `xl/workbook.xml` and its relationships, and finds the
 * shared strings and styles. Reading through the central directory lets every part be read in the order
 * the reader needs, whatever order the writer put them in the zip; one file descriptor serves them all.
 */
export async function indexWorkbook(file: string, guard: ReadGuard = { file }): Promise<WorkbookIndex> {
  throwIfCancelled(guard);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw damaged(file, error);
  }
  // Every part stream not yet ended: each holds the file open, so closing destroys them first.
  const open = new Set<Readable>();
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      if (entries.size > MAX_ZIP_ENTRIES) throw tooLarge(file, { kind: 'zip-entries', name: path.basename(file), max: MAX_ZIP_ENTRIES });
    }
    const part = (name: string): ZipPart | undefined => {
      const entry = entries.get(name);
      return entry ? zipPart(zip, entry, open) : undefined;
    };
    const workbook = part('xl/workbook.xml');
    const rels = part('xl/_rels/workbook.xml.rels');
    if (!workbook || !rels) throw damaged(file);
    for (const whole of [workbook, rels]) checkPartSize(file, whole, MAX_PART_BYTES);
    const [workbookXml, relsXml] = await Promise.all([workbook.text(), rels.text()]);
    throwIfCancelled(guard);

    const targets = new Map<string, { path: string; type: string }>();
    for (const tag of relsXml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      // Targets are relative to xl/ unless absolute ("/xl/worksheets/sheet1.xml").
      if (id && target) targets.set(id, { path: target.startsWith('/') ? target.slice(1) : `xl/${target}`, type: attribute(tag, 'Type') ?? '' });
    }
    const byType = (suffix: string) => [...targets.values()].find((target) => target.type.endsWith(suffix))?.path;
    const sheets: SheetEntry[] = [];
    for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
      const name = attribute(tag, 'name');
      // The relationship attribute's prefix is whatever the file declares (usually r:id).
      const target = targets.get(/\s[\w.-]+:id="([^"]*)"/.exec(tag)?.[1] ?? '');
      // Chart sheets and dialog sheets have no rows: leave them out.
      if (name === undefined || !target?.type.endsWith('/worksheet')) continue;
      const sheetPart = part(target.path);
      sheets.push({ name, ...(sheetPart ? { part: sheetPart } : {}), hasData: () => (sheetPart ? sheetHasData(sheetPart, guard) : Promise.resolve(false)) });
    }
    const sharedStrings = part(byType('/sharedStrings') ?? 'xl/sharedStrings.xml');
    const styles = part(byType('/styles') ?? 'xl/styles.xml');
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
    return { sheets, ...(sharedStrings ? { sharedStrings } : {}), ...(styles ? { styles } : {}), date1904, close: () => closeZip(zip, open) };
  } catch (error) {
    await closeZip(zip, open);
    throw error instanceof WolkvoxBulkError ? error : damaged(file, error);
  }
}

// The zip's file closes only once every stream read from it has ended or been destroyed: a stream left
// halfway (a sheet whose header was refused) would keep `close` from ever coming (issue 17, item 4).
async function closeZip(zip: yauzl.ZipFile, open: Set<Readable>): Promise<void> {
  for (const stream of open) stream.destroy();
  open.clear();
  if (!zip.isOpen) return;
  const closed = once(zip, 'close');
  zip.close();
  await closed;
}

function zipPart(zip: yauzl.ZipFile, entry: yauzl.Entry, open: Set<Readable>): ZipPart {
  const name = entry.fileName.replace(/^\//, '');
  const stream = async () => {
    const readable = await zip.openReadStreamPromise(entry);
    open.add(readable);
    readable.once('close', () => open.delete(readable));
    return readable;
  };
  return {
    name,
    size: entry.uncompressedSize,
    stream,
    async text() {
      const chunks: Buffer[] = [];
      for await (const chunk of await stream()) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

// Reads a sheet's XML only until the first cell with a value: cheap for sheets with data. A sheet too
// large to read counts as having data: opening it says why it cannot be read.
async function sheetHasData(part: ZipPart, guard: ReadGuard): Promise<boolean> {
  if (part.size > MAX_SHEET_BYTES) return true;
  const valueTag = /<(?:\w+:)?v>[^<]|<(?:\w+:)?t(?:\s[^>]*)?>[^<]/;
  let tail = '';
  const stream = await part.stream();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfCancelled(guard);
      const piece = tail + chunk.toString('utf8');
      if (valueTag.test(piece)) return true;
      tail = piece.slice(-64);
    }
    return false;
  } finally {
    stream.destroy();
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]?.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_all, entity: string) =>
    entity.startsWith('#x') || entity.startsWith('#X')
      ? String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
      : entity.startsWith('#')
        ? String.fromCodePoint(Number(entity.slice(1)))
        : (ENTITIES[entity] ?? entity),
  );
}

/**
 * Refuses a part the reader would hold whole (or read for too long) by the size the zip declares for it.
 * `memory`: the reader holds it in memory (it only reads the others); `at` and `what` name it (by default
 * its path in the workbook's zip).
 */
export function checkPartSize(file: string, part: ZipPart, limit: number, named: { memory?: boolean; at?: BookPlace; what?: WorkbookPart } = {}): void {
  if (part.size > limit) {
    const { memory = false, at = { name: path.basename(file) }, what = { kind: 'zip', part: part.name } } = named;
    throw tooLarge(file, { kind: 'part', at, part: what, size: part.size, limit, memory });
  }
}

/** An error met while reading a part: the library's own (too large, cancelled) as it is, any other a damaged workbook. */
export const damagedUnlessKnown = (file: string, error: unknown) => (error instanceof WolkvoxBulkError ? error : damaged(file, error));

export const damaged = (file: string, cause?: unknown) =>
  new WolkvoxBulkError(
    'INPUT_FORMAT',
    message('input.damaged-workbook', { name: path.basename(file) }),
    { file, cause },
  );
