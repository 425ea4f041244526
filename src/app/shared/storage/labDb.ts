/**
 * What the app keeps on disk: one IndexedDB database with an object store per kind of record (training runs,
 * fine-tune results), each keyed by id. Plain indexedDB, wrapped in promises; writes to one store apply in the
 * order they were made, so the last save of a record wins.
 */
import { done, request } from '../../../lib/storage/indexedDbRequests';

const DB_NAME = 'linformer-lab';
/** Version 1 held the runs only; version 2 added the fine-tune results (an upgrade keeps the runs). */
const DB_VERSION = 2;

export type LabStoreName = 'runs' | 'finetunes';
const STORES: readonly LabStoreName[] = ['runs', 'finetunes'];

/** One object store of records with a string `id`. */
export interface LabStore<T extends { id: string }> {
  all(): Promise<T[]>;
  put(record: T): Promise<void>;
  delete(id: string): Promise<void>;
}

const opened = new WeakMap<IDBFactory, Promise<IDBDatabase>>();

/**
 * Set once every store was cleared (clearLabDatabase). From then on writes are dropped until the page reloads, so a
 * save still under way, or the last save a page makes as it unloads (persistRuns), cannot bring a record back.
 */
let sealed = false;

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  let db = opened.get(factory);
  if (!db) {
    const open = factory.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      for (const name of STORES)
        if (!open.result.objectStoreNames.contains(name)) open.result.createObjectStore(name, { keyPath: 'id' });
    };
    open.onblocked = () => console.warn('The saved-runs database is busy in another tab; close it to upgrade.');
    db = request(open);
    db.catch(() => opened.delete(factory)); // a failed open is tried again next time
    opened.set(factory, db);
  }
  return db;
}

export async function openLabStore<T extends { id: string }>(
  name: LabStoreName,
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<LabStore<T>> {
  if (!factory) throw new Error('This browser offers no IndexedDB, so results are kept only until the page closes.');
  const db = await openDatabase(factory);
  return {
    async all() {
      const tx = db.transaction(name, 'readonly');
      return (await request(tx.objectStore(name).getAll())) as T[];
    },
    async put(record) {
      if (sealed) return;
      const tx = db.transaction(name, 'readwrite');
      tx.objectStore(name).put(record);
      await done(tx);
    },
    async delete(id) {
      if (sealed) return;
      const tx = db.transaction(name, 'readwrite');
      tx.objectStore(name).delete(id);
      await done(tx);
    },
  };
}

/**
 * Empties every store of the database (runs and fine-tune results) in one transaction, and stops all later writes:
 * the caller reloads the page next, which starts every section from the now empty stores. Clearing rather than
 * deleting the database works while this page (or another tab) holds it open; a browser without IndexedDB has
 * nothing saved to clear.
 */
export async function clearLabDatabase(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
  if (!factory) return;
  const db = await openDatabase(factory);
  // Sealed before the clear is queued: a write queued after it would run after it and bring its record back.
  sealed = true;
  try {
    const tx = db.transaction([...STORES], 'readwrite');
    for (const name of STORES) tx.objectStore(name).clear();
    await done(tx);
  } catch (error) {
    sealed = false; // nothing was cleared, so the page goes on saving as before
    throw error;
  }
}
