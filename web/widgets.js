import { useEffect, useRef, useState } from 'preact/hooks';
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
 * What the library said, in the page's language: its server words each message in every language the page
 * speaks (`words`). Text with no words (a program's own) is shown as it came, marked as English.
 */
export function Said({ words, text, t }) {
  const worded = words?.[t.lang];
  if (worded !== undefined) return worded;
  return text ? html`<span lang="en">${text}</span>` : null;
}

/**
 * A failure as the library words it (its messages say where and what to do), in the page's language,
 * under a title chosen by the error's code; `fix` offers to go where the fix is (the mapping).
 */
export function ErrorBox({ error, t, fix }) {
  if (!error) return null;
  const key = `error.${error.code ?? 'HTTP'}`;
  const title = t(key) === key ? t('error.generic') : t(key);
  return html`
    <div class="error" role="alert">
      <p><strong>${title}</strong></p>
      <pre><${Said} words=${error.words} text=${error.message} t=${t} /></pre>
      ${fix && MAPPING_ERRORS.has(error.code) && html`<p><button type="button" onClick=${fix}>${t('check.fixInMapping')}</button></p>`}
    </div>`;
}

// Failures whose fix is in the mapping step.
const MAPPING_ERRORS = new Set(['MAPPING_INVALID', 'HEADER_INVALID']);

/** The step's heading: focused when the step opens, so keyboard users start there. */
export const StepHeading = ({ t, step, number }) => html`<h2 tabindex="-1">${number}. ${t(`step.${step}`)}</h2>`;

/**
 * A table wider than the screen scrolls sideways in a region a keyboard user can reach (Tab, then the arrow
 * keys) and a screen reader names.
 */
export const ScrollRegion = ({ label, children }) => html`<div class="scroll" role="region" aria-label=${label} tabindex="0">${children}</div>`;

/**
 * Where the focus goes when what had it goes away. A button that an action removes (Use this token, Send,
 * Yes, Stop) leaves the focus on <body>: a keyboard or screen-reader user would start again at the top of
 * the page. Each time `key` changes, `find()` names the new content (its heading or status), which gets the
 * focus if the focus was lost, or is still where this hook put it last (it follows the job); focus a person
 * put elsewhere stays there. With `onMount`, the first render counts as a change.
 */
export function useFocusFollows(key, find, { onMount = false } = {}) {
  const placed = useRef(null);
  const mounted = useRef(onMount);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && active !== placed.current) return;
    const target = find();
    if (!target || target === active) return;
    // Focusable by the script only: not a Tab stop.
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    placed.current = target;
  }, [key]);
}

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
