import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { runUpdate } from '../../src/run/update.js';
import { mockServer, TOKEN } from '../helpers.js';
import { csvJob, FAST, idFor } from './fixtures.js';

const records = (rows: number): MockRecord[] => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: 'Antes', Ciudad: 'Bogotá' }));

type Job = ReturnType<typeof csvJob>;

describe('--reuse-preview: a preview\'s reads only for the same plan, server and module (issue 19)', () => {
  it.each([
    { name: 'the mapping changed', code: 'mapping-changed', change: (job: Job) => fs.writeFileSync(job.mapping, JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } })) },
    { name: 'other rows are planned (--duplicates)', code: 'rows-changed', given: { duplicates: 'last' as const } },
    { name: 'another server', code: 'other-server', otherServer: true },
    { name: 'another module', code: 'other-module', given: { module: 'leads' } },
  ])('reads again when $name', async ({ code, change, given, otherServer }) => {
    const server = await mockServer({ records: records(6) });
    const other = await mockServer({ records: records(6) });
    // Row 6 repeats row 5's id: --duplicates first for the preview.
    const job = csvJob(6, { edit: (n, row) => (n === 6 ? [idFor(5), ...row.slice(1)] : row) });
    const preview = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, previewChanges: true, duplicates: 'first', ...FAST });
    expect(preview.changes?.rows).toMatchObject({ change: 5, skipped: 1 });
    change?.(job);
    const target = otherServer ? other : server;
    const readsBefore = target.stats.queryCalls + target.stats.queryDatesCalls;
    const out = path.join(job.dir, 'real');
    const real = await runUpdate({ file: job.file, mapping: job.mapping, server: target.url, token: TOKEN, out, reusePreview: job.out, skipUnchanged: true, duplicates: 'first', ...given, ...FAST });
    expect(real.reusedPreview).toMatchObject({ from: job.out, reused: false, code });
    expect(target.stats.queryCalls + target.stats.queryDatesCalls).toBeGreaterThan(readsBefore);
  });

  it('reads again from a run that was not a preview, or a preview stopped during its reads', async () => {
    const server = await mockServer({ records: records(600), latencyMs: 5 });
    const job = csvJob(600);
    const notPreview = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: job.out, limit: 1, ...FAST });
    expect(notPreview.stopReason).toBe('limit');
    const controller = new AbortController();
    const stopped = path.join(job.dir, 'stopped');
    const cut = await runUpdate({
      file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: stopped, previewChanges: true, snapshot: 'module', signal: controller.signal, ...FAST,
      onEvent: (event) => event.type === 'reading' && event.done === 1 && controller.abort(),
    });
    expect(cut.stopReason).toBe('interrupted');
    expect(cut.changes).toBeUndefined();
    expect(fs.existsSync(path.join(stopped, 'preview.csv'))).toBe(false);
    for (const [from, code] of [[job.out, 'not-a-preview'], [stopped, 'not-finished'], [path.join(job.dir, 'nowhere'), 'not-a-preview']] as const) {
      const real = await runUpdate({ file: job.file, mapping: job.mapping, server: server.url, token: TOKEN, out: path.join(job.dir, `real-${code}-${path.basename(from)}`), reusePreview: from, limit: 1, ...FAST });
      expect(real.reusedPreview, from).toMatchObject({ reused: false, code });
    }
  });

  it('refuses reusing a preview in a preview, and --verify with one, naming the options', async () => {
    const job = csvJob(1);
    await expect(runUpdate({ file: job.file, mapping: job.mapping, server: 'http://127.0.0.1:9', token: TOKEN, previewChanges: true, reusePreview: job.out })).rejects.toThrow('Not both: `previewChanges` and `reusePreview`: a preview reads the CRM itself.');
    await expect(runUpdate({ file: job.file, mapping: job.mapping, server: 'http://127.0.0.1:9', token: TOKEN, previewChanges: true, verify: true })).rejects.toThrow('Not both: `previewChanges` and `verify`: a preview sends nothing to read back.');
  });
});
