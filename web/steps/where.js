import { html } from '../html.js';

/**
 * Where a job sends: the CRM server, the operation and the module (step 4's, and step 2's reading of the
 * field names). `operationHint`: the id of the text that says what the operation is, read after its label.
 */
export function WhereFields({ connection, top, t, onServer, onTop, operationHint }) {
  return html`
    <label class="field"><span>${t('connect.server')}</span>
      <input type="text" value=${connection.server} placeholder="crm0001.wolkvox.com" spellcheck="false" onInput=${(event) => onServer(event.currentTarget.value)} /></label>
    <label class="field"><span>${t('connect.operation')}</span>
      <input type="text" value=${top.operation ?? ''} spellcheck="false" aria-describedby=${operationHint} onInput=${(event) => onTop({ operation: event.currentTarget.value })} /></label>
    <label class="field"><span>${t('connect.module')}</span>
      <input type="text" value=${top.module ?? ''} placeholder="contacts" spellcheck="false" onInput=${(event) => onTop({ module: event.currentTarget.value })} /></label>`;
}
