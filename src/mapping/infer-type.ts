import type { CellValue } from '../core/types.js';
import { parseDateFormat, readDateText, type DateFormat } from './date-format.js';
import { parseNumberText } from './number-text.js';
import { looseName } from './suggest.js';
import type { DecimalMark, FieldType } from './types.js';

/** What a column's values say about how to read it: a type and the options that type needs for them. */
export interface InferredType {
  readonly type: FieldType;
  readonly decimal?: DecimalMark;
  readonly inputFormat?: string;
}

const TEXT: InferredType = { type: 'string' };

// Yes/no words only: `1`/`0` and `x` are as often counts and marks as answers, so they stay text.
const YES_NO = new Set(['si', 'no', 'yes', 'true', 'false', 'verdadero', 'falso']);

// Date layouts people type, day first before month first (the order in Latin America and Spain): a
// column whose every day and month are 12 or less reads day first. Padded before unpadded, so a column
// of `15/01/2023` gets DD/MM/YYYY and one with `5/1/2023` D/M/YYYY.
const DAY_MONTH = ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'D.M.YYYY'];
const MONTH_DAY = ['MM/DD/YYYY', 'M/D/YYYY', 'MM-DD-YYYY', 'M-D-YYYY'];
const YEAR_FIRST = ['YYYY/MM/DD', 'YYYY/M/D'];
const DATE_LAYOUTS = [...DAY_MONTH, ...MONTH_DAY, ...YEAR_FIRST];
const TIMES = ['HH:mm', 'HH:mm:ss', 'H:mm', 'H:mm:ss'];
const LAYOUTS: readonly { readonly format: DateFormat; readonly time: boolean }[] = [
  ...DATE_LAYOUTS.map((text) => ({ text, time: false })),
  ...DATE_LAYOUTS.flatMap((date) => TIMES.map((time) => ({ text: `${date} ${time}`, time: true }))),
].flatMap(({ text, time }) => {
  const parsed = parseDateFormat(text, 'input');
  return parsed.ok ? [{ format: parsed.value, time }] : [];
});

// ISO text is read without an input format; with a time it is a datetime.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$/;

// A decimal or thousands mark: without one, digits are as often a phone, a document or a code as an amount.
const HAS_MARK = /\d[.,\s\u00a0\u202f]\d/;

function inferYesNo(texts: readonly string[]): InferredType | undefined {
  return texts.every((text) => YES_NO.has(looseName(text))) ? { type: 'boolean' } : undefined;
}

function inferDate(texts: readonly string[]): InferredType | undefined {
  if (texts.every((text) => ISO_DATE.test(text) && readDateText(text).ok)) return { type: 'date' };
  if (texts.every((text) => ISO_DATETIME.test(text) && readDateText(text).ok)) return { type: 'datetime' };
  const fits = LAYOUTS.find(({ format }) => texts.every((text) => readDateText(text, format).ok));
  return fits ? { type: fits.time ? 'datetime' : 'date', inputFormat: fits.format.text } : undefined;
}

// The decimal mark every value reads with. Both marks read `1 500` the same: then either does. Both read
// `1.500` differently (1500 or 1.5), and no value settles it: a number with no mark, which the check
// refuses with the question to answer rather than a guess.
function inferNumber(texts: readonly string[]): InferredType | undefined {
  if (!texts.some((text) => HAS_MARK.test(text))) return undefined;
  const read = (mark: DecimalMark) => texts.map((text) => parseNumberText(text, mark));
  const comma = read(',');
  const point = read('.');
  const commaReads = comma.every((result) => result.ok);
  const pointReads = point.every((result) => result.ok);
  if (commaReads && pointReads) {
    const same = comma.every((result, index) => {
      const other = point[index];
      return result.ok && other?.ok === true && result.value === other.value;
    });
    return same ? { type: 'number', decimal: ',' } : { type: 'number' };
  }
  if (commaReads) return { type: 'number', decimal: ',' };
  if (pointReads) return { type: 'number', decimal: '.' };
  return undefined;
}

/**
 * How a column's values are best read, decided from all of them (never one): yes/no words (`Sí`, `no`,
 * `true`) → boolean; dates in one layout (`15/01/2023` → DD/MM/YYYY; a day over 12 in the second place
 * makes it month first) → date or datetime; numbers with a decimal or thousands mark (`150.000,00`,
 * `1,500.50`) → number with that mark; anything else, or values that disagree, → text. Workbook cells
 * count as what they are: a date cell as a date, a boolean as yes/no, a number with a fraction as a number.
 * Whole numbers without any mark stay text: a phone, a document or a code looks the same.
 */
export function inferType(cells: Iterable<CellValue | undefined>): InferredType {
  const texts: string[] = [];
  let dates = 0;
  let times = 0;
  let yesNo = 0;
  let fractions = 0;
  let numbers = 0;
  for (const cell of cells) {
    if (cell === undefined) continue;
    if (typeof cell === 'string') {
      if (cell.trim() !== '') texts.push(cell.trim());
    } else if (typeof cell === 'boolean') yesNo++;
    else if (typeof cell === 'number') {
      numbers++;
      if (!Number.isInteger(cell)) fractions++;
    } else if (cell.kind === 'date') {
      dates++;
      if (cell.time !== undefined) times++;
    } else return TEXT;
  }
  const typed = dates + yesNo + numbers;
  if (typed === 0) {
    if (texts.length === 0) return TEXT;
    return inferYesNo(texts) ?? inferDate(texts) ?? inferNumber(texts) ?? TEXT;
  }
  // Workbook cells of one kind, with text cells that read the same way.
  if (dates === typed) {
    if (texts.length === 0) return { type: times > 0 ? 'datetime' : 'date' };
    const text = inferDate(texts);
    return text?.inputFormat === undefined && text !== undefined && (text.type === 'datetime') === times > 0 ? text : TEXT;
  }
  if (yesNo === typed) return texts.length === 0 || inferYesNo(texts) ? { type: 'boolean' } : TEXT;
  if (numbers === typed) {
    if (texts.length === 0) return fractions > 0 ? { type: 'number' } : TEXT;
    const text = inferNumber(texts);
    return text ?? TEXT;
  }
  return TEXT;
}
