import { useEffect, useState } from 'preact/hooks';
import { api, runPath, uploadPath } from '../api.js';
import { number } from '../format.js';
import { html } from '../html.js';
import { toMapping } from '../mapping-model.js';
import { CheckboxField, ErrorBox, NumberField, StepHeading, useAction } from '../widgets.js';
import { isReady, sendableRows } from './check.js';
import { snapshotCost, snapshotCostText } from './confirm.js';
import { freshUntil, jobOptions, reusablePreview } from './job-options.js';
import { JobProgress } from './progress.js';

/** `--since`: a run of the page's runs folder whose baseline (what it left in the CRM) is still there; no reads. */
function SinceField({ value, onValue, t }) {
  const [runs, setRuns] = useState([]);
  useEffect(() => {
    api('/api/runs').then(({ runs: all }) => setRuns(all.filter((entry) => entry.baseline)), () => setRuns([]));
  }, []);
  if (runs.length === 0) return null;
  return html`
    <label class="field"><span>${t('send.since')}</span>
      <select value=${value ?? ''} onChange=${(event) => onValue(event.currentTarget.value || undefined)}>
        <option value="">${t('send.sinceNone')}</option>
        ${runs.map((entry) => html`<option value=${entry.name}>${entry.name}</option>`)}
      </select></label>`;
}

/**
 * The snapshot that lets a run be undone (`--snapshot`, on in the page), and what it costs before the first
 * update: for the rows to send, as the library reads them (with `match`, reading the module for the keys
 * may be the snapshot already, at no cost).
 */
function SnapshotChoice({ state, set, t, lang }) {
  const { connection, report, model } = state;
  const on = Boolean(connection.snapshot);
  const rows = report ? Math.max(0, sendableRows(report)) : undefined;
  const cost = rows === undefined ? undefined : snapshotCost(connection.snapshot, rows);
  return html`
    <div class="snapshot-choice">
      <${CheckboxField} label=${t('send.snapshot')} checked=${on} onValue=${(yes) => set({ connection: { ...connection, snapshot: yes ? 'auto' : undefined } })} />
      ${on && cost && html`<p class="hint snapshot-cost">${snapshotCostText(model?.by === 'match' ? { ...cost, least: 0 } : cost, t, lang, 'send.snapshotCost')}</p>`}
      ${!on && html`<p class="hint">${t('send.snapshotOff')}</p>`}
    </div>`;
}

const isActive = (job) => job && (job.phase === 'checking' || job.phase === 'confirming' || job.phase === 'sending');

/**
 * The job this step shows: one the page started since the file was chosen (`shownRun`), or any job still
 * under way (it holds the CRM: nothing else can start). An earlier run's finished job is not this file's.
 */
const shownJob = ({ job, shownRun }) => (job && (job.run === shownRun || isActive(job)) ? job : null);

/** Step 5: a canary of N rows first, then the rest (a resume of the same run folder); or all at once. */
export function SendStep({ state, set, go, t, lang }) {
  const { busy, error, run } = useAction();
  const [again, setAgain] = useState(false);
  // The run folder's name, as --out sets it; empty: named after the upload (made unique by the server).
  const [folder, setFolder] = useState('');
  const { options, model, vocabulary, report } = state;
  const job = shownJob(state);
  const setOption = (patch) => set({ options: { ...options, ...patch } });
  const start = (limit) =>
    run(async () => {
      const json = {
        mapping: toMapping(model, vocabulary),
        // The notes of the run's files (results, failed rows) in the page's language; run.json keeps it for a resume.
        options: { ...jobOptions(state), ...(limit ? { limit } : {}), lang: lang.startsWith('es') ? 'es' : 'en' },
        ...(folder.trim() ? { folder: folder.trim() } : {}),
        // Every row at once is asked about once the plan is made, as the CLI asks; a canary is the careful way in.
        confirm: !limit,
      };
      const view = await api(uploadPath(state.upload, '/start'), { method: 'POST', json });
      set({ run: view.run, job: view, selectedRun: view.run, shownRun: view.run });
      setAgain(false);
      setFolder('');
    });
  const rest = () =>
    run(async () => {
      const view = await api(runPath(job.run, '/resume'), { method: 'POST', json: { options: {} } });
      set({ job: view, shownRun: view.run });
    });
  const canaryDone = job?.phase === 'done' && job.kind === 'update' && job.summary?.stopReason === 'limit';
  // After a canary the next step is the rest of the same run, and a finished run is done: sending the
  // file again is a new run folder, offered as such.
  // A verify or an undo shown here is another run's job: sending this file again is asked for, as after a run.
  const readBack = job?.phase === 'done' && (job.kind === 'verify' || job.kind === 'undo');
  const finishedHere = (job?.phase === 'done' && job.run === state.run) || readBack;
  const canStart = model && state.upload && !isActive(job) && (!finishedHere || again) && !canaryDone;
  // A check that found nothing to send leaves nothing to start: neither a canary nor the whole file.
  const nothing = report && sendableRows(report) <= 0;
  // The preview's reads go with the run (jobOptions), but not with a dry run, which reads nothing.
  const reused = !jobOptions(state).dryRun && reusablePreview(state);
  return html`
    <section>
      <${StepHeading} t=${t} step="send" number="5" />
      ${canStart && nothing && html`<p class="verdict not-ready">${t('check.nothing')}</p>`}
      ${canStart && !nothing && html`
        <p>${report ? t('send.intro', { n: number(lang, sendableRows(report)) }) : t('send.introUnchecked')}</p>
        ${report && !isReady(report, options) && html`<p class="verdict not-ready">${t('send.notReady')}</p>`}
        ${reused && html`<p class="note reuse-preview">${t('send.reusePreview', { run: reused.run, until: freshUntil(state, lang) })}</p>`}
        <div class="row">
          <${NumberField} label=${t('send.canarySize')} value=${options.canary} min="1" step="1" onValue=${(canary) => setOption({ canary })} />
          <label class="field"><span>${t('send.reports')}</span>
            <select value=${options.reportFormat} onChange=${(event) => setOption({ reportFormat: event.currentTarget.value })}>
              <option value="csv">${t('send.reportsCsv')}</option>
              <option value="xlsx">${t('send.reportsXlsx')}</option>
            </select></label>
          <label class="field"><span>${t('send.folder')}</span>
            <input type="text" value=${folder} size="36" spellcheck="false" placeholder=${state.upload} onInput=${(event) => setFolder(event.currentTarget.value)} /></label>
          <${SinceField} value=${options.since} onValue=${(since) => setOption({ since })} t=${t} />
          ${model.by === 'match'
            ? html`<p class="hint">${t('send.dryRunMatch')}</p>`
            : html`<${CheckboxField} label=${t('send.dryRun')} checked=${options.dryRun} onValue=${(dryRun) => setOption({ dryRun })} />`}
        </div>
        ${!jobOptions(state).dryRun && html`<${SnapshotChoice} state=${state} set=${set} t=${t} lang=${lang} />`}
        <p class="actions">
          <button type="button" class="primary" disabled=${busy || !(options.canary >= 1)} onClick=${() => start(options.canary)}>${t('send.canary', { n: options.canary >= 1 ? number(lang, options.canary) : '' })}</button>
          <button type="button" disabled=${busy} onClick=${() => start(undefined)}>${t('send.all')}</button>
        </p>`}
      ${finishedHere && !canaryDone && !again && model && html`
        <p class="actions"><button type="button" onClick=${() => setAgain(true)}>${t('send.again')}</button></p>`}
      ${canaryDone && html`
        <div class="next-step">
          <p>${t('send.canaryDone', { n: number(lang, job.summary.counts.updated) })}</p>
          <p class="actions"><button type="button" class="primary" disabled=${busy} onClick=${rest}>${t('send.rest')}</button></p>
        </div>`}
      <${ErrorBox} error=${error} t=${t} />
      ${job && html`<${JobProgress} job=${job} t=${t} lang=${lang} onResults=${() => { set({ selectedRun: job.run }); go('results'); }} />`}
    </section>`;
}
