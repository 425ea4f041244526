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
