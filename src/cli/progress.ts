import type { JobEvent } from '../core/events.js';
import { message, say, type Lang, type Message } from '../core/say.js';
import { formatDuration } from './format.js';
import { LOCALE_OF } from '../core/text.js';

const REDRAW_MS = 250;
const RATE_WINDOW_MS = 5000;

export interface ProgressState {
  total: number;
  updated: number;
  failed: number;
  other: number;
  retrying: Set<number>;
  /** Time and call count of recent finished rows, for calls per second. */
  calls: [time: number, calls: number][];
  quotaLeft?: number;
  startedAt: number;
  note?: string;
}

/** One progress line: rows done of total, outcomes, pace, ETA and quota left. */
export function renderProgress(state: ProgressState, now: number, lang: Lang = 'en'): string {
  const done = state.updated + state.failed + state.other;
  const recent = state.calls.filter(([time]) => now - time <= RATE_WINDOW_MS);
  const span = Math.min(RATE_WINDOW_MS, Math.max(1, now - state.startedAt)) / 1000;
  const callRate = recent.reduce((sum, [, calls]) => sum + calls, 0) / span;
  const rowRate = done / Math.max(0.001, (now - state.startedAt) / 1000);
  const eta = rowRate > 0 && done < state.total ? formatDuration(((state.total - done) / rowRate) * 1000) : '–';
  const parts = [
    message('progress.rows', { done, total: state.total }),
    message('progress.updated', { rows: state.updated }),
    message('progress.failed', { rows: state.failed }),
    message('progress.retrying', { rows: state.retrying.size }),
    message('progress.call-rate', { perSecond: callRate.toLocaleString(LOCALE_OF[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }) }),
    message('progress.eta', { left: eta }),
    ...(state.quotaLeft === undefined ? [] : [message('progress.quota-left', { units: state.quotaLeft })]),
  ].map((part) => say(part, lang));
  return `${parts.join(' · ')}${state.note ? ` · ${state.note}` : ''}`;
}

/** `2026-12-03 05:25 (local time, UTC-05:00)`: a log read later, elsewhere, still says when. */
export function formatLocalTime(time: Date, lang: Lang): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const offset = -time.getTimezoneOffset();
  const zone = `UTC${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return say(message('progress.local-time', { time: `${time.getFullYear()}-${two(time.getMonth() + 1)}-${two(time.getDate())} ${two(time.getHours())}:${two(time.getMinutes())}`, zone }), lang);
}

/** The sentence for a wait for the daily quota: how long, and until when. */
export function describeQuotaWait(event: { until: string; guess?: true }, now: number, lang: Lang): string {
  const until = new Date(event.until);
  const wait = { left: formatDuration(Math.max(0, until.getTime() - now)), at: formatLocalTime(until, lang) };
  return say(event.guess ? message('progress.wait-guessed', wait) : message('progress.wait-until', wait), lang);
}

/**
 * Draws the progress line in place on a terminal (carriage return and erase-line), at most four times a
 * second; draws nothing when disabled, so a log file never fills with frames. A wait for the quota can
 * last hours: without the line, it gets one plain line when it starts and one when sending goes on.
 */
export function createProgress(stream: { write(text: string): unknown }, enabled: boolean, lang: Lang = 'en', now: () => number = Date.now) {
  const said = (text: Message) => say(text, lang);
  const state: ProgressState = { total: 0, updated: 0, failed: 0, other: 0, retrying: new Set(), calls: [], startedAt: now() };
  let timer: NodeJS.Timeout | undefined;
  let drawn = false;
  // The end of the quota wait under way, if any.
  let waitingUntil: number | undefined;
  // Whether a call spends a unit a record: batches whose cost is not measured count as the larger, so the
  // quota left is never shown higher than it is (the next quota reading corrects it).
  let unitPerRecord = false;
  const resumed = (available?: number) => {
    waitingUntil = undefined;
    state.note = undefined;
    if (!enabled) stream.write(`${said(message('progress.quota-wait-over', available === undefined ? {} : { available }))}\n`);
  };
  const draw = () => {
    stream.write(`\r\u001b[2K${renderProgress(state, now(), lang)}`);
    drawn = true;
  };
  return {
    state,
    onEvent(event: JobEvent) {
      if (event.type === 'plan') {
        state.total = event.plan.toSend;
        state.startedAt = now();
        if (event.plan.quota) state.quotaLeft = event.plan.quota.available;
        unitPerRecord = event.plan.batch !== undefined && event.plan.batch.cost !== 'call';
        if (enabled && !timer) {
          timer = setInterval(draw, REDRAW_MS);
          timer.unref();
        }
      } else if (event.type === 'row') {
        const { result } = event;
        // A row finishing after the wait ended (the CRM gave no figures, so no quota event says so).
        if (waitingUntil !== undefined && now() >= waitingUntil - 1000) resumed();
        state.retrying.delete(result.rowNumber);
        if (result.status === 'updated') state.updated += 1;
        else if (result.status === 'failed') state.failed += 1;
        else state.other += 1;
        // Rows of a batch each count its calls; each call is counted on one of them (countedCalls).
        const made = result.countedCalls ?? result.attempts;
        state.calls.push([now(), made]);
        if (state.calls.length > 2000) state.calls.splice(0, 1000);
        if (state.quotaLeft !== undefined) state.quotaLeft = Math.max(0, state.quotaLeft - (unitPerRecord ? result.attempts : made));
      } else if (event.type === 'retry') {
        state.retrying.add(event.rowNumber);
      } else if (event.type === 'quota') {
        state.quotaLeft = event.info.available;
        if (waitingUntil !== undefined && event.info.available > 0) resumed(event.info.available);
      } else if (event.type === 'quota-wait') {
        waitingUntil = Date.parse(event.until);
        const wait = describeQuotaWait(event, now(), lang);
        state.note = said(message('progress.quota-wait', { wait }));
        if (!enabled) stream.write(`${said(message('progress.quota-wait-line', { wait }))}\n`);
      } else if (event.type === 'pause') {
        state.note = said(message('progress.paused', { left: formatDuration(event.ms), reason: said(event.said) }));
      } else if (event.type === 'stopping') {
        state.note = said(message('progress.stopping'));
      } else if (event.type === 'batch-size') {
        // Said once, as a line of its own (above the progress line on a terminal).
        stream.write(`${enabled ? '\r\u001b[2K' : ''}${said(message('progress.batches', { reason: said(event.said) }))}\n`);
      }
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
