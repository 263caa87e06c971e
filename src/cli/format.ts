export { count, counted } from '../core/text.js';


/** 42s, 3m05s, 2h10m */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

export const formatDurationSafe = (ms: number) => (ms < 1000 ? `${ms} ms` : formatDuration(ms));

const COLOURS = { green: 32, red: 31, yellow: 33, cyan: 36, bold: 1 } as const;
export type Colour = keyof typeof COLOURS;

/**
 * Colours for a terminal, never for a pipe or a file, and never when NO_COLOR is set (no-color.org).
 */
export function colourer(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): (colour: Colour, text: string) => string {
  const enabled = Boolean(stream.isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '');
  return (colour, text) => (enabled ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text);
}
