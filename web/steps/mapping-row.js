import { html } from '../html.js';
import { keyColumn } from '../mapping-model.js';
import { CRM_FIELDS_LIST } from './crm-fields.js';
import { ValueMapEditor } from './mapping-values.js';

// The order options are shown in: the one most often needed first.
const OPTION_ORDER = ['decimal', 'inputFormat', 'format', 'case', 'symbol', 'country', 'code', 'searchModule', 'idColumn'];
const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYY-MM-DD', 'DD/MM/YYYY HH:mm', 'DD/MM/YYYY HH:mm:ss', 'YYYY-MM-DD HH:mm:ss'];

// Options chosen from a list: [value, text] pairs ('' is "not set"); the others are typed.
const CHOICES = {
  decimal: (t) => [['', t('option.decimal.none')], [',', t('option.decimal.comma')], ['.', t('option.decimal.point')]],
  case: (t) => [['', t('option.case.keep')], ['lower', t('option.case.lower')], ['upper', t('option.case.upper')]],
  idColumn: (t, headers) => [['', '–'], ...headers.map((header) => [header, header])],
};

/** The control for one option of a type (decimal mark, date formats, currency symbol…), labelled with its column. */
function OptionControl({ name, row, headers, t, onOption }) {
  const value = row.options[name] ?? '';
  const label = t(`option.${name}`);
  const aria = t('mapping.optionOf', { option: label, column: row.column });
  const onInput = (event) => onOption(name, event.currentTarget.value);
  const list = name === 'inputFormat' || name === 'format' ? 'date-formats' : undefined;
  const control = CHOICES[name]
    ? html`<select aria-label=${aria} value=${value} onChange=${onInput}>
        ${CHOICES[name](t, headers).map(([choice, text]) => html`<option value=${choice}>${text}</option>`)}
      </select>`
    : html`<input type="text" aria-label=${aria} value=${value} list=${list} size="12" onInput=${onInput} />`;
  return html`<label class="option"><span aria-hidden="true">${label}</span>${control}</label>`;
}

/** One column of the file: its samples, whether it is the id, the CRM field it goes to, and how. */
export function MappingRow({ row, model, samples, headers, vocabulary, t, update, setKey }) {
  // The column rows find their record by (wolkvox ids, or the person's key): not a field to send.
  const isId = row.column === keyColumn(model);
  const byMatch = model.by === 'match';
  const off = isId || !row.send;
  const applies = (name) => (vocabulary.typeOptions[name] ?? []).includes(row.type);
  const options = [...OPTION_ORDER, ...Object.keys(vocabulary.typeOptions)].filter((name, index, all) => all.indexOf(name) === index && applies(name));
  const change = (patch) => update(row.column, patch);
  return html`
    <tr class=${isId ? 'is-id' : row.send ? '' : 'off'}>
      <th scope="row">${row.column}</th>
      <td data-label=${t('mapping.samples')}><div class="samples">${samples.map((sample) => html`<span class="sample">${sample}</span>`)}</div></td>
      <td class="center" data-label=${t(byMatch ? 'mapping.key' : 'mapping.id')}><input type="radio" name="id-column" checked=${isId} aria-label=${t(byMatch ? 'mapping.keyOf' : 'mapping.idOf', { column: row.column })} onChange=${() => setKey(row.column)} /></td>
      <td class="center" data-label=${t('mapping.send')}>${isId
        ? html`<span class="badge">${t(byMatch ? 'mapping.isKey' : 'mapping.isId')}</span>`
        : html`<input type="checkbox" checked=${row.send} aria-label=${t('mapping.sendOf', { column: row.column })} onChange=${(event) => change({ send: event.currentTarget.checked })} />`}</td>
      <td data-label=${t('mapping.field')}><input type="text" value=${row.field} disabled=${off} list=${CRM_FIELDS_LIST} aria-label=${t('mapping.fieldOf', { column: row.column })} onInput=${(event) => change({ field: event.currentTarget.value })} /></td>
      <td data-label=${t('mapping.type')}><select value=${row.type} disabled=${off} aria-label=${t('mapping.typeOf', { column: row.column })} onChange=${(event) => change({ type: event.currentTarget.value })}>
        ${vocabulary.types.map((type) => html`<option value=${type}>${t(`type.${type}`)}</option>`)}
      </select></td>
      <td data-label=${t('mapping.options')}><div class="options">${off ? '' : options.map((name) => html`<${OptionControl} name=${name} row=${row} headers=${headers} t=${t}
        onOption=${(key, value) => change({ options: { ...row.options, [key]: value } })} />`)}</div>
        ${off ? '' : html`<${ValueMapEditor} row=${row} t=${t} change=${change} />`}</td>
      <td data-label=${t('mapping.empty')}><select value=${row.empty} disabled=${off} aria-label=${t('mapping.emptyOf', { column: row.column })} onChange=${(event) => change({ empty: event.currentTarget.value })}>
        <option value="">${t('empty.default')}</option>
        ${vocabulary.empty.map((policy) => html`<option value=${policy}>${t(`empty.${policy}`)}</option>`)}
      </select></td>
    </tr>`;
}

export const DateFormats = () => html`<datalist id="date-formats">${DATE_FORMATS.map((format) => html`<option value=${format} />`)}</datalist>`;
