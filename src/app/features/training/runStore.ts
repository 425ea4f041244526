/**
 * The current training run: its status, what the worker said about it, and its streamed metrics.
 * Reports arrive from the worker once per step; they go into this store, outside React's render path,
 * and figures read it at most once per animation frame.
 */
import { create } from 'zustand';
import * as Comlink from 'comlink';
import { computeWorker } from '../../shared/compute/computeClient';
import { describeError } from '../../shared/format/describeError';
import { toRunSpec } from '../../settings/toRunSpec';
import type { ExperimentSettings } from '../../settings/schema';
import { appendReport, describeRun, type RunRecord } from './runRecord';
import { newRecordId } from '../../../lib/storage/recordId';
import { useBackendStore } from '../../shell/backendStore';
import type { RunStatus, SavedModelInfo } from '../../../worker/computeApi';
import type { StepReport } from '../../../lib/train';

interface RunState {
  current: RunRecord | null;
  /** A message about the last action that failed (bad config, missing data): shown, never fatal. */
  error: string | null;
  /**
   * The trained model kept in this browser from an earlier page session (the worker restores it), while no run has
   * started in this one: spectra and fine-tuning can use it as the trained model. Null when none is kept.
   */
  savedModel: SavedModelInfo | null;
  /** Asks the worker what it kept (once the backend is ready; see persistRuns.ts). */
  loadSavedModel(): Promise<void>;
  start(settings: ExperimentSettings): Promise<void>;
  pause(): void;
  resume(): void;
  step(): Promise<void>;
  stop(): Promise<void>;
}

export const ACTIVE_STATUSES: ReadonlySet<RunStatus> = new Set(['preparing', 'running', 'paused', 'idle']);

export const useRunStore = create<RunState>((set, get) => {
  const update = (id: string, change: (run: RunRecord) => RunRecord) => {
    const run = get().current;
    if (run && run.id === id) set({ current: change(run) });
  };
  return {
    current: null,
    error: null,
    savedModel: null,
    async loadSavedModel() {
      try {
        const savedModel = await computeWorker().savedModelInfo();
        // A run started while the worker looked replaces the kept model.
        if (get().current === null) set({ savedModel });
      } catch {
        // No kept model to offer: the page works as before one was kept.
      }
    },
    async start(settings) {
      const backend = useBackendStore.getState().report;
      const id = newRecordId('run'); // random: two tabs starting runs in the same millisecond get different ids
      const run: RunRecord = {
        id,
        label: describeRun(settings),
        settings: { ...settings, kPerLayer: [...settings.kPerLayer] },
        startedAt: new Date().toISOString(),
        backend: backend?.active ?? 'unknown',
        adapter: backend?.adapter ? `${backend.adapter.vendor} ${backend.adapter.architecture}`.trim() : null,
        appVersion: __APP_VERSION__,
        status: 'preparing',
        info: null,
        training: [],
        validation: [],
      };
      // The worker replaces the model kept from an earlier session with this run's.
      set({ current: run, error: null, savedModel: null });
      try {
        const info = await computeWorker().startRun(
          toRunSpec(settings),
          Comlink.proxy({
            report: (report: StepReport) => update(id, (r) => appendReport(r, report)),
            status: (status: RunStatus, message?: string) => update(id, (r) => ({ ...r, status, message })),
          }),
          id, // the worker keeps this run's weights under its id, so a fine-tune can name the run to start from
        );
        update(id, (r) => ({ ...r, info }));
      } catch (error) {
        update(id, (r) => ({ ...r, status: 'failed', message: describeError(error) }));
        set({ error: describeError(error) });
      }
    },
    pause() {
      void computeWorker().pauseRun();
    },
    resume() {
      void computeWorker().resumeRun();
    },
    async step() {
      await computeWorker().stepRun();
    },
    async stop() {
      await computeWorker().stopRun();
    },
  };
});
