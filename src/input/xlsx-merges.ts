import type { CellValue } from '../core/types.js';
import type { CellProblem } from '../core/catalog/en-rows.js';
import { MAX_MERGE_LIST_BYTES, throwIfCancelled, tooLarge } from './limits.js';
import type { ZipPart } from './workbook-index.js';
import type { XmlPlace } from './xlsx-xml.js';
import type { SheetRow } from './xlsx-sheet.js';

/** A merged range of a worksheet: rows 1-based, columns 0-based, both ends included. */
export interface MergedRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

type Cell = { value?: CellValue; problem?: CellProblem };

const MERGE_CELLS = /<(?:\w+:)?mergeCells\b/;
const MERGE_END = /<\/(?:\w+:)?mergeCells>/;
const REFERENCE = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/;

function columnIndex(letters: string): number {
  let column = 0;
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

/**
 * The merged ranges of a worksheet. They are listed after the rows (`<mergeCells>` follows
 * `<sheetData>`), so the part is read once ahead of its rows: inflated and searched, not parsed, until the
 * list ends.
 */
export async function readMergedRanges(part: ZipPart, place: XmlPlace): Promise<MergedRange[]> {
  const stream = await part.stream();
  let tail = '';
  let list: string | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfCancelled(place);
      // Tag names and references are ASCII: latin1 keeps every byte one character, whatever the text around.
      const text = tail + chunk.toString('latin1');
      if (list === undefined) {
        const start = MERGE_CELLS.exec(text);
        if (start === null) {
          tail = text.slice(-32);
          continue;
        }
        list = text.slice(start.index);
      } else list += chunk.toString('latin1');
      if (MERGE_END.test(list)) break;
      if (list.length > MAX_MERGE_LIST_BYTES) {
        throw tooLarge(place.file, { kind: 'merges', at: place.what, size: MAX_MERGE_LIST_BYTES });
      }
    }
  } finally {
    stream.destroy();
  }
  const ranges: MergedRange[] = [];
  for (const match of (list ?? '').matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]*)"/g)) {
    const parts = REFERENCE.exec(match[1] ?? '');
    if (!parts) continue;
    const [, left = 'A', top = '1', right = left, bottom = top] = parts;
    ranges.push({ top: Number(top), left: columnIndex(left), bottom: Number(bottom), right: columnIndex(right) });
  }
  return ranges.sort((a, b) => a.top - b.top);
}

/**
 * Gives each merged range's value (its top-left cell's, as Excel shows it across the range) to every cell
 * the range covers, in rows that hold something of their own: a row of covered cells only is the lower
 * part of a tall merge, not data (issue 17, item 1). Rows must come in order; `fill` remembers each
 * range's value as its top row passes. Only columns below `columns` are filled, so a range as wide as the
 * sheet costs no more than the table's width.
 */
export function mergedFiller(ranges: readonly MergedRange[]): (row: SheetRow, columns: number) => SheetRow {
  let next = 0;
  const active: { range: MergedRange; cell: Cell | undefined }[] = [];
  return (row, columns) => {
    while (next < ranges.length && (ranges[next] as MergedRange).top <= row.number) active.push({ range: ranges[next++] as MergedRange, cell: undefined });
    for (let index = active.length - 1; index >= 0; index -= 1) if ((active[index] as (typeof active)[number]).range.bottom < row.number) active.splice(index, 1);
    if (active.length === 0) return row;
    const cells = new Map(row.cells);
    const ownData = row.cells.size > 0;
    for (const entry of active) {
      const { range } = entry;
      if (range.top === row.number) entry.cell = row.cells.get(range.left);
      if (entry.cell === undefined || !ownData) continue;
      for (let column = range.left; column <= Math.min(range.right, columns - 1); column += 1) cells.set(column, entry.cell);
    }
    return { number: row.number, cells };
  };
}
