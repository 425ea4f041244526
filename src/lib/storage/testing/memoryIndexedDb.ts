/**
 * Test-only: an IDBFactory kept in memory, for the app's IndexedDB code (fake-indexeddb is not installed). It has
 * just the calls the app makes — open with an upgrade, transactions, get, getAll, put, delete, clear — each answering
 * on a later task as the real API does, and a transaction that completes after its requests have answered. Records
 * are kept as given (no structured clone).
 */
type Handler = (() => void) | null;

interface MemoryRequest {
  result: unknown;
  error: null;
  onsuccess: Handler;
  onerror: Handler;
}

export interface MemoryIndexedDb {
  factory: IDBFactory;
  /** Each object store's records by id. */
  stores: Map<string, Map<string, unknown>>;
  /** The database names opened, in order. */
  opened: string[];
}

export function memoryIndexedDb(): MemoryIndexedDb {
  const stores = new Map<string, Map<string, unknown>>();
  const opened: string[] = [];
  const later = (fn: () => void) => setTimeout(fn, 0);
  const request = (result: unknown): MemoryRequest => ({ result, error: null, onsuccess: null, onerror: null });
  /** A request that succeeds on a later task. */
  const answer = (result: unknown = undefined): MemoryRequest => {
    const req = request(result);
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
            get: (id: string) => answer(records.get(id)),
            getAll: () => answer([...records.values()]),
            put: (record: { id: string }) => (records.set(record.id, record), answer()),
            delete: (id: string) => (records.delete(id), answer()),
            clear: () => (records.clear(), answer()),
          };
        },
      };
      // Requests run as they are made; the transaction completes after they have answered, as in IndexedDB.
      later(() => later(() => tx.oncomplete?.()));
      return tx;
    },
  };
  const factory = {
    open(name: string) {
      opened.push(name);
      const req = { ...request(db), onupgradeneeded: null as Handler, onblocked: null as Handler };
      later(() => {
        req.onupgradeneeded?.();
        req.onsuccess?.();
      });
      return req;
    },
  };
  return { factory: factory as unknown as IDBFactory, stores, opened };
}
