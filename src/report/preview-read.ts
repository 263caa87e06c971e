import fs from 'node:fs';
import path from 'node:path';
import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import { unescapeCell } from '../input/report-cells.js';
import type { PreviewLine, PreviewProblem } from './preview-file.js';

const PROBLEMS: readonly string[] = ['not found', 'several records'] satisfies PreviewProblem[];

/**
 * preview.csv read back as lines (the page's before → after table): the first `limit` from `offset`, and
 * whether more follow. `runDir` is the preview's run folder.
 */
export async function readPreview(runDir: string, options: { readonly offset?: number; readonly limit?: number } = {}): Promise<{ readonly lines: PreviewLine[]; readonly more: boolean }> {
  const file = path.join(runDir, 'preview.csv');
  if (!fs.existsSync(file)) throw new WolkvoxBulkError('RUN_INVALID', message('preview.missing', { file }), { file });
  const { parse } = await import('csv-parse');
  // The delimiter is the one after the first column's name (the input's, as results.csv).
  const head = fs.readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 64).replace(/^\ufeff/, '');
  const delimiter = head.charAt('_wvx_row'.length) || ',';
  const offset = options.offset ?? 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, delimiter, columns: true }));
  const lines: PreviewLine[] = [];
  let seen = 0;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      seen += 1;
      if (seen <= offset) continue;
      if (lines.length === limit) return { lines, more: true };
      lines.push(lineOf(record));
    }
  } finally {
    parser.destroy();
  }
  return { lines, more: false };
}

function lineOf(record: Record<string, string>): PreviewLine {
  const key = record._wvx_key;
  const id = record['wolkvox-id'] ?? '';
  const field = record.field ?? '';
  const now = record.now ?? '';
  return {
    rowNumber: Number(record._wvx_row),
    ...(key === undefined ? {} : { key: unescapeCell(key) }),
    ...(id === '' ? {} : { id: unescapeCell(id) }),
    ...(field === '' && PROBLEMS.includes(now)
      ? { problem: now as PreviewProblem }
      : { change: { field, now: now === '' ? undefined : (JSON.parse(now) as unknown), toSend: record.to_send ? (JSON.parse(record.to_send) as unknown) : undefined } }),
  };
}
