import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import type { Lang } from '../core/say.js';
import { tokenFrom } from './connection-options.js';
import { helpIn } from './help.js';
import { noticeTarget, notifyFrom, toldIfFails, withNotifyOptions, type NotifyArgs } from './notify-options.js';
import { updateOptionsFrom, withUpdateOptions, type UpdateArgs } from './update-options.js';
import { checkFlags } from './usage-error.js';

interface Args extends UpdateArgs, NotifyArgs {
  file: string;
}

export function updateCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'update <file>',
    describe: h('help.update'),
    builder: (yargs: Argv) =>
      withNotifyOptions(lang, withUpdateOptions(lang, yargs.positional('file', { type: 'string', demandOption: true, describe: h('help.update.file') })))
        .example('WOLKVOX_TOKEN=... $0 update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com', h('help.update.example-1'))
        .example('$0 update clientes.xlsx -m m.json --server crm0001.wolkvox.com --token-file ~/.wolkvox-token --limit 20', h('help.update.example-2'))
        .example('$0 update clientes.csv -m m.json --dry-run', h('help.update.example-3'))
        .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --preview', h('help.update.example-4'))
        .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --reuse-preview wolkvox-runs/<the preview>', h('help.update.example-5'))
        .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --reserve 500 --wait-for-quota', h('help.update.example-reserve'))
        .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --since wolkvox-runs/<yesterday>', h('help.update.example-6')) as unknown as Argv<Args>,
    handler: async (args) => {
      const dryRun = args['dry-run'];
      const options = { ...updateOptionsFrom(args, process.env), file: args.file };
      checkFlags({ ...options, ...notifyFrom(args) });
      const unread = noticeTarget(notifyFrom(args), { command: 'update', file: args.file });
      const token = dryRun ? undefined : await toldIfFails(unread, args, () => tokenFrom(args, process.env));
      const notice = unread && token !== undefined ? { ...unread, token } : unread;
      const [{ runUpdate }, { runJobInTerminal }] = await Promise.all([import('../run/update.js'), import('./run-job.js')]);
      // A mapping's "match" reads the CRM for its keys before the plan is shown, as --check-quota or --reserve reads the quota.
      const callsBeforeAsking = args['check-quota'] || (args.reserve ?? 0) > 0 || findsByKey(args.mapping);
      await runJobInTerminal((hooks) => runUpdate({ ...options, ...(token === undefined ? {} : { token }), ...hooks }), { ...args, sends: !dryRun && !args.preview, callsBeforeAsking, ...(notice ? { notice } : {}) });
    },
  };
}

// Whether the mapping file finds records by "match" (a glance only: the job reads and checks it properly).
function findsByKey(file: string): boolean {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && 'match' in value;
  } catch {
    return false;
  }
}
