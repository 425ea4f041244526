import { create } from 'zustand';
import * as Comlink from 'comlink';
import type { BackendReport } from '../../lib/backend/backendReport';
import { isBackendName } from '../../lib/backend/backendReport';
import { computeWorker } from '../shared/compute/computeClient';
import { describeError } from '../shared/format/describeError';

/** Which tfjs backend the compute worker runs on, and whether the GPU is still there. */
interface BackendState {
  phase: 'starting' | 'ready' | 'failed';
  report: BackendReport | null;
  error: string | null;
  /** A notice about the address's ?backend= value (unknown names are ignored, not fatal). */
  urlNotice: string | null;
  deviceLost: string | null;
  start(search: string): Promise<void>;
}

export const useBackendStore = create<BackendState>((set) => ({
  phase: 'starting',
  report: null,
  error: null,
  urlNotice: null,
  deviceLost: null,
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
  set({ phase: 'starting', urlNotice });
  try {
    const report = await computeWorker().start(
      requested,
      Comlink.proxy({
        deviceLost: (message: string) => set({ deviceLost: message }),
      }),
    );
    set({ phase: 'ready', report, error: null });
  } catch (error) {
    set({ phase: 'failed', error: describeError(error) });
  }
}
