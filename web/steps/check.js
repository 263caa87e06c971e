import { api, uploadPath } from '../api.js';
import { number, rowLabel } from '../format.js';
import { html } from '../html.js';
import { toMapping } from '../mapping-model.js';
import { CheckboxField, ErrorBox, NumberField, StepHeading, useAction } from '../widgets.js';

/** `validate` on the uploaded file with the page's mapping: every row read and mapped, nothing sent. */
export const checkNow = (upload, mapping, preview) => api(uploadPath(upload, '/check'), { method: 'POST', json: { mapping, preview } });

/** Rows of a checked file that have something to send: the valid ones, less those with every cell empty. */
export const sendableRows = (report) => report.valid - report.empty;

/** Whether a checked file can be sent with these choices (the library decides again before sending). */
export const isReady = (report, options) =>
  report && sendableRows(report) > 0 && (report.invalid === 0 || options.skipInvalid) && (report.duplicates.length === 0 || options.duplicates !== 'error');

/** The check's verdict, in words: ready, or what stands in the way (nothing to send is said first: leaving rows out cannot help). */
export function verdictOf(report, options, t, lang) {
  if (sendableRows(report) <= 0) return t('check.nothing');
  if (isReady(report, options)) return t('check.ready', { n: number(lang, sendableRows(report)) });
  return report.invalid > 0 && !options.skipInvalid ? t('check.notReadyInvalid', { n: number(lang, report.invalid) }) : t('check.notReadyDuplicates');
}

// Attachments are read when their row is sent; the check shows which files, as `validate` does.
const attachmentsOf = (row) => (row.attachments.length > 0 ? { attachments: row.attachments.map((file) => `<${file.path}, ${file.bytes} bytes>`) } : {});

/** Step 3: the `validate` result: counts, invalid rows, duplicate ids, the first bodies as they would be sent. */
export function CheckStep({ state, set, go, t, lang }) {
  const { busy, error, run } = useAction();
  const { report, options, model, vocabulary } = state;
  const setOption = (patch) => set({ options: { ...options, ...patch } });
  const again = () => run(async () => set({ report: await checkNow(state.upload, toMapping(model, vocabulary), options.preview) }));
  if (!report) {
    return html`<section><${StepHeading} t=${t} step="check" number="3" />
      <${ErrorBox} error=${error} t=${t} />
      <p><button type="button" class="primary" disabled=${busy} onClick=${again}>${busy ? t('check.running') : t('check.run')}</button></p></section>`;
  }
  const at = (rowNumber) => rowLabel(t, report.format, rowNumber);
  const ready = isReady(report, options);
  const counts = [
    ['check.rows', report.rows],
    ['check.valid', report.valid],
    ['check.invalid', report.invalid],
    ['check.empty', report.empty],
    ['check.duplicates', report.duplicates.length],
  ];
  const operation = model.top.operation ?? '…';
  const module = model.top.module ?? '…';
  return html`
    <section>
      <${StepHeading} t=${t} step="check" number="3" />
      <dl class="counts">${counts.map(([key, value]) => html`<div><dt>${t(key)}</dt><dd>${number(lang, value)}</dd></div>`)}</dl>
      ${report.problems.length > 0 && html`
        <h3>${t('check.problems', { shown: report.problems.length, total: report.problemCount })}</h3>
        <div class="scroll"><table class="problems-table">
          <thead><tr><th scope="col">${t('check.where')}</th><th scope="col">${t('mapping.column')}</th><th scope="col">${t('check.message')}</th></tr></thead>
          <tbody>${report.problems.map((problem) => html`<tr><td>${at(problem.rowNumber)}</td><td>${problem.column ?? ''}</td><td>${problem.message}</td></tr>`)}</tbody>
        </table></div>`}
      ${report.duplicates.length > 0 && html`
        <h3>${t('check.duplicateIds', { n: report.duplicates.length })}</h3>
        <ul class="duplicates">${report.duplicates.slice(0, 20).map((entry) => html`<li><code>${entry.id}</code>: ${entry.rows.map(at).join(', ')}</li>`)}</ul>`}
      <div class="row">
        <label class="field"><span>${t('check.duplicatePolicy')}</span>
          <select value=${options.duplicates} onChange=${(event) => setOption({ duplicates: event.currentTarget.value })}>
            ${['error', 'first', 'last', 'all'].map((policy) => html`<option value=${policy}>${t(`duplicates.${policy}`)}</option>`)}
          </select></label>
        <${CheckboxField} label=${t('check.skipInvalid')} checked=${options.skipInvalid} onValue=${(skipInvalid) => setOption({ skipInvalid })} />
      </div>
      <p class=${ready ? 'verdict ok' : 'verdict not-ready'} role="status">
        ${verdictOf(report, options, t, lang)}
      </p>
      <h3>${t('check.bodies', { n: report.preview.length })}</h3>
      <div class="row">
        <${NumberField} label=${t('check.previewCount')} value=${options.preview} min="0" max="50" step="1" onValue=${(preview) => setOption({ preview: preview ?? state.settings.defaults.preview })} />
        <button type="button" disabled=${busy} onClick=${again}>${busy ? t('check.running') : t('check.again')}</button>
      </div>
      ${report.preview.map((row) => html`
        <figure class="body">
          <figcaption>${at(row.rowNumber)}</figcaption>
          <pre>${JSON.stringify({ operation, module, 'wolkvox-id': row.id, fields: row.fields, ...attachmentsOf(row) }, null, 2)}</pre>
        </figure>`)}
      <${ErrorBox} error=${error} t=${t} />
      <p class="actions"><button type="button" class="primary" disabled=${!ready} onClick=${() => go('connect')}>${t('check.next')}</button></p>
    </section>`;
}
