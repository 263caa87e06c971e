import path from 'node:path';
import type { Plan } from '../core/events.js';
import type { PlanCost } from '../core/catalog/en.js';
import { message, say, type Lang, type Message } from '../core/say.js';
import { forecastQuota, NOMINAL_CALLS_PER_SECOND } from '../send/quota-forecast.js';
import { reuseMessage } from './render-preview.js';

/** The plan shown before the first call, in the person's language. */
export function renderPlan(plan: Plan, lang: Lang = 'en', now = new Date()): string {
  const file = path.basename(plan.file);
  const counts = { toSend: plan.toSend, file, rows: plan.rows, invalid: plan.invalid, skipped: plan.skipped, unchanged: plan.unchanged };
  const said: Message[] = [
    plan.preview ? message('plan.preview', counts) : message('plan.ready', { ...counts, dryRun: plan.dryRun, alreadyDone: plan.alreadyDone }),
  ];
  const details: Message[] = [
    message('plan.where', { dryRun: plan.dryRun, ...(plan.server === undefined ? {} : { server: plan.server }), operation: plan.operation, module: plan.module }),
    message('plan.pace', { concurrency: plan.concurrency, ...(plan.rate === undefined ? {} : { rate: plan.rate }), runDir: plan.runDir }),
  ];
  const reuse = plan.reusedPreview;
  if (reuse) details.push(reuseMessage(reuse));
  const { snapshot } = plan;
  // Reused, the preview's reads are the snapshot: nothing is read, which the line above says.
  if (snapshot && !reuse?.reused) {
    details.push(
      snapshot.fromMatch ? message('plan.snapshot-from-match') : snapshot.done ? message('plan.snapshot-done') : message('plan.snapshot-first', { strategy: snapshot.strategy, ids: snapshot.ids }),
    );
    if (snapshot.ifEmpty) details.push(message('plan.if-empty', { fields: snapshot.ifEmpty }));
  }
  if (snapshot?.skipUnchanged) details.push(message('plan.skip-unchanged'));
  if (plan.match) details.push(message('plan.match', plan.match));
  for (const lookup of plan.lookups ?? []) details.push(message('plan.lookup', lookup));
  if (plan.readBack) details.push(message('plan.read-back'));
  for (const warning of plan.warningsSaid ?? plan.warnings.map((text) => message('plan.note', { text }))) details.push(message('plan.warning', { text: say(warning, lang) }));
  if (plan.token?.operation !== undefined) details.push(message('plan.token-operation', { tokenOperation: plan.token.operation, operation: plan.operation }));
  if (plan.token) details.push(message('plan.token-age', { days: plan.token.ageDays }));
  const reserve = plan.reserve ?? 0;
  if (plan.quota) {
    const cost = costOf(plan);
    const { available } = plan.quota;
    // What the job may use today: what is left, less the units kept for other integrations.
    const room = Math.max(0, available - reserve);
    // Said as sure only when it is: with a batch cost not yet measured, the units needed lie in a range.
    details.push(message('plan.quota', { cost: cost.said, available, hoursToReset: plan.quota.hoursToReset, enough: room >= cost.most, sure: room < cost.least, waits: plan.waitForQuota }));
    if (reserve > 0) details.push(message('plan.reserve', { reserve, limit: plan.quota.limit, used: plan.quota.usedToday, room }));
    if (plan.quotaRereadEvery !== undefined) details.push(message('plan.reserve-reread', { every: plan.quotaRereadEvery }));
    const perCall = plan.batch && plan.batch.cost !== 'call' ? plan.batch.size : 1;
    const forecast = forecastQuota({ units: cost.most, quota: plan.quota, reserve, now, unitsPerSecond: (plan.rate ?? NOMINAL_CALLS_PER_SECOND) * perCall });
    if (forecast) details.push(message('plan.forecast', { days: forecast.days, perDay: forecast.perDay, endsAt: forecast.endsAt.toISOString(), daysAhead: forecast.daysAhead, reserve, waits: plan.waitForQuota }));
  } else if (reserve > 0 && !plan.dryRun) details.push(message('plan.reserve-unknown', { reserve }));
  return `${[...said.map((text) => say(text, lang)), ...details.map((text) => `  ${say(text, lang)}`)].join('\n')}\n`;
}

/**
 * What the job costs before its quota: the rows' calls (one a row, or about one a batch: a batch's units are
 * one, or one a record until measured), then the lookups' reads (at least a call for each read with names to
 * find, at most about a call a name), then the snapshot's (at most a call an id; a module read's pages are
 * known only by reading it). `least` and `most` bound the quota units.
 */
function costOf(plan: Plan): { said: PlanCost; least: number; most: number } {
  const rows = plan.toSend;
  const { batch } = plan;
  let least = batch ? (batch.cost === 'record' ? rows : batch.calls) : rows;
  let most = batch ? (batch.cost === 'call' ? batch.calls : rows) : rows;
  const lookups = (plan.lookups ?? []).filter((lookup) => lookup.queryCalls > 0);
  const lookupCalls = lookups.reduce((sum, lookup) => sum + lookup.queryCalls, 0);
  least += lookups.length;
  most += lookupCalls;
  const { snapshot } = plan;
  const reads: PlanCost['snapshotReads'] = !snapshot || snapshot.done || snapshot.fromMatch || snapshot.ids === 0 ? undefined : snapshot.strategy === 'module' ? { module: true } : { ids: snapshot.ids };
  if (snapshot && reads && !('module' in reads)) {
    least += 1;
    most += snapshot.ids;
  }
  return { said: { rows, ...(batch ? { batch } : {}), lookupCalls, ...(reads ? { snapshotReads: reads } : {}) }, least, most };
}
