import { api, uploadPath } from '../api.js';
import { number, rowLabel } from '../format.js';
import { html } from '../html.js';
import { toMapping } from '../mapping-model.js';
import { CheckboxField, ErrorBox, NumberField, Said, StepHeading, useAction } from '../widgets.js';
import { FieldNameWarnings } from './crm-fields.js';
import { LookupCosts } from './lookups.js';
import { ChangePreview } from './preview.js';

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
  if (report.invalid > 0 && !options.skipInvalid) return t('check.notReadyInvalid', { n: number(lang, report.invalid) });
  return t(report.match ? 'check.notReadyDuplicateKeys' : 'check.notReadyDuplicates');
}

/**
 * With a mapping's `match`: the distinct keys of the rows to send (each repeated key counted once), which
 * the job looks up once the person confirms, one request a key or the module read, the cheaper.
 */
export const distinctKeys = (report) => sendableRows(report) - report.duplicates.reduce((extra, entry) => extra + entry.rows.length - 1, 0);

/** The library finds a key compared other than exactly by the module read alone: a search for `1234567` would not find `1.234.567`. */
export const byModuleOnly = (match) => match.compare !== 'exact';

function MatchCost({ report, t, lang }) {
  const { column, field, compare } = report.match;
  return html`
    <div class="match-cost" role="note">
      <p>${t('check.match', { column, field, compare: t(`compare.${compare}`), keys: number(lang, distinctKeys(report)) })}</p>
      <p>${t(byModuleOnly(report.match) ? 'check.matchCostModule' : 'check.matchCost', { keys: number(lang, distinctKeys(report)) })}</p>
    </div>`;
}

// Attachments are read when their row is sent; the check shows which files, as `validate` does.
const attachmentsOf = (row) => (row.attachments.length > 0 ? { attachments: row.attachments.map((file) => `<${file.path}, ${file.bytes} bytes>`) } : {});

/** Step 3: the `validate` result: counts, invalid rows, duplicate ids, the first bodies as they would be sent. */
export function CheckStep({ state, set, go, t, lang }) {
  const { busy, error, run } = useAction();
  const { report, options, model, vocabulary } = state;
  // With `match`, a row's id in the report is its key: repeated ids are repeated keys.
  const keyed = Boolean(report?.match);
  const setOption = (patch) => set({ options: { ...options, ...patch } });
  const again = () => run(async () => set({ report: await checkNow(state.upload, toMapping(model, vocabulary), options.preview) }));
  if (!report) {
    return html`<section><${StepHeading} t=${t} step="check" number="3" />
      <${ErrorBox} error=${error} t=${t} fix=${() => go('mapping')} />
      <p><button type="button" class="primary" disabled=${busy} onClick=${again}>${busy ? t('check.running') : t('check.run')}</button></p></section>`;
  }
  const at = (rowNumber) => rowLabel(t, report.format, rowNumber);
  const ready = isReady(report, options);
  const counts = [
    ['check.rows', report.rows],
    ['check.valid', report.valid],
    ['check.invalid', report.invalid],
    ['check.empty', report.empty],
    [keyed ? 'check.duplicateKeys' : 'check.duplicates', report.duplicates.length],
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
          <tbody>${report.problems.map((problem) => html`<tr><td>${at(problem.rowNumber)}</td><td>${problem.column ?? ''}</td><td>
            <${Said} words=${problem.words} text=${problem.message} t=${t} />
            ${problem.fix === 'mapping' && html` <button type="button" class="fix" onClick=${() => go('mapping')}>${t('check.fixInMapping')}</button>`}
          </td></tr>`)}</tbody>
        </table></div>`}
      ${report.warningsWords?.length > 0 && html`
        <ul class="warnings" aria-label=${t('check.warnings')}>${report.warningsWords.map((words) => html`<li><${Said} words=${words} t=${t} /></li>`)}</ul>`}
      ${report.duplicates.length > 0 && html`
        <h3>${t(keyed ? 'check.duplicateKeysList' : 'check.duplicateIds', { n: report.duplicates.length })}</h3>
        <ul class="duplicates">${report.duplicates.slice(0, 20).map((entry) => html`<li><code>${entry.id}</code>: ${entry.rows.map(at).join(', ')}</li>`)}</ul>`}
      <div class="row">
        <label class="field"><span>${t(keyed ? 'check.duplicateKeyPolicy' : 'check.duplicatePolicy')}</span>
          <select value=${options.duplicates} onChange=${(event) => setOption({ duplicates: event.currentTarget.value })}>
            ${['error', 'first', 'last', 'all'].map((policy) => html`<option value=${policy}>${t(`duplicates.${policy}`)}</option>`)}
          </select></label>
        <${CheckboxField} label=${t('check.skipInvalid')} checked=${options.skipInvalid} onValue=${(skipInvalid) => setOption({ skipInvalid })} />
      </div>
      ${keyed && html`<${MatchCost} report=${report} t=${t} lang=${lang} />`}
      ${report.lookups?.length > 0 && html`<${LookupCosts} lookups=${report.lookups} t=${t} lang=${lang} />`}
      <${FieldNameWarnings} report=${report} t=${t} go=${go} />
      <p class=${ready ? 'verdict ok' : 'verdict not-ready'} role="status">
        ${verdictOf(report, options, t, lang)}
      </p>
      ${ready && html`<${ChangePreview} state=${state} set=${set} t=${t} lang=${lang} />`}
      <h3>${t('check.bodies', { n: report.preview.length })}</h3>
      <div class="row">
        <${NumberField} label=${t('check.previewCount')} value=${options.preview} min="0" max="50" step="1" onValue=${(preview) => setOption({ preview: preview ?? state.settings.defaults.preview })} />
        <button type="button" disabled=${busy} onClick=${again}>${busy ? t('check.running') : t('check.again')}</button>
      </div>
      ${report.preview.map((row) => html`
        <figure class="body">
          <figcaption>${at(row.rowNumber)}</figcaption>
          <pre>${JSON.stringify({ operation, module, ...(keyed ? { match: { [report.match.field]: row.id } } : { 'wolkvox-id': row.id }), fields: row.fields, ...attachmentsOf(row) }, null, 2)}</pre>
        </figure>`)}
      <${ErrorBox} error=${error} t=${t} fix=${() => go('mapping')} />
      <p class="actions"><button type="button" class="primary" disabled=${!ready} onClick=${() => go('connect')}>${t('check.next')}</button></p>
    </section>`;
}
