import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/exit-codes.js';
import { countIn, message, say, type Lang, type Message } from '../core/say.js';
import { readToken } from './token.js';

interface Args {
  server?: string;
  'token-file'?: string;
  operation?: string;
  mapping?: string;
  json: boolean;
  lang?: Lang;
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
    const { readQuota } = await import('../run/quota.js');
    const quota = await readQuota({
      token,
      ...(server === undefined ? {} : { server }),
      ...(args.operation === undefined ? {} : { operation: args.operation }),
      ...(args.mapping === undefined ? {} : { mapping: args.mapping }),
    });
    const { server: host, operation, ...info } = quota;
    if (args.json) process.stdout.write(`${JSON.stringify(info)}\n`);
    else {
      const lang = args.lang ?? 'en';
      const said = (text: Message) => say(text, lang);
      const figure = (value: number) => countIn(lang, value).padStart(8);
      process.stdout.write(
        [
          said(message('quota.title', { host, operation })),
          `  ${said(message('quota.limit', { limit: figure(info.limit) }))}`,
          `  ${said(message('quota.used', { used: figure(info.usedToday) }))}`,
          `  ${said(message('quota.available', { available: figure(info.available) }))}`,
          `  ${said(message('quota.resets', { hours: countIn(lang, info.hoursToReset).padStart(8) }))}`,
          '',
        ].join('\n'),
      );
    }
    process.exitCode = EXIT.ok;
  },
};
