import path from 'node:path';
import unzipper, { type CentralDirectoryFile } from 'unzipper';
import { WolkvoxBulkError } from '../errors.js';

/** A worksheet as listed in the workbook: its name and its XML part. */
export interface SheetEntry {
  readonly name: string;
  readonly part?: CentralDirectoryFile;
  readonly hasData: () => Promise<boolean>;
}

/** The parts of a workbook the reader needs, found through the zip's central directory. */
export interface WorkbookIndex {
  /** Worksheets in tab order (chart sheets left out). */
  readonly sheets: readonly SheetEntry[];
  readonly sharedStrings?: CentralDirectoryFile;
  readonly styles?: CentralDirectoryFile;
  /** Dates count from 1904 (old Mac workbooks) instead of 1900. */
  readonly date1904: boolean;
}

/**
 * Lists a workbook's sheets in tab order from `xl/workbook.xml` and its relationships, and finds the
 * shared strings and styles. Reading through the central directory lets every part be read in the
 * order the reader needs, whatever order the writer put them in the zip.
 */
export async function indexWorkbook(file: string): Promise<WorkbookIndex> {
  let directory: Awaited<ReturnType<typeof unzipper.Open.file>>;
  try {
    directory = await unzipper.Open.file(file);
  } catch (error) {
    throw damaged(file, error);
  }
  const entry = (name: string) => directory.files.find((candidate) => candidate.path.replace(/^\//, '') === name);
  const workbook = entry('xl/workbook.xml');
  const rels = entry('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw damaged(file);
  const [workbookXml, relsXml] = await Promise.all([text(workbook, file), text(rels, file)]);

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
    const target = targets.get(attribute(tag, 'r:id') ?? '');
    // Chart sheets and dialog sheets have no rows: leave them out.
    if (name === undefined || !target?.type.endsWith('/worksheet')) continue;
    const part = entry(target.path);
    sheets.push({ name, ...(part ? { part } : {}), hasData: () => (part ? sheetHasData(part) : Promise.resolve(false)) });
  }
  const sharedStrings = entry(byType('/sharedStrings') ?? 'xl/sharedStrings.xml');
  const styles = entry(byType('/styles') ?? 'xl/styles.xml');
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  return { sheets, ...(sharedStrings ? { sharedStrings } : {}), ...(styles ? { styles } : {}), date1904 };
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
