import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { message, say, type Lang } from '../core/say.js';

interface Args {
  xlsx: boolean;
  out?: string;
  json: boolean;
  quiet: boolean;
  lang: Lang;
}

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const DEMO_TOKEN = 'demo-token';

export const demoCommand: CommandModule<object, Args> = {
  command: 'demo',
  describe: 'Run the whole job on the bundled samples against the built-in simulated CRM (no token needed)',
  builder: (yargs: Argv) =>
    yargs
      .option('xlsx', { type: 'boolean', default: false, describe: 'Use the Excel sample instead of the CSV one' })
      .option('out', { alias: 'o', type: 'string', describe: 'Run folder (default wolkvox-runs/<date-time>-clientes)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress display' })
      .example('$0 demo', 'Send samples/clientes.csv to a simulated CRM with latency and a few faults')
      .example('$0 demo --xlsx', 'The same with samples/clientes.xlsx (title row, header in row 3)') as unknown as Argv<Args>,
  handler: async (args) => {
    const [{ runUpdate }, { defaultRunDir }, { startMockServer }, { runJobInTerminal }] = await Promise.all([
      import('../run/update.js'),
      import('../store/run-folder.js'),
      import('../mock/index.js'),
      import('./run-job.js'),
    ]);
    // A simulated CRM that behaves like a real day: some latency, the 2-call limit, a few faults.
    const server = await startMockServer({ tokens: [DEMO_TOKEN], latencyMs: 60, jitterMs: 30, seed: 42, faults: { serverError: 0.04, reset: 0.02 } });
    const file = path.join(SAMPLES, args.xlsx ? 'clientes.xlsx' : 'clientes.csv');
    const mapping = path.join(SAMPLES, args.xlsx ? 'clientes-xlsx.mapping.json' : 'clientes.mapping.json');
    process.stderr.write(`${say(message('mock.demo-running', { url: server.url }), args.lang)}\n`);
    try {
      await runJobInTerminal(
        (hooks) =>
          runUpdate({
            file,
            mapping,
            server: server.url,
            token: DEMO_TOKEN,
            out: args.out ?? defaultRunDir(file),
            // Short waits between retries, so the demo is quick.
            backoff: { baseMs: 100, capMs: 1000 },
            ...hooks,
          }),
        { json: args.json, quiet: args.quiet, yes: true, sends: false, lang: args.lang },
      );
    } finally {
      await server.close();
    }
    if (!args.json) {
      process.stderr.write(`${say(message('mock.demo-applied', { applied: server.stats.applied, calls: server.stats.updateCalls, maxInFlight: server.stats.maxInFlight }), args.lang)}\n`);
    }
  },
};
