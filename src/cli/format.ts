export const count = (value: number) => value.toLocaleString('en-US');

/** 42s, 3m05s, 2h10m */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export const formatDurationSafe = (ms: number) => (ms < 1000 ? `${ms} ms` : formatDuration(ms));
