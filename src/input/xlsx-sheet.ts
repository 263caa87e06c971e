import { decodeXstring } from './ooxml-text.js';
import type { ZipPart } from './workbook-index.js';
import type { CellValue } from '../core/types.js';
import type { CellProblem } from '../core/catalog/en-rows.js';
import { dateFromIso, serialToDate } from './xlsx-cells.js';
import { formatTime } from './time-format.js';
import type { NumberShown } from './xlsx-parts.js';
import { streamXml, type XmlPlace } from './xlsx-xml.js';
import { EXCEL_COLUMNS, EXCEL_ROWS, MAX_CELL_TEXT, tooLarge } from './limits.js';

/** What the sheet's XML says about one cell, before it becomes a value. */
interface RawCell {
  column: number;
  type: string;
  style: number;
  value: string | undefined;
  inline: string | undefined;
  formula: boolean;
}

export interface SheetRow {
  readonly number: number;
  /** By 0-based column: the value, or a problem with the cell. */
  readonly cells: ReadonlyMap<number, { value?: CellValue; problem?: CellProblem }>;
}

export interface SheetContext {
  readonly strings: readonly string[];
  readonly dateStyles: readonly NumberShown[];
  readonly date1904: boolean;
  /** The sheet, for messages ("sheet 'Datos' of libro.xlsx"), and the caller's signal. */
  readonly place: XmlPlace;
}

/** `B12` → 1 (0-based column) */
function columnOf(reference: string | undefined, fallback: number): number {
  const letters = reference === undefined ? undefined : /^[A-Z]+/i.exec(reference)?.[0];
  if (!letters) return fallback;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

/**
 * Streams the rows of a worksheet part. Each cell keeps the type its XML gives it: `t="b"` is a boolean
 * and `t="e"` an error even when a formula produced them, a number with a date style is a date, and a
 * number's own text is what becomes the value.
 */
export function readSheetRows(entry: ZipPart, context: SheetContext): AsyncGenerator<SheetRow> {
  const { file, what } = context.place;
  const done: SheetRow[] = [];
  let row: { number: number; cells: Map<number, { value?: CellValue; problem?: CellProblem }> } | undefined;
  let cell: RawCell | undefined;
  let capture: 'value' | 'inline' | undefined;
  let inPhonetic = false;
  let lastRow = 0;
  let lastColumn = -1;
  return streamXml(
    entry,
    {
      open(name, attributes) {
        if (name === 'row') {
          lastRow = attributes.r === undefined ? lastRow + 1 : Number(attributes.r);
          if (!(lastRow <= EXCEL_ROWS)) throw tooLarge(file, { kind: 'rows', at: what, max: EXCEL_ROWS });
          lastColumn = -1;
          row = { number: lastRow, cells: new Map() };
        } else if (name === 'c' && row) {
          lastColumn = columnOf(attributes.r, lastColumn + 1);
          if (lastColumn >= EXCEL_COLUMNS) {
            throw tooLarge(file, { kind: 'columns', at: what, row: row.number, max: EXCEL_COLUMNS }, row.number);
          }
          cell = { column: lastColumn, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: undefined, inline: undefined, formula: false };
        } else if (cell) {
          if (name === 'v') {
            capture = 'value';
            cell.value = '';
          } else if (name === 'f') cell.formula = true;
          else if (name === 'rPh') inPhonetic = true;
          else if (name === 't' && !inPhonetic) {
            capture = 'inline';
            cell.inline ??= '';
          }
        }
      },
      text(text) {
        if (!cell || capture === undefined) return;
        if (capture === 'value') cell.value += text;
        else cell.inline += text;
        // Runs of rich text each pass the parser's own bound; together they may not pass a cell's.
        if ((cell.value?.length ?? 0) + (cell.inline?.length ?? 0) > MAX_CELL_TEXT) {
          throw tooLarge(file, { kind: 'cell', at: what, row: lastRow, max: MAX_CELL_TEXT }, lastRow);
        }
      },
      close(name) {
        if (name === 'v' || name === 't') capture = undefined;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'c' && cell && row) {
          const read = cellValue(cell, context);
          if (read.value !== undefined || read.problem !== undefined) row.cells.set(cell.column, read);
          cell = undefined;
        } else if (name === 'row' && row) {
          done.push(row);
          row = undefined;
        }
      },
    },
    () => done.splice(0),
    context.place,
  );
}

function cellValue(cell: RawCell, context: SheetContext): { value?: CellValue; problem?: CellProblem } {
  const raw = cell.value;
  switch (cell.type) {
    case 's': {
      const text = raw === undefined ? undefined : context.strings[Number(raw)];
      return text === undefined || text === '' ? {} : { value: text };
    }
    case 'inlineStr':
      return cell.inline === undefined || cell.inline === '' ? {} : { value: decodeXstring(cell.inline) };
    case 'str':
      return raw === undefined || raw === '' ? {} : { value: decodeXstring(raw) };
    case 'b':
      return raw === undefined ? {} : { value: raw === '1' || raw.toLowerCase() === 'true' };
    case 'e':
      return raw === undefined ? {} : { value: { kind: 'error', error: raw } };
    case 'd':
      return raw === undefined || raw === '' ? {} : { value: dateFromIso(raw) };
    default: {
      if (raw === undefined || raw.trim() === '') {
        // A formula nobody calculated (files written by scripts): its value is unknown, not empty.
        return cell.formula ? { problem: { kind: 'formula' } } : {};
      }
      const number = Number(raw);
      if (!Number.isFinite(number)) return { problem: { kind: 'number', raw } };
      const shown = context.dateStyles[cell.style];
      if (shown === 'date') return { value: serialToDate(number, context.date1904) };
      // A time of day with no date is the text Excel shows: no date nobody typed (1899-12-30) is made up.
      return { value: shown === undefined ? number : formatTime(number, shown.time) };
    }
  }
}
