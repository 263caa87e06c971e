import type { Argv, CommandModule } from 'yargs';
import { EXIT } from '../core/exit-codes.js';
import type { ProbeReport } from '../run/probe.js';
import { count } from './format.js';
import { readToken } from './token.js';
import { checkFlags } from './usage-error.js';

interface Args {
  server?: string;
  'token-file'?: string;
  operation?: string;
  module?: string;
  id: string;
  mapping?: string;
  timeout: number;
  json: boolean;
}

export const probeCommand: CommandModule<object, Args> = {
  command: 'probe',
  describe: 'Learn how your CRM\'s updateMany.php behaves before a batch job (4 calls; changes no data)',
  builder: (yargs: Argv) =>
    yargs
      .option('id', { type: 'string', demandOption: true, describe: 'wolkvox_id of a record you own: it is read and sent back with its own values' })
      .option('server', { type: 'string', describe: 'CRM host (or WOLKVOX_SERVER)' })
      .option('token-file', { type: 'string', describe: 'File holding the token (or set WOLKVOX_TOKEN)' })
      .option('operation', { type: 'string', describe: 'CRM operation (or take it from --mapping)' })
      .option('module', { type: 'string', describe: 'CRM module (or take it from --mapping)' })
      .option('mapping', { alias: 'm', type: 'string', describe: 'Send back only the fields this mapping maps as plain types (and take the operation and module from it)' })
      .option('timeout', { type: 'number', requiresArg: true, default: 30, describe: 'Seconds one call may take' })
      .option('json', { type: 'boolean', default: false, describe: 'Print what it learned as JSON' })
      .example('$0 probe --server crm0001.wolkvox.com --operation miempresa --module contacts --id 65d8b6195befbbd25409bb13', 'Read the record, send it back unchanged with an id that cannot exist, say what it means for --batch')
      .example('$0 probe -m clientes.mapping.json --id 65d8b6195befbbd25409bb13', 'Send back only the fields the mapping maps') as unknown as Argv<Args>,
  handler: async (args) => {
    checkFlags({ timeoutSeconds: args.timeout });
    const token = readToken(args['token-file'], process.env, (message) => process.stderr.write(`${message}\n`));
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
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : renderProbe(report));
    process.exitCode = EXIT.ok;
  },
};

const BEHAVIOUR: Readonly<Record<ProbeReport['missingIdBehaviour'], (report: ProbeReport) => string>> = {
  skipped: (report) => `skipped: the call succeeded with a lower count (${report.answer.count} of 2)`,
  counted: (report) => ((report.answer.count ?? 0) > 2 ? `not told: the count (${report.answer.count}) is more than the 2 records sent` : `counted as edited: the count (${report.answer.count}) includes it`),
  silent: () => 'not told: the call succeeded without a count',
  refused: (report) => `the whole call was refused; the message ${report.namesId ? 'names' : 'does not name'} the id`,
  'too-large': () => 'the call was refused as too large (2 records)',
  unclear: (report) => `unclear: the answer was ${report.answer.kind}/${report.answer.reason}`,
};

export function renderProbe(report: ProbeReport): string {
  const { answer } = report;
  const said = answer.httpStatus === undefined ? 'no answer' : `HTTP ${answer.httpStatus}${answer.apiCode === undefined ? '' : `, code ${answer.apiCode}`}`;
  const countLine = { yes: `yes (${answer.count} of the 2 records sent)`, no: 'no', 'not-seen': 'not seen (the call did not succeed)' }[report.countInAnswer];
  const lines = [
    `Probe of updateMany.php on ${report.server} (operation ${report.operation}, module ${report.module})`,
    `  read with query.php:  record ${report.id}`,
    `  sent back unchanged:  ${report.fields.join(', ')} (${report.chosenBy === 'mapping' ? "the mapping's plain fields" : 'every plain value of the read'})`,
    ...(report.leftOut.length > 0 ? [`  not sent:             ${report.leftOut.join(', ')} (not in the record, typed, or not a plain value)`] : []),
    `  together with:        ${report.missingId}, an id that cannot exist`,
    '',
    `Answer        ${said}: ${answer.message}`,
    `Count         ${countLine}`,
    `Missing id    ${BEHAVIOUR[report.missingIdBehaviour](report)}`,
    `Cost          ${costLine(report)}`,
    `Calls spent   ${report.calls} (tokenInformation, query, updateMany, tokenInformation${report.calls > 4 ? '; one more: tokenInformation took the other HTTP method' : ''})`,
    '',
    'What it means for --batch:',
    ...report.conclusions.flatMap((sentence) => wrap(sentence, WIDTH - 4).map((line, index) => `${index === 0 ? '  - ' : '    '}${line}`)),
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

function costLine(report: ProbeReport): string {
  const use = report.usedBefore === undefined || report.usedAfter === undefined ? '' : ` (token use ${count(report.usedBefore)} → ${count(report.usedAfter)}: the read 1, updateMany ${report.units}, the reading after 1)`;
  if (report.cost === 'call') return `1 unit per call${use}`;
  if (report.cost === 'record') return `1 unit per record: ${report.units} for 2 records${use}`;
  return `unknown: ${report.costNote ?? ''}`;
}
