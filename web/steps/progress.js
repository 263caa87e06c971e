import { useRef } from 'preact/hooks';
import { api, runPath } from '../api.js';
import { dateTime, duration, number } from '../format.js';
import { html } from '../html.js';
import { ErrorBox, Said, useAction, useFocusFollows } from '../widgets.js';
import { ConfirmSend } from './confirm.js';
import { Summary } from './summary.js';

function Note({ note, t, lang }) {
  if (!note) return null;
  if (note.kind === 'pause') return html`<p class="note">${t('progress.pause', { time: duration(lang, note.ms), reason: note.words?.[t.lang] ?? note.reason })}</p>`;
  if (note.kind === 'batches') return html`<p class="note">${t('progress.batches', { reason: note.words[t.lang] })}</p>`;
  if (note.kind === 'quota-wait') return html`<p class="note">${t('progress.quotaWait', { until: dateTime(lang, note.until) })}</p>`;
  if (note.kind === 'concurrency') return html`<p class="note">${t('progress.concurrency', { from: note.from, to: note.to })}</p>`;
  if (note.kind === 'reading') return html`<p class="note" role="status">${t(`progress.reading.${note.what}`, { calls: number(lang, note.calls) })}</p>`;
  return html`<p class="note">${t('progress.stopping')}</p>`;
}

/**
 * The live job, as the server pushes it (Server-Sent Events): the bar, the pace, the calls, the quota left
 * (always: read when the job began to spend, or why it is not known);
 * Stop asks the library to stop cleanly (no new calls, the ones in flight finish, reports written).
 */
export function JobProgress({ job, t, lang, onResults }) {
  const { busy, error, run } = useAction();
  const stop = () => run(() => api(runPath(job.run, '/stop'), { method: 'POST', json: {} }));
  // While the job asks, nothing is under way yet: the question alone is shown.
  const progress = job.phase === 'confirming' ? undefined : job.progress;
  // The button that started, answered or stopped the job goes away: the focus follows the job, to its
  // question, its heading while it runs, its outcome when it ends.
  const panel = useRef(null);
  const focusTarget = { confirming: '#confirm-title', done: '.summary .verdict', failed: '.error, .note' }[job.phase] ?? '#job-title';
  useFocusFollows(`${job.run}:${job.phase}`, () => panel.current?.querySelector(focusTarget), { onMount: true });
  const kind = job.kind === 'update' ? (job.limit ? t('progress.canary', { n: job.limit }) : t('progress.update')) : t(`progress.${job.kind}`);
  return html`
    <section class="job" ref=${panel} aria-labelledby="job-title" data-phase=${job.phase}>
      <h3 id="job-title">${kind}: <code>${job.run}</code></h3>
      ${job.phase === 'checking' && html`<p role="status">${t('progress.checking')}</p>`}
      ${job.phase === 'confirming' && html`<${ConfirmSend} job=${job} t=${t} lang=${lang} />`}
      ${job.plan?.warnings.length > 0 && html`<ul class="warnings" aria-label=${t('progress.warnings')}>${job.plan.warnings.map((warning, index) => html`<li><${Said} words=${job.plan.warningsWords?.[index]} text=${warning} t=${t} /></li>`)}</ul>`}
      ${progress && html`<progress max=${Math.max(1, progress.total)} value=${progress.done} aria-label=${t('progress.bar')}></progress>`}
      ${progress && job.phase !== 'done' && html`
        <p class="done-count">${t('progress.rows', { done: number(lang, progress.done), total: number(lang, progress.total) })}</p>
        <dl class="counts">
          <div><dt>${t('status.updated')}</dt><dd data-count="updated">${number(lang, progress.updated)}</dd></div>
          <div><dt>${t('status.failed')}</dt><dd data-count="failed">${number(lang, progress.failed)}</dd></div>
          <div><dt>${t('progress.rate')}</dt><dd>${number(lang, progress.rowsPerSecond, 1)}</dd></div>
          <div><dt>${t('progress.eta')}</dt><dd>${duration(lang, progress.etaMs)}</dd></div>
          <div><dt>${t('progress.calls')}</dt><dd data-count="calls">${number(lang, progress.calls)}</dd></div>
          <div><dt>${t('progress.retries')}</dt><dd>${number(lang, progress.retries)}</dd></div>
          <div><dt>${t('progress.quotaLeft')}</dt><dd data-count="quota-left">${progress.quotaLeft === undefined ? t(`progress.quotaUnknown.${progress.quotaUnknown ?? 'reading'}`) : number(lang, progress.quotaLeft)}</dd></div>
        </dl>
        <${Note} note=${progress.note} t=${t} lang=${lang} />`}
      ${(job.phase === 'checking' || job.phase === 'sending') && html`
        <p class="actions"><button type="button" class="stop" disabled=${busy || job.stopping} onClick=${stop}>${job.stopping ? t('progress.stoppingButton') : t('progress.stop')}</button></p>`}
      <${ErrorBox} error=${error} t=${t} />
      ${job.phase === 'failed' && job.error?.code === 'CANCELLED' && html`<p class="note" role="status">${t('confirm.cancelled')}</p>`}
      ${job.phase === 'failed' && job.error?.code !== 'CANCELLED' && html`<${ErrorBox} error=${job.error} t=${t} />`}
      ${job.phase === 'done' && html`
        <${Summary} summary=${job.summary} t=${t} lang=${lang} />
        <p class="actions"><button type="button" onClick=${onResults}>${t('progress.toResults')}</button></p>`}
    </section>`;
}
