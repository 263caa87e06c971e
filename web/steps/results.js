import { useEffect, useState } from 'preact/hooks';
import { api, runPath } from '../api.js';
import { dateTime, number } from '../format.js';
import { html } from '../html.js';
import { CheckboxField, ErrorBox, ScrollRegion, StepHeading, useAction } from '../widgets.js';
import { Advanced, TokenEntry } from './connect.js';
import { ChangeTable } from './preview.js';
import { Summary } from './summary.js';
import { UnmatchedGroups } from './unmatched.js';

/** Resumes a run folder with the token in the server and only the settings typed here (the rest as recorded). */
function ResumeControls({ entry, state, set, go, t, lang }) {
  const { busy, error, run } = useAction();
  const [settings, setSettings] = useState({ server: '' });
  const [retryFailed, setRetryFailed] = useState(false);
  if (!entry.resumable && !entry.retryable) return null;
  const resume = () =>
    run(async () => {
      // Empty texts are left out: the run's recorded server, operation and module stay.
      const options = Object.fromEntries(Object.entries(settings).filter(([, value]) => typeof value !== 'string' || value.trim() !== ''));
      const job = await api(runPath(entry.name, '/resume'), { method: 'POST', json: { retryFailed: retryFailed || !entry.resumable, options } });
      set({ job, selectedRun: entry.name, shownRun: job.run });
      go('send');
    });
  return html`
    <div class="resume">
      ${entry.resumable && entry.retryable && html`<${CheckboxField} label=${t('results.retryFailed')} checked=${retryFailed} onValue=${setRetryFailed} />`}
      <details>
        <summary>${t('results.resumeSettings')}</summary>
        <div class="grid">
          ${[['server', 'connect.server'], ['operation', 'connect.operation'], ['module', 'connect.module']].map(([name, label]) => html`
            <label class="field"><span>${t(label)}</span>
              <input type="text" value=${settings[name] ?? ''} placeholder=${entry[name] ?? ''} spellcheck="false" onInput=${(event) => setSettings({ ...settings, [name]: event.currentTarget.value })} /></label>`)}
        </div>
        <${Advanced} values=${settings} onValue=${(patch) => setSettings({ ...settings, ...patch })} settings=${state.settings} only=${state.settings.resumeMayChange} t=${t} lang=${lang} />
      </details>
      <p class="actions"><button type="button" class="primary" disabled=${busy} onClick=${resume}>
        ${entry.resumable ? t('results.resume') : t('results.retry')}</button></p>
      <${ErrorBox} error=${error} t=${t} />
    </div>`;
}

/**
 * `verify` (a session of the run that reads back what it updated) and `undo` (a new run that puts back
 * the snapshot); undo asks first, saying what it will do.
 */
function ReadBackControls({ entry, state, set, go, t, lang }) {
  const { busy, error, run } = useAction();
  const [asking, setAsking] = useState(false);
  if (!entry.verifiable && !entry.undoable) return null;
  const start = (action) =>
    run(async () => {
      const job = await api(runPath(entry.name, `/${action}`), { method: 'POST', json: {} });
      // An undo's run folder exists once its check passed: until it is done, Results stays on the run it undoes.
      set({ job, selectedRun: action === 'undo' ? entry.name : job.run, shownRun: job.run });
      go('send');
    });
  return html`
    <div class="read-back">
      <p class="actions">
        ${entry.verifiable && html`<button type="button" disabled=${busy} onClick=${() => start('verify')}>${t('results.verify')}</button>`}
        ${entry.undoable && !asking && html`<button type="button" disabled=${busy} onClick=${() => setAsking(true)}>${t('results.undo')}</button>`}
      </p>
      ${asking && html`
        <div class="next-step" role="group" aria-label=${t('results.undo')}>
          <p>${t('results.undoConfirm', { n: number(lang, entry.summary.counts.updated) })}</p>
          <p class="actions">
            <button type="button" class="primary" disabled=${busy} onClick=${() => start('undo')}>${t('results.undoYes')}</button>
            <button type="button" onClick=${() => setAsking(false)}>${t('results.undoNo')}</button>
          </p>
        </div>`}
      <${ErrorBox} error=${error} t=${t} />
    </div>`;
}

/**
 * The files to fix and send again, first among the downloads: the refused rows in the input's own format
 * (failed.csv or failed.xlsx, which `update` reads back with the same mapping), and the workbook of
 * results where the run wrote one; for a preview, what would change (preview.csv).
 */
function FixFiles({ entry, t }) {
  const offered = ['preview.csv', 'failed.csv', 'failed.xlsx', 'results.xlsx'].filter((file) => entry.downloads.includes(file));
  if (offered.length === 0) return null;
  return html`
    <p class="actions fix-files">${offered.map((file) => html`
      <a class=${file === 'results.xlsx' ? 'button' : 'button primary'} href=${runPath(entry.name, `/files/${file}`)} download=${`${entry.name}-${file}`}>${t(`results.download.${file}`)}</a>`)}
    </p>`;
}

// A run the page can act on needs the token, and Results stands alone (after a restart there is no file,
// mapping or connect step to go through): the token is entered here, as in step 4.
const actionable = (entry) => entry.resumable || entry.retryable || entry.verifiable || entry.undoable;

function RunDetails({ name, refresh, state, set, go, t, lang }) {
  const [entry, setEntry] = useState(null);
  const { error, run } = useAction();
  useEffect(() => {
    run(async () => setEntry((await api(runPath(name))).run));
  }, [name, refresh]);
  if (error) return html`<${ErrorBox} error=${error} t=${t} />`;
  if (!entry || entry.name !== name) return html`<p>${t('app.loading')}</p>`;
  return html`
    <section class="run" aria-labelledby="run-title">
      <h3 id="run-title">${t('results.run')} <code>${entry.name}</code></h3>
      <p>${t(`state.${entry.state}`)}${entry.preview ? ` · ${t('results.preview')}` : ''}${entry.file ? ` · ${entry.file}` : ''}</p>
      <${Summary} summary=${entry.summary} t=${t} lang=${lang} cli=${entry.fromPage} />
      ${entry.preview && entry.summary?.changes && entry.downloads.includes('preview.csv') && html`<${ChangeTable} run=${entry.name} changes=${entry.summary.changes} t=${t} lang=${lang} />`}
      ${(entry.summary?.match || entry.summary?.lookups) && html`<${UnmatchedGroups} name=${entry.name} summary=${entry.summary} t=${t} lang=${lang} />`}
      <${FixFiles} entry=${entry} t=${t} />
      ${entry.downloads.length > 0 && html`
        <h4>${t('results.downloads')}</h4>
        <ul class="downloads">${entry.downloads.map((file) => html`
          <li><a href=${runPath(entry.name, `/files/${file}`)} download=${`${entry.name}-${file}`}>${file}</a> <span class="hint">${t(`file.${file}`)}</span></li>`)}
        </ul>`}
      ${!entry.fromPage && entry.state !== 'damaged' && html`<p class="hint">${t('results.outside')} <code>wolkvox-bulk resume ${entry.dir}</code></p>`}
      ${actionable(entry) && html`<${TokenEntry} state=${state} set=${set} t=${t} />`}
      <${ResumeControls} key=${entry.name} entry=${entry} state=${state} set=${set} go=${go} t=${t} lang=${lang} />
      <${ReadBackControls} key=${`read-${entry.name}`} entry=${entry} state=${state} set=${set} go=${go} t=${t} lang=${lang} />
      ${entry.undoBlocked === 'snapshot-empty' && html`<p class="hint">${t('results.undoNothing')}</p>`}
    </section>`;
}

/** Step 6: the chosen run's summary and files, and every run folder with its state, resumable from here. */
export function ResultsStep({ state, set, go, t, lang }) {
  const [runs, setRuns] = useState([]);
  const { error, run } = useAction();
  const finished = state.job && (state.job.phase === 'done' || state.job.phase === 'failed') ? `${state.job.run}:${state.job.phase}` : '';
  useEffect(() => {
    run(async () => setRuns((await api('/api/runs')).runs));
  }, [finished]);
  const selected = state.selectedRun ?? state.job?.run ?? runs[0]?.name;
  return html`
    <section>
      <${StepHeading} t=${t} step="results" number="6" />
      ${selected && html`<${RunDetails} name=${selected} refresh=${finished} state=${state} set=${set} go=${go} t=${t} lang=${lang} />`}
      <h3>${t('results.past')}</h3>
      <p class="hint">${t('results.root', { root: state.runsRoot })}</p>
      <${ErrorBox} error=${error} t=${t} />
      <${ScrollRegion} label=${t('results.past')}><table class="runs">
        <thead><tr>
          <th scope="col">${t('results.folder')}</th><th scope="col">${t('results.file')}</th><th scope="col">${t('results.started')}</th>
          <th scope="col">${t('results.state')}</th><th scope="col">${t('status.updated')}</th><th scope="col">${t('status.failed')}</th><th scope="col"><span class="visually-hidden">${t('results.actions')}</span></th>
        </tr></thead>
        <tbody>${runs.map((entry) => html`
          <tr class=${entry.name === selected ? 'chosen' : ''}>
            <th scope="row"><code>${entry.name}</code></th>
            <td>${entry.file ?? ''}</td>
            <td>${dateTime(lang, entry.createdAt)}</td>
            <td>${t(`state.${entry.state}`)}${entry.preview ? ` · ${t('results.preview')}` : ''}${entry.resumable ? ` · ${t('results.resumable')}` : ''}</td>
            <td>${entry.summary ? number(lang, entry.summary.counts.updated) : ''}</td>
            <td>${entry.summary ? number(lang, entry.summary.counts.failed) : ''}</td>
            <td><button type="button" aria-label=${t('results.showOf', { name: entry.name })} onClick=${() => set({ selectedRun: entry.name })}>${t('results.show')}</button></td>
          </tr>`)}
        </tbody>
      </table><//>
    </section>`;
}
