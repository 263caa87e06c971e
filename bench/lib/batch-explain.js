import { narrowingCalls } from './batch-checks.js';
import { idFor } from './inputs.js';

/**
 * The measured reason of each missed figure of scenario 8, from what the runs left: summaries, the
 * CRM's counts and ledger, and a replay of the tool's narrowing on the same missing ids.
 */
export function explainBatchMisses({ figures, size, batched, missing, missingRuns }) {
  const missed = (label) => figures.find((item) => item.pass === false && label.test(item.label));
  const lines = [];
  const pace = missed(/^Wall time/);
  if (pace) {
    lines.push(`**Why ${pace.id} misses (measured):** the --batch ${size.batch} job took ${(batched.run.wallMs / 1000).toFixed(2)} s from spawn to exit, of which the tool's own run (summary.json durationMs: file check, sending, reports) was ${(batched.summary.durationMs / 1000).toFixed(2)} s; the rest is Node's start-up and loading, which one call a row spreads over ${size.rows / size.batch} times as many calls.`, '');
  }
  const stopped = missingRuns.filter((run) => run.unstopped);
  const correctness = missed(/^Missing ids/);
  if (correctness && stopped.length > 0) {
    lines.push(`**Why ${correctness.id} misses (measured):** the failure-rate breaker stopped ${stopped.length} of the ${missingRuns.length} jobs although 1 row in 100 fails. It counts every answer (src/send/send-pass.ts, \`onAnswer\` → \`countForBreaker\`), and a CRM that refuses the whole call for one missing id answers every call on the way down to that record with a refusal: each such call counts as one failed row, however many rows it held. ${batchesHolding(size, missing)} of the ${Math.ceil(size.rows / size.batch)} batches hold a missing id (1 − 0.99^${size.batch} = ${((1 - 0.99 ** size.batch) * 100).toFixed(0)} % expected at 1 % missing), so refusals soon make more than half of the last 100 answers: each such batch is one refused call, then about ${Math.ceil(Math.log2(size.batch))} more refused calls on the way down to the record, or with the id named, the record's own refusal.`, '');
    for (const run of stopped) {
      const refusedCalls = run.unstopped.stats.refused.notFound;
      const appliedNotSent = notSentButApplied(run);
      lines.push(`- ${describeBehaviour(run.behaviour)}: stopped after ${run.summary.calls} calls with "${run.summary.stopMessage}" (${run.summary.counts.updated} updated, ${run.summary.counts.failed} failed, ${run.summary.counts.not_sent} not_sent). The same job with --max-failure-rate 0: ${refusedCalls} of its ${run.unstopped.summary.calls} calls were refused with RECORD NOT FOUND for ${run.unstopped.summary.counts.failed} failed rows, and it ended right (${run.unstopped.checks.filter((check) => check.ok).length} of ${run.unstopped.checks.length} checks ok).${appliedNotSent > 0 ? ` Besides, ${appliedNotSent} rows of that stopped job are reported not_sent (0 attempts) though the CRM applied them: they were in a batch refused after applying, and the stop ended its narrowing before any answer of their own.` : ''}`);
    }
    lines.push('', 'Both are shown by `it.fails` tests in test/run/batch-known-bugs.test.ts (src/ is not changed here).', '');
  }
  const bisection = missingRuns.map((run) => ({ run, item: missed(new RegExp(`^Extra calls .*: ${escape(describeBehaviour(run.behaviour))}$`)) })).filter(({ item }) => item);
  if (bisection.length > 0) {
    lines.push(`**Why ${bisection.map(({ item }) => item.id).join(', ')} miss (measured):** replaying the tool's narrowing (src/send/batch-unit.ts: a batch whose answer does not confirm every record is sent again as two halves, each confirmed by its own answer, down to update.php for single rows) on these ${missing.size} missing ids gives:`, '');
    for (const { run, item } of bisection) {
      const measured = (run.unstopped ?? run).summary.calls - Math.ceil(size.rows / size.batch);
      const replay = narrowingCalls({ rows: size.rows, batch: size.batch, missing, behaviour: run.behaviour });
      lines.push(`- ${item.id} ${describeBehaviour(run.behaviour)}: measured ${measured} extra calls, replay ${replay}${measured === replay ? ' (identical: no call beyond the narrowing itself)' : ` (${measured - replay} calls the replay does not explain: retries or answers it does not model)`}.`);
    }
    lines.push('', `Every level of the narrowing costs 2 calls (both halves are sent again), and halving ${size.batch} records takes ${Math.ceil(Math.log2(size.batch))} levels for most rows (log₂${size.batch} = ${Math.log2(size.batch).toFixed(2)}), so an isolated missing id costs about ${2 * Math.ceil(Math.log2(size.batch))} calls whatever the answer; missing ids that share a batch share its upper levels. k·(log₂N + 1) is one call a level: it needs the count of the first answer to clear the half that is not sent again, i.e. to report rows updated that no answer of their own confirmed, which issue 12 rules out ("never taken on trust"). The tool keeps that rule, so a counted answer costs what a refusal costs (2k·log₂N).`, '');
  }
  return lines;
}

// Batches of the file (in file order) that hold at least one missing id.
function batchesHolding(size, missing) {
  let holding = 0;
  for (let start = 1; start <= size.rows; start += size.batch) {
    if (Array.from({ length: Math.min(size.batch, size.rows - start + 1) }, (_, index) => idFor(start + index)).some((id) => missing.has(id))) holding += 1;
  }
  return holding;
}

function notSentButApplied(run) {
  const applied = new Set(run.ledger.map((entry) => entry.id));
  return run.results.filter((row) => row._wvx_status === 'not_sent' && applied.has(row._wvx_id)).length;
}

export const describeBehaviour = ({ badRecord, refusalNamesId }) => `${badRecord}${badRecord === 'skip' ? ' with count' : ''}, id ${refusalNamesId ? 'named' : 'not named'}`;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
