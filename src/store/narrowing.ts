/**
 * A batch being narrowed down: rows sent together in a call whose answer did not confirm them each, and
 * what is known of them (`missing`: how many of them the CRM did not apply, when its count said so). A
 * resume goes on narrowing them down from here instead of sending them again as a new batch.
 */
export interface NarrowingGroup {
  /** The call whose answer left these rows unconfirmed. */
  readonly call: number;
  readonly missing?: number;
  /** In file order. */
  readonly members: readonly number[];
}

interface Group {
  readonly call: number;
  missing: number | undefined;
  readonly members: Set<number>;
}

/**
 * The batches being narrowed down, as the journal's `narrow` lines and the rows' outcomes leave them. The
 * count of the missing stays right as rows leave a group: a row the CRM refused on its own was one of the
 * missing; a part that leaves with a count of its own takes that many of them along. Only a row with a
 * verdict of its own leaves its group: one the job stopped before confirming stays, for a resume.
 */
export class NarrowingGroups {
  readonly #groups = new Set<Group>();
  readonly #groupOf = new Map<number, Group>();

  /** Rows `o`, answered together by `call`, not confirmed: `missing` of them were not applied, when known. */
  narrow(ordinals: readonly number[], missing: number | undefined, call: number): void {
    const from = new Set<Group>();
    for (const ordinal of ordinals) {
      const group = this.#groupOf.get(ordinal);
      if (group) from.add(group);
    }
    for (const group of from) {
      for (const ordinal of ordinals) group.members.delete(ordinal);
      // A part of one group with a count of its own holds that many of the group's missing; anything
      // else (a part without a count, rows of several groups or none) leaves the rest's count unknown.
      const part = from.size === 1 && ordinals.every((ordinal) => this.#groupOf.get(ordinal) === group);
      group.missing = part && missing !== undefined && group.missing !== undefined && group.missing >= missing ? group.missing - missing : undefined;
      if (group.members.size === 0) this.#groups.delete(group);
    }
    const group: Group = { call, missing, members: new Set(ordinals) };
    this.#groups.add(group);
    for (const ordinal of ordinals) this.#groupOf.set(ordinal, group);
  }

  /** A row's outcome: with a verdict of its own (`updated`, or refused for itself: `refused`), it leaves. */
  settle(ordinal: number, verdict: 'updated' | 'refused' | undefined): void {
    const group = this.#groupOf.get(ordinal);
    if (!group || verdict === undefined) return;
    this.#groupOf.delete(ordinal);
    group.members.delete(ordinal);
    if (verdict === 'refused' && group.missing !== undefined) group.missing = group.missing > 0 ? group.missing - 1 : undefined;
    if (group.members.size === 0) this.#groups.delete(group);
  }

  has(ordinal: number): boolean {
    return this.#groupOf.has(ordinal);
  }

  members(): IterableIterator<number> {
    return this.#groupOf.keys();
  }

  /** The groups now, members in file order. */
  list(): NarrowingGroup[] {
    return [...this.#groups].map((group) => ({
      call: group.call,
      ...(group.missing === undefined ? {} : { missing: group.missing }),
      members: [...group.members].sort((a, b) => a - b),
    }));
  }
}
