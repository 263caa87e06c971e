import fs from 'node:fs';

/** One record the simulated CRM applied. */
export interface LedgerEntry {
  /** Order in which records were applied, from 1. */
  readonly seq: number;
  readonly time: string;
  /** The number of the data call the record came in (from 1; reads count too): records of one batch share it. */
  readonly call: number;
  readonly endpoint: 'update' | 'updateMany';
  readonly operation: string;
  readonly module: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly attachments: number;
}

/** Every applied record, in memory and optionally appended to a JSON-lines file as it happens. */
export class Ledger {
  readonly entries: LedgerEntry[] = [];
  #file: number | undefined;

  constructor(file?: string) {
    // Appended synchronously: a reader of the file after a crash of the client sees every applied record.
    this.#file = file === undefined ? undefined : fs.openSync(file, 'a');
  }

  record(entry: Omit<LedgerEntry, 'seq' | 'time'>): LedgerEntry {
    const full: LedgerEntry = { seq: this.entries.length + 1, time: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.#file !== undefined) fs.writeSync(this.#file, `${JSON.stringify(full)}\n`);
    return full;
  }

  /** How many times each id was applied. */
  countById(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.entries) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
    return counts;
  }

  close(): void {
    if (this.#file !== undefined) fs.closeSync(this.#file);
    this.#file = undefined;
  }
}
