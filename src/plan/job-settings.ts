import { WolkvoxBulkError } from '../core/errors.js';
import { message } from '../core/say.js';
import { checkOptions, libraryNaming, OPTION_RULES, type CheckedOption, type NumberRange, type OptionNaming } from './option-rules.js';
import type { Mapping } from '../mapping/types.js';
import type { ConnectionOptions, JobSettings, ResolvedConnection, UpdateOptions } from './options.js';
import { normalizeServer } from './server-url.js';

/**
 * Every default of a job's settings, said once: the library fills them in here, the CLI's help says
 * them, and the page's server hands them to the page. A setting absent here has no default (no rate
 * limit, no budget, no canary limit, no snapshot, no --since).
 */
export const JOB_DEFAULTS = {
  concurrency: 2,
  retries: 5,
  timeoutSeconds: 60,
  maxFailureRate: 0.5,
  waitForQuota: false,
  checkQuota: false,
  duplicates: 'error',
  skipInvalid: false,
  dryRun: false,
  reportFormat: 'csv',
  batchSize: 1,
  skipUnchanged: false,
  verify: false,
  /** How a mapping's `match` keys are found: the cheaper of the module read and query.php per key. */
  matchBy: 'auto',
  /** The bodies a check shows as they would be sent (validate, the page's check step). */
  preview: 3,
} as const;

/**
 * How long a preview's reads may stand in for a run's own (`reusePreview`), in minutes: the CRM's records
 * change as people work, and an undo puts back what the reads found, so older reads are read again.
 */
export const PREVIEW_FRESH_MINUTES = 30;

/**
 * What a resume may change: how the rows are sent (where, how fast, how patiently, how many a call) and
 * the CRM operation and module, which change no row. Everything else decides what is sent, and a resume
 * sends each row as the run's plan holds it, so giving it to a resume is refused.
 */
export const RESUME_MAY_CHANGE = ['server', 'concurrency', 'rate', 'retries', 'timeoutSeconds', 'maxCalls', 'waitForQuota', 'reserve', 'checkQuota', 'maxFailureRate', 'batchSize', 'operation', 'module'] as const;

/** Settings fixed when the run is checked; a resume refuses them. */
const FIXED_AT_CHECK = ['duplicates', 'skipInvalid', 'dryRun', 'limit', 'reportFormat', 'snapshot', 'skipUnchanged', 'verify', 'since', 'previewChanges', 'reusePreview'] as const satisfies readonly CheckedOption[];

/** What a caller may set now: flags, the page's form, library options. Undefined entries are not given. */
export type SettingsOverrides = ConnectionOptions &
  Partial<Pick<UpdateOptions, 'operation' | 'module' | 'duplicates' | 'skipInvalid' | 'dryRun' | 'limit' | 'reportFormat' | 'lang' | 'batchSize' | 'snapshot' | 'skipUnchanged' | 'verify' | 'since' | 'previewChanges' | 'reusePreview'>>;

/**
 * What run.json recorded of a job (older runs lack the settings added since: those take their defaults).
 * Undefined for a new job.
 */
export interface RecordedSettings {
  readonly job: Omit<JobSettings, 'batchSize' | 'skipUnchanged' | 'verify'> & Partial<Pick<JobSettings, 'batchSize' | 'skipUnchanged' | 'verify'>>;
  readonly connection: Omit<ResolvedConnection, 'token'>;
}

/** The settings a job runs with: its own (fixed for its life) and the connection (this session's). */
export interface ResolvedSettings {
  readonly job: JobSettings;
  readonly connection: ResolvedConnection;
}

export interface ResolveContext {
  /** The operation and module the mapping names (a resume: the mapping as it is now, if only they changed), and its fields (an if-empty field needs a read). */
  readonly mapping?: { readonly operation?: string | undefined; readonly module?: string | undefined; readonly fields?: Mapping['fields'] };
  /** How a refused option is named: the library's name (the default), or the flag a person typed. */
  readonly naming?: OptionNaming;
}

/**
 * The one place a job's settings are decided, for update (nothing recorded), resume, verify, undo and the
 * page: what the caller gives now over what run.json recorded, over the mapping's operation and module,
 * over the defaults; each value checked by its rule. A resume keeps every setting that decides what is
 * sent and refuses one given now (checkSettings); its canary limit was the first session's.
 */
export function resolveJobSettings(recorded: RecordedSettings | undefined, overrides: SettingsOverrides, context: ResolveContext = {}): ResolvedSettings {
  const naming = context.naming ?? libraryNaming;
  checkSettings(overrides, { resume: recorded !== undefined, naming });
  const given = definedOf(overrides);
  const { limit: _limit, ...kept } = recorded?.job ?? {};
  const settings = { ...kept, ...given };
  const operation = given.operation ?? context.mapping?.operation ?? recorded?.job.operation;
  const module = given.module ?? context.mapping?.module ?? recorded?.job.module;
  if (!operation) throw new WolkvoxBulkError('USAGE', message('option.missing-operation'));
  if (!module) throw new WolkvoxBulkError('USAGE', message('option.missing-module'));
  const skipUnchanged = settings.skipUnchanged ?? JOB_DEFAULTS.skipUnchanged;
  // A preview compares with what the CRM holds: it reads the snapshot, as --skip-unchanged does.
  const preview = settings.previewChanges === true || recorded?.job.preview === true;
  // A field written only where the CRM's is empty needs to know what the CRM has, as --skip-unchanged does.
  const fillsEmpty = Object.values(context.mapping?.fields ?? {}).some((spec) => typeof spec === 'object' && spec.write === 'if-empty');
  const job: JobSettings = {
    operation,
    module,
    duplicates: settings.duplicates ?? JOB_DEFAULTS.duplicates,
    skipInvalid: settings.skipInvalid ?? JOB_DEFAULTS.skipInvalid,
    dryRun: settings.dryRun ?? JOB_DEFAULTS.dryRun,
    reportFormat: settings.reportFormat ?? JOB_DEFAULTS.reportFormat,
    // A resume keeps the run's (it gives none): one run's files speak one language.
    ...(settings.lang === undefined || settings.lang === 'en' ? {} : { lang: settings.lang }),
    // A run recorded before batches existed sent one row per call, as the default does.
    batchSize: settings.batchSize ?? JOB_DEFAULTS.batchSize,
    // Leaving out what the CRM already has needs to know what it has.
    ...(settings.snapshot || skipUnchanged || preview || fillsEmpty ? { snapshot: settings.snapshot ?? 'auto' } : {}),
    skipUnchanged,
    verify: settings.verify ?? JOB_DEFAULTS.verify,
    ...(settings.limit === undefined ? {} : { limit: settings.limit }),
    ...(preview ? { preview: true } : {}),
  };
  const connection = resolveConnection({ ...recorded?.connection, ...given }, job.dryRun, naming);
  return { job, connection };
}

/**
 * Checks the settings given now, each by its rule; for a resume, first refuses one that decides what is
 * sent, whatever its value, and for a watch one that does not fit an unattended run per file.
 * Callers check early with it (the CLI with its flags' names) before the work.
 */
export function checkSettings(overrides: Readonly<Partial<Record<CheckedOption, unknown>>>, options: { readonly resume: boolean; readonly watch?: boolean; readonly naming?: OptionNaming }): void {
  const naming = options.naming ?? libraryNaming;
  if (options.resume) refuseFixedAtCheck(overrides, naming);
  if (options.watch === true) refuseOnWatch(overrides, naming);
  checkOptions(overrides, naming);
  if (overrides.previewChanges === true) refuseWithPreview(overrides, naming);
}

// A setting that decides what is sent, given to a resume, refused with the name the person gave it.
function refuseFixedAtCheck(overrides: Readonly<Partial<Record<CheckedOption, unknown>>>, naming: OptionNaming): void {
  const fixed = FIXED_AT_CHECK.find((option) => overrides[option] !== undefined);
  if (fixed === undefined) return;
  throw new WolkvoxBulkError('USAGE', message('option.not-on-resume', { name: naming.name(fixed), canary: fixed === 'limit' }));
}

// A watch gives each file a run folder of its own, sends it whole, and moves it to done once sent: a run
// folder named, a canary, or a job that sends nothing does not fit.
const NOT_ON_WATCH = { out: 'out', limit: 'limit', dryRun: 'sends-nothing', previewChanges: 'sends-nothing', reusePreview: 'sends-nothing' } as const;

function refuseOnWatch(settings: Readonly<Partial<Record<CheckedOption, unknown>>>, naming: OptionNaming): void {
  const given = (Object.keys(NOT_ON_WATCH) as (keyof typeof NOT_ON_WATCH)[]).find((option) => settings[option] !== undefined && settings[option] !== false);
  if (given === undefined) return;
  throw new WolkvoxBulkError('USAGE', message('option.not-on-watch', { name: naming.name(given), why: NOT_ON_WATCH[given] }));
}

// A preview reads the CRM and sends nothing: what needs no server, or reads back what was sent, or reuses a
// preview, does not go with it.
function refuseWithPreview(settings: Partial<Record<CheckedOption, unknown>>, naming: OptionNaming): void {
  const other = (['dryRun', 'verify', 'reusePreview'] as const).find((option) => settings[option] !== undefined && settings[option] !== false);
  if (other === undefined) return;
  const why = other === 'dryRun' ? 'dry-run' : other === 'verify' ? 'verify' : 'reuse';
  throw new WolkvoxBulkError('USAGE', message('option.not-with-preview', { preview: naming.name('previewChanges'), other: naming.name(other), why }));
}

/**
 * Checks and completes the connection settings. A dry run needs neither server nor token (it calls
 * nobody); any other job needs both. Commands that are not jobs (quota, probe) call it with their own pace.
 */
export function resolveConnection(options: ConnectionOptions, dryRun = false, naming?: OptionNaming): ResolvedConnection {
  checkOptions(options, naming);
  const token = typeof options.token === 'string' && options.token.trim() !== '' ? options.token.trim() : undefined;
  if (!dryRun && token === undefined) {
    throw new WolkvoxBulkError('TOKEN_MISSING', message('option.missing-token'));
  }
  if (!dryRun && options.server === undefined) {
    throw new WolkvoxBulkError('USAGE', message('option.missing-server'));
  }
  const timeoutSeconds = options.timeoutSeconds ?? JOB_DEFAULTS.timeoutSeconds;
  return {
    // A dry run calls nobody, so it names no server (in the plan, run.json and summary.json).
    ...(options.server === undefined || dryRun ? {} : { server: normalizeServer(options.server) }),
    ...(token === undefined ? {} : { token }),
    concurrency: options.concurrency ?? JOB_DEFAULTS.concurrency,
    ...(options.rate === undefined ? {} : { rate: options.rate }),
    retries: options.retries ?? JOB_DEFAULTS.retries,
    timeoutSeconds,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    // 0 lifts a budget recorded by an earlier session.
    ...(options.maxCalls === undefined || options.maxCalls === 0 ? {} : { maxCalls: options.maxCalls }),
    waitForQuota: options.waitForQuota ?? JOB_DEFAULTS.waitForQuota,
    // 0 lifts a reserve recorded by an earlier session.
    ...(options.reserve === undefined || options.reserve === 0 ? {} : { reserve: options.reserve }),
    checkQuota: options.checkQuota ?? JOB_DEFAULTS.checkQuota,
    maxFailureRate: options.maxFailureRate ?? JOB_DEFAULTS.maxFailureRate,
  };
}

/**
 * What a form needs to offer the settings as the library takes them: the defaults, each number's range
 * (from the option rules), what a resume may change, and how long a preview's reads may be reused. The page's
 * server hands it to the page.
 */
export function settingsForForms(): {
  defaults: typeof JOB_DEFAULTS;
  ranges: Readonly<Partial<Record<CheckedOption, NumberRange>>>;
  resumeMayChange: typeof RESUME_MAY_CHANGE;
  previewFreshMinutes: typeof PREVIEW_FRESH_MINUTES;
} {
  const ranges = Object.fromEntries(Object.entries(OPTION_RULES).flatMap(([option, rule]) => ('range' in rule ? [[option, rule.range]] : [])));
  return { defaults: JOB_DEFAULTS, ranges, resumeMayChange: RESUME_MAY_CHANGE, previewFreshMinutes: PREVIEW_FRESH_MINUTES };
}

// Only what was given: an undefined entry leaves the recorded value or the default.
function definedOf<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
