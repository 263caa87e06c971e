// English for the files a job reads: an input that is no spreadsheet or cannot be read, a mapping file missing,
// not UTF-8, empty or not JSON.

/** What is wrong where a JSON text stops making sense (a mapping file's syntax). */
export type JsonProblem =
  | { readonly kind: 'end' }
  /** A character where it cannot be, and the likely reason. */
  | { readonly kind: 'token'; readonly char: string; readonly hint?: 'single-quote' | 'comment' | 'comma-missing' | 'trailing-comma' | 'key-expected' | 'colon-expected' | 'after-end' }
  | { readonly kind: 'bad-escape'; readonly escape: string }
  | { readonly kind: 'control-in-string' }
  | { readonly kind: 'unterminated-string' };

/** What the first bytes of a file that is not text seem to be. */
export type BinaryFormat = 'png' | 'jpeg' | 'gif' | 'pdf' | 'gzip' | '7z' | 'rar' | 'elf' | 'data';

const JSON_HINTS: Readonly<Record<NonNullable<Extract<JsonProblem, { kind: 'token' }>['hint']>, string>> = {
  'single-quote': '; JSON needs double quotes',
  comment: '; JSON has no comments',
  'comma-missing': '; a comma may be missing before it',
  'trailing-comma': '; remove the comma before it',
  'key-expected': '; a key in double quotes was expected',
  'colon-expected': '; a colon was expected after the key',
  'after-end': ' after the end of the JSON',
};

function jsonProblem(problem: JsonProblem): string {
  switch (problem.kind) {
    case 'end':
      return 'Unexpected end of JSON';
    case 'token':
      return `Unexpected token ${problem.char}${problem.hint ? JSON_HINTS[problem.hint] : ''}`;
    case 'bad-escape':
      return `Bad escape \\${problem.escape} in a string (write \\\\ for a backslash)`;
    case 'control-in-string':
      return 'Line break or control character inside a string (write \\n)';
    case 'unterminated-string':
      return 'Unterminated string';
  }
}

const FORMATS: Readonly<Record<BinaryFormat, string>> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  gzip: 'a gzip archive',
  '7z': 'a 7-Zip archive',
  rar: 'a RAR archive',
  elf: 'a program (ELF)',
  data: 'binary data',
};

const APPS = {
  ods: { name: 'an OpenDocument spreadsheet (LibreOffice, OpenOffice)', save: 'File > Save As > Excel 2007-365 (.xlsx)' },
  numbers: { name: 'an Apple Numbers spreadsheet', save: 'File > Export To > Excel' },
} as const;

export const enInput = {
  'input.unreadable-workbook': (p: { name: string }) =>
    `Unreadable workbook: ${p.name} is password-protected or in the old Excel 97-2003 (.xls) format. Open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx, or save it as CSV UTF-8.`,
  'input.other-app': (p: { name: string; app: 'ods' | 'numbers' }) =>
    `Unsupported file: ${p.name} is ${APPS[p.app].name}. Save it as .xlsx from the application (${APPS[p.app].save}), or as CSV UTF-8, and try again.`,
  'input.binary': (p: { name: string; format: BinaryFormat; controls?: { count: number; of: number; first: number } }) =>
    `Not a spreadsheet: ${p.name} seems to be ${FORMATS[p.format]}${p.controls ? ` (${p.controls.count} of its first ${p.controls.of} bytes are control characters that text does not hold (the first at byte ${p.controls.first}))` : ''}, not a CSV or Excel file. Check that this is the file you meant.`,
  'input.empty-file': (p: { name: string }) => `Empty file: ${p.name} has no content (0 bytes).`,
  'input.not-a-workbook': (p: { name: string; extension: string }) =>
    `Not a workbook: ${p.name} is named ${p.extension} but is not an Excel workbook (it looks like a text file). If it is a CSV export, rename it to .csv.`,
  'input.zip-not-text': (p: { name: string; extension: string }) =>
    `Not a text file: ${p.name} is a zip archive, most likely an Excel workbook ${p.extension === '' ? 'with no extension' : `named ${p.extension}`}. Rename it to .xlsx.`,
  'input.utf16-no-bom': (p: { name: string; encoding: string }) =>
    `Unknown encoding: ${p.name} looks like ${p.encoding.toUpperCase()} text without a byte order mark (every other byte is 0). Read it with --encoding ${p.encoding} (or "encoding": "${p.encoding}" in the mapping).`,
  'input.cannot-read': (p: { path: string; reason: 'missing' | 'folder' | 'denied' | 'other'; detail?: string }) =>
    `Cannot read input: ${p.path}: ${p.reason === 'missing' ? 'it does not exist' : p.reason === 'folder' ? 'it is a folder' : p.reason === 'denied' ? 'permission denied' : (p.detail ?? 'unknown error')}. Check the path.`,
  'input.mixed-encoding': (p: { file: string; line: number }) =>
    `Mixed encoding: ${p.file} is UTF-8 up to line ${p.line}, where it has bytes that are not UTF-8. Save the file again with one encoding (UTF-8 is best), or force one with --encoding (or "encoding" in the mapping).`,
  'mapping.not-found': (p: { file: string; reason: 'missing' | 'folder' | 'other'; detail?: string }) =>
    `Mapping not found: ${p.file} ${p.reason === 'missing' ? 'does not exist; check the path given for the mapping' : p.reason === 'folder' ? 'is a folder; give the path of the mapping .json file' : `cannot be read (${p.detail ?? 'unknown error'})`}.`,
  'mapping.not-utf8': (p: { file: string }) => `Invalid mapping: ${p.file} is not UTF-8 text. Save it with the UTF-8 encoding (in Notepad: Save as → Encoding: UTF-8).`,
  'mapping.empty': (p: { file: string }) => `Invalid mapping: ${p.file} is empty; write a JSON object with "id" and "fields".`,
  'mapping.not-json': (p: { file: string; problem: JsonProblem; line: number; column: number }) =>
    `Invalid mapping: ${p.file} is not valid JSON: ${jsonProblem(p.problem)} at line ${p.line}, column ${p.column}.`,
} satisfies Record<string, (params: never) => string>;
