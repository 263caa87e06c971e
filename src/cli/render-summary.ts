import path from 'node:path';
import type { RunSummary } from '../core/types.js';
import { say, type Lang } from '../core/say.js';
import { fatalAdvice } from '../send/fatal-advice.js';
import { resumableFrom } from '../store/resumable.js';
import { count, counted, firstBodies, formatDurationSafe, type Colour } from './format.js';
import { undoHeadlineNote, undoLine } from './render-undo.js';
import { notAsSent, resendCommand, verifyHeadline } from './render-verify.js';
import { previewLines, previewNext, reuseLine } from './render-preview.js';

const STATUS_ORDER = ['updated', 'unchanged', 'failed', 'invalid', 'skipped', 'not_sent', 'would_send'] as const;

/** The end-of-run summary: counts, cost, top errors, where the files are, and what to run next. */
const STATUS_COLOUR: Readonly<Record<(typeof STATUS_ORDER)[number], Colour | undefined>> = {
  updated: 'green',
  failed: 'red',
  invalid: 'yellow',
  skipped: undefined,
  unchanged: undefined,
  not_sent: 'cyan',
  would_send: 'cyan',
};

export function renderSummary(summary: RunSummary, context: { failedFile?: string; paint?: (colour: Colour, text: string) => string; lang?: Lang }): string {
  const paint = context.paint ?? ((_colour: Colour, text: string) => text);
  // Being moved to the catalogs (issue 20): the lines already there are said in the person's language.
  const lang = context.lang ?? 'en';
  const { counts } = summary;
  const lines: string[] = [];
  const verify = summary.verify;
  const headline = summary.stopReason ? `Stopped: ${summary.stopMessage ?? summary.stopReason}` : summary.changes ? 'Preview finished: nothing was sent.' : summary.dryRun ? 'Dry run finished: nothing was sent.' : verify && notAsSent(verify) > 0 ? say(verifyHeadline(verify, true), lang) : counts.updated === summary.rows ? 'Done: every row updated.' : counts.updated + counts.unchanged === summary.rows ? 'Done: every row updated or unchanged.' : 'Finished.';
  lines.push(paint('bold', `${headline}${summary.stopReason ? '' : undoHeadlineNote(summary.undo, lang)}`), '');
  if (summary.changes) lines.push(...previewLines(summary.changes));
  for (const status of summary.changes ? [] : STATUS_ORDER) {
    if (counts[status] === 0 && status !== 'updated') continue;
    const colour = STATUS_COLOUR[status];
    const line = `  ${status.padEnd(11)}${count(counts[status]).padStart(9)}`;
    lines.push(colour && counts[status] > 0 ? paint(colour, line) : line);
  }
  lines.push(
    '',
    `  ${counted(summary.calls, 'call')}${summary.callsPerUpdated === null ? '' : ` (${summary.callsPerUpdated.toFixed(2)} per updated row)`}${unitsSpent(summary)}, ${counted(summary.retries, 'retry', 'retries')}${summary.resent > 0 ? `, ${counted(summary.resent, 'row')} re-sent after a crash` : ''}; ${formatDurationSafe(summary.durationMs)}${summary.rowsPerSecond > 0 ? `, ${summary.rowsPerSecond} rows/s` : ''}${summary.sessions > 1 ? ` over ${summary.sessions} sessions` : ''}`,
  );
  const reapplied = summary.reapplied ?? 0;
  if (reapplied > 0) lines.push(`  ${counted(reapplied, 'record')} may have been applied more than once (sent again after a call that may have applied ${reapplied === 1 ? 'it' : 'them'}): a CRM workflow that runs on each update may have run again`);
  const uncertain = summary.uncertainCalls ?? [];
  if (uncertain.length > 0) lines.push(`  ${uncertain.length === 1 ? `call ${uncertain[0]} was` : `calls ${uncertain.join(', ')} were`} in flight when a process died: the CRM may or may not have seen ${uncertain.length === 1 ? 'it' : 'them'}`);
  if (summary.batch) {
    const { size, used, unconfirmable, why, cost } = summary.batch;
    lines.push(
      `  batches of ${size}${used === size ? '' : `, ${unconfirmable ? `then one row per call: ${why ?? 'updateMany.php gave no count'}` : `${used} after the CRM refused bigger ones`}`}${cost ? `; one updateMany.php call cost ${cost === 'call' ? '1 unit' : '1 unit per record'}` : ''}`,
    );
  }
  if (verify) {
    const { checked, matched, differing, missing, file } = verify;
    lines.push(`  verified ${counted(checked, 'record')} by reading them back (${counted(verify.calls, 'call')}, apart from the run's): ${count(matched)} as sent, ${count(differing)} differing${missing > 0 ? `, ${count(missing)} no longer in the CRM` : ''}${differing + missing > 0 ? ` (listed in ${file})` : ''}`);
  }
  if (summary.match) {
    const { field, keys, by, calls, found, none, several } = summary.match;
    const failing = [...(none > 0 ? [`${count(none)} on none`] : []), ...(several > 0 ? [`${count(several)} on several`] : [])];
    lines.push(`  ${counted(keys, `${field} key`)} found ${by === 'module' ? 'by reading the module' : 'by query.php'} (${counted(calls, 'call')}, of the run's): ${count(found)} on one record${failing.length > 0 ? `, ${failing.join(', ')} (their rows failed, not sent)` : ''}`);
  }
  for (const lookup of summary.lookups ?? []) {
    const { module, labels, keys, by, calls, found, none, several } = lookup;
    const failing = [...(none > 0 ? [`${count(none)} on none`] : []), ...(several > 0 ? [`${count(several)} on several`] : [])];
    lines.push(`  ${counted(keys, `${module} name`)} of ${labels.join(', ')} found ${by === 'module' ? `by reading ${module}` : 'by query.php'} (${counted(calls, 'call')}, of the run's): ${count(found)} on one record${failing.length > 0 ? `, ${failing.join(', ')} (their rows failed, not sent)` : ''}`);
  }
  if (summary.undo) lines.push(undoLine(summary.undo, lang));
  if (summary.reusedPreview) lines.push(reuseLine(summary.reusedPreview));
  if (summary.preview && summary.preview.length > 0) {
    lines.push('', `${firstBodies(summary.preview.length, 'exactly ')}:`);
    for (const body of summary.preview) lines.push(`  ${JSON.stringify(body)}`);
  }
  if (summary.errors.length > 0) {
    lines.push('', 'Top errors:');
    for (const error of summary.errors.slice(0, 5)) lines.push(`  ${count(error.count).padStart(6)} × ${error.message} (e.g. row ${error.exampleRow})`);
  }
  const dir = summary.runDir;
  lines.push('', `Run folder: ${dir}`, `  results: ${path.join(dir, 'results.csv')}`);
  if (context.failedFile) lines.push(`  failed rows: ${context.failedFile}`);
  const next = nextSteps(summary, context.failedFile);
  if (next.length > 0) lines.push('', 'Next:', ...next.map((command) => `  ${command}`));
  return `${lines.join('\n')}\n`;
}

// The quota units the calls spent, where they are not simply one a call.
function unitsSpent(summary: RunSummary): string {
  if (summary.quotaUnits === undefined) return summary.batch ? ', quota units not known (an updateMany.php call costs 1 or 1 per record: --check-quota measures it)' : '';
  return summary.quotaUnits === summary.calls ? '' : `, ${counted(summary.quotaUnits, 'quota unit')}`;
}

// What to run next, for each way a run can end: always a command that works once the cause is fixed
// (placeholders in <angle brackets> are the user's to fill in).
function nextSteps(summary: RunSummary, failedFile: string | undefined): string[] {
  const dir = summary.runDir;
  const resume = `wolkvox-bulk resume ${dir}`;
  const steps: string[] = [];
  switch (summary.stopReason) {
    case undefined:
      if (summary.changes) steps.push(previewNext(summary));
      // Finished, but rows have no final outcome (gave up after their retries, outcome unknown): resume sends them.
      if (resumableFrom(summary, summary.dryRun)) steps.push(`${resume}   (sends again the rows not sent, or whose outcome is not known)`);
      break;
    case 'fatal':
      steps.push(fatalAdvice(summary.fatalReason).next(resume));
      break;
    case 'failure-rate':
      steps.push(`if the records are wrong in the CRM, fix them there, then: ${resume} --retry-failed`);
      if (failedFile) steps.push(`if the mapping is wrong, fix it, then send the rows not updated as a new run: wolkvox-bulk update ${failedFile} --mapping ${summary.mapping}`);
      break;
    case 'quota':
      steps.push(`${resume}   (once the daily quota restarts; add --wait-for-quota to wait for it)`);
      break;
    default:
      steps.push(resume);
  }
  // Rows whose key found no record (or several) were never sent: resume has nothing to try again for them.
  const keyed = summary.match ? summary.match.notFound + summary.match.ambiguous : 0;
  const named = (summary.lookups ?? []).reduce((sum, lookup) => sum + lookup.notFound + lookup.ambiguous, 0);
  const unmatched = keyed + named;
  if (keyed > 0 && failedFile) steps.push(`for the rows whose ${summary.match?.field} found no record or several: fix the key in ${path.basename(failedFile)} (or the records in the CRM), then send it as a new run: wolkvox-bulk update ${failedFile} --mapping ${summary.mapping}`);
  if (named > 0 && failedFile) steps.push(`for the rows whose ${(summary.lookups ?? []).filter((lookup) => lookup.notFound + lookup.ambiguous > 0).flatMap((lookup) => lookup.labels).join(', ')} found no record or several: fix the name in ${path.basename(failedFile)} (or the records in the CRM), then send it as a new run: wolkvox-bulk update ${failedFile} --mapping ${summary.mapping}`);
  if (summary.stopReason !== 'failure-rate' && summary.counts.failed > unmatched) steps.push(`after fixing the records in the CRM: ${resume} --retry-failed`);
  if (summary.verify && notAsSent(summary.verify) > 0) steps.push(`send the records not as sent again (rows the CRM holds as sent are left out): ${resendCommand(summary)}`);
  return steps;
}
