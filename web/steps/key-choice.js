import { html } from '../html.js';
import { CRM_FIELDS_LIST } from './crm-fields.js';

/**
 * How each row finds its record in the CRM: by the wolkvox ids the file holds (the mapping's `id`), or by
 * a column of the person's own looked up in a CRM field (the mapping's `match`: column, field, comparison).
 * The table's radio column picks the same column; what the choice means is the library's to check.
 */
export function KeyChoice({ model, inspection, vocabulary, t, setModel }) {
  const { headers } = inspection;
  const columns = (value) => html`<option value="">–</option>${headers.map((header) => html`<option value=${header} selected=${header === value}>${header}</option>`)}`;
  const setMatch = (patch) => setModel({ ...model, proposed: false, match: { ...model.match, ...patch } });
  const choose = (by) => {
    if (by === 'id' || model.match.column) return setModel({ ...model, by, proposed: false });
    // The library's suggestion first (a documento, NIT, correo … column), else the first column that is not the id.
    const guess = inspection.matchGuess ?? { column: headers.find((header) => header !== model.id.column) ?? '', field: '' };
    const { column, field, compare } = guess;
    return setModel({ ...model, by, proposed: false, match: { column, field: field || column, ...(compare ? { compare } : {}) } });
  };
  const byMatch = model.by === 'match';
  return html`
    <fieldset class="key-choice">
      <legend>${t('key.legend')}</legend>
      <div class="key-way">
        <label><input type="radio" name="key-way" checked=${!byMatch} onChange=${() => choose('id')} /> ${t('key.byId')}</label>
        ${!byMatch && !model.id.template && html`
          <div class="row">
            <label class="field"><span>${t('key.idColumn')}</span>
              <select value=${model.id.column ?? ''} onChange=${(event) => setModel({ ...model, id: { column: event.currentTarget.value } })}>${columns(model.id.column)}</select></label>
          </div>`}
      </div>
      <div class="key-way">
        <label><input type="radio" name="key-way" checked=${byMatch} onChange=${() => choose('match')} /> ${t('key.byMatch')}</label>
        ${byMatch && html`
          <div class="row">
            <label class="field"><span>${t('key.matchColumn')}</span>
              <select value=${model.match.column} onChange=${(event) => setMatch({ column: event.currentTarget.value })}>${columns(model.match.column)}</select></label>
            <label class="field"><span>${t('key.matchField')}</span>
              <input type="text" value=${model.match.field} spellcheck="false" list=${CRM_FIELDS_LIST} onInput=${(event) => setMatch({ field: event.currentTarget.value })} /></label>
            <label class="field"><span>${t('key.compare')}</span>
              <select value=${model.match.compare ?? 'exact'} onChange=${(event) => setMatch({ compare: event.currentTarget.value })}>
                ${vocabulary.matchCompares.map((compare) => html`<option value=${compare}>${t(`compare.${compare}`)}</option>`)}
              </select></label>
          </div>
          ${model.proposed && html`<p class="note">${t('key.proposed', { column: model.match.column, field: model.match.field })}</p>`}
          <p class="hint">${t('key.matchHint')}</p>`}
      </div>
    </fieldset>`;
}
