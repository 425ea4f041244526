/**
 * The main thread's handle on the compute worker: one worker for the page, wrapped by comlink.
 */
import * as Comlink from 'comlink';
import type { ComputeApi } from '../../../worker/computeApi';

let client: Comlink.Remote<ComputeApi> | null = null;

export function computeWorker(): Comlink.Remote<ComputeApi> {
  if (!client) {
    const worker = new Worker(new URL('../../../worker/compute.worker.ts', import.meta.url), {
      type: 'module',
      name: 'linformer-lab-compute',
    });
    client = Comlink.wrap<ComputeApi>(worker);
  }
  return client;
}
