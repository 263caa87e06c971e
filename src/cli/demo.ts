import type { CommandModule } from 'yargs';
import { startMockServer } from '../mock/server.js';

// Until the update job lands, the demo shows the simulated server answering one call.
export const demoCommand: CommandModule = {
  command: 'demo',
  describe: 'Run the whole job on the bundled samples against the built-in simulated server',
  handler: async () => {
    const server = await startMockServer({ latencyMs: 20 });
    process.stdout.write(`Simulated wolkvox CRM started at ${server.url}.\nThe update job is not built yet: this demo will run it on samples/ once it is.\n`);
    await server.close();
  },
};
