import { checkSettings, type SettingsOverrides } from '../index.js';

/**
 * The job options the page can set: the `update` and `resume` flags, under their library names.
 * `since` and `reusePreview` are run folders' names here (the page offers the runs it lists); the route makes them paths.
 */
export type PageJobOptions = Omit<SettingsOverrides, 'token'>;

const KEYS = [
  'server', 'concurrency', 'rate', 'retries', 'timeoutSeconds', 'maxCalls', 'waitForQuota', 'reserve', 'checkQuota', 'maxFailureRate',
  'operation', 'module', 'duplicates', 'skipInvalid', 'limit', 'dryRun', 'reportFormat', 'batchSize', 'snapshot', 'skipUnchanged', 'verify', 'since',
  'previewChanges', 'reusePreview', 'lang',
] as const satisfies readonly (keyof PageJobOptions)[];

/**
 * Takes the known options from the page's JSON (an empty field means "the default"; text is trimmed) and
 * checks them by the library's rules, in its words, as the CLI checks its flags: for a resume, a setting
 * that decides what is sent is refused. The routes then give them to the library's resolveJobSettings.
 */
export function pickJobOptions(value: unknown, job: { readonly resume: boolean }): PageJobOptions {
  const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const picked: Record<string, unknown> = {};
  for (const key of KEYS) {
    const entry = typeof given[key] === 'string' ? (given[key] as string).trim() : given[key];
    if (entry !== undefined && entry !== null && entry !== '') picked[key] = entry;
  }
  checkSettings(picked, job);
  return picked as PageJobOptions;
}
