import type { Argv, CommandModule } from 'yargs';
import { startMockServer } from '../mock/server.js';
import { readIdList } from './files.js';

interface Args {
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
  'token-info-method': 'GET' | 'POST' | 'any';
  'token-info-spent': 'answer' | 'refuse';
  'maintenance-after'?: number;
  'maintenance-calls': number;
  'error-style': 'http' | 'body';
  'known-ids'?: string;
  ledger?: string;
}

export const mockServerCommand: CommandModule<object, Args> = {
  command: 'mock-server',
  describe: 'Run the simulated wolkvox CRM API (for trying mappings and for tests)',
  builder: (yargs: Argv) =>
    yargs
      .option('port', { type: 'number', default: 8080, describe: 'Port to listen on (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
      .option('token', { type: 'string', array: true, default: ['test-token'], describe: 'Token(s) the simulated server accepts (not a secret)' })
      .option('concurrency-limit', { type: 'number', default: 2, describe: 'Simultaneous requests allowed per token' })
      .option('quota', { type: 'number', describe: 'Calls allowed per token per day (default: unlimited)' })
      .option('used-today', { type: 'number', default: 0, describe: 'Calls already used today at start' })
      .option('hours-to-reset', { type: 'number', default: 15, describe: 'Hours to the quota reset, as reported' })
      .option('rate', { type: 'number', describe: 'Calls allowed per second per token (429 beyond)' })
      .option('latency', { type: 'number', default: 0, describe: 'Milliseconds before each answer' })
      .option('jitter', { type: 'number', default: 0, describe: 'Random ± milliseconds added to the latency' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed for jitter and faults (same seed, same pattern)' })
      .option('fail-5xx', { type: 'number', default: 0, describe: 'Share of calls answered 502/503/504 HTML' })
      .option('fail-reset', { type: 'number', default: 0, describe: 'Share of calls whose connection is reset' })
      .option('fail-bad-json', { type: 'number', default: 0, describe: 'Share of calls applied, then answered with a non-JSON 200' })
      .option('fail-body-error', { type: 'number', default: 0, describe: 'Share of calls answered HTTP 200 with code 503 in the body' })
      .option('fail-hang', { type: 'number', default: 0, describe: 'Share of calls applied, then never answered' })
      .option('fail-drip', { type: 'number', default: 0, describe: 'Share of calls applied, then answered a byte at a time (see --drip-ms)' })
      .option('drip-ms', { type: 'number', default: 60_000, describe: 'How long a dripped answer takes in all, in milliseconds' })
      .option('maintenance-after', { type: 'number', describe: 'Start a maintenance window (403 HTML) after this many update calls' })
      .option('maintenance-calls', { type: 'number', default: 50, describe: 'Calls the maintenance window lasts' })
      .option('error-style', { choices: ['http', 'body'] as const, default: 'http' as const, describe: 'Errors as real HTTP statuses, or as HTTP 200 with the code in the body' })
      .option('echo-token', { type: 'boolean', default: false, describe: "Repeat the caller's token in every error answer, as a careless server might" })
      .option('token-info-method', { choices: ['GET', 'POST', 'any'] as const, default: 'any' as const, describe: 'The HTTP method tokenInformation.php accepts' })
      .option('token-info-spent', { choices: ['answer', 'refuse'] as const, default: 'answer' as const, describe: 'Whether tokenInformation.php still answers once the quota is spent' })
      .option('known-ids', { type: 'string', describe: 'File with the record ids that exist, one per line (default: every id exists)' })
      .option('ledger', { type: 'string', describe: 'Append every applied update to this file (JSON lines)' })
      .example('$0 mock-server --port 8080 --latency 100 --jitter 20', 'A CRM that answers in 80–120 ms')
      .example('$0 mock-server --quota 100 --fail-5xx 0.05 --ledger ledger.jsonl', 'A small daily quota, 5 % proxy errors, and a record of what was applied') as unknown as Argv<Args>,
  handler: async (args) => {
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
      tokenInfoMethod: args['token-info-method'],
      tokenInfoWhenSpent: args['token-info-spent'],
      ...(args['known-ids'] === undefined ? {} : { knownIds: await readIdList(args['known-ids']) }),
      ...(args.ledger === undefined ? {} : { ledgerFile: args.ledger }),
    });
    // The first stdout line is the URL, so a script can read it when --port 0 is used.
    process.stdout.write(`${server.url}\n`);
    process.stderr.write(`Simulated wolkvox CRM listening on ${server.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    process.stderr.write(`${JSON.stringify(server.stats)}\n`);
  },
};
