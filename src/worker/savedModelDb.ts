/**
 * Where the last trained model's weights are kept: a database of its own, 'linformer-lab-weights', with one object
 * store holding at most one record (key LATEST_KEY): only the latest trained model is kept, so the weights take the
 * room of one model however many runs are trained.
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

export const WEIGHTS_DB_NAME = 'linformer-lab-weights';
export const WEIGHTS_DB_VERSION = 1;
export const WEIGHTS_STORE = 'models';
/** The one record's key: a new save replaces the last. */
export const LATEST_KEY = 'latest';

/** What is kept of a trained model: enough to rebuild it (config + weights) and to describe it (spec, steps). */
export interface SavedModelRecord {
  id: typeof LATEST_KEY;
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

const opened = new WeakMap<IDBFactory, Promise<IDBDatabase>>();

function openWeightsDb(factory: IDBFactory): Promise<IDBDatabase> {
  let db = opened.get(factory);
  if (!db) {
    const open = factory.open(WEIGHTS_DB_NAME, WEIGHTS_DB_VERSION);
    open.onupgradeneeded = () => {
      if (!open.result.objectStoreNames.contains(WEIGHTS_STORE))
        open.result.createObjectStore(WEIGHTS_STORE, { keyPath: 'id' });
    };
    db = request(open).then((database) => {
      // Another tab asking for a newer version: let it, rather than block it.
      database.onversionchange = () => {
        database.close();
        opened.delete(factory);
      };
      return database;
    });
    db.catch(() => opened.delete(factory)); // a failed open is tried again next time
    opened.set(factory, db);
  }
  return db;
}

/** The saved record (unchecked: the caller validates it), or null when none is kept or there is no IndexedDB. */
export async function readSavedModel(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<unknown> {
  if (!factory) return null;
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readonly');
  return (await request(tx.objectStore(WEIGHTS_STORE).get(LATEST_KEY))) ?? null;
}

/** Replaces the kept model (there is only ever one). */
export async function writeSavedModel(
  record: SavedModelRecord,
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<void> {
  if (!factory) return;
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readwrite');
  tx.objectStore(WEIGHTS_STORE).put(record);
  await done(tx);
}

/**
 * Removes the kept model: a damaged record, or "Clear all saved data" (called from the page). Clearing the store
 * rather than deleting the database works while the compute worker holds it open.
 */
export async function clearSavedModel(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
  if (!factory) return;
  const db = await openWeightsDb(factory);
  const tx = db.transaction(WEIGHTS_STORE, 'readwrite');
  tx.objectStore(WEIGHTS_STORE).clear();
  await done(tx);
}
