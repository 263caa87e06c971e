import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/types.js';
import { runWatch, type WatchFileEnd } from '../../src/run/watch.js';
import { mockServer, tempDir, TOKEN } from '../helpers.js';
import { FAST } from './fixtures.js';

// runWatch as a program calls it: a quota stop sets the file aside as resumable and stops the watch; the
// file put back goes on with its run; onRunEnd hears of every run and cannot fail the watch.

function folders() {
  const dir = tempDir();
  const at = { inbox: path.join(dir, 'in'), done: path.join(dir, 'done'), failed: path.join(dir, 'failed'), runs: path.join(dir, 'runs'), mapping: path.join(dir, 'm.json') };
  fs.mkdirSync(at.inbox);
  fs.writeFileSync(at.mapping, JSON.stringify({ operation: 'op', module: 'contacts', id: 'id', fields: { Nombre: 'Nombre' } }));
  return at;
}

const csv = (file: string, ids: readonly string[]) => fs.writeFileSync(file, `id,Nombre\r\n${ids.map((id) => `${id},N ${id}`).join('\r\n')}\r\n`);

describe('runWatch', () => {
  it('a quota stop: the file goes to failed with a note saying it is resumable, the watch stops; put back, its run goes on and each row is applied once', async () => {
    const server = await mockServer({ quota: 6 });
    const at = folders();
    const first = Array.from({ length: 10 }, (_, index) => `a${index}`);
    const second = ['b1', 'b2'];
    csv(path.join(at.inbox, 'a.csv'), first);
    csv(path.join(at.inbox, 'b.csv'), second);
    const heard: WatchFileEnd[] = [];
    const warnings: string[] = [];
    const logger: Logger = { debug: () => undefined, info: () => undefined, warn: (_object, text) => warnings.push(text ?? ''), error: () => undefined };
    const options = {
      folder: at.inbox, done: at.done, failed: at.failed, runs: at.runs, mapping: at.mapping, server: server.url, token: TOKEN, once: true, intervalSeconds: 0.05, logger, ...FAST,
      // A notification hook that fails: heard, logged, and never the watch's failure.
      onRunEnd: (end: WatchFileEnd) => {
        heard.push(end);
        throw new Error('receiver down');
      },
    };

    const stopped = await runWatch(options);
    expect(stopped).toMatchObject({ stoppedBy: 'quota', failed: 1, done: 0, exitCode: 3 });
    expect(fs.readdirSync(at.inbox)).toEqual(['b.csv']);
    const note = fs.readFileSync(path.join(at.failed, 'a.csv.txt'), 'utf8');
    expect(note).toMatch(/^a\.csv stopped before its end \(run .*\): 6 of 10 rows updated, 4 not sent yet\./);
    expect(note).toMatch(/Why: the token's daily quota ran out\./);
    expect(note).toMatch(/Nothing is lost[\s\S]*put this file back into .*in: the watch goes on with its run/);
    expect(heard.map((end) => end.file)).toEqual(['a.csv']);
    expect(warnings.filter((text) => text === 'onRunEnd failed')).toHaveLength(1);

    server.resetQuota();
    fs.renameSync(path.join(at.failed, 'a.csv'), path.join(at.inbox, 'a.csv'));
    const resumed = await runWatch(options);
    expect(resumed).toMatchObject({ done: 2, failed: 0, exitCode: 0 });
    expect(resumed.files[0]).toMatchObject({ file: 'a.csv', kind: 'moved', outcome: 'done', summary: { sessions: 2, counts: { updated: 10 } } });
    expect(fs.readdirSync(at.done).sort()).toEqual(['a.csv', 'b.csv']);
    const times = new Map<string, number>();
    for (const entry of server.ledger) times.set(entry.id, (times.get(entry.id) ?? 0) + 1);
    expect([...first, ...second].filter((id) => times.get(id) !== 1)).toEqual([]);
    expect(heard.map((end) => end.file)).toEqual(['a.csv', 'a.csv', 'b.csv']);
  });

  it('refuses a watched folder that does not exist, and a done folder that is the watched one', async () => {
    const at = folders();
    const base = { done: at.done, failed: at.failed, runs: at.runs, mapping: at.mapping, server: 'http://127.0.0.1:9', token: TOKEN, once: true };
    await expect(runWatch({ ...base, folder: path.join(at.inbox, 'nope') })).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND', message: /^Folder not found: / });
    await expect(runWatch({ ...base, folder: at.inbox, done: `${at.inbox}/` })).rejects.toMatchObject({ code: 'USAGE', message: /^The done folder \(--done\) cannot be the watched folder/ });
  });
});
