import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finishApplied } from '../../src/run/applied-plan.js';
import { readRunFile, writeRunFile, type RunFile } from '../../src/store/run-file.js';
import { createRunFolder } from '../../src/store/run-folder.js';
import { tempDir } from '../helpers.js';

const markOf = (text: string) => ({ bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') });

// A run folder whose plan was rewritten (the keys' or the names' ids in it) and whose run.json named that plan
// as about to be applied when the process died.
function crashedBetween(step: 'match' | 'lookups', planOnDisk: string) {
  const paths = createRunFolder(`${tempDir()}/run`);
  fs.writeFileSync(paths.plan, planOnDisk);
  const record = step === 'match'
    ? { match: { rule: { column: 'Documento', field: 'documento', compare: 'exact' }, strategy: 'auto', appliedPlan: markOf('the new plan\n') } }
    : { lookups: { rules: [{ label: 'Empresa', module: 'empresas', field: 'nombre', compare: 'exact' }], appliedPlan: markOf('the new plan\n') } };
  const run = { version: 1, plan: markOf('the old plan\n'), ...record } as unknown as RunFile;
  writeRunFile(paths, run);
  return { paths, run };
}

describe('finishApplied: a crash between the plan with the ids taking its place and run.json saying so', () => {
  it.each(['match', 'lookups'] as const)('%s: the new plan in place, run.json is brought up to it', async (step) => {
    const { paths, run } = crashedBetween(step, 'the new plan\n');
    const finished = await finishApplied(paths, run);
    expect(finished?.mark).toEqual(markOf('the new plan\n'));
    const now = readRunFile(paths);
    expect(now.plan).toEqual(markOf('the new plan\n'));
    expect(now[step]).toMatchObject({ applied: true });
    expect(now[step]?.appliedPlan).toBeUndefined();
  });

  it.each(['match', 'lookups'] as const)('%s: the old plan still there, nothing to finish (its ids are written again, from the read log)', async (step) => {
    const { paths, run } = crashedBetween(step, 'the old plan\n');
    expect(await finishApplied(paths, run)).toBeUndefined();
    expect(readRunFile(paths)[step]?.applied).toBeUndefined();
  });
});
