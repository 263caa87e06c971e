// What one probe call of updateMany.php (a real record and an id that cannot exist) says about batches.
import { message, say, type Message } from '../core/say.js';
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
  /** Why the cost is unknown, or what to keep in mind about the figure (in English; `costNoteSaid` to word it). */
  readonly costNote?: string;
  readonly costNoteSaid?: Message;
  /** What it means for `--batch`, a sentence each (in English; `conclusionsSaid` to word them). */
  readonly conclusions: readonly string[];
  readonly conclusionsSaid: readonly Message[];
}

export interface ProbeCall {
  readonly answer: CallOutcome & { readonly count?: number };
  /** Records the call held (the real one and the missing one). */
  readonly records: number;
  readonly missingId: string;
  readonly usedBefore?: number;
  readonly usedAfter?: number;
  readonly costUnknownBecause?: Message;
}

// Calls after the reading before, other than updateMany.php and the reading after: the record's read.
const CALLS_BETWEEN = 1;

export function probeFindings(call: ProbeCall): ProbeFindings {
  const { answer, records } = call;
  const behaviour = missingIdBehaviour(answer, records);
  const namesId = answer.message.toLowerCase().includes(call.missingId.toLowerCase());
  const countInAnswer = answer.kind !== 'ok' ? 'not-seen' : answer.count === undefined ? 'no' : 'yes';
  const { cost, units, costNote } = costOf(call);
  const conclusions = [...batchConclusions(behaviour, answer, namesId, records), costConclusion(cost, units, answer)];
  return {
    answer,
    countInAnswer,
    missingIdBehaviour: behaviour,
    namesId,
    cost,
    ...(units === undefined ? {} : { units }),
    ...(costNote === undefined ? {} : { costNote: say(costNote, 'en'), costNoteSaid: costNote }),
    conclusions: conclusions.map((said) => say(said, 'en')),
    conclusionsSaid: conclusions,
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

function batchConclusions(behaviour: MissingIdBehaviour, answer: ProbeCall['answer'], namesId: boolean, records: number): Message[] {
  switch (behaviour) {
    case 'skipped':
      return [message('probe.by-count'), message('probe.narrowing-resends')];
    case 'counted':
      if ((answer.count ?? 0) > records) return [message('probe.count-too-high', { count: answer.count ?? 0, records })];
      return [message('probe.count-included-missing', { count: answer.count ?? 0 })];
    case 'silent':
      return [message('probe.no-count')];
    case 'refused':
      return [message('probe.refused-whole'), message('probe.refusal-names-id', { names: namesId }), message('probe.refused-after-applying'), message('probe.success-count-unseen')];
    case 'too-large':
      return [message('probe.too-large')];
    case 'unclear':
      if (answer.kind === 'fatal' && answer.reason === 'endpoint') return [message('probe.no-batches', { answer: answer.message })];
      return [message('probe.unreadable', { answer: answer.message })];
  }
}

function costOf(call: ProbeCall): { cost: CostPerCall; units?: number; costNote?: Message } {
  if (call.usedBefore === undefined || call.usedAfter === undefined) {
    return { cost: 'unknown', costNote: call.costUnknownBecause ?? message('probe.no-use', {}) };
  }
  const units = unitsOfBatchCall(call.usedBefore, call.usedAfter, CALLS_BETWEEN);
  if (units < 0) return { cost: 'unknown', costNote: message('probe.use-went-down') };
  const cost = costOfBatchCall(units, call.records);
  if (cost) return { cost, units };
  return { cost: 'unknown', units, costNote: message('probe.other-units', { units, records: call.records }) };
}

function costConclusion(cost: CostPerCall, units: number | undefined, answer: ProbeCall['answer']): Message {
  // A refused call may cost less than one that succeeds: say what the figure was measured on.
  const refused = answer.kind !== 'ok';
  switch (cost) {
    case 'call':
      return message('probe.cost-call', { refused });
    case 'record':
      return message('probe.cost-record', { units: units ?? 0, refused });
    case 'unknown':
      return message('probe.cost-unknown');
  }
}
