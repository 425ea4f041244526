/**
 * The lab database's stores on the in-memory IndexedDB (lib/storage/testing/memoryIndexedDb.ts): what a watcher is
 * told, what a save says once another tab took the database over, a save after the site data was cleared, and the
 * one-transaction rewrite. Each test has a factory of its own, so a connection of its own.
 */
import { describe, expect, it } from 'vitest';
import { labDatabaseState, openLabStore, watchLabDatabase } from './labDb';
import { request } from '../../../lib/storage/indexedDbRequests';
import { memoryIndexedDb } from '../../../lib/storage/testing/memoryIndexedDb';
import type { ConnectionState } from '../../../lib/storage/openDatabase';

interface Row {
  id: string;
  status: string;
}

describe('the lab database', () => {
  it('tells its watchers when another tab blocks its upgrade, and when it opens after all', async () => {
    const idb = memoryIndexedDb();
    const old = idb.factory.open('linformer-lab', 1);
    old.onupgradeneeded = () => old.result.createObjectStore('runs', { keyPath: 'id' });
    const oldTab = await request(old);
    const states: ConnectionState[] = [];
    const unwatch = watchLabDatabase((state) => states.push(state));

    const opening = openLabStore<Row>('runs', idb.factory);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(states).toEqual(['blocked']);
    expect(labDatabaseState()).toBe('blocked');
    oldTab.close();
    const runs = await opening;
    unwatch();
    expect(states).toEqual(['blocked', 'open']);
    // The upgrade added the fine-tune results' store beside the runs.
    await (await openLabStore<Row>('finetunes', idb.factory)).put({ id: 'ft-1', status: 'done' });
    expect(await runs.all()).toEqual([]);
  });

  it('keeps failing saves with the reason once a newer version opened in another tab', async () => {
    const idb = memoryIndexedDb();
    const runs = await openLabStore<Row>('runs', idb.factory);
    await runs.put({ id: 'r1', status: 'finished' });
    await request(idb.factory.open('linformer-lab', 3));
    expect(labDatabaseState()).toBe('outdated');
    await expect(runs.put({ id: 'r2', status: 'finished' })).rejects.toThrow(
      'was upgraded by a newer version of the app in another tab; reload this tab to keep saving',
    );
    await expect(runs.delete('r1')).rejects.toThrow('reload this tab');
  });

  it('saves again after the site data was cleared, into a database made anew', async () => {
    const idb = memoryIndexedDb();
    const runs = await openLabStore<Row>('runs', idb.factory);
    await runs.put({ id: 'r1', status: 'running' });
    idb.clearSiteData();
    await runs.put({ id: 'r1', status: 'finished' });
    expect(await runs.all()).toEqual([{ id: 'r1', status: 'finished' }]);
    expect(idb.version('linformer-lab')).toBe(2);
  });

  it('rewrites just the records `update` returns, and counts them', async () => {
    const idb = memoryIndexedDb();
    const runs = await openLabStore<Row>('runs', idb.factory);
    for (const [id, status] of [
      ['a', 'running'],
      ['b', 'finished'],
      ['c', 'paused'],
    ])
      await runs.put({ id: id!, status: status! });
    const rewritten = await runs.update((row) => (row.status === 'finished' ? null : { ...row, status: 'stopped' }));
    expect(rewritten).toBe(2);
    const byId = Object.fromEntries((await runs.all()).map((row) => [row.id, row.status]));
    expect(byId).toEqual({ a: 'stopped', b: 'finished', c: 'stopped' });
  });
});
