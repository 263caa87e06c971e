// Issue 17 item 1: a batch being narrowed down when its session ended is gone on with by resume, from
// where it was: not sent again as a new batch (which re-applies every record of it, and narrows it down
// all over again).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BadRecordPolicy } from '../../src/mock/update-many-options.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor, readResults } from './fixtures.js';

const ROWS = 40;
const MISSING = idFor(30);

describe('resume goes on narrowing down a batch (issue 17, item 1)', () => {
  it.each(['skip', 'refuse', 'refuse-after-applying'] as BadRecordPolicy[])('a batch of 40 with a missing id (%s), stopped right after its first answer', async (badRecord) => {
    const knownIds = Array.from({ length: ROWS }, (_, n) => idFor(n + 1)).filter((id) => id !== MISSING);
    const server = await mockServer({ knownIds, updateMany: { badRecord } });
    const job = csvJob(ROWS);
    // --max-calls counts quota units, one a record until a batch call's cost is measured: one batch of 40.
    // In Spanish: the notes the resume infers itself are worded in the run's language.
    const first = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, batchSize: ROWS, maxCalls: ROWS, lang: 'es', ...FAST });
    expect(first.stopReason).toBe('max-calls');
    expect(server.stats.updateManyCalls).toBe(1);
    const appliedBefore = server.ledger.length;

    const resumed = await resumeRun({ runDir: job.out, token: TOKEN, maxCalls: 100, ...FAST });
    expect(resumed.counts).toMatchObject({ updated: ROWS - 1, failed: 1 });
    expect(resumed.resent).toBe(0);
    const failed = readResults(job.out).filter((row) => row._wvx_status === 'failed');
    expect(failed.map((row) => row._wvx_id)).toEqual([MISSING]);
    // The resume's calls (its begin lines): halves and single rows, never the whole batch again.
    const lines = fs.readFileSync(path.join(job.out, 'journal.ndjson'), 'utf8').trimEnd().split('\n').map((text) => JSON.parse(text));
    const resumeBegins = lines.slice(lines.findLastIndex((line) => line.t === 'session')).filter((line) => line.t === 'begin');
    expect(resumeBegins.length).toBeGreaterThan(0);
    for (const line of resumeBegins) expect([line.o].flat().length).toBeLessThanOrEqual(ROWS / 2);
    // What the CRM applied in the resume: a count confirms the second half without sending it.
    if (badRecord === 'skip') {
      expect(server.ledger.length - appliedBefore).toBeLessThan(ROWS);
      // Those rows' note is the run's inference from the counts, in the run's language.
      // They are the rows the resume did not send again.
      const inferred = readResults(job.out).filter((row) => row._wvx_message?.startsWith('aplicada por la solicitud 1 '));
      expect(inferred.length).toBeGreaterThan(0);
      expect(inferred[0]?._wvx_message).toBe('aplicada por la solicitud 1 (lo muestran su conteo y los de las solicitudes que dividieron su lote)');
      expect(inferred.every((row) => row._wvx_status === 'updated')).toBe(true);
      const sentAgain = new Set(server.ledger.slice(appliedBefore).map((entry) => entry.id));
      expect(inferred.filter((row) => sentAgain.has(row._wvx_id ?? ''))).toEqual([]);
      // The journal keeps the note's English beside its code (summary.json and a later English report read it).
      const journalText = fs.readFileSync(path.join(job.out, 'journal.ndjson'), 'utf8');
      expect(journalText).toContain('applied by call 1 (its count and those of the calls that narrowed its batch down show it)');
      expect(journalText).toContain('"code":"note.applied-by-narrowing"');
    }
    // A count says where the missing one is: one call a level (log₂40 + 1 at most); a refusal sends both halves.
    const bound = badRecord === 'skip' ? Math.ceil(Math.log2(ROWS)) + 1 : 2 * Math.ceil(Math.log2(ROWS));
    expect(resumed.calls - first.calls).toBeLessThanOrEqual(bound);
  });
});
