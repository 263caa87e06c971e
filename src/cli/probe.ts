import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/exit-codes.js';
import type { ProbeReport } from '../run/probe.js';
import { message, say, type Lang, type Message } from '../core/say.js';
import { readToken } from './token.js';
import { checkFlags } from './usage-error.js';
import { helpIn } from './help.js';

interface Args {
  server?: string;
  'token-file'?: string;
  operation?: string;
  module?: string;
  id: string;
  mapping?: string;
  timeout: number;
  json: boolean;
  lang: Lang;
}

export function probeCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'probe',
    describe: h('help.probe'),
    builder: (yargs: Argv) =>
      yargs
        .option('id', { type: 'string', demandOption: true, describe: h('help.probe.id') })
        .option('server', { type: 'string', describe: h('help.probe.server') })
        .option('token-file', { type: 'string', describe: h('help.probe.token-file') })
        .option('operation', { type: 'string', describe: h('help.probe.operation') })
        .option('module', { type: 'string', describe: h('help.probe.module') })
        .option('mapping', { alias: 'm', type: 'string', describe: h('help.probe.mapping') })
        .option('timeout', { type: 'number', requiresArg: true, default: 30, describe: h('help.probe.timeout') })
        .option('json', { type: 'boolean', default: false, describe: h('help.probe.json') })
        .example('$0 probe --server crm0001.wolkvox.com --operation miempresa --module contacts --id 65d8b6195befbbd25409bb13', h('help.probe.example-1'))
        .example('$0 probe -m clientes.mapping.json --id 65d8b6195befbbd25409bb13', h('help.probe.example-2')) as unknown as Argv<Args>,
    handler: async (args) => {
      checkFlags({ timeoutSeconds: args.timeout });
      const token = readToken(args['token-file'], process.env, (warning) => process.stderr.write(`${say(warning, args.lang)}\n`));
      const server = args.server ?? process.env.WOLKVOX_SERVER;
      const { probe } = await import('../run/probe.js');
      const report = await probe({
        id: args.id,
        token,
        timeoutSeconds: args.timeout,
        ...(server === undefined ? {} : { server }),
        ...(args.operation === undefined ? {} : { operation: args.operation }),
        ...(args.module === undefined ? {} : { module: args.module }),
        ...(args.mapping === undefined ? {} : { mapping: args.mapping }),
      });
      process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderProbe(report, args.lang));
      process.exitCode = EXIT.ok;
    },
  };
}

/** What the probe learned, in the person's language. */
export function renderProbe(report: ProbeReport, lang: Lang): string {
  const { answer } = report;
  const line = (said: Message) => say(said, lang);
  const lines = [
    line(message('probe.title', { server: report.server, operation: report.operation, module: report.module })),
    line(message('probe.read', { id: report.id })),
    line(message('probe.sent-back', { fields: report.fields, byMapping: report.chosenBy === 'mapping' })),
    ...(report.leftOut.length > 0 ? [line(message('probe.left-out', { fields: report.leftOut }))] : []),
    line(message('probe.together', { missingId: report.missingId })),
    '',
    line(message('probe.answer', { answer })),
    line(message('probe.count', { seen: report.countInAnswer, ...(answer.count === undefined ? {} : { count: answer.count }) })),
    line(message('probe.missing-id', { behaviour: report.missingIdBehaviour, answer, namesId: report.namesId })),
    line(
      message('probe.cost', {
        cost: report.cost,
        ...(report.units === undefined ? {} : { units: report.units }),
        ...(report.usedBefore === undefined ? {} : { usedBefore: report.usedBefore }),
        ...(report.usedAfter === undefined ? {} : { usedAfter: report.usedAfter }),
        ...(report.costNoteSaid === undefined ? {} : { note: line(report.costNoteSaid) }),
      }),
    ),
    line(message('probe.calls', { calls: report.calls })),
    '',
    line(message('probe.means')),
    ...report.conclusionsSaid.flatMap((said) => wrap(line(said), WIDTH - 4).map((text, index) => `${index === 0 ? '  - ' : '    '}${text}`)),
    '',
  ];
  return lines.join('\n');
}

const WIDTH = 100;

// Sentences cut at spaces to fit the width (a word longer than the width stays whole).
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
