import type { Message } from '../core/say.js';
import type { PlannedRow } from '../core/types.js';
import type { PlanDecision } from '../plan/row-plan.js';

/** What the check decided of a row once the whole file was known: its new action and message, or the row it goes after. */
export interface Decision {
  action?: PlannedRow['action'];
  message?: string | undefined;
  said?: Message | undefined;
  after?: number;
}

const NONE = -1;

/**
 * The decisions the check makes once the whole file is known (`--duplicates`), kept until the plan is
 * written again: about 20 bytes a decided row in typed arrays, their texts (actions, messages) each kept
 * once. A map of an object a row took some 200 bytes a row: a million rows of one id held 200 MB.
 */
export class PlanDecisions {
  #ordinals = new Uint32Array(1024);
  #actions = new Int32Array(1024);
  #messages = new Int32Array(1024);
  // A message's code and parameters as JSON text, kept once like the others.
  #saids = new Int32Array(1024);
  #after = new Int32Array(1024);
  #count = 0;
  readonly #texts: string[] = [];
  readonly #textAt = new Map<string, number>();
  // Positions by ordinal, once asked (decisions come in any order; the plan is read in order).
  #byOrdinal: Uint32Array | undefined;

  get size(): number {
    return this.#count;
  }

  add(ordinal: number, decision: PlanDecision): void {
    if (this.#count === this.#ordinals.length) this.#grow();
    const at = this.#count;
    this.#ordinals[at] = ordinal;
    const decided = 'after' in decision ? { after: decision.after } : decision;
    this.#actions[at] = 'action' in decided && decided.action !== undefined ? this.#text(decided.action) : NONE;
    this.#messages[at] = 'message' in decided && decided.message !== undefined ? this.#text(decided.message) : NONE;
    this.#saids[at] = 'said' in decided && decided.said !== undefined ? this.#text(JSON.stringify(decided.said)) : NONE;
    this.#after[at] = 'after' in decided && decided.after !== undefined ? decided.after : NONE;
    this.#count += 1;
    this.#byOrdinal = undefined;
  }

  has(ordinal: number): boolean {
    return this.#first(ordinal) >= 0;
  }

  /** The row's decisions, merged (a later one wins), or undefined. */
  get(ordinal: number): Decision | undefined {
    const order = this.#order();
    let index = this.#first(ordinal);
    if (index < 0) return undefined;
    const decision: Decision = {};
    for (; index < this.#count && this.#ordinals[order[index] as number] === ordinal; index += 1) {
      const at = order[index] as number;
      const action = this.#actions[at] as number;
      const message = this.#messages[at] as number;
      const said = this.#saids[at] as number;
      const after = this.#after[at] as number;
      if (after !== NONE) decision.after = after;
      else {
        if (action !== NONE) decision.action = this.#texts[action] as PlannedRow['action'];
        decision.message = message === NONE ? undefined : this.#texts[message];
        decision.said = said === NONE ? undefined : (JSON.parse(this.#texts[said] as string) as Message);
      }
    }
    return decision;
  }

  #text(text: string): number {
    let at = this.#textAt.get(text);
    if (at === undefined) {
      at = this.#texts.length;
      this.#texts.push(text);
      this.#textAt.set(text, at);
    }
    return at;
  }

  // The first position (in ordinal order) of the ordinal's decisions, or −1.
  #first(ordinal: number): number {
    const order = this.#order();
    let from = 0;
    let to = this.#count;
    while (from < to) {
      const middle = (from + to) >>> 1;
      if ((this.#ordinals[order[middle] as number] as number) < ordinal) from = middle + 1;
      else to = middle;
    }
    return from < this.#count && this.#ordinals[order[from] as number] === ordinal ? from : -1;
  }

  // Positions sorted by ordinal, then by when they came (a later decision of a row after an earlier one).
  #order(): Uint32Array {
    if (this.#byOrdinal) return this.#byOrdinal;
    const keys = new BigUint64Array(this.#count);
    for (let at = 0; at < this.#count; at += 1) keys[at] = (BigInt(this.#ordinals[at] as number) << 32n) | BigInt(at);
    keys.sort();
    const order = new Uint32Array(this.#count);
    for (let at = 0; at < this.#count; at += 1) order[at] = Number((keys[at] as bigint) & 0xffffffffn);
    this.#byOrdinal = order;
    return order;
  }

  #grow(): void {
    const size = this.#ordinals.length * 2;
    const grown = <T extends Uint32Array | Int32Array>(array: T, bigger: T): T => {
      bigger.set(array);
      return bigger;
    };
    this.#ordinals = grown(this.#ordinals, new Uint32Array(size));
    this.#actions = grown(this.#actions, new Int32Array(size));
    this.#messages = grown(this.#messages, new Int32Array(size));
    this.#saids = grown(this.#saids, new Int32Array(size));
    this.#after = grown(this.#after, new Int32Array(size));
  }
}
