/**
 * The run history on disk: one IndexedDB object store of RunRecords keyed by id. Plain indexedDB, wrapped in
 * promises; writes to one store apply in the order they were made, so the last save of a run wins.
 */
import type { RunRecord } from './runRecord';

const DB_NAME = 'linformer-lab';
const DB_VERSION = 1;
const STORE = 'runs';

export interface RunHistoryDb {
  all(): Promise<RunRecord[]>;
  put(run: RunRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when the transaction is committed (a put is only safe once its transaction completes). */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction was aborted'));
  });
}

export async function openRunHistoryDb(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<RunHistoryDb> {
  if (!factory) throw new Error('This browser offers no IndexedDB, so runs are kept only until the page closes.');
  const open = factory.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE, { keyPath: 'id' });
  };
  open.onblocked = () => console.warn('The run history database is busy in another tab.');
  const db = await request(open);
  return {
    async all() {
      const tx = db.transaction(STORE, 'readonly');
      return (await request(tx.objectStore(STORE).getAll())) as RunRecord[];
    },
    async put(run) {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(run);
      await done(tx);
    },
    async delete(id) {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(id);
      await done(tx);
    },
  };
}
