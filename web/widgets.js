import { useState } from 'preact/hooks';
import { html } from './html.js';

/** An action's busy flag and error, so every button shows "working" and every failure is shown. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (action) => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(caught);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

/**
 * A failure as the library worded it (its messages say where and what to do, in English), under a
 * title in the page's language chosen by the error's code.
 */
export function ErrorBox({ error, t }) {
  if (!error) return null;
  const key = `error.${error.code ?? 'HTTP'}`;
  const title = t(key) === key ? t('error.generic') : t(key);
  return html`
    <div class="error" role="alert">
      <p><strong>${title}</strong></p>
      <pre>${error.message}</pre>
    </div>`;
}

/** The step's heading: focused when the step opens, so keyboard users start there. */
export const StepHeading = ({ t, step, number }) => html`<h2 tabindex="-1">${number}. ${t(`step.${step}`)}</h2>`;

/** A labelled number input whose empty value means "the default". */
export function NumberField({ label, value, onValue, min, max, step = 'any', hint }) {
  return html`
    <label class="field">
      <span>${label}</span>
      <input type="number" min=${min} max=${max} step=${step} value=${value ?? ''} placeholder=${hint ?? ''}
        onInput=${(event) => onValue(event.currentTarget.value === '' ? undefined : Number(event.currentTarget.value))} />
    </label>`;
}

export function CheckboxField({ label, checked, onValue }) {
  return html`
    <label class="check">
      <input type="checkbox" checked=${Boolean(checked)} onChange=${(event) => onValue(event.currentTarget.checked)} />
      <span>${label}</span>
    </label>`;
}
