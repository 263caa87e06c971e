import type { Argv, CommandModule } from 'yargs';
import { readIdList } from './files.js';
import { message, say, type Lang } from '../core/say.js';
import { UsageError } from './usage-error.js';

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

export const mockServerCommand: CommandModule<object, Args> = {
  command: 'mock-server',
  describe: 'Run the simulated wolkvox CRM API (for trying mappings and for tests)',
  builder: (yargs: Argv) =>
    yargs
      .option('port', { type: 'number', requiresArg: true, default: 8080, describe: 'Port to listen on (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('token', { type: 'string', array: true, default: ['test-token'], describe: 'Token(s) the simulated server accepts (not a secret)' })
      .option('concurrency-limit', { type: 'number', requiresArg: true, default: 2, describe: 'Simultaneous requests allowed per token' })
      .option('quota', { type: 'number', requiresArg: true, describe: 'Calls allowed per token per day (default: unlimited)' })
      .option('used-today', { type: 'number', requiresArg: true, default: 0, describe: 'Calls already used today at start' })
      .option('hours-to-reset', { type: 'number', requiresArg: true, default: 15, describe: 'Hours to the quota reset, as reported' })
      .option('rate', { type: 'number', requiresArg: true, describe: 'Calls allowed per second per token (429 beyond)' })
      .option('latency', { type: 'number', requiresArg: true, default: 0, describe: 'Milliseconds before each answer' })
      .option('jitter', { type: 'number', requiresArg: true, default: 0, describe: 'Random ± milliseconds added to the latency' })
      .option('seed', { type: 'number', requiresArg: true, default: 1, describe: 'Seed for jitter and faults (same seed, same pattern)' })
      .option('fail-5xx', { type: 'number', requiresArg: true, default: 0, describe: 'Share of calls answered 502/503/504 HTML' })
      .option('fail-reset', { type: 'number', requiresArg: true, default: 0, describe: 'Share of calls whose connection is reset' })
      .option('fail-bad-json', { type: 'number', requiresArg: true, default: 0, describe: 'Share of calls applied, then answered with a non-JSON 200' })
      .option('fail-body-error', { type: 'number', requiresArg: true, default: 0, describe: 'Share of calls answered HTTP 200 with code 503 in the body' })
      .option('fail-hang', { type: 'number', requiresArg: true, default: 0, describe: 'Share of calls applied, then never answered' })
      .option('fail-drip', { type: 'number', requiresArg: true, default: 0, describe: 'Share of calls applied, then answered a byte at a time (see --drip-ms)' })
      .option('drip-ms', { type: 'number', requiresArg: true, default: 60_000, describe: 'How long a dripped answer takes in all, in milliseconds' })
      .option('maintenance-after', { type: 'number', requiresArg: true, describe: 'Start a maintenance window (403 HTML) after this many update calls' })
      .option('maintenance-calls', { type: 'number', requiresArg: true, default: 50, describe: 'Calls the maintenance window lasts' })
      .option('error-style', { choices: ['http', 'body'] as const, default: 'http' as const, describe: 'Errors as real HTTP statuses, or as HTTP 200 with the code in the body' })
      .option('echo-token', { type: 'boolean', default: false, describe: "Repeat the caller's token in every error answer, as a careless server might" })
      .option('error-text', { type: 'string', describe: "Put this text at the end of every error answer (such as $'\\e[2J', a terminal escape sequence)" })
      .option('token-info-method', { choices: ['GET', 'POST', 'any'] as const, default: 'any' as const, describe: 'The HTTP method tokenInformation.php accepts' })
      .option('token-info-spent', { choices: ['answer', 'refuse'] as const, default: 'answer' as const, describe: 'Whether tokenInformation.php still answers once the quota is spent' })
      .option('known-ids', { type: 'string', describe: 'File with the record ids that exist, one per line (default: every id exists)' })
      .option('ledger', { type: 'string', describe: 'Append every applied record to this file (JSON lines)' })
      .option('records', { type: 'string', array: true, requiresArg: true, describe: 'Keep these records (.csv or .jsonl, a wolkvox_id each): updates change them, query.php and queryDates.php read them, other ids are not found. module=file gives one module records of its own (repeatable); a bare file serves every other module' })
      .option('typed-read', { choices: ['as-sent', 'value'] as const, default: 'as-sent' as const, describe: 'How typed fields (address, currency …) read back: the object as sent, or its value' })
      .option('missing-id-read', { choices: ['empty', 'error'] as const, default: 'empty' as const, describe: 'query.php by wolkvox_id for a missing record: empty data, or RECORD NOT FOUND' })
      .option('query-match', { choices: ['exact', 'case-insensitive', 'contains'] as const, default: 'exact' as const, describe: 'How query.php compares a field other than wolkvox_id: exactly, without case, or anywhere in the field (without case)' })
      .option('dates-shape', { choices: ['bare', 'wrapped'] as const, default: 'bare' as const, describe: "queryDates.php's answer: a bare array, or wrapped in code/msg/data" })
      .option('many-count', { type: 'boolean', default: true, describe: 'updateMany.php says the count in its msg (--no-many-count: it does not)' })
      .option('many-bad-record', { choices: ['skip', 'refuse', 'refuse-after-applying'] as const, default: 'skip' as const, describe: 'updateMany.php and a missing id or unknown field: skip it, refuse the call, or refuse it after applying the rest' })
      .option('many-name-id', { type: 'boolean', default: false, describe: "updateMany.php's refusal names the offending id" })
      .option('many-max', { type: 'number', requiresArg: true, describe: 'The most records an updateMany.php call may hold (default: no limit)' })
      .option('many-too-many', { type: 'string', choices: ['413', '400'] as const, default: '413' as const, describe: 'A call over --many-max: HTTP 413 HTML, or 400 TOO MANY RECORDS' })
      .option('many-hang-above', { type: 'number', requiresArg: true, describe: 'updateMany.php calls with more records than this never answer (nothing applied)' })
      .option('many-cost', { choices: ['call', 'record'] as const, default: 'call' as const, describe: 'Quota units an updateMany.php call spends: one, or one per record' })
      .option('many-silent-skip', { type: 'number', requiresArg: true, default: 0, describe: 'Share of updateMany.php records counted as applied but not applied' })
      .example('$0 mock-server --port 8080 --latency 100 --jitter 20', 'A CRM that answers in 80–120 ms')
      .example('$0 mock-server --quota 100 --fail-5xx 0.05 --ledger ledger.jsonl', 'A small daily quota, 5 % proxy errors, and a record of what was applied')
      .example('$0 mock-server --records records.csv --many-max 100 --many-too-many 400', 'Records to read and update; updateMany.php takes 100 records a call at most')
      .example('$0 mock-server --records contactos.csv --records empresas=empresas.csv', 'The empresas module has records of its own; every other module reads contactos.csv') as unknown as Argv<Args>,
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
