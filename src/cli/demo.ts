import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { message, say, type Lang } from '../core/say.js';
import { helpIn } from './help.js';

interface Args {
  xlsx: boolean;
  out?: string;
  json: boolean;
  quiet: boolean;
  lang: Lang;
}

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const DEMO_TOKEN = 'demo-token';

export function demoCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'demo',
    describe: h('help.demo'),
    builder: (yargs: Argv) =>
      yargs
        .option('xlsx', { type: 'boolean', default: false, describe: h('help.demo.xlsx') })
        .option('out', { alias: 'o', type: 'string', describe: h('help.demo.out') })
        .option('json', { type: 'boolean', default: false, describe: h('help.demo.json') })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: h('help.demo.quiet') })
        .example('$0 demo', h('help.demo.example-1'))
        .example('$0 demo --xlsx', h('help.demo.example-2')) as unknown as Argv<Args>,
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
              lang,
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
}
