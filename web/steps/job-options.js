import { toMapping } from '../mapping-model.js';

/**
 * The `update` options the page collected in steps 3 to 5, under the library's names, for a run and for
 * its preview: both are planned from the same choices, so the run may use the preview's reads.
 */
export function jobOptions(state) {
  const { connection, options } = state;
  const { server, snapshot, ...pace } = connection;
  // Finding records by key needs reads of the CRM, which a dry run never makes (the library refuses the two together).
  const dryRun = options.dryRun && state.model?.by !== 'match';
  // A dry run changes nothing in the CRM: there is nothing to undo, so no snapshot to read.
  const preview = !dryRun && reusablePreview(state);
  return {
    ...pace,
    ...(snapshot && !dryRun ? { snapshot } : {}),
    ...(server.trim() === '' ? {} : { server: server.trim() }),
    duplicates: options.duplicates,
    skipInvalid: options.skipInvalid,
    dryRun,
    reportFormat: options.reportFormat,
    ...(options.since ? { since: options.since } : {}),
    ...(preview ? { reusePreview: preview.run } : {}),
  };
}

/** `update --preview` with the same choices: it reads what the CRM holds and sends nothing (so nothing to read back). */
export function previewOptions(state) {
  const { verify: _verify, reusePreview: _reuse, ...options } = jobOptions(state);
  return { ...options, dryRun: false, previewChanges: true };
}

/**
 * The preview of this file whose reads a run may use instead of its own: made with the choices on the page
 * now, finished, and recent (the library's limit, from the server). The library checks again that file, mapping, rows, server and module
 * are the same, and reads again, saying why, when they are not.
 */
export function reusablePreview(state) {
  const preview = state.preview;
  if (!preview?.readAt || preview.key !== previewKey(state)) return undefined;
  const age = Date.now() - Date.parse(preview.readAt);
  return age >= 0 && age < state.settings.previewFreshMinutes * 60_000 ? preview : undefined;
}

/** The time of day until which the preview's reads may be used, in the page's language. */
export const freshUntil = (state, lang) =>
  new Date(Date.parse(state.preview.readAt) + state.settings.previewFreshMinutes * 60_000).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });

/**
 * What a preview was made from: the file, the mapping and the choices that plan the rows. Another of any
 * of them and the preview is not this job's: the page neither shows it as such nor offers its reads.
 */
export const previewKey = (state) =>
  JSON.stringify([state.upload, toMapping(state.model, state.vocabulary), state.options.duplicates, state.options.skipInvalid, state.options.since ?? null]);
