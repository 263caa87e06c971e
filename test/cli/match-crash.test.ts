import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/record-store.js';
import { CLI, mockServer, runCli, tempDir, TOKEN, until } from '../helpers.js';
import { readResults } from '../run/fixtures.js';

/** `rows` rows keyed by Documento against as many records holding it, the mapping matching by it. */
function matchJob(rows: number) {
  const dir = tempDir();
  const file = path.join(dir, 'clientes.csv');
  fs.writeFileSync(file, `Documento,Nombre\n${Array.from({ length: rows }, (_, n) => `${1000 + n},Cliente ${n}`).join('\n')}\n`);
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', match: { column: 'Documento', field: 'documento' }, fields: { Nombre: 'Nombre' } }));
  const records: MockRecord[] = Array.from({ length: rows }, (_, n) => ({ wolkvox_id: `r${n}`, documento: String(1000 + n), Nombre: 'antes' }));
  return { dir, file, mapping, out: path.join(dir, 'run'), records };
}

// The lines of keys.ndjson of one kind, as the killed process left them (a line cut short is no read).
function journalled(out: string, kind: 'key' | 'page'): number {
  const file = path.join(out, 'keys.ndjson');
  if (!fs.existsSync(file)) return 0;
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith(`{"t":"${kind}"`) && line.endsWith('}')).length;
}

describe('SIGKILL during key resolution, then resume (issue 19)', () => {
  it.each([
    { by: 'query', rows: 300, reads: 'queryCalls', killAfter: 60, kind: 'key', total: 300 },
    { by: 'module', rows: 900, reads: 'queryDatesCalls', killAfter: 2, kind: 'page', total: 4 },
  ] as const)('--match-by $by: the resume reads only what the journal does not hold, and every row is applied once', async ({ by, rows, reads, killAfter, kind, total }) => {
    const job = matchJob(rows);
    const server = await mockServer({ records: job.records, latencyMs: 15 });
    const env = { ...process.env, WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server.url };
    const first = spawn(process.execPath, [CLI, 'update', job.file, '-m', job.mapping, '--out', job.out, '--match-by', by, '--yes', '--quiet'], { env });
    await until(() => server.stats[reads] >= killAfter);
    first.kill('SIGKILL');
    await once(first, 'close');
    expect(server.ledger).toHaveLength(0);
    const readAtKill = server.stats[reads];
    const known = journalled(job.out, kind);
    // What was journalled was read; at most the reads in flight (2 at a time) were read and not journalled.
    expect(known).toBeGreaterThan(0);
    expect(known).toBeLessThan(total);
    expect(readAtKill - known).toBeGreaterThanOrEqual(0);
    expect(readAtKill - known).toBeLessThanOrEqual(2);

    const resumed = await runCli(['resume', job.out, '--yes'], { env: { WOLKVOX_TOKEN: TOKEN } });
    expect(resumed.code, resumed.stderr).toBe(0);
    // The plan says what the journal holds already, before anything is read.
    const already = by === 'query' ? `(${known} found already)` : `(${known} module page${known === 1 ? '' : 's'} read already)`;
    expect(resumed.stdout + resumed.stderr).toContain(`match by documento (compared exact): ${rows} keys to find once you confirm ${already}`);
    const summary = JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8')) as { counts: Record<string, number>; match: Record<string, unknown> };
    expect(summary.counts.updated).toBe(rows);
    expect(summary.match).toMatchObject({ keys: rows, by, found: rows, notFound: 0, ambiguous: 0 });
    // No read the journal holds is made again: the resume reads exactly the rest.
    expect(server.stats[reads] - readAtKill).toBe(total - known);
    expect(server.stats[by === 'query' ? 'queryDatesCalls' : 'queryCalls']).toBe(0);
    expect(server.ledger).toHaveLength(rows);
    expect(new Set(server.ledger.map((entry) => entry.id)).size).toBe(rows);
    expect(server.records().every((record) => record.Nombre === `Cliente ${String(record.wolkvox_id).slice(1)}`)).toBe(true);
    expect(readResults(job.out).map((row) => row._wvx_id)).toEqual(job.records.map((record) => record.wolkvox_id));
  });
});
