import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { html } from './html.js';
import { detectLanguage, LANGUAGES, localeFor, saveLanguage, translator } from './i18n.js';
import { CheckStep } from './steps/check.js';
import { ConnectStep } from './steps/connect.js';
import { FileStep } from './steps/file.js';
import { MappingStep } from './steps/mapping.js';
import { ResultsStep } from './steps/results.js';
import { SendStep } from './steps/send.js';

const STEPS = [
  ['file', FileStep],
  ['mapping', MappingStep],
  ['check', CheckStep],
  ['connect', ConnectStep],
  ['send', SendStep],
  ['results', ResultsStep],
];

const INITIAL = {
  step: 'file',
  ready: false,
  token: { set: false },
  // The canary's size is the page's own suggestion; the job settings' defaults come from the server (/api/state).
  options: { canary: 5 },
  // Every run from the page can be undone: a snapshot (before.csv) is read first unless the person unticks it
  // (the page's own choice: the library and the CLI take none unless asked).
  connection: { server: '', snapshot: 'auto' },
  job: null,
};

// What each step needs before it can be opened.
const available = (state) => ({
  file: true,
  mapping: Boolean(state.inspection),
  check: Boolean(state.model),
  connect: Boolean(state.model),
  send: Boolean(state.model) || Boolean(state.job),
  results: true,
});

function App() {
  const [lang, setLang] = useState(detectLanguage);
  const t = useMemo(() => translator(lang), [lang]);
  const locale = useMemo(() => localeFor(lang), [lang]);
  const [state, setState] = useState(INITIAL);
  const set = useCallback(
    (patch) =>
      setState((previous) => {
        const next = typeof patch === 'function' ? patch(previous) : patch;
        // A request's answer can come after a newer view of the job came by the event stream: the newer one stays.
        const stale = next.job && previous.job && next.job.version < previous.job.version;
        return { ...previous, ...next, ...(stale ? { job: previous.job } : {}) };
      }),
    [],
  );
  const moved = useRef(false);

  useEffect(() => {
    // The key in the address has done its work (the session cookie is set): keep it out of history.
    history.replaceState(null, '', '/');
    api('/api/state').then(({ token, server, vocabulary, runsRoot, job, settings }) =>
      set((previous) => {
        const { preview, duplicates, skipInvalid, reportFormat, dryRun } = settings.defaults;
        const options = { preview, duplicates, skipInvalid, reportFormat, dryRun, ...previous.options };
        // The job found at load (a reload while it runs, or after it ended) is shown until a new file is chosen:
        // its run's results once it is done, else its progress (or why it failed) on the send step.
        const step = job ? (job.phase === 'done' ? 'results' : 'send') : previous.step;
        return { ready: true, step, token, vocabulary, runsRoot, settings, options, job: job ?? null, shownRun: job?.run, connection: { ...previous.connection, server: server ?? '' } };
      }),
    );
    const events = new EventSource('/api/events');
    events.addEventListener('job', (event) => set({ job: JSON.parse(event.data) }));
    return () => events.close();
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang]);

  // Keyboard and screen-reader users land on the new step's heading, not at the top of the page.
  useEffect(() => {
    if (moved.current) document.querySelector('main h2')?.focus();
  }, [state.step]);

  const go = useCallback((step) => {
    moved.current = true;
    set({ step });
  }, []);
  const open = available(state);
  const Step = STEPS.find(([name]) => name === state.step)[1];

  return html`
    <header>
      <h1>${t('app.title')}</h1>
      <label class="language">
        ${t('app.language')}
        <select value=${lang} onChange=${(event) => { setLang(event.currentTarget.value); saveLanguage(event.currentTarget.value); }}>
          ${LANGUAGES.map(([code, name]) => html`<option value=${code} lang=${code}>${name}</option>`)}
        </select>
      </label>
    </header>
    <nav aria-label=${t('app.steps')}>
      <ol>
        ${STEPS.map(([name], index) => html`
          <li>
            <button type="button" aria-current=${state.step === name ? 'step' : undefined} disabled=${!open[name]} onClick=${() => go(name)}>
              <span class="number">${index + 1}</span> ${t(`step.${name}`)}
            </button>
          </li>`)}
      </ol>
    </nav>
    <main>
      ${state.ready ? html`<${Step} state=${state} set=${set} go=${go} t=${t} lang=${locale} />` : html`<p>${t('app.loading')}</p>`}
    </main>`;
}

render(html`<${App} />`, document.getElementById('app'));
