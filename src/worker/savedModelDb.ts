/**
 * Where trained models' weights are kept: a database of its own, 'linformer-lab-weights', with one object store
 * holding the latest KEPT_MODELS trained models, one record per training run (keyed by the run's id). A save beyond
 * that bound deletes the oldest, so the weights take the room of at most KEPT_MODELS models however many runs are
 * trained. Versions before this one kept a single record under the key LATEST_KEY; it is read like any other
 * (it carries no run id of its own) and is evicted when it becomes the oldest.
 *
 * Why not a store in the app's database (src/app/shared/storage/labDb.ts, 'linformer-lab' version 2): the worker
 * writes the weights and the page writes the runs, each through its own connection. A store added there would bump
 * labDb's version, and an upgrade requested by one of them is blocked while the other holds the older version open
 * (the page opens it at load, the worker at a run's end), so either side could wedge the other. A database of its
 * own has its own versions, and labDb's schema and its upgrade path stay as they are.
 *
 * Plain IndexedDB, no tfjs: the page imports this file too, to clear the store ("Clear all saved data").
 */
import type { TrainingRunSpec } from '../lib/experiments/runSpec';
import type { ModelConfig } from '../lib/model/config';
import type { SavedWeight } from '../lib/model/savedWeights';
import { done, request } from '../lib/storage/indexedDbRequests';
import { DatabaseConnection } from '../lib/storage/openDatabase';

export const WEIGHTS_DB_NAME = 'linformer-lab-weights';
export const WEIGHTS_DB_VERSION = 1;
export const WEIGHTS_STORE = 'models';
/** The key of the one record versions before per-run keys wrote (read for backwards compatibility). */
export const LATEST_KEY = 'latest';
/**
 * How many trained models are kept. A small model of this lab (d = 64, 2 layers) is well under a megabyte, the
 * largest the settings allow some tens of megabytes; four of them stay within what a browser grants a site without
 * asking, and cover "the last few runs" a fine-tune comparison starts from.
 */
export const KEPT_MODELS = 4;

/** What is kept of a trained model: enough to rebuild it (config + weights) and to describe it (spec, steps). */
export interface SavedModelRecord {
  /** The training run's id (LATEST_KEY for the one record of older versions). */
  id: string;
  /** Bumped if the record's layout ever changes; a record of another format is deleted, not read. */
  format: 1;
  savedAt: string;
  /** A short description of the run, as the page describes runs. */
  label: string;
  spec: TrainingRunSpec;
  /** The model's full config (with its vocabulary size), which createEncoder rebuilds it from. */
  config: ModelConfig;
  steps: number;
  weights: SavedWeight[];
}

const WEIGHTS_SCHEMA = {
  name: WEIGHTS_DB_NAME,
  version: WEIGHTS_DB_VERSION,
  upgrade(db: IDBDatabase) {
    if (!db.objectStoreNames.contains(WEIGHTS_STORE)) db.createObjectStore(WEIGHTS_STORE, { keyPath: 'id' });
  },
};
const connections = new WeakMap<IDBFactory, DatabaseConnection>();

/**
 * The weights database, through the same connection handling as the page's (lib/storage/openDatabase.ts): it lets a
 * newer version in another tab upgrade, waits out one that blocks this upgrade, and reopens after the browser closed
 * it. The worker has no screen: what holds saving up is written to the console.
 */
function openWeightsDb(factory: IDBFactory): Promise<IDBDatabase> {
  let connection = connections.get(factory);
  if (!connection) {
    connection = new DatabaseConnection(factory, WEIGHTS_SCHEMA, (state) => {
      if (state === 'blocked') console.warn('The kept models wait for another tab to close an older version of them.');
      if (state === 'outdated') console.warn('Kept models were upgraded in another tab; reload this tab to save more.');
    });
    connections.set(factory, connection);
  }
  return connection.open();
}

/** ISO save time of a record, '' when it has none (such a record sorts as the oldest). */
const savedAtOf = (record: unknown): string =>
  typeof record === 'object' && record !== null && typeof (record as { savedAt?: unknown }).savedAt === 'string'
    ? (record as { savedAt: string }).savedAt
    : '';

const idOf = (record: unknown): string | null =>
  typeof record === 'object' && record !== null && typeof (record as { id?: unknown }).id === 'string'
    ? (record as { id: string }).id
    : null;

/** Records newest first (ISO times sort as text); ties keep the store's order. */
export function newestFirst<T>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (savedAtOf(a) < savedAtOf(b) ? 1 : savedAtOf(a) > savedAtOf(b) ? -1 : 0));
}

/**
 * Every kept record, newest first (unchecked: the caller validates each). getAll reads the weights too: with at most
 * KEPT_MODELS records that is a few megabytes, and a second store of descriptions alone would need a schema upgrade.
 */
export async function readSavedModels(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<unknown[]> {
  if (!factory) return [];
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readonly');
  return newestFirst((await request(tx.objectStore(WEIGHTS_STORE).getAll())) as unknown[]);
}

/** The record of one run (unchecked), or null when it is not kept. */
export async function readSavedModel(
  id: string,
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<unknown> {
  if (!factory) return null;
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readonly');
  return (await request(tx.objectStore(WEIGHTS_STORE).get(id))) ?? null;
}

/**
 * Keeps a run's model (replacing an earlier save of the same run), then deletes the oldest records beyond
 * KEPT_MODELS, in the same transaction: the store is never seen over its bound, and a failed eviction undoes the put.
 * Returns the ids evicted.
 */
export async function writeSavedModel(
  record: SavedModelRecord,
  factory: IDBFactory | undefined = globalThis.indexedDB,
  keep: number = KEPT_MODELS,
): Promise<string[]> {
  if (!factory) return [];
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readwrite');
  const store = tx.objectStore(WEIGHTS_STORE);
  store.put(record);
  const evicted: string[] = [];
  // Callbacks, not awaits, between the requests: the transaction must still be active when the deletes are made.
  const all = store.getAll();
  all.onsuccess = () => {
    for (const old of newestFirst(all.result as unknown[]).slice(keep)) {
      const id = idOf(old);
      if (id === null || id === record.id) continue;
      store.delete(id);
      evicted.push(id);
    }
  };
  await done(tx);
  return evicted;
}

/** Deletes one run's record (a damaged one). */
export async function deleteSavedModel(
  id: string,
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<void> {
  if (!factory) return;
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readwrite');
  tx.objectStore(WEIGHTS_STORE).delete(id);
  await done(tx);
}

/**
 * Removes every kept model ("Clear all saved data"). Clearing the store rather than deleting the database works while
 * the compute worker holds it open. The page calls this only after the worker has stopped saving (savedModel.ts's
 * clearTrainedModels), or when the worker cannot be asked.
 */
export async function clearSavedModel(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
  if (!factory) return;
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readwrite');
  tx.objectStore(WEIGHTS_STORE).clear();
  await done(tx);
}
