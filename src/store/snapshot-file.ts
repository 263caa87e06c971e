import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import { withAtomicFile } from './atomic-file.js';

/** A record's values before the update, by CRM label (only the mapped fields), or null when the CRM has none. */
export type BeforeValues = Readonly<Record<string, unknown>> | null;

/** One line of before.csv: a row that was to be sent, and its record's values before the update. */
export interface BeforeRow {
  readonly rowNumber: number;
  readonly id: string;
  readonly values: BeforeValues;
}

export const BEFORE_FOUND = '_wvx_found';

/**
 * before.csv: one line per row to send, its id and each mapped field's value before the update, by CRM
 * label. Each cell is the value as JSON (`"VIP"`, `1500000.5`, `""`, an object), so it goes back exactly
 * as it was read; an empty cell is a field the CRM did not return.
 */
export async function writeBefore(file: string, labels: readonly string[], rows: Iterable<BeforeRow> | AsyncIterable<BeforeRow>): Promise<void> {
  await withAtomicFile(file, async (fd) => {
    fs.writeSync(fd, '\ufeff');
    const line = (cells: string[]) => fs.writeSync(fd, stringify([cells], { record_delimiter: 'windows', quote_record_delimiter: true }));
    line(['_wvx_row', 'wolkvox-id', BEFORE_FOUND, ...labels]);
    for await (const row of rows) {
      const cells = labels.map((label) => (row.values && label in row.values ? JSON.stringify(row.values[label]) : ''));
      line([String(row.rowNumber), row.id, row.values ? 'yes' : 'no', ...cells]);
    }
  });
}

/** before.csv as written: the labels and each row's values (a record the CRM did not have: null). */
export function readBefore(file: string): { labels: string[]; rows: BeforeRow[] } {
  if (!fs.existsSync(file)) {
    throw new WolkvoxBulkError('RUN_INVALID', message('snapshot.missing', { file }), { file });
  }
  const [header = [], ...records] = parse(fs.readFileSync(file), { bom: true, relax_column_count: false }) as string[][];
  const labels = header.slice(3);
  const rows = records.map((cells) => {
    const [rowNumber = '0', id = '', found = 'no', ...values] = cells;
    const parsed: Record<string, unknown> = {};
    labels.forEach((label, index) => {
      const cell = values[index] ?? '';
      if (cell !== '') parsed[label] = JSON.parse(cell);
    });
    return { rowNumber: Number(rowNumber), id, values: found === 'yes' ? parsed : null };
  });
  return { labels, rows };
}
