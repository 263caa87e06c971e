import type { FatalNext } from '../core/catalog/en.js';
import type { CallReason } from '../core/types.js';

// The reasons of a fatal answer that have advice of their own (what to fix, the next step: the catalogs'
// `stop.fatal` and `next.fatal`); any other is `other`, the CRM's own words saying what is wrong.
const ADVISED: ReadonlySet<CallReason> = new Set<CallReason>(['auth', 'endpoint', 'redirect', 'configuration']);

/**
 * The advice a fatal answer's reason (summary.json's `fatalReason`) gets. `unreached`: the call never
 * reached a server (a name that does not resolve is `endpoint`, but its fix is the network's: the address
 * or the connection).
 */
export function fatalKind(reason: CallReason | undefined, unreached = false): FatalNext {
  if (unreached || reason === 'network') return 'network';
  return reason !== undefined && ADVISED.has(reason) ? (reason as FatalNext) : 'other';
}
