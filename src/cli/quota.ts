import type { Argv, CommandModule } from 'yargs';
import { createClient } from '../api/client.js';
import { normalizeServer } from '../api/server-url.js';
import { WolkvoxBulkError } from '../core/errors.js';
import { EXIT } from '../core/exit-codes.js';
import { loadMapping } from '../mapping/load.js';
import { count } from './format.js';
import { readToken } from './token.js';

interface Args {
  server?: string;
  'token-file'?: string;
  operation?: string;
  mapping?: string;
  json: boolean;
}

export const quotaCommand: CommandModule<object, Args> = {
  command: 'quota',
  describe: 'Show the token\'s daily call quota (this check itself costs one call)',
  builder: (yargs: Argv) =>
    yargs
      .option('server', { type: 'string', describe: 'CRM host (or WOLKVOX_SERVER)' })
      .option('token-file', { type: 'string', describe: 'File holding the token (or set WOLKVOX_TOKEN)' })
      .option('operation', { type: 'string', describe: 'CRM operation (or take it from --mapping)' })
      .option('mapping', { alias: 'm', type: 'string', describe: 'Mapping file to take the operation from' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the figures as JSON' })
      .example('$0 quota --server crm0001.wolkvox.com --operation miempresa', 'Limit, used today, available, hours to the reset') as unknown as Argv<Args>,
  handler: async (args) => {
    const token = readToken(args['token-file'], process.env, (message) => process.stderr.write(`${message}\n`));
    const server = args.server ?? process.env.WOLKVOX_SERVER;
    if (!server) throw new WolkvoxBulkError('USAGE', 'Missing server: pass --server or set WOLKVOX_SERVER to your CRM host, such as crm0001.wolkvox.com.');
    const operation = args.operation ?? (args.mapping ? (await loadMapping(args.mapping)).mapping.operation : undefined);
    if (!operation) throw new WolkvoxBulkError('USAGE', 'Missing operation: pass --operation, or --mapping with a mapping that names its "operation".');
    const client = createClient({ server: normalizeServer(server), token, concurrency: 1, timeoutMs: 30_000 });
    try {
      const { outcome, info } = await client.tokenInfo(operation);
      if (!info) {
        throw new WolkvoxBulkError(outcome.kind === 'quota' ? 'QUOTA_EXCEEDED' : 'API_FATAL', `The CRM did not give the quota: ${outcome.message}${outcome.status ? ` (HTTP ${outcome.status})` : ''}.`);
      }
      if (args.json) process.stdout.write(`${JSON.stringify(info)}\n`);
      else {
        process.stdout.write(
          [
            `Token quota on ${normalizeServer(server)} (operation ${operation}):`,
            `  limit          ${count(info.limit).padStart(8)} calls a day`,
            `  used today     ${count(info.usedToday).padStart(8)} (this check included)`,
            `  available      ${count(info.available).padStart(8)}`,
            `  resets in      ${String(info.hoursToReset).padStart(8)} h`,
            '',
          ].join('\n'),
        );
      }
      process.exitCode = EXIT.ok;
    } finally {
      client.close();
    }
  },
};
