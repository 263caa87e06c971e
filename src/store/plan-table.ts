import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { PlanRow, SourceRow, PlannedRow } from '../core/types.js';
import type { PlanDecision, PlanSink, PlanStart } from '../plan/row-plan.js';
import { cellsOf, planLine, PlanWriter, readPlanLine, type PlanEnd, type PlanMark } from './plan-file.js';
import { planLines, readPlan, type PlanRead } from './plan-reader.js';
import { PlanDecisions, type Decision } from './plan-decisions.js';
import type { RowTable } from './row-table.js';


/**
 * Where the check records its plan: each row's line goes to plan.ndjson as it is read, and what the row
 * is to the row table. Decisions made once the whole file is known (`--duplicates`) are kept until
 * `close`, which writes them into the rows they change in one pass over the plan (never the input).
 */
export class PlanRecorder implements PlanSink {
  readonly #file: string;
  readonly #table: RowTable;
  #writer: PlanWriter | undefined;
  #headers: readonly string[] = [];
  readonly #decisions = new PlanDecisions();
  readonly #failed: (error: unknown) => unknown;

  /** `failed` words a write that failed (a full disk) for the person: the plan must be whole before any call. */
  constructor(file: string, table: RowTable, failed: (error: unknown) => unknown = (error) => error) {
    this.#file = file;
    this.#table = table;
    this.#failed = failed;
  }

  start(input: PlanStart): void {
    this.#headers = input.headers;
    try {
      this.#writer = new PlanWriter(this.#file, input);
    } catch (error) {
      throw this.#failed(error);
    }
  }

  plan(ordinal: number, planned: PlannedRow, row: SourceRow): void {
    this.#table.plan(ordinal, planned);
    try {
      this.#writer?.row(planLine(planned, cellsOf(row, this.#headers)));
    } catch (error) {
      throw this.#failed(error);
    }
  }

  replan(ordinal: number, decision: PlanDecision): void {
    if (!('after' in decision)) this.#table.replan(ordinal, decision.action);
    this.#decisions.add(ordinal, decision);
  }

  action(ordinal: number): PlannedRow['action'] {
    return this.#table.action(ordinal);
  }

  /** Ends the plan (with the input's fingerprint), durable on disk before the first call; returns its mark. */
  async close(input?: PlanEnd['input']): Promise<PlanMark> {
    if (!this.#writer) throw new Error('The plan was never started');
    try {
      const mark = this.#writer.close(input);
      return this.#decisions.size === 0 ? mark : await rewrite(this.#file, this.#decisions);
    } catch (error) {
      throw this.#failed(error);
    }
  }

  /** Closes the plan as it is (the check failed, or was cancelled). */
  abort(): void {
    this.#writer?.abort();
  }
}

// The plan again with the decisions in their rows: the other lines are copied as they are.
async function rewrite(file: string, decisions: PlanDecisions): Promise<PlanMark> {
  const copy = await rewritePlan(file, (row) => {
    const decision = decisions.get(row.ordinal);
    return decision ? decided(row, decision) : undefined;
  }, (ordinal) => decisions.has(ordinal));
  copy.commit();
  return copy.mark;
}

/** A plan written again beside its name, durable, not yet in its place: `commit` renames it over the plan. */
export interface PlanCopy {
  readonly mark: PlanMark;
  readonly temporary: string;
  commit(): void;
}

/**
 * The plan copied with some rows changed: `change` gives a row's new line, or undefined to keep it as it
 * is (only the rows `touches` names are parsed; the rest are copied as text). The copy is whole and durable
 * on disk before `commit` puts it in the plan's place.
 */
export async function rewritePlan(file: string, change: (row: PlanRow) => string | undefined, touches: (ordinal: number) => boolean = () => true): Promise<PlanCopy> {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  let pending = '';
  const flush = () => {
    const buffer = Buffer.from(pending, 'utf8');
    pending = '';
    for (let offset = 0; offset < buffer.length; ) offset += fs.writeSync(fd, buffer, offset);
    hash.update(buffer);
    bytes += buffer.length;
  };
  try {
    let ordinal = -1;
    for await (const text of planLines(file)) {
      const isRow = !text.startsWith('{');
      if (isRow) ordinal += 1;
      const changed = isRow && touches(ordinal) ? change(readPlanLine(text, ordinal)) : undefined;
      pending += `${changed ?? text}\n`;
      if (pending.length >= 1 << 16) flush();
    }
    flush();
    fs.fdatasyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return { mark: { bytes, sha256: hash.digest('hex') }, temporary, commit: () => fs.renameSync(temporary, file) };
}

function decided(row: PlanRow, decision: Decision): string {
  const { ordinal: _ordinal, cells, ...planned } = row;
  const changed: PlannedRow = {
    ...planned,
    ...(decision.action ? { action: decision.action } : {}),
    ...(decision.after === undefined ? {} : { after: decision.after }),
  };
  if (decision.action) {
    const { message: _message, said: _said, ...rest } = changed;
    return planLine(decision.message === undefined ? rest : { ...rest, message: decision.message, ...(decision.said ? { said: decision.said } : {}) }, cells);
  }
  return planLine(changed, cells);
}

/** A run's plan as a later session (resume, verify, undo) reads it back into its row table. */
export interface LoadedPlan extends PlanRead {
  /** `--duplicates all`: the row each later row of an id goes after. */
  readonly after: ReadonlyMap<number, number>;
}

/**
 * Reads the run's plan into `table`, row by row, refusing one that is not exactly the plan the run recorded
 * (`mark`, from run.json): the rows are what the run checked, whatever the input holds now.
 */
export async function loadPlan(file: string, mark: PlanMark, table: RowTable): Promise<LoadedPlan> {
  const after = new Map<number, number>();
  const read = await readPlan(
    file,
    (row) => {
      table.plan(row.ordinal, row);
      if (row.after !== undefined) after.set(row.ordinal, row.after);
    },
    mark,
  );
  return { ...read, after };
}
