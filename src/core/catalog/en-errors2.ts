import { count, counted, sizeIn } from '../text.js';
import type { StopReason } from '../types.js';
import { wordNested } from './en.js';
import type { Nested } from './en-rows.js';
import { headerAt, type HeaderPlace } from './en-check.js';

// English for the refusals that were still built as English sentences: the server's address, the input's
// shape (an empty file, a quote never closed, a sheet not there, a workbook too large or damaged), the run
// files (journal, plan, baseline, snapshot, preview), --since's run, and a read or quota the CRM refused.

/** A part of a workbook as a person knows it: the workbook, or one of its sheets. */
export interface BookPlace {
  /** The workbook's file name. */
  readonly name: string;
  readonly sheet?: string;
}

/** What of a workbook unpacks to more than the reader takes. */
export type WorkbookPart =
  /** A part of the zip named by its path inside it (the workbook's list of sheets, its relationships). */
  | { readonly kind: 'zip'; readonly part: string }
  | { readonly kind: 'shared-text'; readonly part: string }
  | { readonly kind: 'styles'; readonly part: string }
  | { readonly kind: 'sheet' };

/** Why a workbook is too large for the reader. */
export type TooLarge =
  | { readonly kind: 'rows'; readonly at: BookPlace; readonly max: number }
  | { readonly kind: 'columns'; readonly at: BookPlace; readonly row: number; readonly max: number }
  | { readonly kind: 'cell'; readonly at: BookPlace; readonly row: number; readonly max: number }
  /** `size`: the bytes of merged ranges the reader lists at most. */
  | { readonly kind: 'merges'; readonly at: BookPlace; readonly size: number }
  | { readonly kind: 'xml-run'; readonly at: BookPlace }
  | { readonly kind: 'shared-text'; readonly at: BookPlace; readonly max: number }
  | { readonly kind: 'zip-entries'; readonly name: string; readonly max: number }
  /** A part that unpacks to `size` bytes, more than the `limit` the reader reads (or, `memory`, holds in memory). */
  | { readonly kind: 'part'; readonly at: BookPlace; readonly part: WorkbookPart; readonly size: number; readonly limit: number; readonly memory: boolean };

/** What is wrong with a run's journal.ndjson. */
export type JournalDamage =
  | { readonly kind: 'missing' }
  | { readonly kind: 'cut-line'; readonly line: number }
  | { readonly kind: 'shorter'; readonly bytes: number; readonly expected: number }
  | { readonly kind: 'changed' }
  | { readonly kind: 'sessions'; readonly sessions: number; readonly expected: number };

/** What is wrong with a run's plan.ndjson. */
export type PlanDamage =
  | { readonly kind: 'missing' | 'mid-line' | 'changed' | 'after-end' | 'not-whole' | 'empty' }
  | { readonly kind: 'length'; readonly bytes: number; readonly expected: number }
  | { readonly kind: 'format'; readonly format: string; readonly expected: number }
  | { readonly kind: 'row'; readonly row: number }
  | { readonly kind: 'rows'; readonly rows: number; readonly end: number }
  /** Its first (the plan's header) or last (its end) line. */
  | { readonly kind: 'line' | 'shape'; readonly first: boolean };

/** What is wrong with a run's baseline.bin. */
export type BaselineDamage =
  | { readonly kind: 'not-baseline' | 'order' }
  | { readonly kind: 'size'; readonly count: number; readonly expected: number; readonly bytes: number };

export const NOT_EXCEL = 'It was not saved by Excel, or it is damaged: open it in Excel or LibreOffice and save it again, or save it as CSV UTF-8.';
const characters = (value: number) => `${count(value)} characters`;
const bookAt = (at: BookPlace) => (at.sheet === undefined ? at.name : `sheet '${at.sheet}' of ${at.name}`);

function partOf(at: BookPlace, part: WorkbookPart): string {
  switch (part.kind) {
    case 'zip':
      return `${at.name} (${part.part})`;
    case 'shared-text':
      return `the shared text part of ${bookAt(at)} (${part.part})`;
    case 'styles':
      return `the styles of ${bookAt(at)} (${part.part})`;
    case 'sheet':
      return bookAt(at);
  }
}

function tooLarge(p: TooLarge): string {
  switch (p.kind) {
    case 'rows':
      return `${bookAt(p.at)} goes past row ${count(p.max)}, the last row of a worksheet (Excel's limit). ${NOT_EXCEL}`;
    case 'columns':
      return `${bookAt(p.at)} goes past column XFD (${count(p.max)} columns, Excel's limit) in row ${p.row}. ${NOT_EXCEL}`;
    case 'cell':
      return `a cell in row ${p.row} of ${bookAt(p.at)} holds more than ${characters(p.max)}, far beyond the 32,767 an Excel cell holds. ${NOT_EXCEL}`;
    case 'merges':
      return `${bookAt(p.at)} lists more than ${sizeIn('en', p.size)} of merged ranges (half a million or more). ${NOT_EXCEL}`;
    case 'xml-run':
      return `${bookAt(p.at)} holds more than 1 MB of text in one cell or tag, far beyond the 32,767 characters an Excel cell holds. ${NOT_EXCEL}`;
    case 'shared-text':
      return `${bookAt(p.at)} has a shared text of more than ${characters(p.max)}, far beyond the 32,767 an Excel cell holds. ${NOT_EXCEL}`;
    case 'zip-entries':
      return `${p.name} holds more than ${count(p.max)} files; a workbook holds tens. ${NOT_EXCEL}`;
    case 'part':
      return `${partOf(p.at, p.part)} unpacks to ${sizeIn('en', p.size)}, more than the ${sizeIn('en', p.limit)} ${p.memory ? 'this tool holds in memory' : 'this tool reads'}. Split the workbook into smaller files, or save it as CSV UTF-8.`;
  }
}

function journalDamage(why: JournalDamage): string {
  switch (why.kind) {
    case 'missing':
      return 'is missing';
    case 'cut-line':
      return `has a damaged line (line ${why.line}) before its end`;
    case 'shorter':
      return `is shorter than the run left it (${why.bytes} bytes, ${why.expected} expected): it was emptied or cut`;
    case 'changed':
      return 'was changed: its first lines are not the ones the run wrote';
    case 'sessions':
      return `holds ${why.sessions} sessions where the run started ${why.expected}`;
  }
}

function planDamage(why: PlanDamage): string {
  switch (why.kind) {
    case 'missing':
      return 'is missing';
    case 'mid-line':
      return 'ends in the middle of a line';
    case 'changed':
      return 'was changed since the run wrote it';
    case 'length':
      return `is not the length the run wrote (${why.bytes} bytes, ${why.expected} expected)`;
    case 'after-end':
      return 'has lines after its end';
    case 'format':
      return `is in format ${why.format}, not ${why.expected}`;
    case 'row':
      return `has a damaged line (row ${why.row})`;
    case 'not-whole':
      return 'is not whole (its first or last line is missing)';
    case 'rows':
      return `holds ${why.rows} rows where its end says ${why.end}`;
    case 'empty':
      return 'is empty';
    case 'line':
      return `has a damaged ${why.first ? 'first' : 'last'} line`;
    case 'shape':
      return `does not ${why.first ? 'begin' : 'end'} as a plan does`;
  }
}

function baselineDamage(why: BaselineDamage): string {
  switch (why.kind) {
    case 'not-baseline':
      return 'is not a wolkvox-bulk baseline';
    case 'size':
      return `should hold ${why.count} entries in ${why.expected} bytes, but has ${why.bytes} bytes`;
    case 'order':
      return 'is out of order';
  }
}

/** Whose reads stopped: verify's reading back, or undo's reading before it puts anything back. */
export type ReadsOf = 'verify' | 'undo';

// A read pass's stop as a sentence, when the stop came with no words of its own.
const READS_STOPPED: Readonly<Record<StopReason, string>> = {
  interrupted: 'Interrupted.',
  quota: "The token's daily quota ran out.",
  fatal: 'The CRM refused the reads themselves.',
  'max-calls': 'It reached --max-calls.',
  'failure-rate': 'Too many reads failed.',
  limit: 'It reached --limit.',
  'write-failed': 'A file of the run folder could not be written.',
};

const LEAVE_OUT = 'or leave out --since to send every row (that run then leaves a baseline for the next one)';

export const enErrors2 = {
  // The server's address (src/plan/server-url.ts)
  'server.missing': () =>
    'Missing server: pass --server or set WOLKVOX_SERVER to your CRM host, such as crm0001.wolkvox.com (it is in the browser address bar after you log in).',
  'server.invalid': (p: { input: string }) => `Invalid server: '${p.input}' is not a host name or URL. Use the host of your CRM, such as crm0001.wolkvox.com.`,
  'server.old-name': (p: { host: string; number: string }) => `Old server name: ${p.host} was switched off on 2024-11-30. Use crm${p.number}.wolkvox.com instead.`,
  'server.insecure': (p: { origin: string; host: string }) =>
    `Insecure server URL: ${p.origin} uses plain http, which would send the token unencrypted. Use https://${p.host}.`,
  'server.protocol': (p: { input: string; protocol: string; host: string }) =>
    `Invalid server: '${p.input}' uses ${p.protocol}; use https://${p.host || 'crm0001.wolkvox.com'}.`,
  // The input's shape (src/input/)
  'input.no-header-line': (p: { name: string; headerRow: number }) =>
    `Empty file: ${p.name} has no header line${p.headerRow > 1 ? ` at or after line ${p.headerRow}` : ''}. Check that this is the file you meant.`,
  'input.quote-not-closed': (p: { name: string; line: number }) =>
    `Unclosed quote: the quoted value that starts on line ${p.line} of ${p.name} is never closed, so the rest of the file would be read as one value. Add the closing " (or remove the stray one), then try again.`,
  'input.record-too-large': (p: { name: string; line: number; max: number }) =>
    `Too large: the record that starts on line ${p.line} of ${p.name} passes ${characters(p.max)}, most likely a quote that is never closed, which makes the rest of the file one value. Check the quotes from that line on.`,
  /** The CSV parser's own words (`detail`) stay as it gave them. */
  'input.csv-error': (p: { name: string; line: number; detail: string }) => `CSV error on line ${p.line} of ${p.name}: ${p.detail}`,
  'input.no-header': (p: { at: HeaderPlace; noneFollow?: boolean }) =>
    `No header: ${headerAt(p.at)} is empty${p.noneFollow ? ' and no rows follow' : ''}. Put the column names in that row, or set the header row (--header-row or "headerRow").`,
  'input.empty-workbook': (p: { name: string; sheets: readonly string[] }) =>
    `Empty workbook: no sheet of ${p.name} has data (sheets: ${p.sheets.map((sheet) => `'${sheet}'`).join(', ') || 'none'}).`,
  'input.missing-sheet': (p: { name: string; wanted: string | number; sheets: readonly string[] }) =>
    `Missing sheet: ${typeof p.wanted === 'number' ? `Sheet number ${p.wanted}` : `Sheet '${p.wanted}'`} is not in ${p.name}. Its sheets are: ${p.sheets.map((sheet) => `'${sheet}'`).join(', ')}. Set --sheet or "sheet" in the mapping to one of them.`,
  'input.too-large': (p: TooLarge) => `Too large: ${tooLarge(p)}`,
  'input.cancelled': (p: { name: string }) => `Cancelled: reading ${p.name} stopped before its end, as its caller asked.`,
  'input.damaged-workbook': (p: { name: string }) =>
    `Damaged workbook: ${p.name} could not be opened as an Excel workbook (it may be incomplete or corrupted). Open it in Excel or LibreOffice and save it again as .xlsx.`,
  // The run's files (src/store/, src/report/)
  'journal.newer': (p: { file: string; format: number; reads: number }) =>
    `A newer wolkvox-bulk wrote ${p.file} (journal format ${p.format}; this version reads up to ${p.reads}). Go on with that version (npm install -g wolkvox-bulk@latest). Nothing was sent.`,
  'journal.damaged': (p: { file: string; why: JournalDamage; results: string }) =>
    `Damaged run: ${p.file} ${journalDamage(p.why)}. The journal is how a run knows which rows were already sent; without it whole, resume would send them again, so it stops here. Put back the journal from a backup if you have one. Otherwise start a new run with only the rows not yet updated: ${p.results} shows what each row came to when the last session ended (its failed.csv, when there is one, holds the rows still to send).`,
  'plan-file.damaged': (p: { file: string; why: PlanDamage; results: string }) =>
    `Damaged run: ${p.file} ${planDamage(p.why)}. The plan is what the run checked and sends, row by row; without it whole, the run cannot go on. Put back the plan from a backup if you have one. Otherwise start a new run with only the rows not yet updated: ${p.results} shows what each row came to when the last session ended.`,
  'baseline.damaged': (p: { file: string; why: BaselineDamage }) =>
    `Damaged baseline: ${p.file} ${baselineDamage(p.why)}. Leave out --since to send every row (that run then leaves a new baseline).`,
  'snapshot.missing': (p: { file: string }) => `No snapshot: ${p.file} does not exist. Only a run made with --snapshot (or --skip-unchanged) can be undone.`,
  'preview.missing': (p: { file: string }) => `No preview: ${p.file} does not exist. Only update --preview writes it.`,
  // --since's run (src/run/since.ts)
  'since.sent-nothing': (p: { dir: string; dryRun: boolean }) =>
    `No baseline: ${p.dir} (given as --since) was a ${p.dryRun ? 'dry run' : 'preview'}, which sent nothing. Give the folder of a run that sent, ${LEAVE_OUT}.`,
  'since.no-baseline': (p: { dir: string }) =>
    `No baseline: ${p.dir} (given as --since) has no baseline.bin. It was made by an older version of wolkvox-bulk, or its first session did not finish (then finish it first: wolkvox-bulk resume ${p.dir}). Give another run folder, ${LEAVE_OUT}.`,
  'since.other-target': (p: { dir: string; was: { operation: string; module: string }; now: { operation: string; module: string } }) =>
    `Another target: ${p.dir} (given as --since) updated operation ${p.was.operation}, module ${p.was.module}; this run updates operation ${p.now.operation}, module ${p.now.module}, about which that run knows nothing. Give a run of the same operation and module, ${LEAVE_OUT}.`,
  'since.other-server': (p: { dir: string; was?: string; now: string }) =>
    `Another server: ${p.dir} (given as --since) updated ${p.was ?? 'no server'}; this run updates ${p.now}, whose records that run never saw. Give a run made against the same server, ${LEAVE_OUT}.`,
  'since.not-a-run': (p: { dir: string }) =>
    `Not a run folder: ${p.dir} (given as --since) has no run.json. Give the folder of an earlier update run (its path is printed at the end of every run), ${LEAVE_OUT}.`,
  // What the CRM would not give (src/run/quota.ts, src/send/)
  'quota.no-operation': () => 'Missing operation: pass --operation, or --mapping with a mapping that names its "operation".',
  'quota.not-given': (p: { answer: string; httpStatus?: number }) => `The CRM did not give the quota: ${p.answer}${p.httpStatus ? ` (HTTP ${p.httpStatus})` : ''}.`,
  'send.no-connection': () => 'A job that sends needs a server and a token (only a dry run goes without).',
  'read.refused': (p: { answer?: string }) => `A read was refused: ${p.answer ?? 'no answer'}. Nothing was updated.`,
  /** Reads of their own (verify's, undo's) stopped before they were complete; `stop` is the stop's own message. */
  'read.stopped': (p: { during: ReadsOf; stop?: Nested; reason: StopReason; calls: number; dir: string }) =>
    `Stopped while ${p.during === 'verify' ? 'reading back the records' : 'reading the records before putting anything back'}: ${p.stop ? wordNested(p.stop) : READS_STOPPED[p.reason]} Nothing was sent (${counted(p.calls, 'call')} spent on reads). ${p.during === 'verify' ? `Run verify ${p.dir} again (it reads every record again).` : `Run undo ${p.dir} again.`}`,
} satisfies Record<string, (params: never) => string>;
