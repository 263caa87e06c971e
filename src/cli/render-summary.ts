import path from 'node:path';
import type { RunSummary } from '../core/types.js';
import { countIn, message, say, type Lang, type Message } from '../core/say.js';
import { nextSteps, notAsSent } from '../run/next-steps.js';
import { formatDurationSafe, type Colour } from './format.js';
import { undoHeadlineNote, undoLine } from './render-undo.js';
import { verifyHeadline } from './render-verify.js';
import { previewLines, reuseMessage } from './render-preview.js';

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
