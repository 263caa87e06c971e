import path from 'node:path';
import type { Logger } from '../core/types.js';
import { message, say, type Lang, type Message } from '../core/say.js';
import type { WatchEvent, WatchOptions, WatchSummary } from '../run/watch.js';
import { createRunLogger } from '../store/run-log.js';
import { stopOnSignals } from './stop-signals.js';

type Hooks = Required<Pick<WatchOptions, 'signal' | 'logger' | 'onEvent'>> & Pick<WatchOptions, 'lang'>;

/**
 * The terminal around a watch: Ctrl-C and a service stop end it cleanly, each run's log goes to its run
 * folder, and a line is printed for each file (a JSON line with --json), then the end and the exit code.
 */
export async function watchInTerminal(start: (hooks: Hooks) => Promise<WatchSummary>, terminal: { readonly json: boolean; readonly quiet: boolean; readonly lang: Lang; readonly folder: string }): Promise<void> {
  const { json, quiet, lang } = terminal;
  const stop = stopOnSignals(lang);
  const level = process.env.WOLKVOX_LOG_LEVEL ?? 'info';
  // A log per run, in its folder: the logger the runs are given writes to the current one.
  let log = createRunLogger(level);
  const logger: Logger = {
    debug: (object, text) => log.debug(object, text),
    info: (object, text) => log.info(object, text),
    warn: (object, text) => log.warn(object, text),
    error: (object, text) => log.error(object, text),
  };
  const line = (said: Message) => process.stdout.write(`${say(said, lang)}\n`);
  const onEvent = (event: WatchEvent) => {
    if (event.type === 'job') {
      if (event.event.type === 'plan') log.attach(path.join(event.event.plan.runDir, 'log.ndjson'));
      if (event.event.type !== 'row') log.info({ file: event.file, event: event.event }, event.event.type);
      return;
    }
    // A file's log starts empty: what its check logged before its run folder existed is held until its plan.
    if (event.type === 'file-end') {
      log.close();
      log = createRunLogger(level);
    }
    if (json) process.stdout.write(`${JSON.stringify(event.type === 'file-end' ? { type: event.type, ...event.end } : event)}\n`);
    else if (event.type === 'file-end') {
      const { end } = event;
      if (end.kind === 'left' && end.why === 'move-failed') {
        const runDir = end.summary?.runDir;
        line(message('watch.unmovable', { file: end.file, watched: terminal.folder, folder: end.folder ?? '', outcome: end.outcome ?? 'failed', code: end.detail ?? '', exitCode: end.exitCode ?? 0, ...(runDir ? { runDir } : {}) }));
        // What the note that was to go beside it says happened (why it was refused, what its run came to).
        if (end.said && end.said.code !== 'watch.note-duplicate') line(message('watch.unmovable-facts', { note: end.said }));
        return;
      }
      line(end.kind === 'moved' ? message('watch.file-end', { file: end.file, outcome: end.outcome, movedTo: end.movedTo, exitCode: end.exitCode, ...(end.note ? { note: end.note } : {}) }) : message('watch.file-left', { file: end.file, why: end.why === 'gone' || end.why === 'changing' ? 'taken' : end.why, ...(end.detail ? { detail: end.detail } : {}) }));
    } else if (quiet) return;
    else if (event.type === 'watching') line(message('watch.watching', { folder: terminal.folder, seconds: event.intervalSeconds }));
    else if (event.type === 'file-start') line(message('watch.file-start', { file: event.file, runDir: event.runDir, resumed: event.resumed }));
    else if (event.type === 'still-changing') line(message('watch.still-changing', { files: event.files }));
  };
  let summary: WatchSummary;
  try {
    summary = await start({ signal: stop.signal, logger, onEvent, lang });
  } finally {
    stop.dispose();
    log.close();
  }
  const { files: _files, ...end } = summary;
  if (json) process.stdout.write(`${JSON.stringify({ type: 'end', ...end })}\n`);
  else line(message('watch.end', { done: summary.done, failed: summary.failed, duplicates: summary.duplicates, left: summary.left, unmovable: summary.unmovable, exitCode: summary.exitCode }));
  process.exitCode = summary.exitCode;
}
