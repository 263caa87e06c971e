import { idFor } from './inputs.js';
import { importDist } from './paths.js';

/** `count` ids of rows 1..rows picked by the seeded draw (the same seed, the same ids), in row order. */
export async function pickIds(rows, count, seed) {
  const { drawFor } = await importDist('mock/random.js');
  const drawn = Array.from({ length: rows }, (_, index) => ({ n: index + 1, draw: drawFor(seed, index + 1, 8) }));
  return drawn.sort((a, b) => a.draw - b.draw).slice(0, count).map(({ n }) => n).sort((a, b) => a - b).map(idFor);
}

/**
 * The CRM's ledger against results.csv, row by row: a row reported updated was applied, a row applied was
 * reported updated, a missing id was never applied, and rows that share a `_wvx_call` were confirmed by
 * one call of the CRM (the last one that applied each of them). With `once`, no id was applied twice.
 */
export function ledgerAgreement({ rows, results, ledger, missing = new Set(), once = false }) {
  const lastCall = new Map();
  const times = new Map();
  for (const entry of ledger) {
    lastCall.set(entry.id, entry.call);
    times.set(entry.id, (times.get(entry.id) ?? 0) + 1);
  }
  const updated = results.filter((row) => row._wvx_status === 'updated');
  const reported = new Set(updated.map((row) => row._wvx_id));
  const notApplied = updated.filter((row) => !lastCall.has(row._wvx_id)).length;
  const unreported = [...lastCall.keys()].filter((id) => !reported.has(id)).length;
  const missingApplied = [...missing].filter((id) => lastCall.has(id)).length;
  // One _wvx_call, one CRM call; and no CRM call split over two _wvx_call numbers.
  const crmCallsOf = new Map();
  for (const row of updated) {
    const calls = crmCallsOf.get(row._wvx_call) ?? new Set();
    calls.add(lastCall.get(row._wvx_id));
    crmCallsOf.set(row._wvx_call, calls);
  }
  const split = [...crmCallsOf.values()].filter((calls) => calls.size > 1).length;
  const crmCalls = [...crmCallsOf.values()].flatMap((calls) => [...calls]);
  const shared = crmCalls.length - new Set(crmCalls).size;
  const twice = [...times.values()].filter((count) => count > 1).length;
  const checks = [
    { ok: results.length === rows, what: `results.csv has a line per row (${results.length} of ${rows})` },
    { ok: notApplied === 0, what: `every row reported updated is in the ledger (${updated.length} reported, ${notApplied} not applied)` },
    { ok: unreported === 0, what: `every id in the ledger is a row reported updated (${unreported} are not)` },
    { ok: split === 0 && shared === 0, what: `rows sharing a _wvx_call were confirmed by one CRM call (${crmCallsOf.size} _wvx_call numbers; ${split} span several CRM calls, ${shared} CRM calls span several numbers)` },
  ];
  if (missing.size > 0) checks.push({ ok: missingApplied === 0, what: `no missing id in the ledger (${missingApplied} are)` });
  if (once) checks.push({ ok: twice === 0, what: `no id applied twice (${twice} were)` });
  return checks;
}

export const failedChecks = (checks) => checks.filter((check) => !check.ok).length;
export const describeChecks = (checks) => checks.map((check) => `${check.ok ? 'ok' : 'FAILED'}: ${check.what}`).join('; ');

/**
 * The calls bisection may spend finding k missing ids in batches of n (issue 12): about k·(log₂n + 1)
 * when the answer's count says how many were applied, about 2k·log₂n when the whole call is refused, and
 * 2k when the refusal names the id (that record alone, and the rest again).
 */
export function bisectionBound(behaviour, k, n) {
  if (behaviour.badRecord === 'skip') return { calls: k * (Math.log2(n) + 1), formula: 'k·(log₂N + 1)' };
  if (behaviour.refusalNamesId) return { calls: 2 * k, formula: '2k (the named record alone, the rest again)' };
  return { calls: 2 * k * Math.log2(n), formula: '2k·log₂N' };
}

/**
 * The calls the tool's narrowing (src/send/batch-unit.ts) makes for a file of `rows` rows in batches of
 * `batch` with these ids missing, replayed: a batch with no missing id is confirmed by its one call; any
 * other is sent again as two halves (or, when the refusal names the first missing id, as that record
 * alone and the rest), down to single update.php calls. Returns the calls beyond one per batch.
 */
export function narrowingCalls({ rows, batch, missing, behaviour }) {
  const named = behaviour.badRecord !== 'skip' && behaviour.refusalNamesId;
  const cost = (ids) => {
    if (ids.length === 1 || !ids.some((id) => missing.has(id))) return 1;
    if (named) {
      const first = ids.findIndex((id) => missing.has(id));
      return 1 + 1 + cost(ids.filter((_id, index) => index !== first));
    }
    const middle = Math.ceil(ids.length / 2);
    return 1 + cost(ids.slice(0, middle)) + cost(ids.slice(middle));
  };
  let extra = 0;
  for (let start = 1; start <= rows; start += batch) {
    const ids = Array.from({ length: Math.min(batch, rows - start + 1) }, (_, index) => idFor(start + index));
    extra += cost(ids) - 1;
  }
  return extra;
}
