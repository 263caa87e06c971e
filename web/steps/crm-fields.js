import { api } from '../api.js';
import { number } from '../format.js';
import { html } from '../html.js';
import { ErrorBox, useAction } from '../widgets.js';
import { TokenEntry } from './connect.js';
import { WhereFields } from './where.js';

// The CRM's field names of the module, read from one of its records when the person asks, at a cost the
// page states first (one API request); offered as suggestions for the CRM field column, and the check
// flags a field name not among them.

/** The id of the list of CRM field names the field inputs offer. */
export const CRM_FIELDS_LIST = 'crm-fields';

/** The names read, for the field inputs to suggest (empty until read). */
export const CrmFieldList = ({ read }) =>
  html`<datalist id=${CRM_FIELDS_LIST}>${(read?.empty === false ? read.fields : []).map((name) => html`<option value=${name} />`)}</datalist>`;

/** Step 2's panel: where to read from (server, operation, module: the same as step 4's), the token, and the read. */
export function CrmFields({ state, set, t, lang }) {
  const { busy, error, run } = useAction();
  const { connection, model, token } = state;
  const read = state.crmFields;
  const module = (model.top.module ?? '').trim();
  const operation = (model.top.operation ?? '').trim();
  const setTop = (patch) => set({ model: { ...model, top: { ...model.top, ...patch } }, report: null });
  const ask = () =>
    run(async () => {
      const answer = await api('/api/crm-fields', { method: 'POST', json: { server: connection.server, operation, module } });
      set({ crmFields: answer.fields });
    });
  const ready = token.set && module !== '' && operation !== '';
  return html`
    <details class="crm-fields" open=${Boolean(read)}>
      <summary>${t('crmFields.title')}</summary>
      <p class="hint">${t('crmFields.intro')}</p>
      <div class="row">
        <${WhereFields} connection=${connection} top=${model.top} t=${t} onServer=${(server) => set({ connection: { ...connection, server } })} onTop=${setTop} />
      </div>
      ${!token.set && html`<${TokenEntry} state=${state} set=${set} t=${t} />`}
      <p class="row">
        <button type="button" disabled=${busy || !ready} onClick=${ask}>${busy ? t('crmFields.reading') : t('crmFields.read', { module: module || '…' })}</button>
      </p>
      <p class="hint">${t(ready ? 'crmFields.cost' : 'crmFields.needs')}</p>
      ${read && html`<p class="note" role="status">${read.empty
        ? t('crmFields.empty', { module: read.module })
        : t('crmFields.done', { module: read.module, n: number(lang, read.fields.length), names: read.fields.join(', ') })}</p>`}
      <${ErrorBox} error=${error} t=${t} />
    </details>`;
}

/** At the check: the mapping's field names that a record of the module does not have, each with the one likely meant. */
export function FieldNameWarnings({ report, t, go }) {
  const named = report.fieldNames;
  if (!named || named.unknown.length === 0) return null;
  return html`
    <div class="field-names" role="note">
      <h3>${t('crmFields.unknownTitle', { module: named.module })}</h3>
      <ul class="warnings">
        ${named.unknown.map(({ field, meant }) => html`<li data-field=${field}>${t(meant === undefined ? 'crmFields.unknown' : 'crmFields.unknownMeant', { field, meant, module: named.module })}</li>`)}
      </ul>
      <p><button type="button" onClick=${() => go('mapping')}>${t('crmFields.fix')}</button></p>
    </div>`;
}
