/**
 * Clearing what the app saved, on an in-memory IndexedDB (lib/storage/testing/memoryIndexedDb.ts; fake-indexeddb is
 * not installed). The seal (writes dropped after a clear) is module state, so this
 * file clears last in each test's order of events.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLabStore } from './labDb';
import { STORAGE_KEY_PREFIXES, clearSavedData, clearStoredKeys, clearWeightsThroughWorker } from './clearSavedData';
import { memoryIndexedDb } from '../../../lib/storage/testing/memoryIndexedDb';
import { clearTrainedModels, saveTrainedModel } from '../../../worker/savedModel';
import { WEIGHTS_STORE, clearSavedModel, writeSavedModel, type SavedModelRecord } from '../../../worker/savedModelDb';
import { createEncoder, type Encoder } from '../../../lib/model';
import { tinyConfig } from '../../../lib/model/testConfigs';
import type { TrainingRunSpec } from '../../../lib/experiments/runSpec';

/** The worker's weight read-back, held at a gate so that a save is in flight while the page clears. */
const readBack = vi.hoisted(() => ({ gate: null as Promise<void> | null }));
vi.mock('../../../lib/model/savedWeights', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../lib/model/savedWeights')>();
  return {
    ...actual,
    exportWeights: async (model: Encoder) => {
      const weights = await actual.exportWeights(model);
      await readBack.gate;
      return weights;
    },
  };
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A Storage on a Map, as localStorage behaves (Node has none). */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const fakeIndexedDb = memoryIndexedDb;

describe('clearing the saved data', () => {
  it('removes only the app’s localStorage keys', () => {
    const storage = new MemoryStorage();
    storage.setItem('linformer-lab.overlay', '["run-1"]');
    storage.setItem('linformer-lab.preset-queue', '{}');
    storage.setItem('linformer-lab:finetune-results:v1', '[]');
    storage.setItem('another-app.settings', 'kept');
    expect(clearStoredKeys(storage).sort()).toEqual([
      'linformer-lab.overlay',
      'linformer-lab.preset-queue',
      'linformer-lab:finetune-results:v1',
    ]);
    expect(storage.length).toBe(1);
    expect(storage.getItem('another-app.settings')).toBe('kept');
    expect(clearStoredKeys(undefined)).toEqual([]);
    expect(STORAGE_KEY_PREFIXES.every((prefix) => prefix.startsWith('linformer-lab'))).toBe(true);
  });

  it('empties every store of the database, then drops writes until the page reloads', async () => {
    const { factory, stores } = fakeIndexedDb();
    const runs = await openLabStore<{ id: string }>('runs', factory);
    const finetunes = await openLabStore<{ id: string }>('finetunes', factory);
    await runs.put({ id: 'run-1' });
    await finetunes.put({ id: 'ft-1' });
    expect([...stores.keys()].sort()).toEqual(['finetunes', 'runs']);
    expect(await runs.all()).toHaveLength(1);

    const storage = new MemoryStorage();
    storage.setItem('linformer-lab.overlay', '["run-1"]');
    await clearSavedData(factory, storage, clearSavedModel);
    expect(await runs.all()).toEqual([]);
    expect(await finetunes.all()).toEqual([]);
    expect(storage.length).toBe(0);

    // The page's last save as it unloads (persistRuns on pagehide) must not bring a run back.
    await runs.put({ id: 'run-1' });
    expect(await runs.all()).toEqual([]);
  });
});

describe('clearing the kept weights', () => {
  it('falls back to clearing the store from the page when the worker cannot be asked', async () => {
    const { factory, stores } = fakeIndexedDb();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await writeSavedModel({ id: 'run-1', savedAt: '2026-01-01T00:00:00Z' } as unknown as SavedModelRecord, factory);
    expect(stores.get(WEIGHTS_STORE)?.size).toBe(1);
    // No Worker in Node: computeWorker() throws, as a worker that failed to start would.
    await clearWeightsThroughWorker(factory);
    expect(stores.get(WEIGHTS_STORE)?.size).toBe(0);
  });

  // Last: the worker-side clear seals savedModel.ts for the rest of this file.
  it('leaves the weights store empty when a run’s save is still in flight as the page clears', async () => {
    const { factory, stores } = fakeIndexedDb();
    vi.stubGlobal('indexedDB', factory); // the worker's saves use the global factory
    const model = createEncoder(tinyConfig({ vocabSize: 11 }));
    const spec = { corpus: 'moby-dick', model: model.config, train: {}, batchSize: 4 } as unknown as TrainingRunSpec;
    let open = () => {};
    readBack.gate = new Promise((resolve) => (open = resolve));
    const saving = saveTrainedModel('run-ending', spec, 10, model);
    let cleared = false;
    const clearing = clearSavedData(factory, new MemoryStorage(), (f) => clearTrainedModels(f)).then(
      () => (cleared = true),
    );
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cleared).toBe(false); // the clear waits for the save
    open();
    await Promise.all([saving, clearing]);
    readBack.gate = null;
    expect(stores.get(WEIGHTS_STORE)?.size ?? 0).toBe(0);
    model.dispose();
  });
});
