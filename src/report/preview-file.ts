import fs from 'node:fs';
import { safeCell } from '../input/report-cells.js';
import { createAtomicFile } from '../store/atomic-file.js';
import { createCsvWriter } from './csv-writer.js';

/** One line of preview.csv: a field that would change on a row's record, or a row whose record is not found. */
export interface PreviewLine {
  /** The row's line in the input. */
  readonly rowNumber: number;
  /** With `match`: the row's key, as the file holds it. */
  readonly key?: string;
  /** The record's id; absent when the row's key is on no record or on several. */
  readonly id?: string;
  /** A field that would change: its CRM label, the CRM's value now (undefined: it holds none) and the value to be sent. */
  readonly change?: { readonly field: string; readonly now: unknown; readonly toSend: unknown };
  /** Instead of a change: no record has the row's id (or key), or several records have its key. */
  readonly problem?: PreviewProblem;
}

export type PreviewProblem = 'not found' | 'several records';

/** preview.csv's columns; `_wvx_key` only with `match`. Values are JSON, as in before.csv and verify.csv. */
export const PREVIEW_COLUMNS = ['_wvx_row', '_wvx_key', 'wolkvox-id', 'field', 'now', 'to_send'] as const;

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

/**
 * preview.csv, written beside its name and renamed when whole, in the input's delimiter (as results.csv):
 * a line per changed field, `now` and `to_send` as JSON (`""` is an empty value, an empty cell none), and
 * for a row whose record is not found a line with the problem in `now`.
 */
export function createPreviewWriter(file: string, options: { readonly delimiter: string; readonly keyed: boolean }) {
  const target = createAtomicFile(file);
  const fd = fs.openSync(target.temporary, 'w', 0o600);
  const csv = createCsvWriter(fd, { delimiter: options.delimiter, encoding: 'utf-8', bom: true, lineEnding: '\r\n' });
  const columns = (cells: readonly string[]) => (options.keyed ? cells : cells.filter((_cell, index) => index !== 1));
  csv.write(columns(PREVIEW_COLUMNS));
  let lines = 0;
  let open = true;
  const end = () => {
    if (!open) return false;
    open = false;
    return true;
  };
  return {
    write(line: PreviewLine): void {
      lines += 1;
      const { change } = line;
      const values = change ? [change.field, json(change.now), json(change.toSend)] : ['', line.problem ?? '', ''];
      csv.write(columns([String(line.rowNumber), safeCell(line.key ?? ''), safeCell(line.id ?? ''), ...values]));
    },
    lines: () => lines,
    close(): void {
      if (!end()) return;
      try {
        csv.flush();
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      target.commit();
    },
    discard(): void {
      if (!end()) return;
      fs.closeSync(fd);
      target.discard();
    },
  };
}
