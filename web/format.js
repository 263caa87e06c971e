// Numbers, durations and dates in the page's language.
export const number = (lang, value, digits = 0) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value ?? 0);

export function duration(lang, ms) {
  if (ms === undefined || ms === null) return '–';
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (value) => String(value).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export const dateTime = (lang, iso) => (iso ? new Date(iso).toLocaleString(lang) : '');

/** "line 14" in a CSV, "row 14" in a workbook: what a person looks for in the file. */
export const rowLabel = (t, format, rowNumber) => t(format?.kind === 'csv' ? 'common.line' : 'common.row', { n: rowNumber });
