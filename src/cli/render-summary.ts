import path from 'node:path';
import type { RunSummary } from '../core/types.js';
import { countIn, message, say, type Lang, type Message } from '../core/say.js';
import { fatalKind } from '../send/fatal-advice.js';
import { resumableFrom } from '../store/resumable.js';
import { formatDurationSafe, type Colour } from './format.js';
import { undoHeadlineNote, undoLine } from './render-undo.js';
import { notAsSent, resendCommand, verifyHeadline } from './render-verify.js';
import { previewLines, previewNext, reuseMessage } from './render-preview.js';

const STATUS_ORDER = ['updated', 'unchanged', 'failed', 'invalid', 'skipped', 'not_sent', 'would_send'] as const;

const STATUS_COLOUR: Readonly<Record<(typeof STATUS_ORDER)[number], Colour | undefined>> = {
  updated: 'green',
  failed: 'red',
  invalid: 'yellow',
  skipped: undefined,
  unchanged: undefined,
  not_sent: 'cyan',
  would_send: 'cyan',
};

/** The end-of-run summary, in the person's language: counts, cost, top errors, where the files are, and what to run next. */
export function renderSummary(summary: RunSummary, context: { failedFile?: string; paint?: (colour: Colour, text: string) => string; lang?: Lang }): string {
  const paint = context.paint ?? ((_colour: Colour, text: string) => text);
  const lang = context.lang ?? 'en';
  const said = (text: Message) => say(text, lang);
  const item = (text: Message) => `  ${said(text)}`;
  const { counts, verify } = summary;
  const lines: string[] = [];
  lines.push(paint('bold', `${said(headline(summary, lang))}${summary.stopReason ? '' : undoHeadlineNote(summary.undo, lang)}`), '');
  if (summary.changes) lines.push(...previewLines(summary.changes, lang, said));
  for (const status of summary.changes ? [] : STATUS_ORDER) {
    if (counts[status] === 0 && status !== 'updated') continue;
    const colour = STATUS_COLOUR[status];
    const line = `  ${said(message('summary.status', { status })).padEnd(11)}${countIn(lang, counts[status]).padStart(9)}`;
    lines.push(colour && counts[status] > 0 ? paint(colour, line) : line);
  }
  lines.push(
    '',
    item(
      message('summary.calls', {
        calls: summary.calls,
        ...(summary.callsPerUpdated === null ? {} : { perUpdated: summary.callsPerUpdated }),
        // The quota units the calls spent, where they are not simply one a call.
        unitsUnknown: summary.quotaUnits === undefined && summary.batch !== undefined,
        ...(summary.quotaUnits === undefined || summary.quotaUnits === summary.calls ? {} : { units: summary.quotaUnits }),
        retries: summary.retries,
        resent: summary.resent,
        duration: formatDurationSafe(summary.durationMs),
        rowsPerSecond: summary.rowsPerSecond,
        sessions: summary.sessions,
      }),
    ),
  );
  const reapplied = summary.reapplied ?? 0;
  if (reapplied > 0) lines.push(item(message('summary.reapplied', { records: reapplied })));
  const uncertain = summary.uncertainCalls ?? [];
  if (uncertain.length > 0) lines.push(item(message('summary.uncertain', { calls: uncertain })));
  if (summary.batch) lines.push(item(message('summary.batch', summary.batch)));
  if (verify) lines.push(item(message('summary.verified', verify)));
  if (summary.match) lines.push(item(message('summary.match', summary.match)));
  for (const lookup of summary.lookups ?? []) lines.push(item(message('summary.lookup', lookup)));
  if (summary.undo) lines.push(undoLine(summary.undo, lang));
  if (summary.reusedPreview) lines.push(item(reuseMessage(summary.reusedPreview)));
  if (summary.preview && summary.preview.length > 0) {
    lines.push('', said(message('summary.bodies', { bodies: summary.preview.length, exactly: true })));
    for (const body of summary.preview) lines.push(`  ${JSON.stringify(body)}`);
  }
  if (summary.errors.length > 0) {
    lines.push('', said(message('summary.top-errors')));
    for (const error of summary.errors.slice(0, 5)) lines.push(item(message('summary.error', { count: countIn(lang, error.count).padStart(6), message: error.message, row: error.exampleRow })));
  }
  const dir = summary.runDir;
  lines.push('', said(message('summary.run-folder', { dir })), item(message('summary.results', { file: path.join(dir, 'results.csv') })));
  if (context.failedFile) lines.push(item(message('summary.failed-rows', { file: context.failedFile })));
  const next = nextSteps(summary, context.failedFile);
  if (next.length > 0) lines.push('', said(message('summary.next')), ...next.map(item));
  return `${lines.join('\n')}\n`;
}

// The first line: how the run ended.
function headline(summary: RunSummary, lang: Lang): Message {
  const { counts, verify } = summary;
  if (summary.stopReason) return message('summary.stopped', { message: summary.stopSaid ? say(summary.stopSaid, lang) : (summary.stopMessage ?? summary.stopReason) });
  if (summary.changes) return message('summary.preview-done');
  if (summary.dryRun) return message('summary.dry-run-done');
  if (verify && notAsSent(verify) > 0) return verifyHeadline(verify, true);
  if (counts.updated === summary.rows) return message('summary.done-all');
  if (counts.updated + counts.unchanged === summary.rows) return message('summary.done-all-or-unchanged');
  return message('summary.finished');
}

// What to run next, for each way a run can end: always a command that works once the cause is fixed
// (placeholders in <angle brackets> are the user's to fill in).
function nextSteps(summary: RunSummary, failedFile: string | undefined): Message[] {
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
