import path from 'node:path';
import unzipper, { type CentralDirectoryFile } from 'unzipper';
import { WolkvoxBulkError } from '../errors.js';

/** A worksheet as listed in the workbook: its name and the number of its `sheetN.xml` part. */
export interface SheetEntry {
  readonly name: string;
  readonly part: number;
  readonly hasData: () => Promise<boolean>;
}

/**
 * Lists a workbook's sheets in tab order from `xl/workbook.xml` and its relationships, read through the
 * zip's central directory. The streaming reader alone cannot do this: it meets the sheets in zip order
 * and, in files written by openpyxl, before the part that names them.
 */
export async function indexWorkbook(file: string): Promise<SheetEntry[]> {
  let directory: Awaited<ReturnType<typeof unzipper.Open.file>>;
  try {
    directory = await unzipper.Open.file(file);
  } catch (error) {
    throw damaged(file, error);
  }
  const entry = (name: string) => directory.files.find((candidate) => candidate.path === name);
  const workbook = entry('xl/workbook.xml');
  const rels = entry('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw damaged(file);
  const [workbookXml, relsXml] = await Promise.all([text(workbook, file), text(rels, file)]);

  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, target);
  }
  const sheets: SheetEntry[] = [];
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, 'name');
    const target = targets.get(attribute(tag, 'r:id') ?? '') ?? '';
    const part = /worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
    // Chart sheets and dialog sheets have no rows: leave them out.
    if (name === undefined || part === undefined) continue;
    const xml = entry(`xl/worksheets/sheet${part}.xml`);
    sheets.push({ name, part: Number(part), hasData: () => (xml ? sheetHasData(xml) : Promise.resolve(false)) });
  }
  return sheets;
}

async function text(entry: CentralDirectoryFile, file: string): Promise<string> {
  try {
    return (await entry.buffer()).toString('utf8');
  } catch (error) {
    throw damaged(file, error);
  }
}

// Reads a sheet's XML only until the first cell with a value: cheap for sheets with data.
async function sheetHasData(entry: CentralDirectoryFile): Promise<boolean> {
  const valueTag = /<(?:\w+:)?v>[^<]|<(?:\w+:)?t(?:\s[^>]*)?>[^<]/;
  let tail = '';
  const stream = entry.stream();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const piece = tail + chunk.toString('utf8');
      if (valueTag.test(piece)) return true;
      tail = piece.slice(-64);
    }
    return false;
  } finally {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return match?.[1]?.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_all, entity: string) =>
    entity.startsWith('#x') || entity.startsWith('#X')
      ? String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
      : entity.startsWith('#')
        ? String.fromCodePoint(Number(entity.slice(1)))
        : (ENTITIES[entity] ?? entity),
  );
}

export const damaged = (file: string, cause?: unknown) =>
  new WolkvoxBulkError(
    'INPUT_FORMAT',
    `Damaged workbook: ${path.basename(file)} could not be opened as an Excel workbook (it may be incomplete or corrupted). Open it in Excel or LibreOffice and save it again as .xlsx.`,
    { file, cause },
  );
