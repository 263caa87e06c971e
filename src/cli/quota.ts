import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/exit-codes.js';
import { countIn, message, say, type Lang, type Message } from '../core/say.js';
import { readToken } from './token.js';
import { helpIn } from './help.js';

interface Args {
  server?: string;
  'token-file'?: string;
  operation?: string;
  mapping?: string;
  json: boolean;
  lang?: Lang;
}

export function quotaCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'quota',
    describe: h('help.quota'),
    builder: (yargs: Argv) =>
      yargs
        .option('server', { type: 'string', describe: h('help.quota.server') })
        .option('token-file', { type: 'string', describe: h('help.quota.token-file') })
        .option('operation', { type: 'string', describe: h('help.quota.operation') })
        .option('mapping', { alias: 'm', type: 'string', describe: h('help.quota.mapping') })
        .option('json', { type: 'boolean', default: false, describe: h('help.quota.json') })
        .example('$0 quota --server crm0001.wolkvox.com --operation miempresa', h('help.quota.example-1')) as unknown as Argv<Args>,
    handler: async (args) => {
      const token = readToken(args['token-file'], process.env, (warning) => process.stderr.write(`${say(warning, lang)}\n`));
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
}
