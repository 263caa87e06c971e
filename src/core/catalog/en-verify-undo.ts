import { countIn, countedIn } from '../text.js';

// English for verify (reading back what a run updated) and undo (putting back what it changed): their plans,
// summaries and refusals.

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

export const enVerifyUndo = {
  'verify.plan-title': (p: { records: number; runDir: string }) => `Ready to read back ${plural(p.records, 'record')} that ${p.runDir} updated, and compare them with what was sent`,
  'verify.plan-where': (p: { server?: string; operation: string; module: string }) => `from ${p.server ?? "the run's server"}, operation ${p.operation}, module ${p.module}; nothing is sent`,
  'verify.plan-reads': (p: { inFlight: number }) => `reads: 1 call per 250 records of the module while that is cheaper than 1 call per record, then 1 call per record left; ${plural(p.inFlight, 'call')} at a time`,
  'verify.all-as-sent': () => 'Verified: every record reads back as sent.',
  'verify.not-as-sent': (p: { checked: number; differing: number; missing: number; inRun: boolean }) => {
    const of = `of ${n(p.checked)} records${p.inRun ? ' read back' : ''}`;
    const parts = [
      ...(p.differing > 0 ? [`${n(p.differing)} ${of} differ from what was sent`] : []),
      ...(p.missing > 0 ? [`${p.differing > 0 ? n(p.missing) : `${n(p.missing)} ${of}`} ${p.missing === 1 ? 'is' : 'are'} no longer in the CRM`] : []),
    ];
    return `Not as sent: ${parts.join(', ')}.`;
  },
  'verify.nothing-read': () => 'Nothing was read back.',
  'verify.checked': () => 'checked',
  'verify.as-sent': () => 'as sent',
  'verify.differing': () => 'differing',
  'verify.missing': () => 'missing',
  'verify.read-calls': (p: { calls: number }) => `${plural(p.calls, 'call')} to read them back (not counted in the run's own calls)`,
  'verify.listed-in': (p: { file: string }) => `listed in ${p.file} (a line per field that differs; "not found" for a record gone)`,
  'verify.run-exit': (p: { exitCode: number; stopped: boolean; results: string }) =>
    `exit ${p.exitCode}: the run itself ${p.stopped ? 'stopped before it finished' : 'has rows that failed, were invalid or were not sent'} (see ${p.results})`,
  'verify.resend': (p: { command: string }) => `send those rows again (rows the CRM holds as sent are left out): ${p.command}`,
  'undo.left-alone-note': (p: { fields: number; file: string }) => `${plural(p.fields, 'field')} left alone: edited since the run, or not put back for another reason (listed in ${p.file}).`,
  'undo.line': (p: { records: number; reads: number; putBack: number; leftAlone: number; overwritten: number; file: string }) => {
    const parts = [`${n(p.putBack)} fields put back`, `${n(p.leftAlone)} left alone`, ...(p.overwritten > 0 ? [`${n(p.overwritten)} edited since the run overwritten (--overwrite-later-edits)`] : [])];
    return `undo: read ${plural(p.records, 'record')} first (${plural(p.reads, 'call')}, apart from the undo's): ${parts.join(', ')}${p.leftAlone + p.overwritten > 0 ? ` (listed in ${p.file})` : ''}`;
  },
  'undo.nothing-updated': (p: { runDir: string }) => `Nothing to undo: no row of ${p.runDir} was updated.`,
  'undo.nothing-left': (p: { records: number; runDir: string; leftAlone: number; list: string; reads: number }) =>
    `Nothing to undo: none of the ${plural(p.records, 'record')} ${p.runDir} updated holds what the run sent any more${p.leftAlone > 0 ? `: ${plural(p.leftAlone, 'field')} left alone (listed in ${p.list}; --overwrite-later-edits puts back those edited since the run)` : ', they hold their values from before the run again'}. Nothing was sent (${plural(p.reads, 'call')} spent on reads).`,
  'undo.already-undone': (p: { runDir: string; by: string; at?: string }) =>
    `Already undone: ${p.runDir} was undone by ${p.by}${p.at ? ` on ${p.at}` : ''}. Undoing it again would put its values from before over whatever the CRM holds now. To finish that undo: wolkvox-bulk resume ${p.by}`,
  'verify.not-finished': (p: { runDir: string }) => `Not finished: ${p.runDir} has no summary.json, so its last session ended before its reports. Finish it first (wolkvox-bulk resume ${p.runDir}), then verify it.`,
  'verify.nothing-updated': (p: { runDir: string }) => `Nothing to verify: no row of ${p.runDir} was updated.`,
  'verify.cancelled': (p: { runDir: string }) => `Cancelled: nothing was read. Verify ${p.runDir} later.`,
} satisfies Record<string, (params: never) => string>;
