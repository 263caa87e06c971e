import { api } from '../api.js';
import { html } from '../html.js';
import { editorProblems, fromMapping, toMapping, withReader } from '../mapping-model.js';
import { ErrorBox, ScrollRegion, StepHeading, useAction } from '../widgets.js';
import { checkNow } from './check.js';
import { inspect } from './file.js';
import { KeyChoice } from './key-choice.js';
import { DateFormats, MappingRow } from './mapping-row.js';
import { BuiltFields } from './mapping-values.js';
import { CrmFieldList, CrmFields } from './crm-fields.js';

/** A download made in the page: the mapping is the page's own state, so no server round trip. */
function saveFile(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The first few distinct values of a column, to recognise what it holds. */
const samplesOf = (inspection, column) => [...new Set(inspection.samples.map((sample) => sample.values[column]).filter((value) => value !== undefined && value !== ''))].slice(0, 3);

/** Step 2: which column is the id, and for each column the CRM field, the type and its options. */
export function MappingStep({ state, set, go, t, lang }) {
  const { busy, error, run } = useAction();
  const { model, inspection, vocabulary } = state;
  const setModel = (next) => set({ model: next, report: null });
  const update = (column, patch) => setModel({ ...model, rows: model.rows.map((row) => (row.column === column ? { ...row, ...patch } : row)) });
  // The table's radio picks the column of the way chosen: the id column, or the key column (its CRM field named after it until one is written).
  const setKey = (column) =>
    model.by === 'match'
      ? setModel({ ...model, proposed: false, match: { ...model.match, column, field: model.match.field || column } })
      : setModel({ ...model, id: { ...Object.fromEntries(Object.entries(model.id).filter(([key]) => key !== 'template')), column } });
  const problems = editorProblems(model);

  const load = (file) =>
    file &&
    run(async () => {
      const { mapping } = await api('/api/mapping', { method: 'POST', json: { name: file.name, text: await file.text() } });
      // The mapping's reader settings win: the file is read again with them before the table is built.
      const reader = { sheet: mapping.sheet, headerRow: mapping.headerRow ?? 1, delimiter: mapping.delimiter, encoding: mapping.encoding };
      const again = await inspect(state.upload, reader);
      const next = withReader(fromMapping(mapping, again.headers, vocabulary), again, reader);
      set({ inspection: again, reader: { ...reader, headerRow: again.headerRow }, model: next, report: null });
    });
  const check = () =>
    run(async () => {
      const report = await checkNow(state.upload, toMapping(model, vocabulary), state.options.preview);
      set({ report });
      go('check');
    });
  const base = (state.fileName ?? 'mapping').replace(/\.[^.]*$/, '');

  return html`
    <section>
      <${StepHeading} t=${t} step="mapping" number="2" />
      <p>${t('mapping.intro')}</p>
      <div class="row toolbar">
        <label class="field"><span>${t('mapping.load')}</span>
          <input type="file" accept=".json,application/json" onChange=${(event) => load(event.currentTarget.files[0])} /></label>
        <button type="button" onClick=${() => saveFile(`${base}.mapping.json`, `${JSON.stringify(toMapping(model, vocabulary), null, 2)}\n`)}>${t('mapping.download')}</button>
        <label class="field"><span>${t('mapping.emptyAll')}</span>
          <select value=${model.top.empty ?? 'skip'} onChange=${(event) => setModel({ ...model, top: { ...model.top, empty: event.currentTarget.value } })}>
            ${vocabulary.empty.map((policy) => html`<option value=${policy}>${t(`empty.${policy}`)}</option>`)}
          </select></label>
      </div>
      <${CrmFields} state=${state} set=${set} t=${t} lang=${lang} />
      <${CrmFieldList} read=${state.crmFields} />
      <${KeyChoice} model=${model} inspection=${inspection} vocabulary=${vocabulary} t=${t} setModel=${setModel} />
      ${model.by !== 'match' && model.id.template ? html`<p class="note">${t('mapping.idTemplate', { template: model.id.template })}</p>` : ''}
      <${ScrollRegion} label=${t('mapping.caption', { n: model.rows.length })}>
        <table class="mapping">
          <caption>${t('mapping.caption', { n: model.rows.length })}</caption>
          <thead><tr>
            <th scope="col">${t('mapping.column')}</th><th scope="col">${t('mapping.samples')}</th><th scope="col">${t(model.by === 'match' ? 'mapping.key' : 'mapping.id')}</th>
            <th scope="col">${t('mapping.send')}</th><th scope="col">${t('mapping.field')}</th><th scope="col">${t('mapping.type')}</th>
            <th scope="col">${t('mapping.options')}</th><th scope="col">${t('mapping.empty')}</th>
          </tr></thead>
          <tbody>
            ${model.rows.map((row) => html`<${MappingRow} key=${row.column} row=${row} model=${model} samples=${samplesOf(inspection, row.column)}
              headers=${inspection.headers} vocabulary=${vocabulary} t=${t} update=${update} setKey=${setKey} />`)}
          </tbody>
        </table>
      <//>
      <${DateFormats} />
      <${BuiltFields} model=${model} headers=${inspection.headers} t=${t} setModel=${setModel} />
      ${model.others.length > 0 && html`
        <h3>${t('mapping.others')}</h3>
        <ul class="others">${model.others.map(([label, spec]) => html`
          <li><code>${label}</code>: <code>${JSON.stringify(spec)}</code>
            <button type="button" aria-label=${t('mapping.removeOf', { field: label })}
              onClick=${() => setModel({ ...model, others: model.others.filter(([other]) => other !== label) })}>${t('mapping.remove')}</button></li>`)}
        </ul>`}
      ${problems.length > 0 && html`<div role="alert"><ul class="problems">${problems.map((problem) => html`<li>${t(problem.key, problem)}</li>`)}</ul></div>`}
      <${ErrorBox} error=${error} t=${t} />
      <p class="actions"><button type="button" class="primary" disabled=${busy || problems.length > 0} onClick=${check}>${busy ? t('check.running') : t('mapping.next')}</button></p>
    </section>`;
}
