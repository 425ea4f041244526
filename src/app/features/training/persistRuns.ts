/**
 * Keeps the run history in step with the current run: the streaming run is saved at most every few seconds
 * (each save writes the whole record), and at once when its status changes or it finishes, so a reload loses
 * at most the last few seconds of a run that is still going. A finished run stays overlaid when the next starts.
 */
import { useHistoryStore } from './historyStore';
import { useRunStore } from './runStore';
import type { RunRecord } from './runRecord';

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
      if (before.info) useHistoryStore.getState().setOverlay(before.id, true);
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
}
