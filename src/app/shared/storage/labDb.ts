/**
 * What the app keeps on disk: one IndexedDB database with an object store per kind of record (training runs,
 * fine-tune results), each keyed by id. Plain indexedDB, wrapped in promises; writes to one store apply in the
 * order they were made, so the last save of a record wins. The connection copes with other tabs and with cleared site
 * data (lib/storage/openDatabase.ts); its state is told to watchers, so the page can say when saving is held up.
 */
import { done, request } from '../../../lib/storage/indexedDbRequests';
import { DatabaseConnection, type ConnectionState } from '../../../lib/storage/openDatabase';

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
  /**
   * Rewrites the records `change` returns a new version of (null: leave it), reading and writing in one transaction,
   * so a save from another tab cannot fall between the read and the write; returns how many were rewritten.
   */
  update(change: (record: T) => T | null): Promise<number>;
}

const SCHEMA = {
  name: DB_NAME,
  version: DB_VERSION,
  upgrade(db: IDBDatabase) {
    for (const name of STORES) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'id' });
  },
};

/** The state of the page's connection, for the page's notice (shell/storageNoticeStore.ts); null before any open. */
let state: ConnectionState | null = null;
const listeners = new Set<(state: ConnectionState) => void>();

/** Calls `listener` with every later state of the database connection; returns the unsubscribe. */
export function watchLabDatabase(listener: (state: ConnectionState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function labDatabaseState(): ConnectionState | null {
  return state;
}

const connections = new WeakMap<IDBFactory, DatabaseConnection>();

function connection(factory: IDBFactory): DatabaseConnection {
  let db = connections.get(factory);
  if (!db) {
    db = new DatabaseConnection(factory, SCHEMA, (next) => {
      state = next;
      for (const listener of listeners) listener(next);
    });
    connections.set(factory, db);
  }
  return db;
}

/**
 * Set once every store was cleared (clearLabDatabase). From then on writes are dropped until the page reloads, so a
 * save still under way, or the last save a page makes as it unloads (persistRuns), cannot bring a record back.
 */
let sealed = false;

export async function openLabStore<T extends { id: string }>(
  name: LabStoreName,
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<LabStore<T>> {
  if (!factory) throw new Error('This browser offers no IndexedDB, so results are kept only until the page closes.');
  const db = connection(factory);
  // Opened here so that a page that cannot open the database learns it on loading, not on its first save.
  await db.open();
  return {
    all() {
      return db.transact(name, 'readonly', async (tx) => (await request(tx.objectStore(name).getAll())) as T[]);
    },
    async put(record) {
      if (sealed) return;
      await db.transact(name, 'readwrite', (tx) => {
        tx.objectStore(name).put(record);
        return done(tx);
      });
    },
    async delete(id) {
      if (sealed) return;
      await db.transact(name, 'readwrite', (tx) => {
        tx.objectStore(name).delete(id);
        return done(tx);
      });
    },
    async update(change) {
      if (sealed) return 0;
      return db.transact(name, 'readwrite', async (tx) => {
        const store = tx.objectStore(name);
        let rewritten = 0;
        for (const record of (await request(store.getAll())) as T[]) {
          const next = change(record);
          if (next === null) continue;
          store.put(next);
          rewritten += 1;
        }
        // Watched from here, inside the getAll's answer: the transaction is still active, and completes after the puts.
        await done(tx);
        return rewritten;
      });
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
  const db = connection(factory);
  await db.open();
  // Sealed before the clear is queued: a write queued after it would run after it and bring its record back.
  sealed = true;
  try {
    await db.transact([...STORES], 'readwrite', (tx) => {
      for (const name of STORES) tx.objectStore(name).clear();
      return done(tx);
    });
  } catch (error) {
    sealed = false; // nothing was cleared, so the page goes on saving as before
    throw error;
  }
}
