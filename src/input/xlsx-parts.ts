import { decodeXstring } from './ooxml-text.js';
import { BUILT_IN_TIME_FORMATS, isTimeOnlyFormat } from './time-format.js';
import { isDateFormat } from './xlsx-cells.js';
import { MAX_CELL_TEXT, MAX_PART_BYTES, MAX_SHARED_STRINGS_BYTES, tooLarge } from './limits.js';
import { checkPartSize, type ZipPart } from './workbook-index.js';
import { readXml, type XmlPlace } from './xlsx-xml.js';

/** The workbook's shared strings, in order; rich text runs joined, phonetic guides left out. */
export async function readSharedStrings(entry: ZipPart | undefined, place: XmlPlace): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  checkPartSize(place.file, entry, MAX_SHARED_STRINGS_BYTES, { memory: true, at: place.what, what: { kind: 'shared-text', part: entry.name } });
  let current: string | undefined;
  let inText = false;
  let inPhonetic = false;
  await readXml(entry, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    text(text) {
      if (!inText || current === undefined) return;
      current += text;
      // Runs of rich text each pass the parser's own bound; together they may not pass a cell's.
      if (current.length > MAX_CELL_TEXT) {
        throw tooLarge(place.file, { kind: 'shared-text', at: place.what, max: MAX_CELL_TEXT });
      }
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') {
        strings.push(decodeXstring(current ?? ''));
        current = undefined;
      }
    },
  }, place);
  return strings;
}

// The built-in number formats that show dates or times (ECMA-376 §18.8.30, with the East Asian ones).
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** How a number cell's format shows it: as a date (or date-time), as a time of day only, or as a number. */
export type NumberShown = 'date' | { readonly time: string } | undefined;

/** For each cell style index (the `s` of a cell): whether its number format shows a date, a time only, or neither. */
export async function readDateStyles(entry: ZipPart | undefined, place: XmlPlace): Promise<NumberShown[]> {
  if (!entry) return [];
  checkPartSize(place.file, entry, MAX_PART_BYTES, { at: place.what, what: { kind: 'styles', part: entry.name } });
  const customFormats = new Map<number, string>();
  const formatOfStyle: number[] = [];
  let inCellXfs = false;
  await readXml(entry, {
    open(name, attributes) {
      if (name === 'numFmt') customFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatOfStyle.push(Number(attributes.numFmtId ?? 0));
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  }, place);
  return formatOfStyle.map((id): NumberShown => {
    const format = customFormats.get(id) ?? BUILT_IN_TIME_FORMATS.get(id);
    if (format === undefined) return BUILT_IN_DATE_FORMATS.has(id) ? 'date' : undefined;
    if (isTimeOnlyFormat(format)) return { time: format };
    return isDateFormat(format) ? 'date' : undefined;
  });
}
