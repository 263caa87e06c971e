import fs from 'node:fs';
import path from 'node:path';
import { message, say } from '../core/say.js';
import type { PreviewRefusal, PreviewReuse } from '../core/types.js';
import { PREVIEW_FRESH_MINUTES } from '../plan/job-settings.js';
import { readRunFile, writeRunFile, type RunFile } from '../store/run-file.js';
import { runPaths, type RunPaths } from '../store/run-folder.js';

/**
 * `reusePreview`: a preview's reads (keys.ndjson, snapshot.ndjson) copied into a new run that was checked
 * into the same plan (same input, mapping and row settings: the plan's SHA-256), against the same server and
 * module, within PREVIEW_FRESH_MINUTES of the preview's reads: the run's key step and snapshot then
 * find them done and read nothing. Otherwise nothing is copied, the run reads as usual, and the answer says
 * why (never an error: reading again is always safe). Called once the new run's check wrote its run.json.
 */
export function reusePreview(from: string, run: RunPaths, now = new Date()): PreviewReuse {
  const current = readRunFile(run);
  const preview = runPaths(from);
  let earlier: RunFile | undefined;
  try {
    earlier = readRunFile(preview);
  } catch {
    earlier = undefined;
  }
  const minutesOld = earlier?.preview?.readAt === undefined ? undefined : Math.floor((now.getTime() - Date.parse(earlier.preview.readAt)) / 60_000);
  const refused = (code: PreviewRefusal): PreviewReuse => {
    const said = message('plan.not-reused', {
      from,
      code,
      file: path.basename(current.input.path),
      ...(earlier?.connection.server === undefined ? {} : { server: earlier.connection.server }),
      module: earlier?.job.module ?? current.job.module,
      ...(minutesOld === undefined ? {} : { minutesOld }),
      fresh: PREVIEW_FRESH_MINUTES,
    });
    return { from, reused: false, code, message: say(said, 'en'), said };
  };
  // A folder that is no run is no preview either.
  if (earlier?.job.preview !== true || earlier.preview === undefined) return refused('not-a-preview');
  if (earlier.preview.readAt === undefined || minutesOld === undefined) return refused('not-finished');
  if (earlier.input.sha256 !== current.input.sha256) return refused('input-changed');
  if (earlier.mapping.rowsSha256 !== current.mapping.rowsSha256) return refused('mapping-changed');
  if (earlier.preview.checkedPlan.sha256 !== current.plan?.sha256) return refused('rows-changed');
  if (earlier.connection.server !== current.connection.server) return refused('other-server');
  if (earlier.job.module !== current.job.module) return refused('other-module');
  if (!(minutesOld >= 0 && minutesOld < PREVIEW_FRESH_MINUTES)) return refused('old');
  // Both logs whole, with their `done` lines: the new plan is the same, so the same keys and ids.
  if (fs.existsSync(preview.keys)) fs.copyFileSync(preview.keys, run.keys);
  if (current.job.snapshot !== undefined && fs.existsSync(preview.snapshot)) fs.copyFileSync(preview.snapshot, run.snapshot);
  return { from, reused: true, minutesOld };
}

/** Once a preview's reads ended: run.json says when, for a later run's `reusePreview`. */
export function markPreviewRead(paths: RunPaths, readAt: string): void {
  const run = readRunFile(paths);
  if (run.preview) writeRunFile(paths, { ...run, preview: { ...run.preview, readAt } });
}
