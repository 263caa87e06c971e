import { importDist } from './paths.js';

// The simulated server draws its jitter and faults from a seeded function of the call number
// (src/mock/random.ts, internal, so imported from dist/ directly): the bench can replay the draws.
const loadDraw = async () => (await importDist('mock/random.js')).drawFor;

/** The mean of the latencies the server draws for update calls 1..n (salt 2, as src/mock/server.ts). */
export async function meanDrawnLatencyMs({ latencyMs, jitterMs, seed, calls }) {
  const drawFor = await loadDraw();
  let sum = 0;
  for (let index = 1; index <= calls; index += 1) sum += Math.max(0, latencyMs + (drawFor(seed, index, 2) * 2 - 1) * jitterMs);
  return sum / calls;
}

/**
 * What the seeded server would inject if call number i met the fault drawn for i (salt 1, in the order
 * of src/mock/server.ts's pickFault), up to the call that brings the `rows`-th success: the cost a
 * client that wastes nothing would pay against these draws.
 */
export async function replayFaults({ seed, rows, faults }) {
  const drawFor = await loadDraw();
  const counts = { serverError: 0, reset: 0, hang: 0, maintenance: 0 };
  let calls = 0;
  for (let successes = 0; successes < rows; ) {
    calls += 1;
    const window = faults.maintenance;
    if (window && calls > window.after && calls <= window.after + window.calls) {
      counts.maintenance += 1;
      continue;
    }
    const draw = drawFor(seed, calls, 1);
    if (draw < faults.serverError) counts.serverError += 1;
    else if (draw < faults.serverError + faults.reset) counts.reset += 1;
    else if (draw < faults.serverError + faults.reset + faults.hang) counts.hang += 1;
    else successes += 1;
  }
  return { calls, counts };
}
