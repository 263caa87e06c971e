import path from 'node:path';
import type { Plan } from '../core/events.js';
import type { RunSummary, VerifySummary } from '../core/types.js';
import { count, counted } from '../core/text.js';
import { EXIT } from '../core/exit-codes.js';
import type { Colour } from './format.js';

/** The plan of `verify`: what it reads back, from where and at what cost; it sends nothing. */
export function renderVerifyPlan(plan: Plan): string {
  const records = plan.readsOnly?.records ?? 0;
  return [
    `Ready to read back ${counted(records, 'record')} that ${plan.runDir} updated, and compare them with what was sent`,
    `  from ${plan.server ?? 'the run\'s server'}, operation ${plan.operation}, module ${plan.module}; nothing is sent`,
    `  reads: 1 call per 250 records of the module while that is cheaper than 1 call per record, then 1 call per record left; ${counted(plan.concurrency, 'call')} at a time`,
    '',
  ].join('\n');
}

/** Records that read back otherwise than sent: differing, or gone. */
export const notAsSent = (verify: VerifySummary) => verify.differing + verify.missing;

/** What the records read back came to, in a sentence (the headline of `verify`, and of `update --verify` when they differ). */
export function verifyHeadline(verify: VerifySummary, readBack = ''): string {
  if (notAsSent(verify) === 0) return 'Verified: every record reads back as sent.';
  const of = `of ${count(verify.checked)} records${readBack}`;
  const parts = [
    ...(verify.differing > 0 ? [`${count(verify.differing)} ${of} differ from what was sent`] : []),
    ...(verify.missing > 0 ? [`${verify.differing > 0 ? count(verify.missing) : `${count(verify.missing)} ${of}`} ${verify.missing === 1 ? 'is' : 'are'} no longer in the CRM`] : []),
  ];
  return `Not as sent: ${parts.join(', ')}.`;
}

/** The command that sends again what the CRM does not hold as sent: the run's baseline left those rows out. */
export const resendCommand = (summary: RunSummary) => `wolkvox-bulk update ${summary.file} --mapping ${summary.mapping} --since ${summary.runDir}`;

/**
 * The summary of `verify`: the records read back and how they compare, what the reads cost (apart from the
 * run's calls), where the differences are listed, and how to send those rows again.
 */
export function renderVerifySummary(summary: RunSummary, context: { paint?: (colour: Colour, text: string) => string; baseline?: boolean }): string {
  const paint = context.paint ?? ((_colour: Colour, text: string) => text);
  const { verify } = summary;
  if (!verify) return `Nothing was read back.\n`;
  const lines = [paint('bold', verifyHeadline(verify)), ''];
  const row = (name: string, value: number, colour?: Colour) => {
    const line = `  ${name.padEnd(11)}${count(value).padStart(9)}`;
    lines.push(colour && value > 0 ? paint(colour, line) : line);
  };
  row('checked', verify.checked);
  row('as sent', verify.matched, 'green');
  if (verify.differing > 0) row('differing', verify.differing, 'red');
  if (verify.missing > 0) row('missing', verify.missing, 'red');
  lines.push('', `  ${counted(verify.calls, 'call')} to read them back (not counted in the run's own calls)`);
  if (notAsSent(verify) > 0) lines.push(`  listed in ${verify.file} (a line per field that differs; "not found" for a record gone)`);
  // summary.json's exit code is the run's: a run that itself failed rows or stopped says so first.
  if (summary.exitCode !== EXIT.ok && summary.exitCode !== EXIT.notAsSent) {
    lines.push(`  exit ${summary.exitCode}: the run itself ${summary.stopReason ? 'stopped before it finished' : 'has rows that failed, were invalid or were not sent'} (see ${path.join(summary.runDir, 'results.csv')})`);
  }
  lines.push('', `Run folder: ${summary.runDir}`);
  if (notAsSent(verify) > 0 && context.baseline) lines.push('', 'Next:', `  send those rows again (rows the CRM holds as sent are left out): ${resendCommand(summary)}`);
  return `${lines.join('\n')}\n`;
}
