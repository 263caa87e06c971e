import { html } from '../html.js';
import { CRM_FIELDS_LIST } from './crm-fields.js';

// What a mapping holds besides a column sent as it is: a column's values replaced (`map`, `default`), and
// fields with no column of their own, a fixed value (`value`) or text built from columns (`template`).
// Edited here and written back by the model (web/mapping-model.js) into the mapping the page checks.

const shown = (value) => (value === undefined || value === null ? '' : String(value));

/** A column's value map: each value in the file and what is sent instead, and what any other value becomes. */
export function ValueMapEditor({ row, t, change }) {
  const pairs = row.map ?? [];
  const setPairs = (next) => change({ map: next });
  const setPair = (index, at, value) => setPairs(pairs.map((pair, other) => (other === index ? (at === 0 ? [value, pair[1]] : [pair[0], value]) : pair)));
  const add = html`<button type="button" class="add-map" onClick=${() => setPairs([...pairs, ['', '']])}>
    ${t(pairs.length === 0 ? 'values.mapAdd' : 'values.mapAddMore', { column: row.column })}</button>`;
  if (pairs.length === 0) return html`<div class="value-map">${add}</div>`;
  return html`
    <fieldset class="value-map">
      <legend>${t('values.map', { column: row.column })}</legend>
      ${pairs.map(([from, to], index) => html`
          <div class="options" key=${index}>
            <input type="text" size="6" value=${from} aria-label=${t('values.from', { n: index + 1, column: row.column })} onInput=${(event) => setPair(index, 0, event.currentTarget.value)} />
            <span aria-hidden="true">→</span>
            <input type="text" size="7" value=${shown(to)} aria-label=${t('values.to', { n: index + 1, column: row.column })} onInput=${(event) => setPair(index, 1, event.currentTarget.value)} />
            <button type="button" aria-label=${t('values.mapRemove', { n: index + 1, column: row.column })} onClick=${() => setPairs(pairs.filter((_, other) => other !== index))}>×</button>
          </div>`)}
      ${add}
      <label class="option"><span>${t('values.default')}</span>
        <input type="text" size="10" value=${shown(row.fallback)} placeholder=${t('values.defaultNone')} aria-label=${t('values.defaultOf', { column: row.column })}
          onInput=${(event) => change({ fallback: event.currentTarget.value })} /></label>
    </fieldset>`;
}

/** The fields with no column of their own: each CRM field, whether it is a fixed value or a template, and its text. */
export function BuiltFields({ model, headers, t, setModel }) {
  const built = model.built ?? [];
  const setBuilt = (next) => setModel({ ...model, built: next });
  const edit = (index, patch) => setBuilt(built.map((entry, other) => (other === index ? { ...entry, ...patch } : entry)));
  const add = (source) => setBuilt([...built, { label: '', source, text: source === 'template' ? headers.slice(0, 2).map((header) => `{${header}}`).join(' ') : '', rest: {} }]);
  return html`
    <section class="built-fields" aria-labelledby="built-heading">
      <h3 id="built-heading">${t('values.built')}</h3>
      <p class="hint">${t('values.builtHint')}</p>
      ${built.length > 0 && html`
        <table class="mapping">
          <thead><tr><th scope="col">${t('mapping.field')}</th><th scope="col">${t('values.source')}</th><th scope="col">${t('values.text')}</th><th scope="col">${t('mapping.remove')}</th></tr></thead>
          <tbody>
            ${built.map((entry, index) => {
              const name = entry.label || String(index + 1);
              return html`<tr key=${index}>
                <td><input type="text" value=${entry.label} list=${CRM_FIELDS_LIST} aria-label=${t('values.labelOf', { n: index + 1 })} onInput=${(event) => edit(index, { label: event.currentTarget.value })} /></td>
                <td><select value=${entry.source} aria-label=${t('values.sourceOf', { field: name })} onChange=${(event) => edit(index, { source: event.currentTarget.value, text: shown(entry.text) })}>
                  <option value="value">${t('values.source.value')}</option>
                  <option value="template">${t('values.source.template')}</option>
                </select></td>
                <td><input type="text" size="28" value=${shown(entry.text)} aria-label=${t(entry.source === 'template' ? 'values.templateOf' : 'values.valueOf', { field: name })}
                  onInput=${(event) => edit(index, { text: event.currentTarget.value })} /></td>
                <td><button type="button" aria-label=${t('mapping.removeOf', { field: name })} onClick=${() => setBuilt(built.filter((_, other) => other !== index))}>${t('mapping.remove')}</button></td>
              </tr>`;
            })}
          </tbody>
        </table>`}
      <p class="row">
        <button type="button" onClick=${() => add('value')}>${t('values.addValue')}</button>
        <button type="button" onClick=${() => add('template')}>${t('values.addTemplate')}</button>
      </p>
    </section>`;
}
