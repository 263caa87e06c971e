import { importDist } from './paths.js';

/**
 * Starts the simulated CRM in the bench's own process (the measured CLI is a separate process, so the
 * two share the machine as a client and a CRM would not: every figure is a ratio for that reason), runs
 * `use(server)`, and always closes it.
 */
export async function withServer(options, use) {
  const { startMockServer } = await importDist('mock/index.js');
  const server = await startMockServer(options);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

/** How many times the CRM applied each id. */
export function appliedById(ledger) {
  const counts = new Map();
  for (const entry of ledger) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
  return counts;
}
