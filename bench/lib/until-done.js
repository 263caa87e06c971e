import { runCli } from './child.js';
import { explainAbruptExit, lastEvents } from './run-log.js';

/**
 * Runs `update`, then `resume` after every session that ended without its summary (as a user would),
 * until one ends with a summary or `resumes` more sessions have run. Returns every session's result; the
 * last one's summary covers the whole run. A session that ended abruptly carries `aftermath`: what it
 * left (`tail`: its last log lines), read before the next session changes it.
 */
export async function updateUntilDone(args, runDir, { resumes = 60, log } = {}) {
  const sessions = [await runCli(args)];
  while (!sessions.at(-1).summary && sessions.length <= resumes) {
    const ended = sessions.at(-1);
    ended.aftermath = explainAbruptExit(runDir, ended);
    ended.tail = lastEvents(runDir, 4);
    log?.(`session ${sessions.length} ended with exit ${ended.code ?? ended.signal} and no summary: resume`);
    sessions.push(await runCli(['resume', runDir, '--yes', '--json', '--quiet']));
  }
  return { sessions, final: sessions.at(-1) };
}
