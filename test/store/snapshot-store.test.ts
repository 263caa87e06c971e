import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdSet } from '../../src/store/id-set.js';
import { openSnapshot, seedSnapshot, snapshotDone } from '../../src/store/snapshot-store.js';
import { tempDir } from '../helpers.js';

describe('the run\'s snapshot (snapshot.ndjson)', () => {
  it('keeps what each id read found, and gives it back after a restart from the file alone', async () => {
    const file = path.join(tempDir(), 'snapshot.ndjson');
    const ids = await IdSet.from(['a', 'b', 'c', 'a']);
    const first = await openSnapshot(file, ids);
    expect(first.unknown).toBe(3);
    first.found('a', { Nombre: 'Ana', Saldo: 10 });
    first.found('b', null);
    first.found('z', { Nombre: 'not one of the ids' });
    first.found('a', { Nombre: 'a second read of a is not kept' });
    first.page(1, 250, false);
    expect(first.unknown).toBe(1);
    expect(first.valuesOf('a')).toEqual({ Nombre: 'Ana', Saldo: 10 });
    first.close();

    const again = await openSnapshot(file, ids);
    expect([again.unknown, again.progress]).toEqual([1, { pages: 1, moduleRead: false, done: false }]);
    expect(again.valuesOf('a')).toEqual({ Nombre: 'Ana', Saldo: 10 });
    expect(again.valuesOf('b')).toBeNull();
    expect(again.valuesOf('c')).toBeUndefined();
    expect(again.valuesOf('z')).toBeUndefined();
    expect([again.isUnknown('c'), again.isUnknown('a'), again.isUnknown('z')]).toEqual([true, false, false]);
    again.found('c', { Nombre: 'Ñandú 😀' });
    again.page(2, 10, true);
    again.finish('module');
    expect(again.valuesOf('c')).toEqual({ Nombre: 'Ñandú 😀' });
    again.close();
    expect(await snapshotDone(file)).toBe(true);
    const done = await openSnapshot(file, ids);
    expect([done.unknown, done.progress]).toEqual([0, { pages: 2, moduleRead: true, done: true }]);
    done.close();
  });

  it('a record line a crash cut is a read to make again', async () => {
    const file = path.join(tempDir(), 'snapshot.ndjson');
    fs.writeFileSync(file, '{"t":"record","id":"a","values":{"Nombre":"Ana"}}\n{"t":"record","id":"b","val');
    const records = await openSnapshot(file, await IdSet.from(['a', 'b']));
    expect([records.isUnknown('a'), records.isUnknown('b')]).toEqual([false, true]);
    records.found('b', { Nombre: 'Beto' });
    records.close();
    const again = await openSnapshot(file, await IdSet.from(['a', 'b']));
    expect(again.valuesOf('b')).toEqual({ Nombre: 'Beto' });
    again.close();
  });

  it('a snapshot seeded from a match\'s module read is done, and reads as each record was', async () => {
    const file = path.join(tempDir(), 'snapshot.ndjson');
    async function* kept() {
      yield ['r1', { Documento: '1.234' }] as const;
      yield ['r2', { Documento: '99' }] as const;
    }
    await seedSnapshot(file, kept());
    const records = await openSnapshot(file, await IdSet.from(['r2']));
    expect([records.progress.done, records.unknown]).toEqual([true, 0]);
    expect(records.valuesOf('r2')).toEqual({ Documento: '99' });
    records.close();
  });
});
