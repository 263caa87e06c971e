import { message, say, type Lang } from '../core/say.js';

// Signals that mean "stop": Ctrl-C, a service manager, and a terminal or SSH session that closed.
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The first stop signal aborts `signal` (the job stops cleanly: no new calls, the ones in flight finish,
 * the reports are written); a second quits at once. `dispose` stops listening.
 */
export function stopOnSignals(lang: Lang): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts === 1) {
      process.stderr.write(`\n${say(message('cli.stopping'), lang)}\n`);
      controller.abort();
    } else {
      // A second Ctrl-C quits now: the journal already holds every finished row, so resume still works.
      process.exit(130);
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
