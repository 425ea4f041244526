/**
 * The preset queue as the page runs it: the queue asked for (kept in localStorage, so a reload resumes it), and
 * the driver that starts the next run whenever nothing is training. Which run comes next is read from the run
 * history (presetQueue.ts). A queued run that is stopped by the user or fails halts the queue with a message;
 * starting the queue again continues with the runs still missing.
 */
import { create } from 'zustand';
import { useBackendStore } from '../../shell/backendStore';
import { useExperimentStore } from '../../settings/experimentStore';
import { useHistoryStore } from './historyStore';
import { parseStoredQueue, queueProgress, withCurrentRun, type PresetQueue } from './presetQueue';
import { presetById } from './presets';
import { ACTIVE_STATUSES, useRunStore } from './runStore';
import type { RunRecord } from './runRecord';

const QUEUE_KEY = 'linformer-lab.preset-queue';

interface PresetQueueState {
  queue: PresetQueue | null;
  /** The preset of the last queue, so its panel (message, verdict) stays open once the queue has ended. */
  lastPresetId: PresetQueue['presetId'] | null;
  /** Why the queue stopped, or that it finished; shown until the next start. */
  message: { kind: 'info' | 'error'; text: string } | null;
  start(queue: PresetQueue): void;
  /** Stops the queue and the run it started. */
  stop(): Promise<void>;
}

function readStored(): PresetQueue | null {
  try {
    return parseStoredQueue(localStorage.getItem(QUEUE_KEY));
  } catch {
    return null;
  }
}

function store(queue: PresetQueue | null): void {
  try {
    if (queue) localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    else localStorage.removeItem(QUEUE_KEY);
  } catch {
    // Storage blocked: the queue still runs, it just will not survive a reload.
  }
}

/** The id of the run the queue started last (in memory: after a reload no queued run is in flight). */
let queuedRunId: string | null = null;

export const usePresetQueueStore = create<PresetQueueState>((set, get) => ({
  queue: null,
  lastPresetId: null,
  message: null,
  start(queue) {
    store(queue);
    set({ queue, lastPresetId: queue.presetId, message: null });
    advance();
  },
  async stop() {
    const { queue } = get();
    if (!queue) return;
    halt({ kind: 'info', text: 'Queue stopped. Run the whole preset again to continue with the runs still missing.' });
    const current = useRunStore.getState().current;
    if (current && current.id === queuedRunId && ACTIVE_STATUSES.has(current.status))
      await useRunStore.getState().stop();
  },
}));

function halt(message: { kind: 'info' | 'error'; text: string }): void {
  store(null);
  queuedRunId = null;
  usePresetQueueStore.setState({ queue: null, message });
}

/** The finished runs the queue can count: the history, and the current run (saved to the history with a delay). */
function knownRuns(): RunRecord[] {
  return withCurrentRun(useRunStore.getState().current, useHistoryStore.getState().runs);
}

let advancing = false;

/** Starts the queue's next run if nothing is training; ends the queue when every run is done. */
function advance(): void {
  const { queue } = usePresetQueueStore.getState();
  if (!queue || advancing) return;
  if (useBackendStore.getState().phase !== 'ready' || useHistoryStore.getState().phase === 'loading') return;
  const current = useRunStore.getState().current;
  if (current && ACTIVE_STATUSES.has(current.status)) return;
  if (current && current.id === queuedRunId && (current.status === 'stopped' || current.status === 'failed')) {
    halt({
      kind: 'error',
      text: `Queue halted: the run "${current.label}" ${current.status === 'failed' ? `failed (${current.message ?? 'no message'})` : 'was stopped'}. Run the whole preset again to continue.`,
    });
    return;
  }
  const progress = queueProgress(queue, knownRuns());
  const preset = presetById(queue.presetId);
  if (!progress.next || !preset) {
    halt({
      kind: 'info',
      text: `Queue finished: all ${progress.jobs.length} runs of "${preset?.title ?? queue.presetId}" are in the history.`,
    });
    return;
  }
  const { settings } = progress.next;
  advancing = true;
  useExperimentStore.getState().replaceAll(settings, 'replace');
  void useRunStore
    .getState()
    .start(settings)
    .finally(() => {
      advancing = false;
    });
  // start() sets the new current run synchronously, before its first await.
  queuedRunId = useRunStore.getState().current?.id ?? null;
}

let driving = false;

/** Resumes a stored queue and keeps it moving; called once by the training lab. */
export function startPresetQueueDriver(): void {
  if (driving) return;
  driving = true;
  const stored = readStored();
  if (stored) usePresetQueueStore.setState({ queue: stored, lastPresetId: stored.presetId });
  useRunStore.subscribe((state, previous) => {
    if (state.current?.status !== previous.current?.status) advance();
  });
  useHistoryStore.subscribe((state, previous) => {
    if (state.phase !== previous.phase) advance();
  });
  useBackendStore.subscribe((state, previous) => {
    if (state.phase !== previous.phase) advance();
  });
  advance();
}
