import { api, runPath } from '../api.js';
import { number } from '../format.js';
import { html } from '../html.js';
import { ErrorBox, Said, useAction } from '../widgets.js';
import { byModuleOnly } from './check.js';
import { LookupPlan } from './lookups.js';

// What the job may use of today's quota: what is left, less the units --reserve keeps for other integrations.
const room = (plan) => Math.max(0, plan.quota.available - (plan.reserve ?? 0));

/**
 * What the sending costs, from the library's plan (the CLI's planCost): a request a row, or with batches
 * about `batch.calls` requests, whose quota units lie between those and a unit per record until measured.
 */
export function planCost(plan) {
  const rows = plan.toSend;
  if (!plan.batch) return { calls: rows, least: rows, most: rows };
  const { calls, cost } = plan.batch;
  if (cost === 'call') return { calls, least: calls, most: calls };
  if (cost === 'record') return { calls, least: rows, most: rows };
  return { calls, least: calls, most: rows };
}

/**
 * What a snapshot of `ids` records costs in requests, by its strategy (the library's send/snapshot.ts): by id,
 * one a record; `module`, one per 250 records of the module, whose size is known only by reading it (no
 * `most`), then one per id it did not return; `auto` reads the module while that is cheaper, then the ids
 * left one by one: never more than twice the cheaper way, so at most two a record.
 */
export function snapshotCost(strategy, ids) {
  const pages = Math.ceil(ids / 250);
  if (strategy === 'by-id') return { least: ids, most: ids };
  if (strategy === 'module') return { least: pages };
  return { least: pages, most: 2 * ids };
}

/** A snapshot's cost in words: exact, a range, or a least when the module's size decides it. */
export function snapshotCostText(cost, t, lang, key) {
  const n = (value) => number(lang, value);
  if (cost.most === undefined) return t(`${key}.module`, { least: n(cost.least) });
  if (cost.least === cost.most) return t(`${key}.exact`, { n: n(cost.least) });
  return t(`${key}.range`, { least: n(cost.least), most: n(cost.most) });
}

/** `reusePreview`: the preview's reads stand in for the run's (none made), or the library's reason they do not. */
export function ReusedPreview({ reuse, t, lang }) {
  const from = reuse.from.split(/[\\/]/).pop();
  if (reuse.reused) return html`<p class="reuse-preview" data-reused="yes">${t('confirm.reused', { run: from, minutes: number(lang, reuse.minutesOld) })}</p>`;
  return html`<p class="reuse-preview" data-reused="no">${t('confirm.notReused', { run: from })} <${Said} words=${reuse.words} text=${reuse.message} t=${t} /></p>`;
}

/**
 * The job's question once its plan is made, as the CLI asks on the terminal: what file, to which server,
 * operation and module, how many rows, at what cost. Yes sends; Cancel sends nothing.
 */
export function ConfirmSend({ job, t, lang }) {
  const { busy, error, run } = useAction();
  const { plan } = job;
  const say = (yes) => run(() => api(runPath(job.run, '/answer'), { method: 'POST', json: { yes } }));
  const n = (value) => number(lang, value);
  const cost = planCost(plan);
  const file = plan.file.split(/[\\/]/).pop();
  const snapshotReads = plan.snapshot && !plan.snapshot.done && !plan.snapshot.fromMatch;
  return html`
    <div class="next-step confirm" role="group" aria-labelledby="confirm-title">
      <h4 id="confirm-title">${t('confirm.title')}</h4>
      <p>${t('confirm.what', { n: n(plan.toSend), file, rows: n(plan.rows) })}</p>
      <p>${t('confirm.where', { server: plan.server ?? '', operation: plan.operation, module: plan.module })}</p>
      <p>${cost.least === cost.most ? t('confirm.cost', { calls: n(cost.calls), units: n(cost.least) }) : t('confirm.costRange', { calls: n(cost.calls), least: n(cost.least), most: n(cost.most) })}</p>
      ${plan.match && !plan.reusedPreview?.reused && html`<p class="match-cost">${t(plan.match.strategy === 'module' || (plan.match.strategy === 'auto' && byModuleOnly(plan.match)) ? 'confirm.matchModule' : 'confirm.match', { keys: n(plan.match.keys), field: plan.match.field, calls: n(plan.match.queryCalls) })}${plan.match.known > 0 ? ` ${t('confirm.matchKnown', { n: n(plan.match.known) })}` : ''}</p>`}
      ${plan.lookups && html`<${LookupPlan} lookups=${plan.lookups} t=${t} lang=${lang} />`}
      ${snapshotReads && !plan.reusedPreview?.reused && html`<p>${snapshotCostText(snapshotCost(plan.snapshot.strategy, plan.snapshot.ids), t, lang, 'confirm.snapshot')}</p>`}
      ${plan.reusedPreview && html`<${ReusedPreview} reuse=${plan.reusedPreview} t=${t} lang=${lang} />`}
      ${plan.readBack && html`<p>${t('confirm.readBack')}</p>`}
      ${plan.quota && html`<p>${t(room(plan) >= cost.most ? 'confirm.quota' : 'confirm.quotaShort', { available: n(plan.quota.available) })}</p>`}
      ${plan.quota && plan.reserve > 0 && html`<p class="reserve">${t('confirm.reserve', { reserve: n(plan.reserve), room: n(room(plan)) })}${plan.quotaRereadEvery ? ` ${t('confirm.reread', { every: n(plan.quotaRereadEvery) })}` : ''}</p>`}
      <p class="actions">
        <button type="button" class="primary" disabled=${busy} onClick=${() => say(true)}>${t('confirm.yes', { n: n(plan.toSend) })}</button>
        <button type="button" disabled=${busy} onClick=${() => say(false)}>${t('confirm.no')}</button>
      </p>
      <${ErrorBox} error=${error} t=${t} />
    </div>`;
}
