import { useRef, useState } from 'preact/hooks';
import { api, upload, uploadPath } from '../api.js';
import { html } from '../html.js';
import { fromMapping, toMapping, withReader } from '../mapping-model.js';
import { ErrorBox, ScrollRegion, StepHeading, useAction } from '../widgets.js';
import { Uploads } from './uploads.js';

const FILE_TYPES = '.csv,.txt,.tsv,.xlsx,.xlsm';

/** Reads a file as the library would with these reader settings: header candidates, samples, a draft. */
export async function inspect(id, reader) {
  const defined = Object.fromEntries(Object.entries(reader).filter(([, value]) => value !== undefined && value !== ''));
  return api(uploadPath(id, '/inspect'), { method: 'POST', json: defined });
}

/** Step 1: pick or drop the file; choose the sheet and the header row, with a preview of the rows. */
export function FileStep({ state, set, go, t, lang }) {
  const { busy, error, run } = useAction();
  const latest = useRef(0);
  const [dragging, setDragging] = useState(false);
  const { inspection, reader = {} } = state;

  const read = (id, choice) =>
    run(async () => {
      const ticket = (latest.current += 1);
      const result = await inspect(id, choice);
      // Arrow keys move through the header rows quickly: only the last choice's answer counts.
      if (ticket !== latest.current) return;
      set({ inspection: result, reader: { ...choice, headerRow: result.headerRow, sheet: result.format.kind === 'xlsx' ? result.format.sheet : undefined } });
    });

  const pick = (file) => {
    if (!file) return;
    run(async () => {
      const stored = await upload(file);
      // A new file: no run of its own yet, and the send step shows no earlier run's job.
      set({ upload: stored.upload, fileName: stored.file, inspection: null, model: null, report: null, reader: {}, run: undefined, shownRun: undefined });
      const result = await inspect(stored.upload, {});
      set({ inspection: result, reader: { headerRow: result.headerRow, sheet: result.format.kind === 'xlsx' ? result.format.sheet : undefined } });
    });
  };

  // The choice shows at once (a radio must not jump back while the file is read again).
  const choose = (patch) => {
    const choice = { ...reader, ...patch };
    set({ reader: choice });
    read(state.upload, choice);
  };
  const next = () => {
    const { vocabulary } = state;
    const base = state.model ? toMapping(state.model, vocabulary) : inspection.draft;
    const model = withReader(fromMapping(base, inspection.headers, vocabulary), inspection, reader);
    // The library proposed finding the records by a key column (no column of wolkvox ids): said as a proposal.
    set({ model: { ...model, proposed: !state.model && Boolean(inspection.draft.match) }, report: null });
    go('mapping');
  };

  return html`
    <section>
      <${StepHeading} t=${t} step="file" number="1" />
      <p>${t('file.intro')}</p>
      <div class=${`drop${dragging ? ' dragging' : ''}`}
        onDragOver=${(event) => { event.preventDefault(); setDragging(true); }}
        onDragLeave=${() => setDragging(false)}
        onDrop=${(event) => { event.preventDefault(); setDragging(false); pick(event.dataTransfer.files[0]); }}>
        <label for="file-input">${t('file.pick')}</label>
        <input id="file-input" type="file" accept=${FILE_TYPES} onChange=${(event) => pick(event.currentTarget.files[0])} />
        <p class="hint">${t('file.drop')}</p>
      </div>
      ${busy && html`<p role="status">${t('file.reading')}</p>`}
      <${ErrorBox} error=${error} t=${t} />
      ${inspection && html`<${FileChoices} state=${state} t=${t} choose=${choose} />`}
      ${inspection && html`<p class="actions"><button type="button" class="primary" disabled=${busy} onClick=${next}>${t('file.next')}</button></p>`}
      <${Uploads} state=${state} set=${set} t=${t} lang=${lang} />
    </section>`;
}

function FileChoices({ state, t, choose }) {
  const { inspection, reader = {}, vocabulary, fileName } = state;
  const { format } = inspection;
  const headerRow = reader.headerRow ?? inspection.headerRow;
  const inCandidates = inspection.candidates.some((candidate) => candidate.row === headerRow);
  return html`
    <p class="file-name">${t(format.kind === 'xlsx' ? 'file.workbook' : 'file.csv', { name: fileName, encoding: format.encoding ?? '', delimiter: format.delimiter === '\t' ? 'tab' : format.delimiter ?? '' })}</p>
    <div class="row">
      ${format.kind === 'xlsx'
        ? html`<label class="field"><span>${t('file.sheet')}</span>
            <select value=${reader.sheet ?? format.sheet} onChange=${(event) => choose({ sheet: event.currentTarget.value, headerRow: undefined })}>
              ${format.sheets.map((sheet) => html`<option value=${sheet}>${sheet}</option>`)}
            </select></label>`
        : html`
          <label class="field"><span>${t('file.delimiter')}</span>
            <select value=${reader.delimiter ?? ''} onChange=${(event) => choose({ delimiter: event.currentTarget.value || undefined })}>
              <option value="">${t('file.detected', { value: format.delimiter === '\t' ? 'tab' : format.delimiter })}</option>
              ${vocabulary.delimiters.map((mark) => html`<option value=${mark}>${mark === '\t' ? 'tab' : mark}</option>`)}
            </select></label>
          <label class="field"><span>${t('file.encoding')}</span>
            <select value=${reader.encoding ?? ''} onChange=${(event) => choose({ encoding: event.currentTarget.value || undefined })}>
              <option value="">${t('file.detected', { value: format.encoding })}</option>
              ${vocabulary.encodings.map((name) => html`<option value=${name}>${name}</option>`)}
            </select></label>`}
    </div>
    <fieldset class="header-rows">
      <legend>${t('file.headerRow')}</legend>
      <p class="hint">${t('file.headerHint')}</p>
      <table>
        <tbody>
          ${inspection.candidates.map((candidate) => html`
            <tr class=${candidate.row === headerRow ? 'chosen' : ''}>
              <th scope="row">
                <label><input type="radio" name="header-row" checked=${candidate.row === headerRow}
                  onChange=${() => choose({ headerRow: candidate.row })} /> ${t('file.rowN', { n: candidate.row })}</label>
              </th>
              <td>${candidate.cells
                ? html`<span class="cells">${candidate.cells.map((cell) => html`<span class="cell">${cell}</span>`)}</span>`
                : html`<span class="problem">${t('file.notHeader')}</span>`}</td>
            </tr>`)}
        </tbody>
      </table>
      <label class="field"><span>${t('file.otherRow')}</span>
        <input type="number" min="1" step="1" value=${inCandidates ? '' : headerRow}
          onChange=${(event) => event.currentTarget.value && choose({ headerRow: Number(event.currentTarget.value) })} /></label>
    </fieldset>
    <h3>${t('file.preview', { n: inspection.headers.length })}</h3>
    <${ScrollRegion} label=${t('file.preview', { n: inspection.headers.length })}>
      <table class="preview">
        <thead><tr><th>${t('file.where')}</th>${inspection.headers.map((header) => html`<th scope="col">${header}</th>`)}</tr></thead>
        <tbody>
          ${inspection.samples.map((sample) => html`
            <tr><th scope="row">${sample.rowNumber}</th>${inspection.headers.map((header) => html`<td>${sample.values[header] ?? ''}</td>`)}</tr>`)}
        </tbody>
      </table>
    <//>`;
}
