import { message, type Message } from '../core/say.js';
import type { FieldType } from '../mapping/types.js';
import { sameValue, type fieldRules } from '../plan/unchanged.js';
import type { BeforeValues } from '../store/snapshot-file.js';

/** A record the undone run updated: what its rows sent (the last value of each field), and its values before. */
export interface UndoneRecord {
  readonly id: string;
  readonly sent: Readonly<Record<string, unknown>>;
  /** Its values before the run, from before.csv (null: the snapshot did not find it). */
  readonly before: BeforeValues;
}

/** What undo sends, what it lists in left-alone.csv, and the plan's sentences about it. */
export interface UndoPlan {
  /** The undo input's lines: the id, then a cell per label (a value as JSON to put back, or empty: not sent). */
  readonly rows: string[][];
  /** left-alone.csv's lines: id, field, why, sent, now, before (values as JSON). */
  readonly listed: string[][];
  readonly putBack: number;
  readonly leftAlone: number;
  readonly overwritten: number;
  readonly notes: Message[];
}

// Typed fields are sent as objects; their read form is unpublished. Only a value read back as such an
// object (or, for a table, its rows) can be sent back as it was.
const OBJECT_TYPES = new Set<FieldType>(['address', 'search', 'currency', 'telephone']);
const restorable = (type: FieldType, value: unknown) =>
  OBJECT_TYPES.has(type) ? value !== null && typeof value === 'object' && !Array.isArray(value) && 'type' in value : type === 'table' ? Array.isArray(value) || (value !== null && typeof value === 'object' && 'type' in value) : true;
const isEmpty = (value: unknown) => value === undefined || value === null || value === '';
const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

export const EDITED = 'edited since the run';
export const OVERWRITTEN = 'edited since the run: overwritten (--overwrite-later-edits)';
const GONE = 'no longer in the CRM';
const UNRESTORABLE_TEXT = 'read back in a form that cannot be sent back as a typed field ';
const UNRESTORABLE = /^read back in a form that cannot be sent back as a typed field \((.*)\)$/;
const NOT_IN_SNAPSHOT = 'not in the snapshot';

/**
 * Decides, field by field, what undo puts back: only a field the run sent whose CRM value is still what
 * the run sent goes back to its value before the run (empty ones cleared). A field edited since by someone
 * else is left alone (put back anyway with `overwrite`), as are the fields of a record gone from the CRM,
 * of one the snapshot did not find, and a typed value that did not read back in a form that can be sent;
 * each is listed. A field put back by hand since (it holds its value before again) is neither sent nor
 * listed, and a record with nothing to put back is not sent at all.
 */
export function planUndo(input: {
  readonly labels: readonly string[];
  readonly rules: ReturnType<typeof fieldRules>;
  readonly records: Iterable<UndoneRecord>;
  /** Each record as read now (null: the CRM no longer has it). */
  readonly now: ReadonlyMap<string, BeforeValues>;
  readonly overwrite: boolean;
  /** left-alone.csv's path, named in the notes. */
  readonly file: string;
}): UndoPlan {
  const rows: string[][] = [];
  const listed: string[][] = [];
  const counts = { putBack: 0, leftAlone: 0, overwritten: 0 };
  // The plan's sentences, counted: by field and why, or by record for a record left alone whole.
  const byField = new Map<string, { label: string; why: string; records: number }>();
  const byRecord = new Map<string, number>();
  for (const record of input.records) {
    const now = input.now.get(record.id) ?? null;
    const whole = record.before === null ? NOT_IN_SNAPSHOT : now === null ? GONE : undefined;
    const labels = input.labels.filter((label) => label in record.sent);
    if (whole && labels.length > 0) byRecord.set(whole, (byRecord.get(whole) ?? 0) + 1);
    const cells = new Map<string, string>();
    for (const label of labels) {
      const [sent, before, held] = [record.sent[label], record.before?.[label], now?.[label]];
      const decision = whole ?? decide(sent, before, held, input.rules.get(label) ?? { type: 'string', trim: true }, input.overwrite);
      if (decision === 'already') continue;
      if (decision !== 'put back') {
        listed.push([record.id, label, decision, json(sent), json(held), json(before)]);
        if (decision === OVERWRITTEN) counts.overwritten += 1;
        else counts.leftAlone += 1;
        const key = `${label}\u0000${decision}`;
        if (!whole) byField.set(key, { label, why: decision, records: (byField.get(key)?.records ?? 0) + 1 });
        if (decision !== OVERWRITTEN) continue;
      }
      cells.set(label, JSON.stringify(isEmpty(before) ? '' : before));
      counts.putBack += 1;
    }
    if (cells.size > 0) rows.push([record.id, ...input.labels.map((label) => cells.get(label) ?? '')]);
  }
  const notes = [
    ...[...byField.values()].map(({ label, why, records }) => fieldNote(label, why, records, input.file)),
    ...[...byRecord].map(([why, records]) => message('undo.note-records', { records, gone: why === GONE, file: input.file })),
  ];
  return { rows, listed, ...counts, notes };
}

// One field of a record both read before the run and read now: put back (its value is still what the run
// sent), already back at its value before (by someone else's hand: nothing to send), or why not.
function decide(sent: unknown, before: unknown, held: unknown, rule: Parameters<typeof sameValue>[2], overwrite: boolean): 'already' | 'put back' | string {
  if (!isEmpty(before) && !restorable(rule.type, before)) return `${UNRESTORABLE_TEXT}(${rule.type})`;
  if (sameValue(sent, held, rule)) return 'put back';
  if (sameValue(isEmpty(before) ? '' : before, held, rule)) return 'already';
  return overwrite ? OVERWRITTEN : EDITED;
}

function fieldNote(label: string, why: string, records: number, file: string): Message {
  const type = UNRESTORABLE.exec(why)?.[1];
  return message('undo.note-field', { label, records, file, why: why === EDITED ? 'edited' : why === OVERWRITTEN ? 'overwritten' : { type: type ?? why } });
}
