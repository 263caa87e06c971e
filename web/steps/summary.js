import { duration, number } from '../format.js';
import { html } from '../html.js';
import { ReusedPreview } from './confirm.js';
import { LookupCounts } from './lookups.js';
import { ChangeCounts } from './preview.js';
import { MatchCounts } from './unmatched.js';

const STATUSES = ['updated', 'unchanged', 'failed', 'invalid', 'skipped', 'not_sent', 'would_send'];

/**
 * The run's outcome in words, from its exit code (the library decides it): a dry run sent nothing, so its
 * success says what it would have sent, never that rows were updated.
 */
function verdictOf(summary, t, lang) {
  const said = [];
  // A preview sent nothing on purpose: what it found is in its counts, not in an exit code's words.
  if (summary.changes) return t('summary.previewDone', { n: number(lang, summary.changes.rows.change) });
  if (summary.dryRun) said.push(t('summary.dryRunDone', { n: number(lang, summary.counts.would_send) }));
  if (!summary.dryRun || summary.exitCode !== 0) said.push(t(`summary.exit.${summary.exitCode}`));
  // Failed rows decide the exit code before the read-back does: what reading back found is said all the same.
  if (notAsSent(summary) && summary.exitCode !== 5) {
    said.push(t('summary.verifyFound', { differing: number(lang, summary.verify.differing), missing: number(lang, summary.verify.missing) }));
  }
  return said.join(' ');
}

const notAsSent = (summary) => Boolean(summary.verify) && summary.verify.differing + summary.verify.missing > 0;

/** A run's summary.json, the same facts the CLI prints at the end of a run; `cli: false` leaves out the resume command (said elsewhere). */
export function Summary({ summary, t, lang, cli = true }) {
  if (!summary) return null;
  // The library decides it (store/resumable.ts); the page server fills it in for an older summary.json.
  const resumable = summary.resumable === true;
  return html`
    <div class="summary" aria-label=${t('summary.title')}>
      <p class=${summary.exitCode === 0 && !notAsSent(summary) ? 'verdict ok' : 'verdict not-ready'} role="status">${verdictOf(summary, t, lang)}</p>
      <dl class="counts">
        ${STATUSES.map((status) => html`<div class=${`status-${status}`}><dt>${t(`status.${status}`)}</dt><dd data-status=${status}>${number(lang, summary.counts[status])}</dd></div>`)}
      </dl>
      <dl class="facts">
        <div><dt>${t('summary.rows')}</dt><dd>${number(lang, summary.rows)}</dd></div>
        <div><dt>${t('progress.calls')}</dt><dd>${number(lang, summary.calls)}</dd></div>
        <div><dt>${t('progress.retries')}</dt><dd>${number(lang, summary.retries)}</dd></div>
        <div><dt>${t('summary.duration')}</dt><dd>${duration(lang, summary.durationMs)}</dd></div>
        <div><dt>${t('progress.rate')}</dt><dd>${number(lang, summary.rowsPerSecond, 1)}</dd></div>
        <div><dt>${t('summary.sessions')}</dt><dd>${number(lang, summary.sessions)}</dd></div>
        ${summary.resent > 0 && html`<div><dt>${t('summary.resent')}</dt><dd>${number(lang, summary.resent)}</dd></div>`}
        ${summary.batch && html`<div><dt>${t('summary.batch')}</dt><dd>${number(lang, summary.batch.used)}</dd></div>`}
      </dl>
      ${summary.changes && html`<${ChangeCounts} changes=${summary.changes} calls=${summary.calls} t=${t} lang=${lang} />`}
      ${summary.match && html`<${MatchCounts} match=${summary.match} t=${t} lang=${lang} />`}
      ${summary.lookups && html`<${LookupCounts} lookups=${summary.lookups} t=${t} lang=${lang} />`}
      ${summary.reusedPreview && html`<${ReusedPreview} reuse=${summary.reusedPreview} t=${t} lang=${lang} />`}
      ${summary.verify && html`
        <dl class="counts" aria-label=${t('summary.verify')}>
          ${['checked', 'matched', 'differing', 'missing'].map((name) => html`<div><dt>${t(`verify.${name}`)}</dt><dd data-verify=${name}>${number(lang, summary.verify[name])}</dd></div>`)}
        </dl>`}
      ${summary.stopReason && html`<p class="note"><strong>${t(`stop.${summary.stopReason}`)}</strong> ${summary.stopMessage && html`<span lang="en">${summary.stopMessage}</span>`}</p>`}
      ${summary.errors.length > 0 && html`
        <h4>${t('summary.errors')}</h4>
        <table class="errors">
          <thead><tr><th scope="col">${t('check.message')}</th><th scope="col">${t('summary.count')}</th><th scope="col">${t('summary.example')}</th></tr></thead>
          <tbody>${summary.errors.map((error) => html`<tr><td lang="en">${error.message}</td><td>${number(lang, error.count)}</td><td>${error.exampleRow}</td></tr>`)}</tbody>
        </table>`}
      ${resumable && cli && html`<p class="hint">${t('summary.cli')} <code>wolkvox-bulk resume ${summary.runDir}</code></p>`}
    </div>`;
}
