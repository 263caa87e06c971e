import type { ChangePreview, PreviewReuse } from '../core/types.js';
import { PREVIEW_FRESH_MINUTES } from '../plan/job-settings.js';
import { countIn, message, type Message } from '../core/say.js';
import type { Lang } from '../core/say.js';

/** The line for `--reuse-preview`: the preview's reads used (no read), or why they are read again. */
export const reuseMessage = (reuse: PreviewReuse): Message => (reuse.reused ? message('plan.reused', { from: reuse.from, minutesOld: reuse.minutesOld }) : reuse.said);

/** The summary's lines for a preview: the rows by what would happen to them, and what the real run costs. */
export function previewLines(changes: ChangePreview, lang: Lang, said: (text: Message) => string): string[] {
  const { rows, cost } = changes;
  const row = (what: 'change' | 'unchanged' | 'notFound' | 'ambiguous' | 'invalid' | 'skipped', why = '') =>
    `  ${said(message('preview.row', { what })).padEnd(13)}${countIn(lang, rows[what]).padStart(9)}${why ? `   ${why}` : ''}`;
  return [
    row('change'),
    row('unchanged'),
    row('notFound'),
    ...(rows.ambiguous > 0 ? [row('ambiguous', said(message('preview.several-why')))] : []),
    row('invalid'),
    ...(rows.skipped > 0 ? [row('skipped')] : []),
    '',
    `  ${said(message('preview.listed', { file: changes.file, lines: changes.lines }))}`,
    `  ${said(message('preview.real-run', { cost, fresh: PREVIEW_FRESH_MINUTES }))}`,
  ];
}
