import type { CallReason } from '../core/types.js';

/**
 * What to tell the user after a fatal answer: what to fix (the command that goes on once it is fixed is
 * the catalogs' `next.fatal`, by the same reasons).
 */
export interface FatalAdvice {
  /** The sentence after the CRM's answer in the stop message (summary.json's `stopMessage`, shown by the CLI and the page). */
  readonly fix: string;
}

/**
 * The one table of advice after a fatal answer, by its reason (summary.json's `fatalReason`). The job
 * stopped before spending more calls on it; each line says what every further call would have hit.
 */
export const FATAL_ADVICE: Readonly<Partial<Record<CallReason, FatalAdvice>>> = {
  // 401/403 PLEASE ENTER/VALIDATE TOKEN: no call works with this token.
  auth: {
    fix: 'The token was refused: check WOLKVOX_TOKEN or --token-file, and that the token is active in the CRM (Configuration > Wolkvox Integration > Tokens).',
  },
  // THE API YOU WANT TO CONSULT DOES NOT EXIST, an HTML 404/405, a name that does not resolve, a bad certificate.
  endpoint: {
    fix: 'This is not the wolkvox API: check --server (your CRM host, as in the browser address bar, such as crm0001.wolkvox.com).',
  },
  // A 3xx: the URL is a login page or http where https is meant; following it could leak the token.
  redirect: {
    fix: 'The server answered with a redirect, so the URL is not the API: check --server.',
  },
  // An unknown operation or module: every row would get the same answer.
  configuration: {
    fix: 'Check the operation and module names (in the mapping, or --operation and --module).',
  },
  // A call that never reached a server (connection refused, no route): the address or the network, not the CRM.
  network: {
    fix: 'Check --server and your network.',
  },
};

// Any other fatal reason (none today): the CRM's own words above say what is wrong.
const OTHERWISE: FatalAdvice = { fix: 'Fix the cause.' };

/**
 * The advice for a fatal answer's reason. `unreached`: the call never reached a server (a name that does
 * not resolve is `endpoint`, but its fix is the network's: the address or the connection).
 */
export function fatalAdvice(reason: CallReason | undefined, unreached = false): FatalAdvice {
  return (unreached ? FATAL_ADVICE.network : reason === undefined ? undefined : FATAL_ADVICE[reason]) ?? OTHERWISE;
}
