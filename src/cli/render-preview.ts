import type { ChangePreview, PreviewReuse, RunSummary } from '../core/types.js';
import { PREVIEW_FRESH_MINUTES } from '../plan/job-settings.js';
import { count, counted } from './format.js';

/** The plan's line for `--reuse-preview`: the preview's reads used (no read), or why they are read again. */
export const reuseLine = (reuse: PreviewReuse) =>
  reuse.reused ? `  reads: the preview ${reuse.from}'s, made ${counted(reuse.minutesOld, 'minute')} ago (no read is made)` : `  ${reuse.message}`;

/** The summary's lines for a preview: the rows by what would happen to them, and what the real run costs. */
export function previewLines(changes: ChangePreview): string[] {
  const { rows, cost } = changes;
  const lines = [
    `  would change ${count(rows.change).padStart(9)}`,
    `  unchanged    ${count(rows.unchanged).padStart(9)}`,
    `  not found    ${count(rows.notFound).padStart(9)}`,
    ...(rows.ambiguous > 0 ? [`  several      ${count(rows.ambiguous).padStart(9)}   (their key is on several records)`] : []),
    `  invalid      ${count(rows.invalid).padStart(9)}`,
    ...(rows.skipped > 0 ? [`  skipped      ${count(rows.skipped).padStart(9)}`] : []),
    '',
    `  listed in ${changes.file}: each field that would change (${counted(changes.lines, 'line')}, the rows not found included)`,
    `  the real run: ${counted(cost.updates, 'update call')}${cost.batchSize > 1 ? ` in batches of ${count(cost.batchSize)}` : ''}, ${units(cost.quotaUnits)}${cost.updatesSkippingUnchanged === undefined || cost.updatesSkippingUnchanged === cost.updates ? '' : ` (${count(cost.updatesSkippingUnchanged)} with --skip-unchanged)`}; no read with --reuse-preview within ${PREVIEW_FRESH_MINUTES} minutes`,
  ];
  return lines;
}

const units = ({ least, most }: ChangePreview['cost']['quotaUnits']) =>
  least === most ? counted(least, 'quota unit') : `${count(least)} to ${count(most)} quota units (an updateMany.php call costs 1, or 1 per record)`;

/** After a preview: the real run, with its reads. */
export const previewNext = (summary: RunSummary) =>
  `wolkvox-bulk update ${summary.file} --mapping ${summary.mapping}${summary.server === undefined ? '' : ` --server ${summary.server}`} --reuse-preview ${summary.runDir}   (with the preview's other flags, within ${PREVIEW_FRESH_MINUTES} minutes)`;
