import { describe, expect, it } from 'vitest';
import { createBatchSizer } from '../../src/send/batch-size.js';
import type { JobEvent } from '../../src/core/events.js';

describe('createBatchSizer: the size a job says it used', () => {
  it('is the largest size the CRM took, not the next size the search would try', () => {
    const events: JobEvent[] = [];
    const sizer = createBatchSizer(100, (event) => events.push(event));
    sizer.tooLarge(100, '413');
    expect(sizer.size).toBe(50);
    sizer.tooLarge(50, '413');
    expect(sizer.size).toBe(25);
    sizer.took(25);
    // The search would try 37 next; a job that ended here sent 25 at most.
    expect(sizer.size).toBe(37);
    expect(sizer.summary().used).toBe(25);
    expect(sizer.claim(37)).toBe(true);
    sizer.took(37);
    expect(sizer.size).toBe(43);
    expect(sizer.summary().used).toBe(37);
  });

  it('is the size asked for when the CRM never refused one, and 1 when its answers cannot confirm a batch', () => {
    const sizer = createBatchSizer(40, () => undefined);
    sizer.took(40);
    expect(sizer.summary().used).toBe(40);
    sizer.noCount();
    expect(sizer.summary()).toMatchObject({ used: 1, unconfirmable: true });
  });
});
