const COMPARE = {
  '>=': (value, target) => value >= target,
  '<=': (value, target) => value <= target,
  '=': (value, target) => value === target,
};
const SYMBOL = { '>=': '≥', '<=': '≤', '=': '=' };

/**
 * One measured figure: its value, its target (or none: shown for information), and how it was measured.
 * `digits` is how many decimals the table shows.
 */
export function figure({ id, label, value, digits = 2, unit = '', target, detail = '' }) {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`Figure ${id} (${label}) has no number: ${String(value)}`);
  const pass = target ? COMPARE[target[0]](round(value, digits), target[1]) : undefined;
  return { id, label, value, digits, unit, target, pass, detail };
}

/** A figure that could not be measured in this run (a peer not installed): shown, never a PASS or MISS. */
export const unmeasured = ({ id, label, why, target, detail = '' }) => ({ id, label, missing: why, target, detail, digits: 2, unit: '' });

export const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

export function formatValue(value, digits, unit = '') {
  const text = Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : String(value);
  return unit ? `${text} ${unit}` : text;
}

export const formatTarget = (target, digits, unit) => (target ? `${SYMBOL[target[0]]} ${formatValue(target[1], target[0] === '=' ? 0 : digits, unit)}` : '—');

export const verdict = (item) => (item.missing ? 'n/a' : item.pass === undefined ? 'info' : item.pass ? 'PASS' : '**MISS**');

/** Figure ids of one scenario in order: 1a, 1b, … */
export function idSequence(scenario) {
  let next = 0;
  return () => `${scenario}${String.fromCharCode(97 + next++)}`;
}
