import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { tokenFrom } from './connection-options.js';
import { noticeTarget, notifyFrom, toldIfFails, withNotifyOptions, type NotifyArgs } from './notify-options.js';
import { updateOptionsFrom, withUpdateOptions, type UpdateArgs } from './update-options.js';
import { checkFlags } from './usage-error.js';

interface Args extends UpdateArgs, NotifyArgs {
  file: string;
}

export const updateCommand: CommandModule<object, Args> = {
  command: 'update <file>',
  describe: 'Update CRM records from a CSV or XLSX file, one call per row',
  builder: (yargs: Argv) =>
    withNotifyOptions(withUpdateOptions(yargs.positional('file', { type: 'string', demandOption: true, describe: 'CSV or XLSX file' })))
      .example('WOLKVOX_TOKEN=... $0 update clientes.csv -m clientes.mapping.json --server crm0001.wolkvox.com', 'Send every row, 2 calls at a time')
      .example('$0 update clientes.xlsx -m m.json --server crm0001.wolkvox.com --token-file ~/.wolkvox-token --limit 20', 'A canary run of 20 rows; then check the CRM and `resume` the rest')
      .example('$0 update clientes.csv -m m.json --dry-run', 'Check everything and write the reports without sending')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --preview', 'Read the records and list in preview.csv what would change; send nothing')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --reuse-preview wolkvox-runs/<the preview>', 'Then send, with the preview\'s reads (no read again) if it is recent and the file and mapping are the same')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --reserve 500 --wait-for-quota', 'A job longer than a day\'s quota on a shared token: keep 500 quota units a day for the web forms, going on after each reset')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --reserve 500 --wait-for-quota', 'A job longer than a day\'s quota on a shared token: keep 500 quota units a day for the web forms, going on after each reset')
      .example('$0 update clientes.csv -m m.json --server crm0001.wolkvox.com --since wolkvox-runs/<yesterday>', 'A nightly import: send only the rows that changed since yesterday\'s run') as unknown as Argv<Args>,
  handler: async (args) => {
    const dryRun = args['dry-run'];
    const options = { ...updateOptionsFrom(args, process.env), file: args.file };
    checkFlags({ ...options, ...notifyFrom(args) });
    const unread = noticeTarget(notifyFrom(args), { command: 'update', file: args.file });
    const token = dryRun ? undefined : await toldIfFails(unread, args, () => tokenFrom(args, process.env));
    const notice = unread && token !== undefined ? { ...unread, token } : unread;
    const [{ runUpdate }, { runJobInTerminal }] = await Promise.all([import('../run/update.js'), import('./run-job.js')]);
    // A mapping's "match" reads the CRM for its keys before the plan is shown, as --check-quota reads the quota.
    const callsBeforeAsking = args['check-quota'] || (args.reserve ?? 0) > 0 || findsByKey(args.mapping);
    await runJobInTerminal((hooks) => runUpdate({ ...options, ...(token === undefined ? {} : { token }), ...hooks }), { ...args, sends: !dryRun && !args.preview, callsBeforeAsking, ...(notice ? { notice } : {}) });
  },
};

// Whether the mapping file finds records by "match" (a glance only: the job reads and checks it properly).
function findsByKey(file: string): boolean {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && 'match' in value;
  } catch {
    return false;
  }
}
