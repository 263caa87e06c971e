import path from 'node:path';
import type { TooLarge } from '../core/catalog/en-errors2.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';

// What a workbook may hold before it is refused (issue 17, item 3: a 3.5 MB workbook unpacked to a
// gigabyte). Excel's own limits first: nothing Excel saved goes past them, so a file that does was made
// to, or is damaged, and is refused as soon as the reader meets it.

/** The rows of a worksheet (Excel's limit). */
export const EXCEL_ROWS = 1_048_576;
/** The columns of a worksheet, A to XFD (Excel's limit). */
export const EXCEL_COLUMNS = 16_384;

// Then what the reader holds or spends. Excel writes a cell's text (at most 32,767 characters) in one
// piece, so a megabyte of text with no tag in it is no cell: it is refused before the XML parser holds it.
/** Bytes of a workbook part with no `<` in them: one cell's text, or one tag. */
export const MAX_XML_RUN_BYTES = 1024 * 1024;
/** Characters one cell, or one shared text, may gather from its runs of rich text. */
export const MAX_CELL_TEXT = 1_048_576;
/**
 * A worksheet's XML, streamed: about a minute of reading on a small machine, and room for a million rows
 * of ten or more columns. A larger table is split, or saved as CSV.
 */
export const MAX_SHEET_BYTES = 512 * 1024 * 1024;
/** The workbook's shared texts, held in memory while a sheet is read (about 1.7 bytes of memory a byte). */
export const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
/** The other parts read whole: the workbook's list of sheets, its relationships, its styles. */
export const MAX_PART_BYTES = 32 * 1024 * 1024;
/** The list of merged ranges of a sheet, read ahead of its rows (about half a million ranges). */
export const MAX_MERGE_LIST_BYTES = 16 * 1024 * 1024;
/** Files in the workbook's zip (a workbook has tens; pictures add a few). */
export const MAX_ZIP_ENTRIES = 10_000;
/** Characters of one CSV record: a quote never closed would otherwise gather the rest of the file. */
export const MAX_CSV_RECORD = 16 * 1024 * 1024;

/** The INPUT_TOO_LARGE error: `problem` says what is too large, and where. */
export const tooLarge = (file: string, problem: TooLarge, row?: number) =>
  new WolkvoxBulkError('INPUT_TOO_LARGE', message('input.too-large', problem), { file, ...(row === undefined ? {} : { row }) });

/** What a reader checks as it goes: who to blame in a message, and whether its caller has left. */
export interface ReadGuard {
  readonly file: string;
  readonly signal?: AbortSignal;
}

/** Throws CANCELLED once the caller's signal has fired: reading stops between two chunks. */
export function throwIfCancelled(guard: ReadGuard): void {
  if (guard.signal?.aborted) {
    throw new WolkvoxBulkError('CANCELLED', message('input.cancelled', { name: path.basename(guard.file) }), { file: guard.file, cause: guard.signal.reason });
  }
}
