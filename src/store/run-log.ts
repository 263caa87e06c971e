import { pino, type Logger as PinoLogger } from 'pino';
import type { Logger } from '../core/types.js';

// Defence in depth: the library never logs the token, and these paths are censored if anything tried.
const REDACT = ['token', '*.token', 'headers["wolkvox-token"]', '*.headers["wolkvox-token"]', 'config.headers', '*.config.headers'];

/**
 * A logger for the run's log.ndjson. The run folder only exists once the preflight has passed, so lines
 * logged before `attach` are held and written when it is called. Every row's outcome is in the journal
 * already; `debug` (WOLKVOX_LOG_LEVEL=debug) adds a line per answer, which costs speed on big files.
 */
export function createRunLogger(level = 'info'): Logger & { attach(file: string): void; close(): void } {
  let target: PinoLogger | undefined;
  const early: [level: 'debug' | 'info' | 'warn' | 'error', object: object, message?: string][] = [];
  // The log is secondary to the journal: a write that fails (a full disk) turns the log off, never the job.
  const write = (level: 'debug' | 'info' | 'warn' | 'error', object: object, message?: string) => {
    try {
      target?.[level](object, message);
    } catch {
      target = undefined;
      off = true;
    }
  };
  let off = false;
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (object: object, message?: string) => {
    if (target) write(level, object, message);
    else if (!off) early.push([level, object, message]);
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    attach(file) {
      try {
        const destination = pino.destination({ dest: file, sync: true, mode: 0o600 });
        destination.on('error', () => {
          target = undefined;
          off = true;
        });
        target = pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
      } catch {
        off = true;
        early.length = 0;
        return; // an unwritable run folder is reported by the job itself
      }
      for (const [level, object, message] of early.splice(0)) write(level, object, message);
    },
    close() {
      try {
        target?.flush();
      } catch {
        // as above
      }
    },
  };
}
