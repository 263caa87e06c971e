import { useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { number } from '../format.js';
import { html } from '../html.js';
import { CheckboxField, ErrorBox, NumberField, StepHeading, useAction, useFocusFollows } from '../widgets.js';
import { WhereFields } from './where.js';

/**
 * The token goes to the page server once and is forgotten here at once: the field is emptied and the
 * page keeps only whether a token is set and where it came from.
 */
export function TokenEntry({ state, set, t }) {
  const { busy, error, run } = useAction();
  const [changing, setChanging] = useState(false);
  const [typed, setTyped] = useState('');
  const { token } = state;
  const save = () =>
    run(async () => {
      const answer = await api('/api/token', { method: 'POST', json: { token: typed } });
      setTyped('');
      setChanging(false);
      set({ token: answer.token });
    });
  const forget = () => run(async () => set({ token: (await api('/api/token', { method: 'DELETE' })).token }));
  const entering = !token.set || changing;
  // Saving, changing or forgetting the token takes away the button pressed: the focus goes to what replaced it.
  const box = useRef(null);
  useFocusFollows(`${token.set}:${token.source}:${entering}`, () => box.current?.querySelector(entering ? 'input' : '.token-state'));
  return html`
    <fieldset ref=${box}>
      <legend>${t('connect.token')}</legend>
      ${token.set && html`<p class="token-state" role="status">${t(`connect.tokenFrom.${token.source}`)}</p>`}
      ${entering
        ? html`<div class="row">
            <label class="field"><span>${t('connect.tokenInput')}</span>
              <input type="password" autocomplete="off" spellcheck="false" value=${typed} onInput=${(event) => setTyped(event.currentTarget.value)}
                onKeyDown=${(event) => event.key === 'Enter' && typed && save()} /></label>
            <button type="button" disabled=${busy || !typed} onClick=${save}>${t('connect.tokenSave')}</button>
          </div>
          <p class="hint">${t('connect.tokenHint')}</p>`
        : html`<div class="row">
            <button type="button" onClick=${() => setChanging(true)}>${t('connect.tokenChange')}</button>
            ${token.source === 'page' && html`<button type="button" onClick=${forget}>${t('connect.tokenForget')}</button>`}
          </div>`}
      <${ErrorBox} error=${error} t=${t} />
    </fieldset>`;
}

function Quota({ state, t, lang }) {
  const { busy, error, run } = useAction();
  const [quota, setQuota] = useState(null);
  const { report, connection, model } = state;
  const read = () => run(async () => setQuota((await api('/api/quota', { method: 'POST', json: { server: connection.server, operation: model.top.operation ?? '' } })).quota));
  const needed = report ? report.valid - report.empty : undefined;
  return html`
    <div class="quota">
      <button type="button" disabled=${busy} onClick=${read}>${t('connect.readQuota')}</button>
      <p class="hint">${t('connect.quotaHint')}</p>
      ${quota && html`
        <dl class="counts" aria-label=${t('connect.quota')}>
          <div><dt>${t('quota.limit')}</dt><dd>${number(lang, quota.limit)}</dd></div>
          <div><dt>${t('quota.used')}</dt><dd>${number(lang, quota.usedToday)}</dd></div>
          <div><dt>${t('quota.available')}</dt><dd>${number(lang, quota.available)}</dd></div>
          <div><dt>${t('quota.reset')}</dt><dd>${number(lang, quota.hoursToReset, 1)} h</dd></div>
        </dl>
        ${needed !== undefined && html`<p class=${quota.available >= needed ? 'verdict ok' : 'verdict not-ready'} role="status">
          ${quota.available >= needed
            ? t('quota.fits', { n: number(lang, needed), available: number(lang, quota.available) })
            : t('quota.short', { n: number(lang, needed), available: number(lang, quota.available), days: Math.ceil(needed / Math.max(1, quota.limit)) })}</p>`}`}
      <${ErrorBox} error=${error} t=${t} />
    </div>`;
}

/**
 * The pacing and safety flags of `update`, under a disclosure: the defaults suit almost every job. Their
 * defaults (the hints) and ranges come from the library, through the server (`settings`); `only` keeps
 * the fields a resume may change.
 */
export function Advanced({ values, onValue, settings, only, t, lang }) {
  const { defaults, ranges } = settings;
  const offered = (name) => !only || only.includes(name);
  const field = (name, props = {}) => {
    const range = ranges[name] ?? {};
    // A default is suggested as the page's language writes it: 0,5 in Spanish.
    const hint = defaults[name] === undefined ? t('advanced.none') : number(lang, defaults[name], 6);
    return offered(name) && html`<${NumberField} label=${t(`advanced.${name}`)} value=${values[name]} onValue=${(value) => onValue({ [name]: value })}
      min=${range.min} max=${range.max} step=${range.whole ? 1 : undefined} hint=${hint} ...${props} />`;
  };
  const checkbox = (name) => offered(name) && html`<${CheckboxField} label=${t(`advanced.${name}`)} checked=${values[name]} onValue=${(value) => onValue({ [name]: value })} />`;
  return html`
    <details class="advanced">
      <summary>${t('advanced.title')}</summary>
      <p class="hint">${t('advanced.hint')}</p>
      <div class="grid">
        ${field('concurrency')}
        ${field('rate')}
        ${field('retries')}
        ${field('timeoutSeconds')}
        ${field('maxCalls')}
        ${field('reserve')}
        ${field('maxFailureRate', { step: 0.05 })}
        ${field('batchSize')}
        ${checkbox('waitForQuota')}
        ${checkbox('checkQuota')}
        ${offered('snapshot') && html`<label class="field"><span>${t('advanced.snapshot')}</span>
          <select value=${values.snapshot ?? ''} onChange=${(event) => onValue({ snapshot: event.currentTarget.value || undefined })}>
            ${['', 'auto', 'by-id', 'module'].map((strategy) => html`<option value=${strategy}>${t(`advanced.snapshot.${strategy || 'none'}`)}</option>`)}
          </select></label>`}
        ${checkbox('skipUnchanged')}
        ${checkbox('verify')}
      </div>
    </details>`;
}

/** Step 4: where to send (server, operation, module), the token, the quota, the pace. */
export function ConnectStep({ state, set, go, t, lang }) {
  const { connection, model } = state;
  const setTop = (patch) => set({ model: { ...model, top: { ...model.top, ...patch } } });
  return html`
    <section>
      <${StepHeading} t=${t} step="connect" number="4" />
      <div class="grid">
        <${WhereFields} connection=${connection} top=${model.top} t=${t} onServer=${(server) => set({ connection: { ...connection, server } })} onTop=${setTop} operationHint="operation-hint" />
      </div>
      <p class="hint">${t('connect.hint')}</p>
      <p class="hint" id="operation-hint">${t('connect.operationHint')}</p>
      <${TokenEntry} state=${state} set=${set} t=${t} />
      <${Quota} state=${state} t=${t} lang=${lang} />
      <${Advanced} values=${connection} onValue=${(patch) => set({ connection: { ...connection, ...patch } })} settings=${state.settings} t=${t} lang=${lang} />
      <p class="actions"><button type="button" class="primary" onClick=${() => go('send')}>${t('connect.next')}</button></p>
    </section>`;
}
