import fs from 'node:fs/promises';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import { throwIfCancelled } from './limits.js';
import { sniff, SNIFF_BYTES } from './sniff.js';
import type { Delimiter, Encoding, InputSource } from './source.js';

/** How to read an input file; every reader option a mapping or a flag can set. */
export interface ReadOptions {
  readonly file: string;
  /** Worksheet name or 1-based position. @default the first sheet with data */
  readonly sheet?: string | number;
  /** Line (CSV) or row (worksheet) holding the column names; rows above it are ignored. @default 1 */
  readonly headerRow?: number;
  /** CSV delimiter. @default sniffed from the header line among , ; tab | */
  readonly delimiter?: Delimiter;
  /** CSV encoding. @default 'auto' (BOM, else UTF-8, else Windows-1252) */
  readonly encoding?: Encoding | 'auto';
  /** Stops the reading (opening and rows) with a CANCELLED error once it fires: the caller has left. */
  readonly signal?: AbortSignal;
}

const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls']);

const APP_EXTENSIONS: Readonly<Record<string, 'ods' | 'numbers'>> = { '.ods': 'ods', '.numbers': 'numbers' };

/** Opens a CSV or XLSX file, reads its header, and returns its rows as a stream. */
export async function openInput(options: ReadOptions): Promise<InputSource> {
  const file = options.file;
  const name = path.basename(file);
  throwIfCancelled({ file, ...(options.signal ? { signal: options.signal } : {}) });
  const sniffed = sniff(await readHead(file));
  const headerRow = options.headerRow ?? 1;
  const extension = path.extname(file).toLowerCase();

  if (sniffed.kind === 'ole') {
    throw new WolkvoxBulkError('INPUT_FORMAT', message('input.unreadable-workbook', { name }), { file });
  }
  // Another application's spreadsheet, whatever its name says: renaming it would not make it a workbook.
  const app = (sniffed.kind === 'zip' ? sniffed.app : undefined) ?? APP_EXTENSIONS[extension];
  if (app !== undefined) throw new WolkvoxBulkError('INPUT_FORMAT', message('input.other-app', { name, app }), { file });
  if (sniffed.kind === 'binary') {
    throw new WolkvoxBulkError('INPUT_FORMAT', message('input.binary', { name, format: sniffed.format, ...(sniffed.controls ? { controls: sniffed.controls } : {}) }), { file });
  }
  if (WORKBOOK_EXTENSIONS.has(extension)) {
    if (sniffed.kind === 'empty') throw new WolkvoxBulkError('INPUT_EMPTY', message('input.empty-file', { name }), { file });
    if (sniffed.kind !== 'zip') throw new WolkvoxBulkError('INPUT_FORMAT', message('input.not-a-workbook', { name, extension }), { file });
    // Each reader is loaded when a file of its kind is opened: a CSV needs no zip or XML parser, and a
    // workbook no CSV parser.
    const { openXlsx } = await import('./xlsx.js');
    return openXlsx({ file, headerRow, ...(options.sheet === undefined ? {} : { sheet: options.sheet }), ...(options.signal ? { signal: options.signal } : {}) });
  }
  if (sniffed.kind === 'zip') {
    throw new WolkvoxBulkError('INPUT_FORMAT', message('input.zip-not-text', { name, extension }), { file });
  }
  const encoding = options.encoding ?? 'auto';
  if (sniffed.kind === 'utf16' && encoding !== sniffed.encoding) {
    throw new WolkvoxBulkError('INPUT_ENCODING', message('input.utf16-no-bom', { name, encoding: sniffed.encoding }), { file });
  }
  const { openCsv } = await import('./csv.js');
  return openCsv({ file, headerRow, encoding, ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.signal ? { signal: options.signal } : {}) });
}

async function readHead(file: string): Promise<Buffer> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'folder' : code === 'EACCES' ? 'denied' : 'other';
    throw new WolkvoxBulkError('INPUT_NOT_FOUND', message('input.cannot-read', { path: path.resolve(file), reason, ...(reason === 'other' ? { detail: (error as Error).message } : {}) }), { file, cause: error });
  } finally {
    await handle?.close();
  }
}
