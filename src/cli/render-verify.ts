import path from 'node:path';
import type { Plan } from '../core/events.js';
import type { RunSummary, VerifySummary } from '../core/types.js';
import { EXIT } from '../core/exit-codes.js';
import { countIn, message, say, type Lang, type Message } from '../core/say.js';
import type { Colour } from './format.js';
import { notAsSent, resendCommand } from '../run/next-steps.js';

/** The plan of `verify`: what it reads back, from where and at what cost; it sends nothing. */
export function renderVerifyPlan(plan: Plan, lang: Lang = 'en'): string {
  const records = plan.readsOnly?.records ?? 0;
  return [
    say(message('verify.plan-title', { records, runDir: plan.runDir }), lang),
    `  ${say(message('verify.plan-where', { ...(plan.server ? { server: plan.server } : {}), operation: plan.operation, module: plan.module }), lang)}`,
    `  ${say(message('verify.plan-reads', { inFlight: plan.concurrency }), lang)}`,
    '',
  ].join('\n');
}

/** What the records read back came to (the headline of `verify`, and of `update --verify` when they differ, `inRun`). */
export function verifyHeadline(verify: VerifySummary, inRun = false): Message {
  if (notAsSent(verify) === 0) return message('verify.all-as-sent');
  return message('verify.not-as-sent', { checked: verify.checked, differing: verify.differing, missing: verify.missing, inRun });
}

/**
 * The summary of `verify`: the records read back and how they compare, what the reads cost (apart from the
 * run's calls), where the differences are listed, and how to send those rows again.
 */
export function renderVerifySummary(summary: RunSummary, context: { paint?: (colour: Colour, text: string) => string; baseline?: boolean; lang?: Lang }): string {
  const paint = context.paint ?? ((_colour: Colour, text: string) => text);
  const lang = context.lang ?? 'en';
  const said = (text: Message) => say(text, lang);
  const { verify } = summary;
  if (!verify) return `${said(message('verify.nothing-read'))}\n`;
  const lines = [paint('bold', said(verifyHeadline(verify))), ''];
  const row = (name: Message, value: number, colour?: Colour) => {
    const line = `  ${said(name).padEnd(11)}${countIn(lang, value).padStart(9)}`;
    lines.push(colour && value > 0 ? paint(colour, line) : line);
  };
  row(message('verify.checked'), verify.checked);
  row(message('verify.as-sent'), verify.matched, 'green');
  if (verify.differing > 0) row(message('verify.differing'), verify.differing, 'red');
  if (verify.missing > 0) row(message('verify.missing'), verify.missing, 'red');
  lines.push('', `  ${said(message('verify.read-calls', { calls: verify.calls }))}`);
  if (notAsSent(verify) > 0) lines.push(`  ${said(message('verify.listed-in', { file: verify.file }))}`);
  // summary.json's exit code is the run's: a run that itself failed rows or stopped says so first.
  if (summary.exitCode !== EXIT.ok && summary.exitCode !== EXIT.notAsSent) {
    lines.push(`  ${said(message('verify.run-exit', { exitCode: summary.exitCode, stopped: summary.stopReason !== undefined, results: path.join(summary.runDir, 'results.csv') }))}`);
  }
  lines.push('', said(message('summary.run-folder', { dir: summary.runDir })));
  if (notAsSent(verify) > 0 && context.baseline) lines.push('', said(message('summary.next')), `  ${said(message('verify.resend', { command: resendCommand(summary) }))}`);
  return `${lines.join('\n')}\n`;
}
