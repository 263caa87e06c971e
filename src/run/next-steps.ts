import fs from 'node:fs';
import path from 'node:path';
import type { RunSummary, VerifySummary } from '../core/types.js';
import { message, type Message } from '../core/say.js';
import { PREVIEW_FRESH_MINUTES } from '../plan/job-settings.js';
import { fatalKind } from '../send/fatal-advice.js';
import { resumableFrom } from '../store/resumable.js';

// What to run after a run, for each way it can end: the terminal's summary and a notification say the same.

/** Records that read back otherwise than sent: differing, or gone. */
export const notAsSent = (verify: VerifySummary) => verify.differing + verify.missing;

/** The command that sends again what the CRM does not hold as sent: the run's baseline left those rows out. */
export const resendCommand = (summary: RunSummary) => `wolkvox-bulk update ${summary.file} --mapping ${summary.mapping} --since ${summary.runDir}`;

/** After a preview: the real run, with its reads. */
export const previewNext = (summary: RunSummary): Message =>
  message('next.after-preview', {
    command: `wolkvox-bulk update ${summary.file} --mapping ${summary.mapping}${summary.server === undefined ? '' : ` --server ${summary.server}`} --reuse-preview ${summary.runDir}`,
    fresh: PREVIEW_FRESH_MINUTES,
  });

/** The run's failed rows file (failed.csv or failed.xlsx), when rows failed or were not sent and it was written. */
export function failedFileOf(summary: RunSummary): string | undefined {
  if (summary.counts.failed + summary.counts.not_sent === 0) return undefined;
  return ['failed.csv', 'failed.xlsx'].map((name) => path.join(summary.runDir, name)).find((file) => fs.existsSync(file));
}

/**
 * What to run next, for each way a run can end: always a command that works once the cause is fixed
 * (placeholders in <angle brackets> are the user's to fill in).
 */
export function nextSteps(summary: RunSummary, failedFile: string | undefined): Message[] {
  const resume = `wolkvox-bulk resume ${summary.runDir}`;
  const steps: Message[] = [];
  switch (summary.stopReason) {
    case undefined:
      if (summary.changes) steps.push(previewNext(summary));
      // Finished, but rows have no final outcome (gave up after their retries, outcome unknown): resume sends them.
      if (resumableFrom(summary, summary.dryRun)) steps.push(message('next.unfinished-rows', { resume }));
      break;
    case 'fatal':
      steps.push(message('next.fatal', { reason: fatalKind(summary.fatalReason), resume }));
      break;
    case 'failure-rate':
      steps.push(message('next.failure-rate-crm', { resume }));
      if (failedFile) steps.push(message('next.failure-rate-mapping', { failedFile, mapping: summary.mapping }));
      break;
    case 'quota':
      steps.push(message('next.quota', { resume }));
      break;
    default:
      steps.push(message('next.resume', { resume }));
  }
  // Rows whose key found no record (or several) were never sent: resume has nothing to try again for them.
  const keyed = summary.match ? summary.match.notFound + summary.match.ambiguous : 0;
  const unnamed = (summary.lookups ?? []).filter((lookup) => lookup.notFound + lookup.ambiguous > 0);
  const named = unnamed.reduce((sum, lookup) => sum + lookup.notFound + lookup.ambiguous, 0);
  if (failedFile) {
    const fix = { file: path.basename(failedFile), failedFile, mapping: summary.mapping };
    if (keyed > 0 && summary.match) steps.push(message('next.fix-keys', { field: summary.match.field, ...fix }));
    if (named > 0) steps.push(message('next.fix-names', { labels: unnamed.flatMap((lookup) => lookup.labels), ...fix }));
  }
  if (summary.stopReason !== 'failure-rate' && summary.counts.failed > keyed + named) steps.push(message('next.retry-failed', { resume }));
  if (summary.verify && notAsSent(summary.verify) > 0) steps.push(message('next.resend', { command: resendCommand(summary) }));
  return steps;
}
