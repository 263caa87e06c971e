import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/exit-codes.js';
import { message, say, type Lang } from '../core/say.js';
import { UsageError } from './usage-error.js';
import { helpIn } from './help.js';

interface Args {
  'runs-folder': string;
  since?: string;
  json: boolean;
  lang?: Lang;
}

export const runsCommand = (lang: Lang, h = helpIn(lang)): CommandModule<object, Args> => ({
  command: 'runs [runs-folder]',
  describe: h('help.runs'),
  builder: (yargs: Argv) =>
    yargs
      .positional('runs-folder', { type: 'string', default: 'wolkvox-runs', describe: h('help.runs.runs-folder') })
      .option('since', { type: 'string', requiresArg: true, describe: h('help.runs.since') })
      .option('json', { type: 'boolean', default: false, describe: h('help.runs.json') })
      .example('$0 runs', h('help.runs.example-1'))
      .example('$0 runs /srv/imports/runs --since 7d --json', h('help.runs.example-2')) as unknown as Argv<Args>,
  handler: async (args) => {
    const lang = args.lang ?? 'en';
    const since = args.since === undefined ? undefined : sinceOf(args.since, new Date());
    if (since === null) throw new UsageError(message('runs.since-invalid', { given: args.since ?? '' }));
    const { listRuns } = await import('../run/runs.js');
    const warn = (error: unknown) => process.stderr.write(`${say(message('runs.index-failed', { file: args['runs-folder'], detail: (error as Error).message }), lang)}\n`);
    const runs = listRuns(args['runs-folder'], { ...(since ? { since } : {}), onIndexFailure: warn });
    if (args.json) process.stdout.write(`${JSON.stringify({ runsFolder: args['runs-folder'], runs }, null, 2)}\n`);
    else if (runs.length === 0) process.stdout.write(`${say(message('runs.none', { runsFolder: args['runs-folder'], ...(args.since === undefined ? {} : { since: args.since }) }), lang)}\n`);
    else {
      const lines = runs.map((run) =>
        say(
          message('runs.line', {
            when: localTime(run.createdAt),
            ...(run.file === undefined ? {} : { file: run.file }),
            state: run.state,
            resumable: run.resumable,
            ...(run.counts === undefined ? {} : { counts: run.counts }),
            ...(run.calls === undefined ? {} : { calls: run.calls }),
            ...(run.exitCode === undefined ? {} : { exitCode: run.exitCode }),
            folder: run.dir,
          }),
          lang,
        ),
      );
      process.stdout.write(`${say(message('runs.header', { runsFolder: args['runs-folder'], runs: runs.length }), lang)}\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
    }
    process.exitCode = EXIT.ok;
  },
});

const UNITS_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** `--since`: a time back from now (7d, 12h, 30m, 2w) or a date (local midnight) or date-time; null when neither. */
export function sinceOf(given: string, now: Date): Date | null {
  const back = /^(\d{1,5})\s*([mhdw])$/i.exec(given.trim());
  if (back) return new Date(now.getTime() - Number(back[1]) * UNITS_MS[(back[2] ?? 'd').toLowerCase() as keyof typeof UNITS_MS]);
  const date = /^(\d{4})-(\d\d)-(\d\d)$/.exec(given.trim());
  if (date) {
    const local = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    return local.getMonth() === Number(date[2]) - 1 ? local : null;
  }
  const time = /^\d{4}-\d\d-\d\dT/.test(given) ? Date.parse(given) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time);
}

/** `2026-12-07 09:30` on the local clock. */
function localTime(iso: string | undefined): string {
  if (iso === undefined) return '????-??-?? ??:??';
  const at = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
