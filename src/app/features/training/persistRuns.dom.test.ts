// @vitest-environment jsdom
/**
 * What the database says about a run whose page went away mid-run, on the in-memory IndexedDB
 * (lib/storage/testing/memoryIndexedDb.ts) as the page's indexedDB, with the Web Locks API modelled by a set of held
 * names shared by every "tab" (jsdom has none). A tab is the page's modules loaded anew (vi.resetModules).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryIndexedDb, type MemoryIndexedDb } from '../../../lib/storage/testing/memoryIndexedDb';
import { request } from '../../../lib/storage/indexedDbRequests';
import { makeRun } from './testRun';
import type { RunRecord } from './runRecord';

vi.mock('../../shared/compute/computeClient', () => ({
  computeWorker: () => {
    throw new Error('no worker in this test');
  },
}));

let idb: MemoryIndexedDb;
/** The lock names held by any tab, as navigator.locks keeps them for the whole browser. */
const held = new Set<string>();

beforeEach(() => {
  idb = memoryIndexedDb();
  vi.stubGlobal('indexedDB', idb.factory);
  held.clear();
  const locks = {
    request: (name: string, hold: () => Promise<void>) => {
      held.add(name);
      return hold().then(() => void held.delete(name));
    },
    query: async () => ({ held: [...held].map((name) => ({ name })), pending: [] }),
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
});
afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'locks');
});

/** What the database holds now, read on a connection of its own (as the next page load would). */
async function stored(): Promise<Map<string, RunRecord>> {
  const db = await request(idb.factory.open('linformer-lab', 2));
  const runs = (await request(db.transaction('runs', 'readonly').objectStore('runs').getAll())) as RunRecord[];
  db.close();
  return new Map(runs.map((run) => [run.id, run]));
}

/** A page loading: its modules anew, run persistence started, the history loaded. */
async function openTab() {
  vi.resetModules();
  const { startRunPersistence } = await import('./persistRuns');
  const { useHistoryStore } = await import('./historyStore');
  const { useRunStore } = await import('./runStore');
  startRunPersistence();
  await vi.waitFor(() => expect(useHistoryStore.getState().phase).toBe('ready'));
  return { useHistoryStore, useRunStore };
}

async function seed(runs: RunRecord[]): Promise<void> {
  const { openLabStore } = await import('../../shared/storage/labDb');
  const store = await openLabStore<RunRecord>('runs');
  for (const run of runs) await store.put(run);
}

describe('a run whose page was reloaded or closed during it', () => {
  it('is stored as stopped at its last step once a page loads, leaving finished runs as they were', async () => {
    await seed([
      makeRun({ id: 'gone', status: 'running' }),
      makeRun({ id: 'paused', status: 'paused', training: [] }),
      makeRun({ id: 'done', status: 'finished' }),
    ]);
    await openTab();
    const runs = await stored();
    expect(runs.get('gone')).toMatchObject({
      status: 'stopped',
      message: 'Interrupted at step 3: the page was closed or reloaded during this run.',
    });
    expect(runs.get('gone')?.training).toHaveLength(3);
    expect(runs.get('paused')).toMatchObject({
      status: 'stopped',
      message: 'Interrupted before its first step: the page was closed or reloaded.',
    });
    expect(runs.get('done')).toMatchObject({ status: 'finished' });
    expect(runs.get('done')?.message).toBeUndefined();
  });

  it('is left running while another tab is still training it (that tab holds its lock)', async () => {
    const trainer = await openTab();
    trainer.useRunStore.setState({ current: makeRun({ id: 'live', status: 'running' }) });
    await vi.waitFor(async () => expect((await stored()).get('live')?.status).toBe('running'));
    expect(held).toEqual(new Set(['linformer-lab.run:live']));

    await openTab(); // a second tab loads while the first trains
    expect((await stored()).get('live')?.status).toBe('running');

    // The run ends in its own tab: the lock goes with it.
    trainer.useRunStore.setState({ current: makeRun({ id: 'live', status: 'finished' }) });
    await vi.waitFor(() => expect(held.size).toBe(0));
  });

  it('is written as stopped when its page goes for good, and as it was when the page enters the back-forward cache', async () => {
    const { useRunStore } = await openTab();
    useRunStore.setState({ current: makeRun({ id: 'now', status: 'running' }) });
    await vi.waitFor(async () => expect((await stored()).get('now')?.status).toBe('running'));

    window.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await stored()).get('now')?.status).toBe('running');

    window.dispatchEvent(Object.assign(new Event('pagehide'), { persisted: false }));
    await vi.waitFor(async () =>
      expect((await stored()).get('now')).toMatchObject({
        status: 'stopped',
        message: expect.stringContaining('step 3'),
      }),
    );
  });
});
