import type { BinaryFormat } from '../core/catalog/en.js';

/** What the first bytes of a file say it is, as far as choosing a reader (or refusing) goes. */
export type Sniffed =
  | { readonly kind: 'text' }
  | { readonly kind: 'empty' }
  /** A workbook or another package in a zip; `app` names a spreadsheet that is not Excel's. */
  | { readonly kind: 'zip'; readonly app?: 'ods' | 'numbers' }
  /** An OLE compound file: an old .xls, or an .xlsx encrypted with a password (Excel wraps those in OLE). */
  | { readonly kind: 'ole' }
  /** UTF-16 text with no byte order mark: every other byte is 0. */
  | { readonly kind: 'utf16'; readonly encoding: 'utf-16le' | 'utf-16be' }
  /** Not text: `format` says what it seems to be, `controls` why it is not text when no signature says. */
  | { readonly kind: 'binary'; readonly format: BinaryFormat; readonly controls?: { readonly count: number; readonly of: number; readonly first: number } };

/** How many bytes of the start of a file `sniff` looks at. */
export const SNIFF_BYTES = 8192;

const SIGNATURES: readonly [bytes: string, format: BinaryFormat][] = [
  ['89504e470d0a1a0a', 'png'],
  ['ffd8ff', 'jpeg'],
  ['47494638', 'gif'],
  ['25504446', 'pdf'],
  ['1f8b', 'gzip'],
  ['377abcaf271c', '7z'],
  ['526172211a07', 'rar'],
  ['7f454c46', 'elf'],
];

const starts = (head: Buffer, hex: string) => head.subarray(0, hex.length / 2).equals(Buffer.from(hex, 'hex'));

const UTF16_BOMS = ['fffe', 'feff'];

/**
 * Says what a file's first bytes are: text, a zip (and whose), an OLE file, UTF-16 without a BOM, or
 * binary data. Text with a stray control character or two (a NUL inside one cell) is still text: its
 * rows are checked one by one; a file is binary when such bytes are more than a trace.
 */
export function sniff(head: Buffer): Sniffed {
  if (head.length === 0) return { kind: 'empty' };
  if (starts(head, '504b0304')) return { kind: 'zip', ...zipApp(head) };
  if (starts(head, 'd0cf11e0')) return { kind: 'ole' };
  const signature = SIGNATURES.find(([bytes]) => starts(head, bytes));
  if (signature) return { kind: 'binary', format: signature[1] };
  if (UTF16_BOMS.some((bom) => starts(head, bom))) return { kind: 'text' };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { kind: 'utf16', encoding: utf16 };
  let controls = 0;
  let first = -1;
  for (let index = 0; index < head.length; index += 1) {
    const byte = head[index] as number;
    // Tab, line feed, vertical tab, form feed, carriage return and escape do occur in text files.
    if (byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) {
      controls += 1;
      if (first < 0) first = index;
    }
  }
  if (controls > Math.max(2, head.length / 100)) {
    return { kind: 'binary', format: 'data', controls: { count: controls, of: head.length, first: first + 1 } };
  }
  return { kind: 'text' };
}

// Both ways round: the share of zero bytes at odd and at even offsets.
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = head.length >> 1;
  if (pairs < 2) return undefined;
  let oddZero = 0;
  let evenZero = 0;
  for (let index = 0; index < pairs * 2; index += 2) {
    if (head[index] === 0) evenZero += 1;
    if (head[index + 1] === 0) oddZero += 1;
  }
  // Latin text in UTF-16 has a zero in nearly every pair; accents such as “ ” € do not, so allow some.
  if (oddZero >= pairs * 0.7 && evenZero <= pairs * 0.1) return 'utf-16le';
  if (evenZero >= pairs * 0.7 && oddZero <= pairs * 0.1) return 'utf-16be';
  return undefined;
}

// A zip's first entries name the application: OpenDocument stores its `mimetype` first, uncompressed;
// Apple Numbers keeps its tables under Index/ as .iwa files.
function zipApp(head: Buffer): { app?: 'ods' | 'numbers' } {
  const text = head.toString('latin1');
  if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) return { app: 'ods' };
  if (/Index\/[^\0]*\.iwa|Index\.zip|\.iwa\b/.test(text)) return { app: 'numbers' };
  return {};
}
