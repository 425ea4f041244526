/**
 * Keeps the run history in step with the current run: the streaming run is saved at most every few seconds
 * (each save writes the whole record), and at once when its status changes or it finishes, so a reload loses
 * at most the last few seconds of a run that is still going. A finished run stays overlaid when the next starts.
 * Also asks the worker, once, for the trained model it kept from an earlier session (its weights, saved by the worker).
 *
 * A run stored as going whose page is gone (reloaded or closed mid-run) is rewritten as stopped before the history
 * loads, so the database says what the page shows. A run some tab is still training is told apart by a Web Lock the
 * training page holds for it (lib/storage/liveLocks.ts), and is left alone.
 */
import { useHistoryStore } from './historyStore';
import { ACTIVE_STATUSES, useRunStore } from './runStore';
import { interruptedRun, runLockName, type RunRecord } from './runRecord';
import { useBackendStore } from '../../shell/backendStore';
import { openLabStore, type LabStore } from '../../shared/storage/labDb';
import { heldLockNames, holdLock } from '../../../lib/storage/liveLocks';

export const SAVE_INTERVAL_MS = 2000;

export { runLockName } from './runRecord';

/**
 * Rewrites as stopped (interruptedRun) every stored run still marked as going whose lock no page holds (`held`:
 * the lock names held now); returns how many were rewritten.
 */
export function settleInterruptedRuns(
  store: Pick<LabStore<RunRecord>, 'update'>,
  held: ReadonlySet<string>,
): Promise<number> {
  return store.update((run) =>
    ACTIVE_STATUSES.has(run.status) && !held.has(runLockName(run.id)) ? interruptedRun(run) : null,
  );
}

/** Settles the interrupted runs, then loads the history (which waits for it, so that it reads them as stopped). */
async function loadHistory(): Promise<void> {
  try {
    const held = new Set(await heldLockNames());
    const current = useRunStore.getState().current;
    if (current) held.add(runLockName(current.id)); // this page's own run, if one started before the load
    await settleInterruptedRuns(await openLabStore<RunRecord>('runs'), held);
  } catch {
    // No database to settle: the history's load meets the same problem and says it.
  }
  await useHistoryStore.getState().load();
}

let started = false;

export function startRunPersistence(): void {
  if (started) return;
  started = true;
  let pending: RunRecord | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lockedRun: string | null = null;
  let releaseLock = () => undefined as void;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending) void useHistoryStore.getState().save(pending);
    pending = null;
  };

  useRunStore.subscribe((state, previous) => {
    const run = state.current;
    const before = previous.current;
    // Held while the run goes, released as it ends (or by the browser when the page goes).
    const going = run && ACTIVE_STATUSES.has(run.status) ? run.id : null;
    if (going !== lockedRun) {
      releaseLock();
      lockedRun = going;
      releaseLock = going ? holdLock(runLockName(going)) : () => undefined;
    }
    if (before && before.id !== run?.id) {
      // A new run replaces the last one: write the last one's final state and keep it on the figure.
      if (pending?.id === before.id) flush();
      if (before.info) useHistoryStore.getState().keepShown(before.id);
    }
    // A run the worker refused (bad config) never trained: it is reported, not kept.
    if (!run || !run.info) return;
    pending = run;
    const changed = before?.id !== run.id || before.status !== run.status || before.info !== run.info;
    if (changed) flush();
    else timer ??= setTimeout(flush, SAVE_INTERVAL_MS);
  });
  // Last chance on reload or tab close; IndexedDB usually completes a write started here. A page going for good (not
  // into the back-forward cache, from which it may come back running) ends its run with it: saved as interrupted.
  window.addEventListener('pagehide', (event) => {
    const run = useRunStore.getState().current;
    if (!event.persisted && run?.info && ACTIVE_STATUSES.has(run.status)) pending = interruptedRun(run);
    flush();
  });
  void loadHistory();
  // The trained model kept from an earlier session (the worker saves each run's model as it ends): asked for once
  // the worker has its backend, since rebuilding the model needs one.
  const askSavedModel = () => void useRunStore.getState().loadSavedModel();
  if (useBackendStore.getState().phase === 'ready') askSavedModel();
  else {
    const unsubscribe = useBackendStore.subscribe((state) => {
      if (state.phase !== 'ready') return;
      unsubscribe();
      askSavedModel();
    });
  }
}
