// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord } from './runRecord';
import { makeRun } from './testRun';

/** The run database as an in-memory map (no IndexedDB in jsdom): what a reload finds. */
const saved = new Map<string, RunRecord>();
vi.mock('../../shared/storage/labDb', () => ({
  openLabStore: async () => ({
    all: async () => [...saved.values()],
    put: async (run: RunRecord) => void saved.set(run.id, run),
    delete: async (id: string) => void saved.delete(id),
  }),
}));

const OVERLAY_KEY = 'linformer-lab.overlay';
const day = (n: number) => `2025-01-0${n}T00:00:00.000Z`;

/** A fresh page: the store module loaded anew, as after a reload, with the history loaded. */
async function reload() {
  vi.resetModules();
  const { useHistoryStore } = await import('./historyStore');
  await useHistoryStore.getState().load();
  return useHistoryStore;
}

describe('the runs overlaid after a reload', () => {
  beforeEach(() => {
    saved.clear();
    localStorage.clear();
    for (let n = 1; n <= 6; n += 1) saved.set(`r${n}`, makeRun({ id: `r${n}`, startedAt: day(n) }));
  });

  it('shows the latest four runs when nobody has ticked any, without storing that as a choice', async () => {
    const store = await reload();
    expect(store.getState()).toMatchObject({ overlay: ['r6', 'r5', 'r4', 'r3'], overlayChosen: false });
    expect(localStorage.getItem(OVERLAY_KEY)).toBeNull();
    // An old empty list (written by earlier versions on every delete) counts as no choice too.
    localStorage.setItem(OVERLAY_KEY, '[]');
    expect((await reload()).getState().overlay).toEqual(['r6', 'r5', 'r4', 'r3']);
  });

  it('follows new and deleted runs while nobody has chosen', async () => {
    const store = await reload();
    await store.getState().save(makeRun({ id: 'r7', startedAt: day(7) }));
    expect(store.getState().overlay).toEqual(['r7', 'r6', 'r5', 'r4']);
    await store.getState().remove('r6');
    expect(store.getState()).toMatchObject({ overlay: ['r7', 'r5', 'r4', 'r3'], overlayChosen: false });
    // A run leaving the figure's current slot stays shown without making a choice.
    store.getState().keepShown('r7');
    expect(store.getState().overlayChosen).toBe(false);
  });

  it('keeps an explicit unticking of every run across a reload', async () => {
    let store = await reload();
    for (const id of store.getState().overlay) store.getState().setOverlay(id, false);
    expect(store.getState()).toMatchObject({ overlay: [], overlayChosen: true });
    store = await reload();
    expect(store.getState()).toMatchObject({ overlay: [], overlayChosen: true });
    // A later run does not undo the choice.
    await store.getState().save(makeRun({ id: 'r7', startedAt: day(7) }));
    expect(store.getState().overlay).toEqual([]);
  });

  it('keeps the runs ticked, from the latest ones shown, across a reload', async () => {
    let store = await reload();
    store.getState().setOverlay('r4', false);
    store.getState().setOverlay('r1', true);
    store = await reload();
    expect(store.getState()).toMatchObject({ overlay: ['r6', 'r5', 'r3', 'r1'], overlayChosen: true });
    // Once chosen, a run leaving the current slot is added to the choice.
    store.getState().keepShown('r2');
    expect(store.getState().overlay).toContain('r2');
  });
});

describe('importing a run', () => {
  beforeEach(() => {
    saved.clear();
    localStorage.clear();
    saved.set('r1', makeRun({ id: 'r1', startedAt: day(1) }));
  });

  it('keeps both when the file has a stored id but differs: the stored run is unchanged, the import is a copy', async () => {
    const store = await reload();
    const stored = saved.get('r1') as RunRecord;
    const changed = makeRun({ id: 'r1', startedAt: day(1), validation: [{ step: 10, loss: 4, perplexity: 55 }] });
    await store.getState().importRun(changed);
    expect(saved.get('r1')).toEqual(stored);
    const copies = [...saved.values()].filter((run) => run.id !== 'r1');
    expect(copies).toHaveLength(1);
    expect(copies[0]).toEqual({ ...changed, id: copies[0].id });
    expect(store.getState().runs.map((run) => run.id).sort()).toEqual(['r1', copies[0].id].sort());
    expect(store.getState().overlay).toContain(copies[0].id);
    expect(store.getState().message?.text).toContain('Kept both');
    expect(store.getState().message?.text).toContain('nothing stored was replaced');
  });

  it('does not add a run identical to the stored one of its id again, and says so', async () => {
    const store = await reload();
    await store.getState().importRun(makeRun({ id: 'r1', startedAt: day(1) }));
    expect(saved.size).toBe(1);
    expect(store.getState().runs).toHaveLength(1);
    expect(store.getState().message).toEqual({
      kind: 'info',
      text: `"${makeRun().label}" is already in the history (the same run, with the same id); nothing was imported.`,
    });
  });

  it('refuses an import once the history holds the most runs it takes imports into', async () => {
    const { MAX_HISTORY_RUNS_FOR_IMPORT } = await import('./historyStore');
    for (let i = 0; i < MAX_HISTORY_RUNS_FOR_IMPORT; i += 1) saved.set(`m${i}`, makeRun({ id: `m${i}` }));
    const store = await reload();
    await store.getState().importRun(makeRun({ id: 'new-one' }));
    expect(saved.has('new-one')).toBe(false);
    expect(store.getState().message?.kind).toBe('error');
    expect(store.getState().message?.text).toContain('Delete some runs first');
  });
});

describe('a run stored as still going', () => {
  beforeEach(() => {
    saved.clear();
    localStorage.clear();
    saved.set('live', makeRun({ id: 'live', status: 'running', startedAt: day(2) }));
    saved.set('gone', makeRun({ id: 'gone', status: 'running', startedAt: day(1) }));
    // Another tab holds the lock of 'live' only (navigator.locks is browser-wide; jsdom has none, so it is faked).
    const locks = { query: async () => ({ held: [{ name: 'linformer-lab.run:live' }], pending: [] }) };
    Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
    return () => void Reflect.deleteProperty(navigator, 'locks');
  });

  it('stays running when another tab holds its lock, and reads as stopped when no tab does', async () => {
    const runs = (await reload()).getState().runs;
    expect(runs.find((run) => run.id === 'live')).toMatchObject({ status: 'running', message: 'Being trained in another tab of Linformer Lab.' });
    expect(runs.find((run) => run.id === 'gone')).toMatchObject({ status: 'stopped' });
  });
});
