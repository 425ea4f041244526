/**
 * "Clear all saved data": everything this app keeps in the browser, and nothing else of the site's. That is the
 * IndexedDB database (runs, fine-tune results: labDb.ts), the compute worker's database of the last trained model's
 * weights (src/worker/savedModelDb.ts) and the localStorage keys under the app's prefixes (which
 * history runs are drawn, a queued preset; and results kept by versions before the database). Settings live in the
 * page's address, not in storage, so they stay. The caller reloads the page afterwards.
 */
import { clearLabDatabase } from './labDb';
import { clearSavedModel } from '../../../worker/savedModelDb';

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

/**
 * Clears the database first: if that fails nothing is lost from localStorage either, and the caller can say that
 * nothing was cleared.
 */
export async function clearSavedData(
  factory: IDBFactory | undefined = globalThis.indexedDB,
  storage: Storage | undefined = pageStorage(),
): Promise<void> {
  await clearLabDatabase(factory);
  // The kept weights next: without the runs they came from, a trained model left behind would be a puzzle.
  await clearSavedModel(factory);
  try {
    clearStoredKeys(storage);
  } catch {
    // Storage that refuses removals refused the app's writes too: there is nothing of ours in it to clear.
  }
}
