import { bisectionBound, describeChecks, failedChecks, ledgerAgreement, pickIds } from '../lib/batch-checks.js';
import { describeBehaviour as describe, explainBatchMisses } from '../lib/batch-explain.js';
import { expectExit, runCli } from '../lib/child.js';
import { figure, idSequence } from '../lib/figures.js';
import { csvJob, idFor, readResults } from '../lib/inputs.js';
import { withServer } from '../lib/server.js';
import { updateArgs } from '../lib/update-args.js';

const LATENCY = { latencyMs: 100, jitterMs: 20, seed: 8 };
const BEHAVIOURS = ['skip', 'refuse', 'refuse-after-applying'].flatMap((badRecord) => [false, true].map((refusalNamesId) => ({ badRecord, refusalNamesId })));

/** 8. Batches (issue 12): rows in updateMany.php calls, every row still accounted for, whatever the CRM does. */
export default {
  id: 8,
  title: 'Batches',
  async run({ quick, tmp, log }) {
    const size = {
      rows: quick ? 1000 : 10_000,
      batch: quick ? 50 : 100,
      // The --batch 1 pace is measured on fewer rows and scaled per row (one call a row: linear in rows).
      singleRows: quick ? 200 : 2000,
      noCountRows: quick ? 200 : 1000,
      latency: quick ? { ...LATENCY, latencyMs: 10, jitterMs: 2 } : LATENCY,
    };
    const nextId = idSequence(8);
    const job = (name, rows, crm, extra = []) => batchRun({ tmp, log, name, rows, crm: { ...size.latency, ...crm }, extra });
    const latency = `latency ${size.latency.latencyMs} ± ${size.latency.jitterMs} ms`;

    const batched = await job('batch', size.rows, {}, ['--batch', String(size.batch)]);
    const single = await job('single', size.singleRows, {});
    const scaledSingleMs = single.run.wallMs * (size.rows / size.singleRows);
    const batchedChecks = [{ ok: batched.summary.counts.updated === size.rows, what: `${batched.summary.counts.updated} of ${size.rows} rows updated` }, ...ledgerAgreement({ rows: size.rows, results: batched.results, ledger: batched.ledger, once: true })];
    const figures = [
      figure({ id: nextId(), label: `Calls for ${size.rows.toLocaleString('en-US')} rows with --batch ${size.batch}, ${latency}`, value: batched.summary.calls, digits: 0, target: ['<=', size.rows / size.batch + 2], detail: `the server saw ${batched.stats.updateManyCalls} updateMany.php + ${batched.stats.updateCalls} update.php calls; summary.batch ${JSON.stringify(batched.summary.batch)}; exit ${batched.run.code}` }),
      figure({ id: nextId(), label: `Wall time, --batch ${size.batch} ÷ --batch 1 (same job, ${latency})`, value: batched.run.wallMs / scaledSingleMs, digits: 3, target: ['<=', 1 / 20], detail: `--batch ${size.batch}: ${(batched.run.wallMs / 1000).toFixed(1)} s for ${size.rows} rows; --batch 1: ${(single.run.wallMs / 1000).toFixed(1)} s for ${size.singleRows} rows (${single.summary.calls} calls), scaled per row to ${(scaledSingleMs / 1000).toFixed(0)} s for ${size.rows}; both from spawn to exit; by the tool's own durations (summary.json durationMs, Node's start-up left out): ${(batched.summary.durationMs / (single.summary.durationMs * (size.rows / size.singleRows))).toFixed(3)}` }),
      figure({ id: nextId(), label: `Ledger ⇄ results.csv disagreements, --batch ${size.batch} (checks failed of ${batchedChecks.length})`, value: failedChecks(batchedChecks), digits: 0, target: ['=', 0], detail: describeChecks(batchedChecks) }),
    ];

    // 1 % of the ids do not exist, in each way a CRM could answer for them.
    const missing = await pickIds(size.rows, size.rows / 100, 8);
    const knownIds = Array.from({ length: size.rows }, (_, index) => idFor(index + 1)).filter((id) => !missing.includes(id));
    const missingRuns = [];
    for (const behaviour of BEHAVIOURS) {
      const name = `missing-${behaviour.badRecord}${behaviour.refusalNamesId ? '-named' : ''}`;
      const crm = { knownIds, updateMany: behaviour };
      const run = await job(name, size.rows, crm, ['--batch', String(size.batch)]);
      // A job the failure-rate breaker stopped says nothing about the cost of narrowing: measured again
      // without the breaker (the stop itself is 8d's figure).
      const unstopped = run.summary.stopReason === 'failure-rate' ? await job(`${name}-no-breaker`, size.rows, crm, ['--batch', String(size.batch), '--max-failure-rate', '0']) : undefined;
      const checksOf = (which) => missingChecks({ rows: size.rows, run: which, missing: new Set(missing) });
      missingRuns.push({ behaviour, ...run, checks: checksOf(run), ...(unstopped ? { unstopped: { ...unstopped, checks: checksOf(unstopped) } } : {}) });
    }
    const wrong = missingRuns.flatMap((run) => run.checks.filter((check) => !check.ok).map((check) => `${describe(run.behaviour)}${run.summary.stopReason ? ` (stopped: ${run.summary.stopReason})` : ''}: ${check.what}`));
    figures.push(figure({ id: nextId(), label: `Missing ids (1 %, ${missing.length} of ${size.rows.toLocaleString('en-US')}): checks failed over ${BEHAVIOURS.length} CRM behaviours`, value: wrong.length, digits: 0, target: ['=', 0], detail: wrong.length > 0 ? wrong.join('; ') : `in each: every missing id failed with RECORD NOT FOUND, every other row updated, and the ledger agrees with results.csv (${missingRuns[0].checks.length} checks each)` }));
    for (const { behaviour, ...stopped } of missingRuns) {
      const run = stopped.unstopped ?? stopped;
      const base = Math.ceil(size.rows / size.batch);
      const extra = run.summary.calls - base;
      const bound = bisectionBound(behaviour, missing.length, size.batch);
      const how = stopped.unstopped ? `measured with --max-failure-rate 0 (with the default, the breaker stopped the job after ${stopped.summary.calls} calls: 8d); ` : '';
      figures.push(figure({ id: nextId(), label: `Extra calls to find ${missing.length} missing ids in batches of ${size.batch}: ${describe(behaviour)}`, value: extra, digits: 0, target: ['<=', Math.floor(bound.calls)], detail: `${how}${run.summary.calls} calls − ${base} batches = ${extra} (${(extra / missing.length).toFixed(1)} a missing id); bound ${bound.formula} = ${bound.calls.toFixed(0)}; the server saw ${run.stats.updateManyCalls} updateMany.php + ${run.stats.updateCalls} update.php calls; ${run.summary.counts.updated} updated, ${run.summary.counts.failed} failed, exit ${run.run.code}${run.summary.stopReason ? `, stopped: ${run.summary.stopMessage}` : ''}` }));
    }

    // A CRM that takes at most 37 records a call, refusing more either way.
    const capped = [];
    for (const tooManyAnswer of ['413', '400']) capped.push({ tooManyAnswer, ...(await job(`max37-${tooManyAnswer}`, size.rows, { updateMany: { maxRecords: 37, tooManyAnswer } }, ['--batch', '100'])) });
    const cappedDetail = capped.map((run) => `${run.tooManyAnswer}: ${run.summary.counts.updated}/${size.rows} updated, summary.batch ${JSON.stringify(run.summary.batch)}, ${run.summary.calls} calls (${run.stats.refused.tooMany} refused as too many), exit ${run.run.code}`).join('; ');
    figures.push(
      figure({ id: nextId(), label: 'At most 37 records a call (413 and 400), --batch 100: rows updated ÷ rows (the lower of the two)', value: Math.min(...capped.map((run) => run.summary.counts.updated / size.rows)), digits: 4, target: ['=', 1], detail: cappedDetail }),
      figure({ id: nextId(), label: 'At most 37 records a call: the batch size the summary says it used (the larger of the two)', value: Math.max(...capped.map((run) => run.summary.batch?.used ?? Number.NaN)), digits: 0, target: ['<=', 37], detail: cappedDetail }),
    );

    // A CRM whose success answers carry no count: a batch cannot be confirmed, rows go one by one.
    const noCount = await job('no-count', size.noCountRows, { updateMany: { countInMessage: false } }, ['--batch', String(size.batch)]);
    const noCountChecks = [
      { ok: noCount.summary.counts.updated === size.noCountRows, what: `${noCount.summary.counts.updated} of ${size.noCountRows} rows updated` },
      { ok: noCount.summary.batch?.unconfirmable === true, what: `summary.batch ${JSON.stringify(noCount.summary.batch)} says unconfirmable` },
      ...ledgerAgreement({ rows: size.noCountRows, results: noCount.results, ledger: noCount.ledger }),
    ];
    figures.push(
      figure({ id: nextId(), label: `No count in updateMany.php's answer, --batch ${size.batch}: checks failed of ${noCountChecks.length}`, value: failedChecks(noCountChecks), digits: 0, target: ['=', 0], detail: describeChecks(noCountChecks) }),
      figure({ id: nextId(), label: 'No count: calls ÷ rows', value: noCount.summary.calls / size.noCountRows, digits: 3, detail: `${noCount.summary.calls} calls for ${size.noCountRows} rows: ${noCount.stats.updateManyCalls} updateMany.php (the batches in flight before the first answer) + ${noCount.stats.updateCalls} update.php` }),
    );

    // One quota unit per record sent: what a job costs, measured with --check-quota.
    const perRecord = await job('quota-per-record', size.rows, { updateMany: { quotaCost: 'record' } }, ['--batch', String(size.batch), '--check-quota']);
    figures.push(figure({ id: nextId(), label: `Quota units per row when updateMany.php costs one per record, --batch ${size.batch} --check-quota`, value: perRecord.units / size.rows, digits: 3, detail: `${perRecord.units} units spent for ${perRecord.summary.counts.updated}/${size.rows} rows updated in ${perRecord.summary.calls} calls + ${perRecord.summary.quotaChecks} quota checks; summary.batch ${JSON.stringify(perRecord.summary.batch)}; at one unit a call (8a's job) the same rows spent ${batched.units}` }));

    const notes = [
      `Every job runs the real CLI (\`update --batch N\`, default --concurrency 2 and --max-failure-rate) against a fresh simulated CRM with ${latency} (seed ${size.latency.seed}), limit 2; inputs are ${size.rows.toLocaleString('en-US')}-row CSVs unless said otherwise.`,
      `Wall time: the --batch 1 job is the same file cut to its first ${size.singleRows.toLocaleString('en-US')} rows (${(single.run.wallMs / 1000).toFixed(0)} s; the whole file would take about ${duration(scaledSingleMs)} at one call a row), its wall time scaled by ${size.rows / size.singleRows}; Node's start-up (a few hundred ms) is scaled with it, which flatters the --batch 1 side by well under 1 %.`,
      `Missing ids: ${missing.length} rows picked by a seeded draw (${missing.slice(0, 5).join(', ')}, …), left out of the CRM's known ids; behaviours are updateMany's \`badRecord\` (skip: the others applied, a lower count; refuse: nothing applied; refuse-after-applying: the others applied, then the call refused) × \`refusalNamesId\`. Extra calls = calls − the ${Math.ceil(size.rows / size.batch)} batches a clean file needs; k = ${missing.length}, N = ${size.batch}. The named-id bound (2k) is what using the name gives; a skip answer has no message to name anything, so its named run is the same as the other.`,
      `No count: the job has ${size.noCountRows.toLocaleString('en-US')} rows (every row after the first answer goes by update.php, one call a row, at this latency).`,
    ];
    return { figures, notes, investigation: explainBatchMisses({ figures, size, batched, missing: new Set(missing), missingRuns }) };
  },
};

/** One job on a fresh simulated CRM: the CLI's run, its summary and results.csv, and what the CRM saw. */
async function batchRun({ tmp, log, name, rows, crm, extra }) {
  const job = await csvJob(tmp, `batches-${name}`, rows);
  log(`${name}: ${rows} rows${extra.length > 0 ? ` ${extra.join(' ')}` : ''}${crm.updateMany ? `, updateMany ${JSON.stringify(crm.updateMany)}` : ''}`);
  return withServer(crm, async (server) => {
    const run = expectExit(await runCli(updateArgs(job, server, extra)), [0, 1, 4], `update (${name})`);
    if (!run.summary) throw new Error(`update (${name}) printed no summary: exit ${run.code}.\n${run.stderr.slice(-2000)}`);
    return { run, summary: run.summary, results: readResults(job.out), ledger: server.ledger.map(({ id, call }) => ({ id, call })), stats: structuredClone(server.stats), units: server.usedToday() };
  });
}

function missingChecks({ rows, run, missing }) {
  const notFailed = run.results.filter((row) => missing.has(row._wvx_id) && !(row._wvx_status === 'failed' && /RECORD NOT FOUND/.test(row._wvx_message)));
  const notUpdated = run.results.filter((row) => !missing.has(row._wvx_id) && row._wvx_status !== 'updated');
  return [
    { ok: notFailed.length === 0, what: `every missing id failed with RECORD NOT FOUND (${notFailed.length} did not${byStatus(notFailed)})` },
    { ok: notUpdated.length === 0, what: `every other row updated (${notUpdated.length} not${byStatus(notUpdated)})` },
    ...ledgerAgreement({ rows, results: run.results, ledger: run.ledger, missing }),
  ];
}

// ": 9 not_sent, 1 failed" (nothing for no rows).
function byStatus(rows) {
  const counts = new Map();
  for (const row of rows) counts.set(row._wvx_status, (counts.get(row._wvx_status) ?? 0) + 1);
  return counts.size === 0 ? '' : `: ${[...counts].map(([status, count]) => `${count} ${status}`).join(', ')}`;
}

const duration = (ms) => (ms < 120_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 60_000).toFixed(1)} min`);
