import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MockRecord } from '../../src/mock/index.js';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { call } from '../mock/calls.js';
import { csvJob, idFor } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });
const records = (rows: number): MockRecord[] => Array.from({ length: rows }, (_, index) => ({ wolkvox_id: idFor(index + 1), Nombre: `Antes ${index + 1}`, Ciudad: 'Pasto' }));

/** 20 records updated with --snapshot, then record 3's Nombre edited in the CRM by someone else. */
async function updatedThenEdited() {
  const server = await mockServer({ records: records(20) });
  const job = csvJob(20, { edit: (n, row) => [row[0] as string, `Nuevo ${n}`, 'Cali'] });
  expect((await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--snapshot', '--yes', '--quiet'], { env: env(server.url) })).code).toBe(0);
  await call(server.url, 'update', { operation: 'op', module: 'contacts', 'wolkvox-id': idFor(3), fields: { Nombre: 'Editado a mano' } });
  return { server, job };
}

describe('wolkvox-bulk undo: later edits by others (issue 17 item 4)', () => {
  it('leaves a field edited since the run alone and says so (plan, summary, left-alone.csv); a second undo of the run is refused', async () => {
    const { server, job } = await updatedThenEdited();
    const out = path.join(job.dir, 'undo');
    const result = await runCli(['undo', job.out, '--out', out, '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(out, 'left-alone.csv');
    expect(result.stderr).toContain('warning: read 20 records before putting anything back: 1 call (apart from the undo\'s own calls)');
    expect(result.stderr).toContain(`warning: 'Nombre' was edited since the run on 1 record: left alone (listed in ${file}; --overwrite-later-edits puts it back too)`);
    expect(result.stdout).toMatch(new RegExp(`^Done: every row updated\\. 1 field left alone: edited since the run, or not put back for another reason \\(listed in ${file.replace(/[/.]/g, '.')}\\)\\.\\n`));
    expect(result.stdout).toContain(`  undo: read 20 records first (1 call, apart from the undo's): 39 fields put back, 1 left alone (listed in ${file})`);
    expect(fs.readFileSync(file, 'utf8')).toContain(`${idFor(3)},Nombre,edited since the run,"""Nuevo 3""","""Editado a mano""","""Antes 3"""`);
    expect(server.records().find((record) => record.wolkvox_id === idFor(3))).toMatchObject({ Nombre: 'Editado a mano', Ciudad: 'Pasto' });

    const calls = server.stats.calls;
    const again = await runCli(['undo', job.out, '--out', `${out}-2`, '--yes'], { env: env(server.url) });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Already undone: ${job.out} was undone by ${out} on `);
    expect(again.stderr).toContain(`To finish that undo: wolkvox-bulk resume ${out}`);
    expect(server.stats.calls).toBe(calls);
  });

  it('--overwrite-later-edits puts the edited field back too', async () => {
    const { server, job } = await updatedThenEdited();
    const out = path.join(job.dir, 'undo');
    const result = await runCli(['undo', job.out, '--out', out, '--overwrite-later-edits', '--yes'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Done: every row updated\.\n/);
    expect(result.stdout).toContain(`40 fields put back, 0 left alone, 1 edited since the run overwritten (--overwrite-later-edits) (listed in ${path.join(out, 'left-alone.csv')})`);
    expect(server.records().find((record) => record.wolkvox_id === idFor(3))).toMatchObject({ Nombre: 'Antes 3' });
  });
});
