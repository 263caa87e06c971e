import fs from 'node:fs/promises';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
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

const APPS = {
  ods: { name: 'an OpenDocument spreadsheet (LibreOffice, OpenOffice)', save: 'File > Save As > Excel 2007-365 (.xlsx)' },
  numbers: { name: 'an Apple Numbers spreadsheet', save: 'File > Export To > Excel' },
} as const;
const APP_EXTENSIONS: Readonly<Record<string, keyof typeof APPS>> = { '.ods': 'ods', '.numbers': 'numbers' };

/** Opens a CSV or XLSX file, reads its header, and returns its rows as a stream. */
export async function openInput(options: ReadOptions): Promise<InputSource> {
  const file = options.file;
  const name = path.basename(file);
  throwIfCancelled({ file, ...(options.signal ? { signal: options.signal } : {}) });
  const sniffed = sniff(await readHead(file));
  const headerRow = options.headerRow ?? 1;
  const extension = path.extname(file).toLowerCase();
  const named = extension === '' ? 'with no extension' : `named ${extension}`;

  if (sniffed.kind === 'ole') {
    throw new WolkvoxBulkError(
      'INPUT_FORMAT',
      `Unreadable workbook: ${name} is password-protected or in the old Excel 97-2003 (.xls) format. Open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx, or save it as CSV UTF-8.`,
      { file },
    );
  }
  // Another application's spreadsheet, whatever its name says: renaming it would not make it a workbook.
  const app = (sniffed.kind === 'zip' ? sniffed.app : undefined) ?? APP_EXTENSIONS[extension];
  if (app !== undefined) {
    const { name: what, save } = APPS[app];
    throw new WolkvoxBulkError('INPUT_FORMAT', `Unsupported file: ${name} is ${what}. Save it as .xlsx from the application (${save}), or as CSV UTF-8, and try again.`, { file });
  }
  if (sniffed.kind === 'binary') {
    throw new WolkvoxBulkError(
      'INPUT_FORMAT',
      `Not a spreadsheet: ${name} seems to be ${sniffed.what}${sniffed.detail ? ` (${sniffed.detail})` : ''}, not a CSV or Excel file. Check that this is the file you meant.`,
      { file },
    );
  }
  if (WORKBOOK_EXTENSIONS.has(extension)) {
    if (sniffed.kind === 'empty') throw new WolkvoxBulkError('INPUT_EMPTY', `Empty file: ${name} has no content (0 bytes).`, { file });
    if (sniffed.kind !== 'zip') {
      throw new WolkvoxBulkError(
        'INPUT_FORMAT',
        `Not a workbook: ${name} is named ${extension} but is not an Excel workbook (it looks like a text file). If it is a CSV export, rename it to .csv.`,
        { file },
      );
    }
    // Each reader is loaded when a file of its kind is opened: a CSV needs no zip or XML parser, and a
    // workbook no CSV parser.
    const { openXlsx } = await import('./xlsx.js');
    return openXlsx({ file, headerRow, ...(options.sheet === undefined ? {} : { sheet: options.sheet }), ...(options.signal ? { signal: options.signal } : {}) });
  }
  if (sniffed.kind === 'zip') {
    throw new WolkvoxBulkError('INPUT_FORMAT', `Not a text file: ${name} is a zip archive, most likely an Excel workbook ${named}. Rename it to .xlsx.`, { file });
  }
  const encoding = options.encoding ?? 'auto';
  if (sniffed.kind === 'utf16' && encoding !== sniffed.encoding) {
    throw new WolkvoxBulkError(
      'INPUT_ENCODING',
      `Unknown encoding: ${name} looks like ${sniffed.encoding.toUpperCase()} text without a byte order mark (every other byte is 0). Read it with --encoding ${sniffed.encoding} (or "encoding": "${sniffed.encoding}" in the mapping).`,
      { file },
    );
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
    const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new WolkvoxBulkError('INPUT_NOT_FOUND', `Cannot read input: ${path.resolve(file)}: ${reason}. Check the path.`, { file, cause: error });
  } finally {
    await handle?.close();
  }
}
