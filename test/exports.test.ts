import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

// Issue 18: the package's entry points, as a user's program imports them. The child runs in the
// repository, so `wolkvox-bulk` resolves to this package through its own package.json `exports`.

const run = promisify(execFile);
const node = (script: string, env: Record<string, string> = {}) =>
  run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env } });

// What each entry point gives at run time, and what it names as types (read from its source, since
// types leave no trace at run time). A name added or removed here is a change of the public surface.
const ENTRIES = {
  'wolkvox-bulk': {
    source: 'src/index.ts',
    values: [
      'DEFAULT_RUNS_FOLDER', 'EXIT', 'LANGS', 'MAPPING_VOCABULARY', 'WolkvoxBulkError', 'cellText', 'checkMapping', 'checkSettings', 'createRunLogger', 'defaultRunDir', 'draftMapping', 'guessMatchColumn',
      'errorNotice', 'inferType', 'isWolkvoxBulkError', 'listRuns', 'loadMapping', 'message', 'normalizeServer', 'notifyFailure', 'notifyRun', 'openInput', 'planRows', 'planSchedule', 'probe',
      'readFieldNames', 'readPlanHeader', 'readPreview', 'readQuota', 'readRunFile', 'readRunRecord', 'readSamples', 'readUndoMark', 'resolveJobSettings', 'resumableFrom', 'resumeRun', 'runNotice',
      'runPaths', 'runUpdate', 'runWatch', 'say', 'sendNotice', 'settingsForForms', 'undoRun', 'unknownFieldNames', 'validateFile', 'verifyRun',
    ],
    types: [
      'ConnectionOptions', 'CostPerCall', 'CsvFormat', 'DuplicateId', 'DuplicatePolicy', 'ErrorCode', 'ErrorPlace', 'FieldNames', 'FieldNamesOptions', 'FileFingerprint', 'InferredType',
      'InputSource', 'JobEvent', 'JobHooks', 'Lang', 'ListRunsOptions', 'LoadedMapping', 'MatchStrategy', 'Message', 'MessageCode', 'MissingIdBehaviour', 'Plan', 'PreflightReport', 'PreviewLine', 'PreviewProblem', 'ProbeFindings',
      'ProbeOptions', 'ProbeReport', 'QuotaOptions', 'ReadOptions', 'ReaderOverrides', 'RecordedSettings', 'ResolvedSettings', 'ResumeOptions', 'RunFile', 'RunHistoryState', 'RunPaths', 'RunRecord',
      'FailedJob', 'NoticeContext', 'NotifyFormat', 'NotifyOptions', 'NotifyOutcome', 'RunNotice', 'ScheduleFile', 'ScheduleOptions', 'SchedulePlan', 'ScheduleSystem', 'SettingsOverrides',
      'SnapshotStrategy', 'UndoMark', 'UndoOptions', 'UnknownField', 'UpdateOptions', 'ValidateOptions', 'VerifyOptions', 'WatchEvent', 'WatchFileEnd', 'WatchOptions', 'WatchSummary',
      'XlsxFormat',
      // every type of these two files: the data a row passes through, and the mapping file's shape
      '* from ./core/types.js', '* from ./mapping/types.js',
    ],
  },
  'wolkvox-bulk/mock': {
    source: 'src/mock/index.ts',
    values: ['loadMockRecords', 'startMockServer'],
    types: ['BadRecordPolicy', 'LedgerEntry', 'MockFaults', 'MockReadOptions', 'MockRecord', 'MockServer', 'MockServerOptions', 'MockStats', 'RefusalKind', 'UpdateManyOptions'],
  },
  'wolkvox-bulk/client': {
    source: 'src/api/index.ts',
    values: ['createClient'],
    types: [
      'BatchOutcome', 'BatchRecord', 'CallKind', 'CallOutcome', 'CallReason', 'ClientOptions', 'Logger', 'QueryDatesRequest', 'QueryRequest',
      'ReadOutcome', 'ReadRecord', 'TokenInfo', 'TokenInfoResult', 'UpdateManyRequest', 'UpdateRequest', 'WolkvoxClient',
    ],
  },
} as const;

/** The names an entry file re-exports: values, types, and the files whose every type it re-exports. */
function exportedNames(file: string): { values: string[]; types: string[] } {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const values: string[] = [];
  const types: string[] = [];
  for (const [, typeOnly, names] of text.matchAll(/^export (type )?\{([^}]*)\} from '[^']+';/gm)) {
    for (const entry of (names ?? '').split(',').map((name) => name.trim()).filter(Boolean)) {
      const name = entry.replace(/^type /, '').split(' as ').at(-1) as string;
      (typeOnly || entry.startsWith('type ') ? types : values).push(name);
    }
  }
  for (const [, from] of text.matchAll(/^export type \* from '([^']+)';/gm)) types.push(`* from ${from}`);
  return { values: values.sort(), types: types.sort() };
}

describe('the package entry points (issue 18)', () => {
  it.each(Object.entries(ENTRIES))('%s gives exactly its chosen names', async (specifier, entry) => {
    const { stdout } = await node(`console.log(JSON.stringify(Object.keys(await import(${JSON.stringify(specifier)}))))`);
    expect((JSON.parse(stdout) as string[]).sort()).toEqual([...entry.values].sort());
    expect(exportedNames(entry.source)).toEqual({ values: [...entry.values].sort(), types: [...entry.types].sort() });
  });

  it('each entry point in package.json has its types and its code in dist/, and every src/ entry file is one', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { types: string; import: string }> };
    const entries = Object.entries(manifest.exports).filter((pair): pair is [string, { types: string; import: string }] => typeof pair[1] === 'object');
    expect(entries.map(([subpath]) => subpath)).toEqual(['.', './mock', './client']);
    for (const [, target] of entries) {
      expect(fs.existsSync(path.join(ROOT, target.types)), target.types).toBe(true);
      expect(fs.existsSync(path.join(ROOT, target.import)), target.import).toBe(true);
    }
    expect(entries.map(([, target]) => target.import.replace('./dist/', 'src/').replace(/\.js$/, '.ts'))).toEqual(Object.values(ENTRIES).map((entry) => entry.source));
  });

  it('the simulated CRM and the raw client work through their subpaths', async () => {
    const script = `
      import { startMockServer } from 'wolkvox-bulk/mock';
      import { createClient } from 'wolkvox-bulk/client';
      const crm = await startMockServer({ tokens: ['t'] });
      const client = createClient({ server: crm.url, token: 't', concurrency: 1, timeoutMs: 10000 });
      const outcome = await client.update({ operation: 'op', module: 'contacts', id: '1', fields: { Ciudad: 'Cali' } });
      client.close();
      await crm.close();
      console.log(JSON.stringify({ kind: outcome.kind, applied: crm.stats.applied }));`;
    const { stdout } = await node(script);
    expect(JSON.parse(stdout)).toEqual({ kind: 'ok', applied: 1 });
  });

  it('importing the library loads neither the HTTP client, the workbook writer, the simulated CRM nor the page', async () => {
    const log = path.join(tempDir(), 'modules.txt');
    await node("await import('wolkvox-bulk')", { NODE_OPTIONS: `--import=${path.join(ROOT, 'test/cli/module-log.mjs')}`, WVX_MODULE_LOG: log });
    const urls = fs.readFileSync(log, 'utf8').split('\n');
    expect(urls.some((url) => url.endsWith('/dist/index.js'))).toBe(true);
    expect(urls.filter((url) => /\/node_modules\/(?:axios|exceljs|preact|htm)\/|\/dist\/(?:mock|ui|cli)\//.test(url))).toEqual([]);
  });
});
