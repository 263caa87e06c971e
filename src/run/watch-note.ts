import fs from 'node:fs';
import path from 'node:path';
import type { RunNote, WatchRefusal } from '../core/catalog/en-watch.js';
import { isWolkvoxBulkError } from '../core/errors.js';
import { message, say, type Lang, type Message } from '../core/say.js';
import type { RunSummary } from '../core/types.js';
import type { LedgerEntry } from '../store/watch-ledger.js';

// The note a watch leaves beside a file it set aside (`<file>.txt`): why, and what to do, in the person's
// language. Its wording is the catalogs'; this only picks the message and its particulars.

/** The note of a file refused before anything was sent (invalid rows, an empty or unreadable file). */
export function refusedNote(file: string, error: unknown, folder: string): Message {
  const why: WatchRefusal = isWolkvoxBulkError(error) && error.said ? { said: error.said } : { text: error instanceof Error ? error.message : String(error) };
  return message('watch.note-refused', { file, why, folder });
}

/** The note of a file whose run did not end with every row updated: what the CRM said, and how to go on. */
export function runNote(file: string, summary: RunSummary, folder: string): Message {
  const failedFile = ['failed.csv', 'failed.xlsx'].map((name) => path.join(summary.runDir, name)).find((candidate) => fs.existsSync(candidate));
  const { counts } = summary;
  const note: RunNote = {
    file,
    runDir: summary.runDir,
    folder,
    csv: /\.(csv|tsv)$/i.test(file),
    counts: { rows: summary.rows, updated: counts.updated, failed: counts.failed, invalid: counts.invalid, notSent: counts.not_sent },
    errors: summary.errors.slice(0, 5),
    ...(summary.stopReason ? { stop: { reason: summary.stopReason, ...(summary.stopSaid ? { said: summary.stopSaid } : summary.stopMessage ? { text: summary.stopMessage } : {}) } } : {}),
    resumable: summary.resumable === true,
    ...(failedFile ? { failedFile } : {}),
    ...(summary.verify ? { notAsSent: summary.verify.differing + summary.verify.missing } : {}),
  };
  return message('watch.note-run', note);
}

/** The note of a file whose content an earlier run already sent. */
export function duplicateNote(file: string, earlier: LedgerEntry): Message {
  return message('watch.note-duplicate', { file, earlier: earlier.file, runDir: earlier.runDir, at: localTime(new Date(earlier.at)) });
}

/** Writes the note beside the moved file: its name plus `.txt`. */
export function writeNote(movedTo: string, note: Message, lang: Lang): string {
  const file = `${movedTo}.txt`;
  fs.writeFileSync(file, say(note, lang));
  return file;
}

// 2026-12-07 01:02, the machine's local time (as the run folders are named).
function localTime(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
