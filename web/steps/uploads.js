import { useEffect, useState } from 'preact/hooks';
import { api, uploadPath } from '../api.js';
import { dateTime, number } from '../format.js';
import { html } from '../html.js';
import { ErrorBox, useAction } from '../widgets.js';

const isActive = (job) => job && (job.phase === 'checking' || job.phase === 'confirming' || job.phase === 'sending');

/** "12,5 KB", "3,2 MB": a file's size as the page's language writes numbers. */
function size(lang, bytes) {
  if (bytes < 1024 * 1024) return `${number(lang, bytes / 1024, 1)} KB`;
  return `${number(lang, bytes / 1024 / 1024, 1)} MB`;
}

/**
 * The files uploaded to the page (kept in the runs folder's private `.uploads`), each deletable after a
 * question that says what goes with it: the runs that read it keep their reports but cannot be resumed.
 * The one the job under way reads is not offered (the server refuses it too).
 */
export function Uploads({ state, set, t, lang }) {
  const [uploads, setUploads] = useState([]);
  const [asking, setAsking] = useState(null);
  const { busy, error, run } = useAction();
  const jobKey = state.job ? `${state.job.run}:${state.job.phase}` : '';
  useEffect(() => {
    run(async () => setUploads((await api('/api/uploads')).uploads));
  }, [state.upload, jobKey]);
  if (uploads.length === 0) return null;
  const inUse = (entry) => entry.inUse || (isActive(state.job) && state.job.upload === entry.id);
  const remove = (entry) =>
    run(async () => {
      setUploads((await api(uploadPath(entry.id), { method: 'DELETE' })).uploads);
      setAsking(null);
      // The file the page was working on is gone: the steps start again from a new file.
      if (state.upload === entry.id) set({ upload: undefined, fileName: undefined, inspection: null, model: null, report: null, reader: {}, preview: undefined });
    });
  return html`
    <section class="uploads" aria-labelledby="uploads-title">
      <h3 id="uploads-title">${t('uploads.title')}</h3>
      <p class="hint">${t('uploads.hint', { folder: `${state.runsRoot}/.uploads` })}</p>
      <div class="scroll"><table>
        <thead><tr>
          <th scope="col">${t('uploads.file')}</th><th scope="col">${t('uploads.size')}</th><th scope="col">${t('uploads.when')}</th>
          <th scope="col">${t('uploads.runs')}</th><th scope="col">${t('uploads.actions')}</th>
        </tr></thead>
        <tbody>${uploads.map((entry) => html`
          <tr class=${entry.id === state.upload ? 'chosen' : ''}>
            <th scope="row">${entry.file}</th>
            <td>${size(lang, entry.bytes)}</td>
            <td>${dateTime(lang, entry.uploadedAt)}</td>
            <td>${entry.runs.length > 0 ? entry.runs.map((name) => html`<code>${name}</code> `) : t('uploads.noRuns')}</td>
            <td>${inUse(entry)
              ? t('uploads.inUse')
              : html`<button type="button" disabled=${busy} aria-label=${t('uploads.deleteOf', { file: entry.file, when: dateTime(lang, entry.uploadedAt) })}
                  onClick=${() => setAsking(entry.id)}>${t('uploads.delete')}</button>`}</td>
          </tr>`)}
        </tbody>
      </table></div>
      ${uploads.filter((entry) => entry.id === asking && !inUse(entry)).map((entry) => html`
        <div class="next-step" role="group" aria-label=${t('uploads.question', { file: entry.file })}>
          <p>${t('uploads.confirm', { file: entry.file, when: dateTime(lang, entry.uploadedAt) })}</p>
          ${entry.runs.length > 0 && html`<p>${t(entry.runs.length === 1 ? 'uploads.confirmRun' : 'uploads.confirmRuns', { n: number(lang, entry.runs.length), runs: entry.runs.join(', ') })}</p>`}
          ${entry.id === state.upload && html`<p>${t('uploads.confirmCurrent')}</p>`}
          <p class="actions">
            <button type="button" class="primary" disabled=${busy} onClick=${() => remove(entry)}>${t('uploads.yes')}</button>
            <button type="button" onClick=${() => setAsking(null)}>${t('uploads.no')}</button>
          </p>
        </div>`)}
      <${ErrorBox} error=${error} t=${t} />
    </section>`;
}
