import { useEffect, useState } from 'preact/hooks';
import { api, runPath, uploadPath } from '../api.js';
import { number, rowLabel } from '../format.js';
import { html } from '../html.js';
import { toMapping } from '../mapping-model.js';
import { ErrorBox, Said, useAction } from '../widgets.js';
import { TokenEntry } from './connect.js';
import { freshUntil, previewKey, previewOptions } from './job-options.js';

/** Lines of the before → after table a page shows. */
const PAGE = 20;

/**
 * Whether the job reads the CRM before its first update: a snapshot or skip-unchanged chosen in step 4, a
 * mapping's `match`, or a field written only where the CRM's is empty. Then a preview costs only those reads.
 */
export const readsChosen = (state) =>
  Boolean(state.report?.match || state.report?.ifEmpty?.length > 0 || state.connection.snapshot || state.connection.skipUnchanged);

const active = (job) => job && (job.phase === 'checking' || job.phase === 'sending');

/** A CRM value as the table shows it: text as it is, nothing as "(empty)", anything else as JSON. */
const shown = (value, t) => (value === undefined || value === null || value === '' ? html`<span class="hint">${t('preview.empty')}</span>` : typeof value === 'string' ? value : JSON.stringify(value));

/** The counts of a preview (summary.changes) and what the real run will cost; in its summary too. */
export function ChangeCounts({ changes, calls, t, lang }) {
  const { rows, cost } = changes;
  const n = (value) => number(lang, value);
  const units = cost.quotaUnits.least === cost.quotaUnits.most ? n(cost.quotaUnits.least) : `${n(cost.quotaUnits.least)}–${n(cost.quotaUnits.most)}`;
  const skipping = cost.updatesSkippingUnchanged;
  return html`
    <dl class="counts" aria-label=${t('preview.counts')}>
      ${['change', 'unchanged', 'notFound', 'ambiguous'].map((name) => html`<div><dt>${t(`preview.rows.${name}`)}</dt><dd data-change=${name}>${n(rows[name])}</dd></div>`)}
    </dl>
    <p class="preview-cost">${t('preview.cost', { updates: n(cost.updates), units })}${skipping !== undefined && skipping !== cost.updates ? ` ${t('preview.costSkipping', { updates: n(skipping) })}` : ''}</p>
    <p class="hint">${t('preview.reads', { calls: n(calls) })}</p>`;
}

/** preview.csv a page at a time: the row as the file numbers it, its key (with `match`) or id, the field, now → to send. */
export function ChangeTable({ run, changes, t, lang }) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState(null);
  const { error, run: load } = useAction();
  useEffect(() => {
    load(async () => setPage(await api(runPath(run, `/preview?offset=${offset}&limit=${PAGE}`))));
  }, [run, offset]);
  if (error) return html`<${ErrorBox} error=${error} t=${t} />`;
  if (!page) return html`<p>${t('app.loading')}</p>`;
  if (changes.lines === 0) return html`<p class="verdict ok">${t('preview.noLines')}</p>`;
  const last = offset + page.lines.length;
  const keyed = page.lines.some((line) => line.key !== undefined);
  const format = { kind: page.kind };
  return html`
    <div class="scroll"><table class="problems-table preview-table">
      <caption>${t('preview.lines', { from: number(lang, offset + 1), to: number(lang, last), n: number(lang, changes.lines) })}</caption>
      <thead><tr>
        <th scope="col">${t('check.where')}</th><th scope="col">${t(keyed ? 'preview.key' : 'preview.id')}</th><th scope="col">${t('preview.field')}</th>
        <th scope="col">${t('preview.now')}</th><th scope="col">${t('preview.toSend')}</th>
      </tr></thead>
      <tbody>${page.lines.map((line) => html`
        <tr>
          <td>${rowLabel(t, format, line.rowNumber)}</td>
          <td><code>${keyed ? line.key : line.id}</code></td>
          ${line.problem
            ? html`<td colspan="3" class="problem">${t(line.problem === 'not found' ? (keyed ? 'preview.notFoundKey' : 'preview.notFound') : 'preview.several')}</td>`
            : html`<td>${line.change.field}</td><td class="now">${shown(line.change.now, t)}</td><td class="to-send">${shown(line.change.toSend, t)}</td>`}
        </tr>`)}
      </tbody>
    </table></div>
    <p class="actions">
      <button type="button" disabled=${offset === 0} onClick=${() => setOffset(Math.max(0, offset - PAGE))}>${t('preview.previous')}</button>
      <button type="button" disabled=${!page.more} onClick=${() => setOffset(last)}>${t('preview.next')}</button>
    </p>`;
}

/** A finished preview: its summary read from its run folder (so a reload shows it too), then counts and table. */
function PreviewResult({ state, set, t, lang }) {
  const { preview } = state;
  const [entry, setEntry] = useState(null);
  const { error, run } = useAction();
  useEffect(() => {
    run(async () => {
      const { run: found } = await api(runPath(preview.run));
      setEntry(found);
      const readAt = found.summary?.changes?.readAt;
      if (readAt && preview.readAt !== readAt) set((previous) => ({ preview: { ...previous.preview, readAt } }));
    });
  }, [preview.run]);
  if (error) return html`<${ErrorBox} error=${error} t=${t} />`;
  if (!entry) return html`<p>${t('app.loading')}</p>`;
  const { summary } = entry;
  if (!summary?.changes) return html`<p class="note">${summary?.stopReason ? html`${t(`stop.${summary.stopReason}`)} <${Said} words=${summary.stopWords} text=${summary.stopMessage} t=${t} />` : t('preview.none')}</p>`;
  return html`
    <div class="preview-result" data-run=${preview.run}>
      <${ChangeCounts} changes=${summary.changes} calls=${summary.calls} t=${t} lang=${lang} />
      <${ChangeTable} run=${preview.run} changes=${summary.changes} t=${t} lang=${lang} />
      ${preview.readAt && html`<p class="note reuse-preview">${t('preview.reuse', { until: freshUntil(state, lang), minutes: state.settings.previewFreshMinutes })}</p>`}
    </div>`;
}

/**
 * Step 3's "see what will change" (`update --preview`), offered when the job reads the CRM anyway: the
 * reads are made now, through the page's job runner, preview.csv is shown as a table before → after, and
 * the real send may use the same reads (jobOptions) while they are recent.
 */
export function ChangePreview({ state, set, t, lang }) {
  const { busy, error, run } = useAction();
  const { preview, job, connection, token } = state;
  // Asked here when step 4 has not been through yet; kept while typed (the field would go at the first letter).
  const [askServer] = useState(!connection.server.trim());
  if (!readsChosen(state)) return null;
  const ours = preview?.key === previewKey(state) ? preview : undefined;
  const live = ours && job?.run === ours.run ? job : undefined;
  const start = () =>
    run(async () => {
      const json = { mapping: toMapping(state.model, state.vocabulary), options: previewOptions(state), confirm: false };
      const view = await api(uploadPath(state.upload, '/start'), { method: 'POST', json });
      set({ job: view, preview: { run: view.run, key: previewKey(state) } });
    });
  const stop = () => run(() => api(runPath(live.run, '/stop'), { method: 'POST', json: {} }));
  const reading = live?.progress?.note?.kind === 'reading' ? live.progress.note : undefined;
  return html`
    <section class="change-preview" aria-labelledby="preview-title">
      <h3 id="preview-title">${t('preview.title')}</h3>
      <p class="hint">${t('preview.intro')}</p>
      ${askServer && html`
        <label class="field"><span>${t('connect.server')}</span>
          <input type="text" value=${connection.server} placeholder="crm0001.wolkvox.com" spellcheck="false"
            onInput=${(event) => set({ connection: { ...connection, server: event.currentTarget.value } })} /></label>`}
      ${!token.set && html`<${TokenEntry} state=${state} set=${set} t=${t} />`}
      ${active(live)
        ? html`
          <p role="status">${reading ? t(`progress.reading.${reading.what}`, { calls: number(lang, reading.calls) }) : t('preview.running')}</p>
          <p class="actions"><button type="button" class="stop" disabled=${busy || live.stopping} onClick=${stop}>${t('progress.stop')}</button></p>`
        : html`<p class="actions"><button type="button" disabled=${busy || !token.set} onClick=${start}>${ours ? t('preview.again') : t('preview.run')}</button></p>`}
      <${ErrorBox} error=${error} t=${t} />
      ${live?.phase === 'failed' && html`<${ErrorBox} error=${live.error} t=${t} />`}
      ${ours && !active(live) && live?.phase !== 'failed' && html`<${PreviewResult} key=${ours.run} state=${state} set=${set} t=${t} lang=${lang} />`}
    </section>`;
}
