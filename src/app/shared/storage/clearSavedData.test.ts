/**
 * Clearing what the app saved, on an in-memory IndexedDB (lib/storage/testing/memoryIndexedDb.ts; fake-indexeddb is
 * not installed). The seal (writes dropped after a clear) is module state, so this
 * file clears last in each test's order of events.
 */
import { describe, expect, it } from 'vitest';
import { openLabStore } from './labDb';
import { STORAGE_KEY_PREFIXES, clearSavedData, clearStoredKeys } from './clearSavedData';
import { memoryIndexedDb } from '../../../lib/storage/testing/memoryIndexedDb';

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
    await clearSavedData(factory, storage);
    expect(await runs.all()).toEqual([]);
    expect(await finetunes.all()).toEqual([]);
    expect(storage.length).toBe(0);

    // The page's last save as it unloads (persistRuns on pagehide) must not bring a run back.
    await runs.put({ id: 'run-1' });
    expect(await runs.all()).toEqual([]);
  });
});
