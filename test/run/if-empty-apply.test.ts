import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { resumeRun } from '../../src/run/resume.js';
import { runUpdate } from '../../src/run/update.js';
import { readRunFile, writeRunFile } from '../../src/store/run-file.js';
import { runPaths } from '../../src/store/run-folder.js';
import { mockServer, tempDir, TOKEN } from '../helpers.js';
import { FAST } from './fixtures.js';

const crm: MockRecord[] = [
  { wolkvox_id: 'r1', Nombre: '', Ciudad: 'Pasto' },
  { wolkvox_id: 'r2', Nombre: 'Ana', Ciudad: 'Pasto' },
  { wolkvox_id: 'r3', Nombre: 'Beto', Ciudad: 'Pasto' },
];

function job(lines = ['r1,Nora,Cali', 'r2,Ana María,Cali', 'r3,Roberto,']) {
  const dir = tempDir();
  const file = path.join(dir, 'datos.csv');
  fs.writeFileSync(file, `id,Nombre,Ciudad\n${lines.join('\n')}\n`);
  const mapping = path.join(dir, 'm.json');
  fs.writeFileSync(mapping, JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: { column: 'Nombre', write: 'if-empty' }, Ciudad: 'Ciudad' } }));
  return { file, mapping, out: path.join(dir, 'run') };
}

describe('the if-empty decisions written into the plan (issue 19)', () => {
  it('run.json records them: the plan holds the bodies as sent, and a row with nothing left is unchanged', async () => {
    const server = await mockServer({ records: crm });
    const files = job();
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, ...FAST });
    expect(summary.counts).toMatchObject({ updated: 2, unchanged: 1 });
    const paths = runPaths(files.out);
    expect(readRunFile(paths).ifEmpty).toEqual({ applied: true });
    const rows = fs.readFileSync(paths.plan, 'utf8').split('\n').filter((line) => line.startsWith('[')).map((line) => {
      const [rowNumber, action, id, fields, message] = JSON.parse(line);
      return message ? [rowNumber, action, id, fields, message] : [rowNumber, action, id, fields];
    });
    expect(rows).toEqual([
      [2, 'send', 'r1', { Nombre: 'Nora', Ciudad: 'Cali' }],
      [3, 'send', 'r2', { Ciudad: 'Cali' }, 'Nombre kept as the CRM has them (write: if-empty); the other fields sent'],
      [4, 'unchanged', 'r3', {}, 'nothing to write: Nombre kept as the CRM has them (write: if-empty)'],
    ]);
  });

  it('with --skip-unchanged: what is left once the if-empty fields are kept is compared with the CRM', async () => {
    const server = await mockServer({ records: crm });
    // r2: Nombre kept, and its Ciudad is the CRM's already.
    const files = job(['r1,Nora,Cali', 'r2,Ana María,Pasto', 'r3,Roberto,']);
    const summary = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, skipUnchanged: true, ...FAST });
    expect(summary.counts).toMatchObject({ updated: 1, unchanged: 2 });
    expect(server.ledger.map((entry) => [entry.id, entry.fields])).toEqual([['r1', { Nombre: 'Nora', Ciudad: 'Cali' }]]);
    expect(server.stats.queryDatesCalls + server.stats.queryCalls).toBe(1);
  });

  it('a crash after the decided plan took the old one\'s place, before run.json said so: resume brings run.json up to it and sends the rest as decided', async () => {
    const server = await mockServer({ records: crm });
    const files = job();
    // The module read and r1's update, then the budget stops the run.
    const stopped = await runUpdate({ file: files.file, mapping: files.mapping, server: server.url, token: TOKEN, out: files.out, maxCalls: 2, concurrency: 1, ...FAST });
    expect(stopped.stopReason).toBe('max-calls');
    const paths = runPaths(files.out);
    const run = readRunFile(paths);
    // As the crash left it: the decided plan on disk, run.json still naming the plan before it.
    writeRunFile(paths, { ...run, plan: { bytes: 1, sha256: '0'.repeat(64) }, ifEmpty: { appliedPlan: run.plan as NonNullable<typeof run.plan> } });
    const reads = server.stats.queryDatesCalls + server.stats.queryCalls;
    const resumed = await resumeRun({ runDir: files.out, server: server.url, token: TOKEN, maxCalls: 0, ...FAST });
    expect(resumed.counts).toMatchObject({ updated: 2, unchanged: 1 });
    expect(server.stats.queryDatesCalls + server.stats.queryCalls).toBe(reads);
    expect(server.ledger.map((entry) => [entry.id, entry.fields]).sort()).toEqual([['r1', { Nombre: 'Nora', Ciudad: 'Cali' }], ['r2', { Ciudad: 'Cali' }]]);
    expect(readRunFile(paths)).toMatchObject({ plan: run.plan, ifEmpty: { applied: true } });
  });
});
