import { create } from 'zustand';
import * as Comlink from 'comlink';
import type { BackendReport } from '../../lib/backend/backendReport';
import { isBackendName } from '../../lib/backend/backendReport';
import { computeWorker } from '../shared/compute/computeClient';
import { describeError } from '../shared/format/describeError';
import type { GpuFaultKind } from '../../worker/gpuFault';

/** Which tfjs backend the compute worker runs on, and whether the GPU is still there. */
interface BackendState {
  phase: 'starting' | 'ready' | 'failed';
  report: BackendReport | null;
  error: string | null;
  /** A notice about the address's ?backend= value (unknown names are ignored, not fatal). */
  urlNotice: string | null;
  /**
   * The GPU's fault, once it has one (its device was lost, or it reported an uncaptured error): the job in progress
   * was stopped with the same message, and WebGPU is unusable until a reload.
   */
  gpuFault: { kind: GpuFaultKind; message: string } | null;
  start(search: string): Promise<void>;
}

export const useBackendStore = create<BackendState>((set) => ({
  phase: 'starting',
  report: null,
  error: null,
  urlNotice: null,
  gpuFault: null,
  start(search) {
    // React's StrictMode runs effects twice in development: start the worker once per page.
    starting ??= startOnce(search, set);
    return starting;
  },
}));

let starting: Promise<void> | null = null;

async function startOnce(search: string, set: (partial: Partial<BackendState>) => void): Promise<void> {
  const raw = new URLSearchParams(search).get('backend');
  const requested = isBackendName(raw) ? raw : null;
  const urlNotice =
    raw !== null && !requested ? `Ignored ?backend=${raw.slice(0, 40)}: use webgpu, webgl, wasm or cpu.` : null;
  // ?testHooks=1 lets the end-to-end tests cause a GPU fault (worker/gpuTestHooks.ts); nothing else uses them.
  const testHooks = new URLSearchParams(search).get('testHooks') === '1';
  if (testHooks) exposeGpuTestHooks();
  set({ phase: 'starting', urlNotice });
  try {
    const report = await computeWorker().start(
      requested,
      Comlink.proxy({
        gpuFault: (kind: GpuFaultKind, message: string) => set({ gpuFault: { kind, message } }),
      }),
      { testHooks },
    );
    set({ phase: 'ready', report, error: null });
  } catch (error) {
    set({ phase: 'failed', error: describeError(error) });
  }
}

/** The worker's GPU test hooks, for Playwright's page.evaluate (only with ?testHooks=1). */
function exposeGpuTestHooks(): void {
  (window as Window & { linformerTestHooks?: unknown }).linformerTestHooks = {
    destroyDevice: () => computeWorker().destroyDeviceForTest(),
    raiseGpuError: () => computeWorker().raiseGpuErrorForTest(),
  };
}
