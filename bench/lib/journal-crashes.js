import fs from 'node:fs';
import { idFor } from './inputs.js';

/** The journal's lines, a line cut by a kill left out. */
function journalLines(journalFile) {
  const lines = [];
  for (const text of fs.readFileSync(journalFile, 'utf8').split('\n')) {
    if (text === '') continue;
    try {
      lines.push(JSON.parse(text));
    } catch {
      // a line cut by the kill
    }
  }
  return lines;
}

/**
 * What each session that ended without finishing left, read from the journal alone: the rows whose
 * outcome it left unknown (a call begun for them, and no later line giving their outcome, saying their
 * batch is being narrowed down, or answering their call with an answer that was to be retried anyway),
 * and the batches it left being narrowed down. A format-1 journal (before issue 17) has no answer or
 * narrow lines: every row begun and without an outcome is unknown there.
 */
export function crashesOf(journalFile) {
  const crashes = [];
  let callOf = new Map();
  let retried = new Set();
  let narrowing = new Map();
  let sessions = 0;
  let calls = 0;
  let lastRow;
  const end = () => ({ unknown: [...callOf].filter(([, call]) => !retried.has(call)).length, narrowing: new Set(narrowing.values()).size, narrowingRows: narrowing.size });
  for (const line of journalLines(journalFile)) {
    if (line.t === 'session') {
      if (sessions > 0) crashes.push(end());
      sessions += 1;
      lastRow = undefined;
      callOf = new Map();
      retried = new Set();
    } else if (line.t === 'begin') {
      calls += 1;
      for (const ordinal of [line.o].flat()) callOf.set(ordinal, calls);
    } else if (line.t === 'answer' && line.r) retried.add(line.c);
    else if (line.t === 'narrow') {
      for (const ordinal of line.o) {
        callOf.delete(ordinal);
        narrowing.set(ordinal, line.c);
      }
    } else if (line.t === 'row' || line.t === 'same') {
      // A `same` line (format 3) is a row with the last row line's outcome.
      if (line.t === 'row') lastRow = line.row;
      const ordinal = line.t === 'row' ? line.row.ordinal : line.o;
      callOf.delete(ordinal);
      if (lastRow && (lastRow.status === 'updated' || (lastRow.status === 'failed' && lastRow.kind === 'row'))) narrowing.delete(ordinal);
    }
  }
  // The last session is the one that finished the run: only those before it ended in a crash.
  return crashes;
}

/** Ids the CRM applied whose rows have no begin line in the journal: calls that left without a trace. */
export function appliedWithoutBegin(journalFile, ledger) {
  const begun = new Set();
  for (const line of journalLines(journalFile)) if (line.t === 'begin') for (const ordinal of [line.o].flat()) begun.add(idFor(ordinal + 1));
  return [...new Set(ledger.map((entry) => entry.id))].filter((id) => !begun.has(id));
}
