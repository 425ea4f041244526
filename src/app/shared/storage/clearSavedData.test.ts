/**
 * Clearing what the app saved. fake-indexeddb is not installed, so the database is a small in-memory stand-in with
 * just the IndexedDB calls labDb.ts makes (open with an upgrade, transactions, put, delete, clear, getAll), each
 * answering on a later task as the real API does. The seal (writes dropped after a clear) is module state, so this
 * file clears last in each test's order of events.
 */
import { describe, expect, it } from 'vitest';
import { openLabStore } from './labDb';
import { STORAGE_KEY_PREFIXES, clearSavedData, clearStoredKeys } from './clearSavedData';

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

type Handler = (() => void) | null;
interface FakeRequest {
  result: unknown;
  error: null;
  onsuccess: Handler;
  onerror: Handler;
}

/** An IDBFactory whose database holds each object store as a Map of records by id. */
function fakeIndexedDb(): { factory: IDBFactory; stores: Map<string, Map<string, unknown>> } {
  const stores = new Map<string, Map<string, unknown>>();
  const later = (fn: () => void) => setTimeout(fn, 0);
  const answerless = (result: unknown): FakeRequest => ({ result, error: null, onsuccess: null, onerror: null });
  /** A request that succeeds on a later task. */
  const answer = (result: unknown = undefined): FakeRequest => {
    const req = answerless(result);
    later(() => req.onsuccess?.());
    return req;
  };
  const db = {
    objectStoreNames: { contains: (name: string) => stores.has(name) },
    createObjectStore: (name: string) => stores.set(name, new Map()),
    transaction() {
      const tx = {
        error: null,
        oncomplete: null as Handler,
        onerror: null as Handler,
        onabort: null as Handler,
        objectStore(name: string) {
          const records = stores.get(name)!;
          return {
            put: (record: { id: string }) => (records.set(record.id, record), answer()),
            delete: (id: string) => (records.delete(id), answer()),
            clear: () => (records.clear(), answer()),
            getAll: () => answer([...records.values()]),
          };
        },
      };
      // Requests run as they are made; the transaction completes after they have answered, as in IndexedDB.
      later(() => later(() => tx.oncomplete?.()));
      return tx;
    },
  };
  const factory = {
    open() {
      const req = { ...answerless(db), onupgradeneeded: null as Handler, onblocked: null as Handler };
      later(() => {
        req.onupgradeneeded?.();
        req.onsuccess?.();
      });
      return req;
    },
  };
  return { factory: factory as unknown as IDBFactory, stores };
}

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
