import path from 'node:path';
import type { Plan } from '../core/events.js';
import type { RunSummary } from '../core/types.js';
import { say, type Lang } from '../core/say.js';
import { fatalAdvice } from '../send/fatal-advice.js';
import { resumableFrom } from '../store/resumable.js';
import { count, counted, firstBodies, formatDurationSafe, type Colour } from './format.js';
import { undoHeadlineNote, undoLine } from './render-undo.js';
import { notAsSent, resendCommand, verifyHeadline } from './render-verify.js';
import { previewHeadline, previewLines, previewNext, reuseLine } from './render-preview.js';

/** The plan shown before the first call. */
export function renderPlan(plan: Plan): string {
  const lines = [
    plan.preview ? previewHeadline(plan, path.basename(plan.file)) : `${plan.dryRun ? 'Dry run: would send' : 'Ready to send'} ${counted(plan.toSend, 'row')} of ${path.basename(plan.file)} (${counted(plan.rows, 'row')}; ${count(plan.invalid)} invalid, ${count(plan.skipped)} skipped${plan.unchanged > 0 ? `, ${count(plan.unchanged)} unchanged` : ''}${plan.alreadyDone > 0 ? `, ${count(plan.alreadyDone)} already done` : ''})`,
    plan.dryRun ? `  operation ${plan.operation}, module ${plan.module} (dry run: no server is contacted)` : `  to ${plan.server}, operation ${plan.operation}, module ${plan.module}`,
    `  ${counted(plan.concurrency, 'call')} at a time${plan.rate === undefined ? '' : `, at most ${plan.rate}/s`}; run folder ${plan.runDir}`,
  ];
  if (plan.reusedPreview) lines.push(reuseLine(plan.reusedPreview));
  // Reused, the preview's reads are the snapshot: nothing is read, which the line above says.
  if (plan.snapshot && plan.reusedPreview?.reused) {
    if (plan.snapshot.skipUnchanged) lines.push('  rows whose values the CRM already holds are left out (unchanged, no call)');
  } else if (plan.snapshot) {
    const { strategy, ids, skipUnchanged, done } = plan.snapshot;
    lines.push(
      plan.snapshot.fromMatch
        ? '  snapshot: from the module read that finds the keys, when the module is read (no more calls); otherwise by id'
        : done
        ? '  snapshot: already read by an earlier session (before.csv)'
        : `  snapshot first (--snapshot ${strategy}): by id ${counted(ids, 'call')}; a module read 1 call per 250 records of the module (its size is known only by reading it), then 1 call per id it did not return${strategy === 'auto' ? '; auto reads the module while that is cheaper, then the ids left one by one' : ''}`,
    );
    if (plan.snapshot.ifEmpty) lines.push(`  written only where the CRM's field is empty (if-empty): ${plan.snapshot.ifEmpty.join(', ')}; a filled one is kept, and a row left with nothing to write is unchanged (no call)`);
    if (skipUnchanged) lines.push('  rows whose values the CRM already holds are left out (unchanged, no call)');
  }
  if (plan.match) lines.push(matchLine(plan.match));
  for (const lookup of plan.lookups ?? []) lines.push(lookupLine(lookup));
  if (plan.readBack) lines.push('  then the updated records are read back (1 call per 250 records of the module, or 1 per record, the cheaper) and compared');
  for (const warning of plan.warnings) lines.push(`  warning: ${warning}`);
  if (plan.quota) {
    const cost = withReads(withLookups(planCost(plan), lookupCost(plan)), plan);
    const { available } = plan.quota;
    // Said as sure only when it is: with a batch cost not yet measured, the units needed lie in a range.
    const when = available < cost.least ? 'when' : 'if';
    lines.push(
      `  ${cost.text}${plan.batch ? ';' : ','} ${count(available)} available today, resets in ${plan.quota.hoursToReset} h` +
        (available >= cost.most
          ? ''
          : plan.waitForQuota
            ? ` — ${when} they are used up the job waits for the reset and goes on by itself`
            : ` — the job stops cleanly ${when} they are used up (resume it after the reset, or add --wait-for-quota)`),
    );
  }
  return `${lines.join('\n')}\n`;
}

// The keys of a `match` mapping, read once the plan is confirmed: what each way costs, and the way chosen.
const MATCH_WAYS: Readonly<Record<NonNullable<Plan['match']>['strategy'], string>> = {
  auto: 'auto: the module while its pages stay fewer than the keys, then key by key',
  module: '--match-by module',
  query: '--match-by query',
};

function matchLine(match: NonNullable<Plan['match']>): string {
  const { field, compare, keys, strategy, queryCalls, known, pagesRead } = match;
  const earlier = [...(known > 0 ? [`${count(known)} found already`] : []), ...(pagesRead > 0 ? [`${counted(pagesRead, 'module page')} read already`] : [])];
  return `  match by ${field} (compared ${compare}): ${counted(keys, 'key')} to find once you confirm${earlier.length > 0 ? ` (${earlier.join(', ')})` : ''}: query.php key by key ${counted(queryCalls, 'call')}, or the module read 1 call per 250 records (${MATCH_WAYS[strategy]}); a row whose key is on no record or on several fails, and nothing is sent for it`;
}

// A search field's lookup, read once the plan is confirmed, costed as a match's keys are.
function lookupLine(lookup: NonNullable<Plan['lookups']>[number]): string {
  const { module, labels, field, compare, keys, queryCalls, known, pagesRead } = lookup;
  const earlier = [...(known > 0 ? [`${count(known)} found already`] : []), ...(pagesRead > 0 ? [`${counted(pagesRead, 'module page')} read already`] : [])];
  return `  lookup ${labels.join(', ')} in ${module} by ${field} (compared ${compare}): ${counted(keys, 'name')} to find once you confirm${earlier.length > 0 ? ` (${earlier.join(', ')})` : ''}: query.php name by name ${counted(queryCalls, 'call')}, or ${module} read 1 call per 250 records (auto: ${module} while its pages stay fewer than the names, then name by name); a row whose name is on no record or on several fails, and nothing is sent for it`;
}

// The lookups' reads, before the updates: at least a call for each read with names to find, at most (about)
// a call per name, the module read being chosen only when it costs less.
function lookupCost(plan: Plan): { readonly least: number; readonly most: number } {
  const reads = (plan.lookups ?? []).filter((lookup) => lookup.queryCalls > 0);
  return { least: reads.length, most: reads.reduce((sum, lookup) => sum + lookup.queryCalls, 0) };
}

/**
 * What the rows to send cost: the calls (one a row, or about one a batch), and the quota units where they
 * differ from the calls or may (an updateMany.php call costs one unit, or one per record). `least` and
 * `most` bound the units.
 */
function planCost(plan: Plan): { text: string; least: number; most: number } {
  const rows = plan.toSend;
  if (!plan.batch) return { text: `needs ${counted(rows, 'call')}`, least: rows, most: rows };
  const { size, calls, cost } = plan.batch;
  const needs = `needs about ${counted(calls, 'call')} in batches of ${count(size)}`;
  if (cost === 'call') return { text: `${needs}, 1 quota unit each`, least: calls, most: calls };
  if (cost === 'record') return { text: `${needs}, ${counted(rows, 'quota unit')} (an updateMany.php call costs 1 per record)`, least: rows, most: rows };
  return { text: `${needs}: ${counted(calls, 'quota unit')} if an updateMany.php call costs 1, ${count(rows)} if it costs 1 per record (measured after the first batch)`, least: calls, most: rows };
}

function withLookups(cost: { text: string; least: number; most: number }, reads: { readonly least: number; readonly most: number }) {
  if (reads.most === 0) return cost;
  return { text: `${cost.text}, plus up to ${counted(reads.most, 'call')} to find the lookups' names first`, least: cost.least + reads.least, most: cost.most + reads.most };
}

/**
 * The snapshot's reads on top of the sending (--skip-unchanged, if-empty fields), when the plan knows a
 * bound: by id, a call per id; auto reads the module only while that is cheaper. A module read's pages are
 * known only by reading it.
 */
function withReads(cost: { text: string; least: number; most: number }, plan: Plan): { text: string; least: number; most: number } {
  const snapshot = plan.snapshot;
  if (!snapshot || snapshot.done || snapshot.fromMatch || snapshot.ids === 0) return cost;
  if (snapshot.strategy === 'module') return { ...cost, text: `${cost.text}, plus the module read first (1 call per 250 records)` };
  return { text: `${cost.text}, plus up to ${counted(snapshot.ids, 'call')} to read the records first`, least: cost.least + 1, most: cost.most + snapshot.ids };
}

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
