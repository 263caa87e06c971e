import type { Argv, CommandModule } from 'yargs';
import { readIdList } from './files.js';
import { message, say, type Lang } from '../core/say.js';
import { UsageError } from './usage-error.js';
import { helpIn } from './help.js';

interface Args {
  lang: Lang;
  port: number;
  host: string;
  token: string[];
  'concurrency-limit': number;
  quota?: number;
  'used-today': number;
  'hours-to-reset': number;
  rate?: number;
  latency: number;
  jitter: number;
  seed: number;
  'fail-5xx': number;
  'fail-reset': number;
  'fail-bad-json': number;
  'fail-body-error': number;
  'fail-hang': number;
  'fail-drip': number;
  'drip-ms': number;
  'echo-token': boolean;
  'error-text'?: string;
  'token-info-method': 'GET' | 'POST' | 'any';
  'token-info-spent': 'answer' | 'refuse';
  'maintenance-after'?: number;
  'maintenance-calls': number;
  'error-style': 'http' | 'body';
  'known-ids'?: string;
  ledger?: string;
  records?: string[];
  'query-match': 'exact' | 'case-insensitive' | 'contains';
  'typed-read': 'as-sent' | 'value';
  'missing-id-read': 'empty' | 'error';
  'dates-shape': 'bare' | 'wrapped';
  'many-count': boolean;
  'many-bad-record': 'skip' | 'refuse' | 'refuse-after-applying';
  'many-name-id': boolean;
  'many-max'?: number;
  'many-too-many': '413' | '400';
  'many-hang-above'?: number;
  'many-cost': 'call' | 'record';
  'many-silent-skip': number;
}

export function mockServerCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'mock-server',
    describe: h('help.mock-server'),
    builder: (yargs: Argv) =>
      yargs
        .option('port', { type: 'number', requiresArg: true, default: 8080, describe: h('help.mock-server.port') })
        .option('host', { type: 'string', default: '127.0.0.1', describe: h('help.mock-server.host') })
        .option('token', { type: 'string', array: true, default: ['test-token'], describe: h('help.mock-server.token') })
        .option('concurrency-limit', { type: 'number', requiresArg: true, default: 2, describe: h('help.mock-server.concurrency-limit') })
        .option('quota', { type: 'number', requiresArg: true, describe: h('help.mock-server.quota') })
        .option('used-today', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.used-today') })
        .option('hours-to-reset', { type: 'number', requiresArg: true, default: 15, describe: h('help.mock-server.hours-to-reset') })
        .option('rate', { type: 'number', requiresArg: true, describe: h('help.mock-server.rate') })
        .option('latency', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.latency') })
        .option('jitter', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.jitter') })
        .option('seed', { type: 'number', requiresArg: true, default: 1, describe: h('help.mock-server.seed') })
        .option('fail-5xx', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.fail-5xx') })
        .option('fail-reset', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.fail-reset') })
        .option('fail-bad-json', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.fail-bad-json') })
        .option('fail-body-error', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.fail-body-error') })
        .option('fail-hang', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.fail-hang') })
        .option('fail-drip', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.fail-drip') })
        .option('drip-ms', { type: 'number', requiresArg: true, default: 60_000, describe: h('help.mock-server.drip-ms') })
        .option('maintenance-after', { type: 'number', requiresArg: true, describe: h('help.mock-server.maintenance-after') })
        .option('maintenance-calls', { type: 'number', requiresArg: true, default: 50, describe: h('help.mock-server.maintenance-calls') })
        .option('error-style', { choices: ['http', 'body'] as const, default: 'http' as const, describe: h('help.mock-server.error-style') })
        .option('echo-token', { type: 'boolean', default: false, describe: h('help.mock-server.echo-token') })
        .option('error-text', { type: 'string', describe: h('help.mock-server.error-text') })
        .option('token-info-method', { choices: ['GET', 'POST', 'any'] as const, default: 'any' as const, describe: h('help.mock-server.token-info-method') })
        .option('token-info-spent', { choices: ['answer', 'refuse'] as const, default: 'answer' as const, describe: h('help.mock-server.token-info-spent') })
        .option('known-ids', { type: 'string', describe: h('help.mock-server.known-ids') })
        .option('ledger', { type: 'string', describe: h('help.mock-server.ledger') })
        .option('records', { type: 'string', array: true, requiresArg: true, describe: h('help.mock-server.records') })
        .option('typed-read', { choices: ['as-sent', 'value'] as const, default: 'as-sent' as const, describe: h('help.mock-server.typed-read') })
        .option('missing-id-read', { choices: ['empty', 'error'] as const, default: 'empty' as const, describe: h('help.mock-server.missing-id-read') })
        .option('query-match', { choices: ['exact', 'case-insensitive', 'contains'] as const, default: 'exact' as const, describe: h('help.mock-server.query-match') })
        .option('dates-shape', { choices: ['bare', 'wrapped'] as const, default: 'bare' as const, describe: h('help.mock-server.dates-shape') })
        .option('many-count', { type: 'boolean', default: true, describe: h('help.mock-server.many-count') })
        .option('many-bad-record', { choices: ['skip', 'refuse', 'refuse-after-applying'] as const, default: 'skip' as const, describe: h('help.mock-server.many-bad-record') })
        .option('many-name-id', { type: 'boolean', default: false, describe: h('help.mock-server.many-name-id') })
        .option('many-max', { type: 'number', requiresArg: true, describe: h('help.mock-server.many-max') })
        .option('many-too-many', { type: 'string', choices: ['413', '400'] as const, default: '413' as const, describe: h('help.mock-server.many-too-many') })
        .option('many-hang-above', { type: 'number', requiresArg: true, describe: h('help.mock-server.many-hang-above') })
        .option('many-cost', { choices: ['call', 'record'] as const, default: 'call' as const, describe: h('help.mock-server.many-cost') })
        .option('many-silent-skip', { type: 'number', requiresArg: true, default: 0, describe: h('help.mock-server.many-silent-skip') })
        .example('$0 mock-server --port 8080 --latency 100 --jitter 20', h('help.mock-server.example-1'))
        .example('$0 mock-server --quota 100 --fail-5xx 0.05 --ledger ledger.jsonl', h('help.mock-server.example-2'))
        .example('$0 mock-server --records records.csv --many-max 100 --many-too-many 400', h('help.mock-server.example-3'))
        .example('$0 mock-server --records contactos.csv --records empresas=empresas.csv', h('help.mock-server.example-4')) as unknown as Argv<Args>,
    handler: async (args) => {
      const { loadMockRecords, startMockServer } = await import('../mock/index.js');
      const files = recordFiles(args.records ?? []);
      const moduleRecords: Record<string, Awaited<ReturnType<typeof loadMockRecords>>> = {};
      for (const [module, file] of files.byModule) moduleRecords[module] = await loadMockRecords(file);
      const server = await startMockServer({
        port: args.port,
        host: args.host,
        tokens: args.token,
        concurrencyLimit: args['concurrency-limit'],
        ...(args.quota === undefined ? {} : { quota: args.quota }),
        usedToday: args['used-today'],
        hoursToReset: args['hours-to-reset'],
        ...(args.rate === undefined ? {} : { rateLimit: args.rate }),
        latencyMs: args.latency,
        jitterMs: args.jitter,
        seed: args.seed,
        faults: {
          serverError: args['fail-5xx'],
          reset: args['fail-reset'],
          badJson: args['fail-bad-json'],
          bodyError: args['fail-body-error'],
          hang: args['fail-hang'],
          drip: args['fail-drip'],
          ...(args['maintenance-after'] === undefined ? {} : { maintenance: { after: args['maintenance-after'], calls: args['maintenance-calls'] } }),
        },
        errorStyle: args['error-style'],
        dripMs: args['drip-ms'],
        echoToken: args['echo-token'],
        ...(args['error-text'] === undefined ? {} : { errorText: args['error-text'] }),
        tokenInfoMethod: args['token-info-method'],
        tokenInfoWhenSpent: args['token-info-spent'],
        ...(args['known-ids'] === undefined ? {} : { knownIds: await readIdList(args['known-ids']) }),
        ...(args.ledger === undefined ? {} : { ledgerFile: args.ledger }),
        ...(files.shared === undefined ? {} : { records: await loadMockRecords(files.shared) }),
        ...(files.byModule.size === 0 ? {} : { moduleRecords }),
        reads: { typedFields: args['typed-read'], missingId: args['missing-id-read'], datesShape: args['dates-shape'], search: args['query-match'] },
        updateMany: {
          countInMessage: args['many-count'],
          badRecord: args['many-bad-record'],
          refusalNamesId: args['many-name-id'],
          ...(args['many-max'] === undefined ? {} : { maxRecords: args['many-max'] }),
          tooManyAnswer: args['many-too-many'],
          ...(args['many-hang-above'] === undefined ? {} : { hangAbove: args['many-hang-above'] }),
          quotaCost: args['many-cost'],
          silentSkip: args['many-silent-skip'],
        },
      });
      // The first stdout line is the URL, so a script can read it when --port 0 is used.
      process.stdout.write(`${server.url}\n`);
      process.stderr.write(`${say(message('mock.listening', { url: server.url }), args.lang)}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      process.stderr.write(`${JSON.stringify(server.stats)}\n`);
    },
  };
}

// `--records file` (every module without its own) and `--records module=file`: a module name has no
// slash, so `./a=b.csv` is a file.
function recordFiles(values: readonly string[]): { shared?: string; byModule: Map<string, string> } {
  let shared: string | undefined;
  const byModule = new Map<string, string>();
  for (const value of values) {
    const named = /^([^=/\\]*)=(.*)$/.exec(value);
    if (!named) {
      if (shared !== undefined) throw new UsageError(message('mock.records-twice', { shared, value }));
      shared = value;
      continue;
    }
    const [, module = '', file = ''] = named;
    if (module.trim() === '' || file === '') throw new UsageError(message('mock.records-bad', { value }));
    if (byModule.has(module)) throw new UsageError(message('mock.records-module-twice', { module }));
    byModule.set(module, file);
  }
  return { ...(shared === undefined ? {} : { shared }), byModule };
}
