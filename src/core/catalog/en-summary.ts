import { countIn, countedIn } from '../text.js';
import type { BatchSummary, ChangePreview, LookupSummary, MatchSummary, RowStatus } from '../types.js';
import type { FatalNext } from './en-stop.js';

// English for the end of a run: the summary, what to run next, a preview's counts and cost.

const failing = (none: number, several: number) => {
  const parts = [...(none > 0 ? [`${n(none)} on none`] : []), ...(several > 0 ? [`${n(several)} on several`] : [])];
  return parts.length > 0 ? `, ${parts.join(', ')} (their rows failed, not sent)` : '';
};

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

export const enSummary = {
  'summary.run-folder': (p: { dir: string }) => `Run folder: ${p.dir}`,
  'summary.next': () => 'Next:',
  'summary.stopped': (p: { message: string }) => `Stopped: ${p.message}`,
  'summary.preview-done': () => 'Preview finished: nothing was sent.',
  'summary.dry-run-done': () => 'Dry run finished: nothing was sent.',
  'summary.done-all': () => 'Done: every row updated.',
  'summary.done-all-or-unchanged': () => 'Done: every row updated or unchanged.',
  'summary.finished': () => 'Finished.',
  'summary.status': (p: { status: RowStatus }) => p.status,
  'summary.calls': (p: { calls: number; perUpdated?: number; units?: number; unitsUnknown: boolean; retries: number; resent: number; duration: string; rowsPerSecond: number; sessions: number }) =>
    `${plural(p.calls, 'call')}${p.perUpdated === undefined ? '' : ` (${p.perUpdated.toFixed(2)} per updated row)`}${p.unitsUnknown ? ', quota units not known (an updateMany.php call costs 1 or 1 per record: --check-quota measures it)' : p.units === undefined ? '' : `, ${plural(p.units, 'quota unit')}`}, ${plural(p.retries, 'retry', 'retries')}${p.resent > 0 ? `, ${plural(p.resent, 'row')} re-sent after a crash` : ''}; ${p.duration}${p.rowsPerSecond > 0 ? `, ${p.rowsPerSecond} rows/s` : ''}${p.sessions > 1 ? ` over ${p.sessions} sessions` : ''}`,
  'summary.reapplied': (p: { records: number }) =>
    `${plural(p.records, 'record')} may have been applied more than once (sent again after a call that may have applied ${p.records === 1 ? 'it' : 'them'}): a CRM workflow that runs on each update may have run again`,
  'summary.uncertain': (p: { calls: readonly number[] }) =>
    `${p.calls.length === 1 ? `call ${p.calls[0]} was` : `calls ${p.calls.join(', ')} were`} in flight when a process died: the CRM may or may not have seen ${p.calls.length === 1 ? 'it' : 'them'}`,
  'summary.batch': (p: BatchSummary) =>
    `batches of ${p.size}${p.used === p.size ? '' : `, ${p.unconfirmable ? `then one row per call: ${p.why ?? 'updateMany.php gave no count'}` : `${p.used} after the CRM refused bigger ones`}`}${p.cost ? `; one updateMany.php call cost ${p.cost === 'call' ? '1 unit' : '1 unit per record'}` : ''}`,
  'summary.verified': (p: { checked: number; calls: number; matched: number; differing: number; missing: number; file: string }) =>
    `verified ${plural(p.checked, 'record')} by reading them back (${plural(p.calls, 'call')}, apart from the run's): ${n(p.matched)} as sent, ${n(p.differing)} differing${p.missing > 0 ? `, ${n(p.missing)} no longer in the CRM` : ''}${p.differing + p.missing > 0 ? ` (listed in ${p.file})` : ''}`,
  'summary.match': (p: MatchSummary) =>
    `${plural(p.keys, `${p.field} key`)} found ${p.by === 'module' ? 'by reading the module' : 'by query.php'} (${plural(p.calls, 'call')}, of the run's): ${n(p.found)} on one record${failing(p.none, p.several)}`,
  'summary.lookup': (p: LookupSummary) =>
    `${plural(p.keys, `${p.module} name`)} of ${p.labels.join(', ')} found ${p.by === 'module' ? `by reading ${p.module}` : 'by query.php'} (${plural(p.calls, 'call')}, of the run's): ${n(p.found)} on one record${failing(p.none, p.several)}`,
  'summary.bodies': (p: { bodies: number; exactly: boolean }) =>
    `${p.bodies === 1 ? `First body ${p.exactly ? 'exactly ' : ''}as it would be sent` : `First ${n(p.bodies)} bodies ${p.exactly ? 'exactly ' : ''}as they would be sent`}:`,
  'summary.top-errors': () => 'Top errors:',
  'summary.error': (p: { count: string; message: string; row: number }) => `${p.count} × ${p.message} (e.g. row ${p.row})`,
  'summary.results': (p: { file: string }) => `results: ${p.file}`,
  'summary.failed-rows': (p: { file: string }) => `failed rows: ${p.file}`,
  'next.unfinished-rows': (p: { resume: string }) => `${p.resume}   (sends again the rows not sent, or whose outcome is not known)`,
  'next.fatal': (p: { reason: FatalNext; resume: string }) =>
    ({
      auth: `put the right token in WOLKVOX_TOKEN (or a file for --token-file), then: ${p.resume}`,
      endpoint: `${p.resume} --server <your CRM host, such as crm0001.wolkvox.com>`,
      redirect: `${p.resume} --server <your CRM host, such as crm0001.wolkvox.com>`,
      configuration: `${p.resume} --operation <operation> --module <module>   (or correct them in the mapping, then: ${p.resume})`,
      network: `once the server can be reached (check --server and your network): ${p.resume}`,
      other: `fix the cause above, then: ${p.resume}`,
    })[p.reason],
  'next.failure-rate-crm': (p: { resume: string }) => `if the records are wrong in the CRM, fix them there, then: ${p.resume} --retry-failed`,
  'next.failure-rate-mapping': (p: { failedFile: string; mapping: string }) => `if the mapping is wrong, fix it, then send the rows not updated as a new run: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.quota': (p: { resume: string }) => `${p.resume}   (once the daily quota restarts; add --wait-for-quota to wait for it)`,
  'next.resume': (p: { resume: string }) => p.resume,
  'next.fix-keys': (p: { field: string; file: string; failedFile: string; mapping: string }) =>
    `for the rows whose ${p.field} found no record or several: fix the key in ${p.file} (or the records in the CRM), then send it as a new run: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.fix-names': (p: { labels: readonly string[]; file: string; failedFile: string; mapping: string }) =>
    `for the rows whose ${p.labels.join(', ')} found no record or several: fix the name in ${p.file} (or the records in the CRM), then send it as a new run: wolkvox-bulk update ${p.failedFile} --mapping ${p.mapping}`,
  'next.retry-failed': (p: { resume: string }) => `after fixing the records in the CRM: ${p.resume} --retry-failed`,
  'next.resend': (p: { command: string }) => `send the records not as sent again (rows the CRM holds as sent are left out): ${p.command}`,
  'next.after-preview': (p: { command: string; fresh: number }) => `${p.command}   (with the preview's other flags, within ${p.fresh} minutes)`,
  'preview.row': (p: { what: 'change' | 'unchanged' | 'notFound' | 'ambiguous' | 'invalid' | 'skipped' }) =>
    ({ change: 'would change', unchanged: 'unchanged', notFound: 'not found', ambiguous: 'several', invalid: 'invalid', skipped: 'skipped' })[p.what],
  'preview.several-why': () => '(their key is on several records)',
  'preview.listed': (p: { file: string; lines: number }) => `listed in ${p.file}: each field that would change (${plural(p.lines, 'line')}, the rows not found included)`,
  'preview.real-run': (p: { cost: ChangePreview['cost']; fresh: number }) => {
    const { updates, batchSize, quotaUnits, updatesSkippingUnchanged } = p.cost;
    const units = quotaUnits.least === quotaUnits.most ? plural(quotaUnits.least, 'quota unit') : `${n(quotaUnits.least)} to ${n(quotaUnits.most)} quota units (an updateMany.php call costs 1, or 1 per record)`;
    return `the real run: ${plural(updates, 'update call')}${batchSize > 1 ? ` in batches of ${n(batchSize)}` : ''}, ${units}${updatesSkippingUnchanged === undefined || updatesSkippingUnchanged === updates ? '' : ` (${n(updatesSkippingUnchanged)} with --skip-unchanged)`}; no read with --reuse-preview within ${p.fresh} minutes`;
  },
} satisfies Record<string, (params: never) => string>;
