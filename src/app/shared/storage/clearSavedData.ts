/**
 * "Clear all saved data": everything this app keeps in the browser, and nothing else of the site's. That is the
 * IndexedDB database (runs, fine-tune results: labDb.ts), the compute worker's database of the last trained model's
 * weights (src/worker/savedModelDb.ts) and the localStorage keys under the app's prefixes (which
 * history runs are drawn, a queued preset; and results kept by versions before the database). Settings live in the
 * page's address, not in storage, so they stay. The caller reloads the page afterwards.
 *
 * The weights are written by the compute worker, which may be saving a run's model just as the page clears: a put
 * that lands after the clear would leave a model in the "cleared" store. So the weights are cleared by the worker
 * (clearSavedModels): it stops saving, waits for a save in flight and then clears.
 */
import { clearLabDatabase } from './labDb';
import { clearSavedModel } from '../../../worker/savedModelDb';
import { computeWorker } from '../compute/computeClient';

/** "linformer-lab." for every key the app writes today, "linformer-lab:" for the one older versions wrote. */
export const STORAGE_KEY_PREFIXES: readonly string[] = ['linformer-lab.', 'linformer-lab:'];

/** Removes the app's keys from `storage`, leaving any other key alone; returns the removed keys. */
export function clearStoredKeys(storage: Storage | undefined): string[] {
  if (!storage) return [];
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key !== null && STORAGE_KEY_PREFIXES.some((prefix) => key.startsWith(prefix))) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  return keys;
}

/** localStorage, or undefined where reading it throws (storage blocked by the browser's settings). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** How long the page waits for the worker to clear the weights before it clears them itself. */
export const WORKER_CLEAR_TIMEOUT_MS = 15_000;

/**
 * The worker's clear of the kept weights. If the worker does not answer (it failed to start, or is stuck in a long
 * GPU call) within WORKER_CLEAR_TIMEOUT_MS, the page clears the store itself: a worker that cannot answer is not
 * saving either, save for the rare save already past its last check.
 */
export async function clearWeightsThroughWorker(factory: IDBFactory | undefined): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), WORKER_CLEAR_TIMEOUT_MS);
  });
  try {
    const answer = await Promise.race([computeWorker().clearSavedModels(), timedOut]);
    if (answer !== 'timeout') return;
  } catch (error) {
    console.warn('The compute worker could not clear the kept models; clearing them from the page:', error);
  } finally {
    clearTimeout(timer);
  }
  await clearSavedModel(factory);
}

/**
 * Clears the database first: if that fails nothing is lost from localStorage either, and the caller can say that
 * nothing was cleared.
 */
export async function clearSavedData(
  factory: IDBFactory | undefined = globalThis.indexedDB,
  storage: Storage | undefined = pageStorage(),
  clearWeights: (factory: IDBFactory | undefined) => Promise<void> = clearWeightsThroughWorker,
): Promise<void> {
  await clearLabDatabase(factory);
  // The kept weights next: without the runs they came from, a trained model left behind would be a puzzle.
  await clearWeights(factory);
  try {
    clearStoredKeys(storage);
  } catch {
    // Storage that refuses removals refused the app's writes too: there is nothing of ours in it to clear.
  }
}
