import fs from 'node:fs/promises';
import path from 'node:path';
import { WolkvoxBulkError } from '../errors.js';
import { openCsv, type Delimiter } from './csv.js';
import type { Encoding } from './decode.js';
import type { InputSource } from './source.js';
import { openXlsx } from './xlsx.js';

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
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// OLE compound file: an old .xls, or an .xlsx encrypted with a password (Excel wraps those in OLE).
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls']);

/** Opens a CSV or XLSX file, reads its header, and returns its rows as a stream. */
export async function openInput(options: ReadOptions): Promise<InputSource> {
  const file = options.file;
  const name = path.basename(file);
  const magic = await readMagic(file);
  const headerRow = options.headerRow ?? 1;
  const extension = path.extname(file).toLowerCase();
  const starts = (bytes: number[]) => bytes.every((byte, index) => magic[index] === byte);

  if (starts(OLE)) {
    throw new WolkvoxBulkError(
      'INPUT_FORMAT',
      `Unreadable workbook: ${name} is password-protected or in the old Excel 97-2003 (.xls) format. Open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx, or save it as CSV UTF-8.`,
      { file },
    );
  }
  if (extension === '.ods') {
    throw new WolkvoxBulkError('INPUT_FORMAT', `Unsupported file: ${name} is an OpenDocument spreadsheet. Save it as .xlsx or as CSV (UTF-8) and try again.`, { file });
  }
  if (WORKBOOK_EXTENSIONS.has(extension)) {
    if (magic.length === 0) throw new WolkvoxBulkError('INPUT_EMPTY', `Empty file: ${name} has no content (0 bytes).`, { file });
    if (!starts(ZIP)) {
      throw new WolkvoxBulkError(
        'INPUT_FORMAT',
        `Not a workbook: ${name} is named ${extension} but is not an Excel workbook (it looks like a text file). If it is a CSV export, rename it to .csv.`,
        { file },
      );
    }
    return openXlsx({ file, headerRow, ...(options.sheet === undefined ? {} : { sheet: options.sheet }) });
  }
  if (starts(ZIP)) {
    throw new WolkvoxBulkError(
      'INPUT_FORMAT',
      `Not a text file: ${name} is a zip archive, most likely an Excel workbook named ${extension || 'without an extension'}. Rename it to .xlsx.`,
      { file },
    );
  }
  return openCsv({ file, headerRow, encoding: options.encoding ?? 'auto', ...(options.delimiter ? { delimiter: options.delimiter } : {}) });
}

async function readMagic(file: string): Promise<Buffer> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const buffer = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buffer, 0, 8, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new WolkvoxBulkError('INPUT_NOT_FOUND', `Cannot read input: ${path.resolve(file)}: ${reason}. Check the path.`, { file, cause: error });
  } finally {
    await handle?.close();
  }
}
