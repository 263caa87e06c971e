import { countIn, countedIn } from '../text.js';

// English for why a job stopped (summary.json's stopMessage is the English): a canary, an interruption, the CRM,
// the breaker, the quota, the call budget.

/** The kinds of fatal stop the advice is worded for: what to fix, and the next step (any other reason: `other`). */
export type FatalNext = 'auth' | 'endpoint' | 'redirect' | 'configuration' | 'network' | 'other';

/** Why the failure-rate breaker tripped: the first rows all failed, or too many of the last ones; the commonest failure. */
export interface BreakerTrip {
  readonly first: boolean;
  readonly failed: number;
  readonly of: number;
  /** Rows that failed with `message`, the commonest failure. */
  readonly count: number;
  readonly message: string;
}

// What to fix after a fatal answer, by its kind. The job stopped before spending more calls on it; each
// line says what every further call would have hit.
const FATAL_FIX: Readonly<Record<FatalNext, string>> = {
  // 401/403 PLEASE ENTER/VALIDATE TOKEN: no call works with this token.
  auth: 'The token was refused: check WOLKVOX_TOKEN or --token-file, and that the token is active in the CRM (Configuration > Wolkvox Integration > Tokens).',
  // THE API YOU WANT TO CONSULT DOES NOT EXIST, an HTML 404/405, a name that does not resolve, a bad certificate.
  endpoint: 'This is not the wolkvox API: check --server (your CRM host, as in the browser address bar, such as crm0001.wolkvox.com).',
  // A 3xx: the URL is a login page or http where https is meant; following it could leak the token.
  redirect: 'The server answered with a redirect, so the URL is not the API: check --server.',
  // An unknown operation or module: every row would get the same answer.
  configuration: 'Check the operation and module names (in the mapping, or --operation and --module).',
  // A call that never reached a server (connection refused, no route): the address or the network, not the CRM.
  network: 'Check --server and your network.',
  // Any other fatal reason (none today): the CRM's own words before it say what is wrong.
  other: 'Fix the cause.',
};

const n = (value: number) => countIn('en', value);
const plural = (value: number, one: string, many?: string) => countedIn('en', value, one, many);

export const enStop = {
  'stop.canary': (p: { rows: number }) => `Canary done: the first ${p.rows} rows were sent (--limit); resume sends the rest.`,
  'stop.interrupted': () => 'Interrupted: no new calls; waiting for the calls in flight.',
  'stop.write-failed': () => 'The journal cannot be written: no new calls.',
  'stop.unreachable': (p: { answer: string }) => `${p.answer}. ${FATAL_FIX.network}`,
  'stop.fatal': (p: { answer: string; fix: FatalNext }) => `Stopped by the CRM: ${p.answer}. ${FATAL_FIX[p.fix]}`,
  'stop.failure-rate': (p: BreakerTrip) =>
    `Too many rows fail: ${p.first ? `the first ${p.of} rows all failed (${p.count} of ${p.of}: ${p.message})` : `${p.failed} of the last ${p.of} rows failed (${p.count} of them: ${p.message})`}. Check the mapping and the CRM before going on (--max-failure-rate changes this check).`,
  'stop.quota-answered': () => 'Daily quota used up: the CRM answered TOKEN LIMIT EXCEEDED.',
  'stop.quota-reached': () => 'Daily quota reached: every quota unit available today was used. Resume after the reset (or use --wait-for-quota).',
  'stop.max-calls': (p: { calls: number; units?: number; max: number }) =>
    `Call budget reached: ${plural(p.calls, 'call')} made${p.units === undefined ? '' : `, ${n(p.units)} quota units counted`} (${p.units === undefined ? '--max-calls' : `--max-calls ${n(p.max)} counts quota units: an updateMany.php call counts 1 per record, unless --check-quota measured that it costs 1`}).`,
} satisfies Record<string, (params: never) => string>;
