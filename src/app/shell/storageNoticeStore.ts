/**
 * What the page says about its saved-data database when saving is held up: another tab blocks its upgrade (it waits,
 * and goes on by itself once that tab lets go), or a newer version of the app took the database over in another
 * tab (this tab cannot save again until it is reloaded). Fed by labDb's connection (shared/storage/labDb.ts).
 */
import { create } from 'zustand';
import { labDatabaseState, watchLabDatabase } from '../shared/storage/labDb';
import type { ConnectionState } from '../../lib/storage/openDatabase';

export type StorageProblem = 'blocked' | 'outdated';

interface StorageNoticeState {
  problem: StorageProblem | null;
}

/** The problem a connection state shows; `outdated` lasts until the reload, whatever happens after it. */
export function problemAfter(previous: StorageProblem | null, state: ConnectionState | null): StorageProblem | null {
  if (previous === 'outdated' || state === 'outdated') return 'outdated';
  return state === 'blocked' ? 'blocked' : null;
}

export const useStorageNotice = create<StorageNoticeState>(() => ({ problem: problemAfter(null, labDatabaseState()) }));

watchLabDatabase((state) => useStorageNotice.setState(({ problem }) => ({ problem: problemAfter(problem, state) })));
