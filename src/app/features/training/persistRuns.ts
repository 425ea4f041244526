/**
 * Keeps the run history in step with the current run: the streaming run is saved at most every few seconds
 * (each save writes the whole record), and at once when its status changes or it finishes, so a reload loses
 * at most the last few seconds of a run that is still going. A finished run stays overlaid when the next starts.
 * Also asks the worker, once, for the trained model it kept from an earlier session (its weights, saved by the worker).
 */
import { useHistoryStore } from './historyStore';
import { useRunStore } from './runStore';
import type { RunRecord } from './runRecord';
import { useBackendStore } from '../../shell/backendStore';

export const SAVE_INTERVAL_MS = 2000;

let started = false;

export function startRunPersistence(): void {
  if (started) return;
  started = true;
  let pending: RunRecord | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending) void useHistoryStore.getState().save(pending);
    pending = null;
  };

  useRunStore.subscribe((state, previous) => {
    const run = state.current;
    const before = previous.current;
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
  // Last chance on reload or tab close; IndexedDB usually completes a write started here.
  window.addEventListener('pagehide', flush);
  void useHistoryStore.getState().load();
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
