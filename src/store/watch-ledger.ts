import fs from 'node:fs';
import path from 'node:path';
import { logLines, openLog } from './read-log.js';

/** A file a watch took: its content's hash, and the run folder it was given (the latest line of a hash wins). */
export interface LedgerEntry {
  readonly sha256: string;
  /** The file's name when it was taken. */
  readonly file: string;
  readonly runDir: string;
  /** When it was taken (ISO). */
  readonly at: string;
}

/** The ledger of the watches of a runs folder: one JSON line a file taken, appended. */
export const ledgerFile = (runsDir: string) => path.join(runsDir, 'watch-ledger.ndjson');

/** The latest entry for a content, if any watch of this runs folder took it. */
export async function ledgerEntryFor(runsDir: string, sha256: string): Promise<LedgerEntry | undefined> {
  let found: LedgerEntry | undefined;
  for await (const entry of logLines<LedgerEntry>(ledgerFile(runsDir))) if (entry?.sha256 === sha256) found = entry;
  return found;
}

/** Adds an entry, on disk before the run it names sends anything. */
export function appendLedger(runsDir: string, entry: LedgerEntry): void {
  fs.mkdirSync(runsDir, { recursive: true });
  const log = openLog<LedgerEntry>(ledgerFile(runsDir));
  try {
    log.write(entry);
    log.sync();
  } finally {
    log.close();
  }
}
