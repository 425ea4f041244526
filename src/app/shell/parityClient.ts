/**
 * The main thread's handle on a backend-check worker (src/worker/parity.worker.ts): one fresh worker per
 * check, terminated when the check ends or is stopped, so its tfjs and GPU memory go with it.
 */
import * as Comlink from 'comlink';
import type { BackendName } from '../../lib/backend/backendReport';
import type { ParityCheckResult } from '../../lib/train/parityCheck';
import type { ParityEvents, ParityWorkerApi } from '../../worker/parityApi';

export interface ParityWorkerHandle {
  /** Runs the check; rejects with the worker's message, or if the worker itself fails (say, fails to load). */
  check(backend: BackendName, events: ParityEvents): Promise<ParityCheckResult>;
  terminate(): void;
}

export function spawnParityWorker(): ParityWorkerHandle {
  const worker = new Worker(new URL('../../worker/parity.worker.ts', import.meta.url), {
    type: 'module',
    name: 'linformer-lab-parity',
  });
  const api = Comlink.wrap<ParityWorkerApi>(worker);
  // Comlink answers only what the worker answers: a worker that dies or cannot load would leave the call pending.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(
        new Error(
          `the check's worker stopped with an error${event.message ? `: ${event.message}` : ' (it may have failed to load)'}`,
        ),
      );
    });
    worker.addEventListener('messageerror', () =>
      reject(new Error("the check's worker sent a message that could not be read")),
    );
  });
  failed.catch(() => {});
  return {
    check: (backend, events) => Promise.race([api.check(backend, Comlink.proxy(events)), failed]),
    terminate: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
