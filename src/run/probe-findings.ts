// What one probe call of updateMany.php (a real record and an id that cannot exist) says about batches.
import type { CallOutcome } from '../core/types.js';
import { costOfBatchCall, unitsOfBatchCall } from '../send/batch-cost.js';

/** What the id that cannot exist did to the call. */
export type MissingIdBehaviour =
  /** The call succeeded and its count left the missing id out (1 of 2). */
  | 'skipped'
  /** The call succeeded and its count included the missing id (2 of 2), or more than were sent: the count cannot be trusted. */
  | 'counted'
  /** The call succeeded with no count: nothing in the answer tells. */
  | 'silent'
  /** The whole call was refused (whether the real record was applied first cannot be seen without changing data). */
  | 'refused'
  /** Even two records were refused as too many. */
  | 'too-large'
  /** Any other answer: a timeout, a server error, a body not understood, a fatal answer, another count. */
  | 'unclear';

/** Quota units one updateMany.php call spends: one, one per record, or not known. */
export type CostPerCall = 'call' | 'record' | 'unknown';

export interface ProbeFindings {
  /** updateMany.php's answer: its class, HTTP status, code and message, and the count when it ends with one. */
  readonly answer: CallOutcome & { readonly count?: number };
  /** Whether a success carries a count; `not-seen` when the call did not succeed. */
  readonly countInAnswer: 'yes' | 'no' | 'not-seen';
  readonly missingIdBehaviour: MissingIdBehaviour;
  /** The answer's message names the missing id (useful to narrow a refused batch down). */
  readonly namesId: boolean;
  readonly cost: CostPerCall;
  /** Units the updateMany.php call spent: the token's use after, less before, less the read and the reading after. */
  readonly units?: number;
  /** Why the cost is unknown, or what to keep in mind about the figure. */
  readonly costNote?: string;
  /** What it means for `--batch`, a sentence each. */
  readonly conclusions: readonly string[];
}

export interface ProbeCall {
  readonly answer: CallOutcome & { readonly count?: number };
  /** Records the call held (the real one and the missing one). */
  readonly records: number;
  readonly missingId: string;
  readonly usedBefore?: number;
  readonly usedAfter?: number;
  readonly costUnknownBecause?: string;
}

// Calls after the reading before, other than updateMany.php and the reading after: the record's read.
const CALLS_BETWEEN = 1;

export function probeFindings(call: ProbeCall): ProbeFindings {
  const { answer, records } = call;
  const behaviour = missingIdBehaviour(answer, records);
  const namesId = answer.message.toLowerCase().includes(call.missingId.toLowerCase());
  const countInAnswer = answer.kind !== 'ok' ? 'not-seen' : answer.count === undefined ? 'no' : 'yes';
  const { cost, units, costNote } = costOf(call);
  return {
    answer,
    countInAnswer,
    missingIdBehaviour: behaviour,
    namesId,
    cost,
    ...(units === undefined ? {} : { units }),
    ...(costNote === undefined ? {} : { costNote }),
    conclusions: [...batchConclusions(behaviour, answer, namesId, records), costConclusion(cost, units, answer)],
  };
}

function missingIdBehaviour(answer: ProbeCall['answer'], records: number): MissingIdBehaviour {
  if (answer.kind === 'ok') {
    if (answer.count === undefined) return 'silent';
    if (answer.count === records - 1) return 'skipped';
    return answer.count >= records ? 'counted' : 'unclear';
  }
  if (answer.reason === 'too-large') return 'too-large';
  return answer.kind === 'row' ? 'refused' : 'unclear';
}

// What narrowing a batch down costs the records around a bad one, for a CRM workflow that runs on updates.
const REAPPLIED = 'with --batch 100, up to 99 records of each batch holding a bad record are applied again, some up to 8 times (log₂N + 1), and a CRM workflow that runs on updates runs each time';

function batchConclusions(behaviour: MissingIdBehaviour, answer: ProbeCall['answer'], namesId: boolean, records: number): string[] {
  const oneByOne = 'rows are confirmed one by one and --batch saves nothing: keep --batch 1 on this CRM.';
  switch (behaviour) {
    case 'skipped':
      return [
        'Batches are confirmed by their count: a batch whose count equals its records is updated as a whole; a lower count is narrowed down to the rows that failed.',
        `Narrowing a count down sends first halves again: ${REAPPLIED} (summary.json's reapplied counts them).`,
      ];
    case 'counted':
      if ((answer.count ?? 0) > records) return [`The count (${answer.count}) is more than the ${records} records sent: a count that cannot be true confirms no batch, so ${oneByOne}`];
      return [`The count included an id that does not exist (${answer.count} of ${answer.count}): batches cannot be confirmed by their count, so ${oneByOne}`];
    case 'silent':
      return [`The answer carries no count and the missing id went unnoticed: batches cannot be confirmed by their answer, so ${oneByOne}`];
    case 'refused':
      return [
        'A batch holding a missing id (or a value the CRM refuses) is refused as a whole: the tool narrows it down by sending halves again (updates are idempotent).',
        namesId
          ? 'The refusal names the missing id, which lets narrowing down go straight to it.'
          : 'The refusal does not name the missing id: finding it takes about 2·log₂N more calls in a batch of N.',
        `"Refused after applying the rest" cannot be told apart from "refused, nothing applied" without changing data. If this CRM applies the rest first, narrowing down sends it again at every level: ${REAPPLIED}; keep --batch 1 if that matters (summary.json's reapplied counts the records that may have been applied more than once).`,
        'Whether a successful batch carries a count was not seen (this call was refused); the first batch of a job shows it.',
      ];
    case 'too-large':
      return ['updateMany.php refused a call of 2 records as too large: --batch cannot be used on this CRM.'];
    case 'unclear':
      if (answer.kind === 'fatal' && answer.reason === 'endpoint') return [`This CRM does not take updateMany.php (${answer.message}): --batch cannot be used.`];
      return [`updateMany.php gave no answer the probe could read (${answer.message}): run the probe again; until then keep --batch 1.`];
  }
}

function costOf(call: ProbeCall): { cost: CostPerCall; units?: number; costNote?: string } {
  if (call.usedBefore === undefined || call.usedAfter === undefined) {
    return { cost: 'unknown', costNote: call.costUnknownBecause ?? "the CRM did not give the token's use" };
  }
  const units = unitsOfBatchCall(call.usedBefore, call.usedAfter, CALLS_BETWEEN);
  if (units < 0) return { cost: 'unknown', costNote: "the token's use went down between the readings (the daily count restarted?)" };
  const cost = costOfBatchCall(units, call.records);
  if (cost) return { cost, units };
  return { cost: 'unknown', units, costNote: `${units} units for a call of ${call.records} records: another client using the token, or a CRM that counts calls another way` };
}

function costConclusion(cost: CostPerCall, units: number | undefined, answer: ProbeCall['answer']): string {
  // A refused call may cost less than one that succeeds: say what the figure was measured on.
  const measured = answer.kind === 'ok' ? '' : ' (measured on a refused call: a successful one may cost more)';
  switch (cost) {
    case 'call':
      return `One updateMany.php call cost 1 unit${measured}: with --batch 100, 100,000 rows take about 1,000 units of quota instead of 100,000.`;
    case 'record':
      return `One updateMany.php call cost one unit per record (${units} for ${units})${measured}: --batch saves time, not quota.`;
    case 'unknown':
      return 'The quota cost of a call is unknown: plan for one unit per record.';
  }
}
