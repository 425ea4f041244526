/**
 * A pool of nested module workers (svd.worker.ts) that compute singular values, so the compute worker
 * only schedules: it stays free to answer the page and to keep training while a spectrum is computed.
 *
 * Jobs queue here; each idle worker takes the next one (a 512×512 matrix is ~100 ms, so one job at a time
 * per worker balances well). A worker that fails (cannot load, crashes) is dropped and its job re-queued;
 * with no workers left, jobs run inside the calling thread, yielding between them.
 */
import * as Comlink from 'comlink';
import { singularValues } from '../lib/numerics/singularValues';
import type { SvdJob, SvdWorkerApi } from './svd.worker';

export type { SvdJob } from './svd.worker';

/** One pool member, as the pool sees it (a real worker, or a stand-in in tests). */
export interface SvdEndpoint {
  singularValues(job: SvdJob): Promise<Float64Array>;
  /** Registers the one listener told when the worker dies or fails to load (its calls never settle then). */
  onFailure(listener: (message: string) => void): void;
  terminate(): void;
}

export interface SvdPool {
  /** Workers alive (0: jobs run in the calling thread). */
  readonly size: number;
  run(job: SvdJob): Promise<Float64Array>;
  dispose(): void;
}

/** min(4, hardwareConcurrency): more than four rarely pays, and the page needs a core too. */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.min(4, hardwareConcurrency ?? 1));
}

export function spawnSvdWorker(index: number): SvdEndpoint {
  const worker = new Worker(new URL('./svd.worker.ts', import.meta.url), { type: 'module', name: `linformer-lab-svd-${index}` });
  const remote = Comlink.wrap<SvdWorkerApi>(worker);
  return {
    singularValues: (job) => remote.singularValues(Comlink.transfer(job, [job.data.buffer])),
    onFailure: (listener) => {
      worker.addEventListener('error', (event) => listener(event.message || 'the SVD worker failed to start'));
    },
    terminate: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

interface Task {
  job: SvdJob;
  resolve(sigma: Float64Array): void;
  reject(error: unknown): void;
}

interface Slot {
  endpoint: SvdEndpoint;
  current: Task | null;
  failed: boolean;
}

export function createSvdPool(size: number, spawn: (index: number) => SvdEndpoint = spawnSvdWorker): SvdPool {
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let inlineRunning = false;
  let disposed = false;

  for (let i = 0; i < size; i++) {
    let endpoint: SvdEndpoint;
    try {
      endpoint = spawn(i);
    } catch {
      continue; // No nested workers here (some browsers): fewer slots, down to inline.
    }
    const slot: Slot = { endpoint, current: null, failed: false };
    endpoint.onFailure(() => fail(slot));
    slots.push(slot);
  }

  function fail(slot: Slot): void {
    if (slot.failed) return;
    slot.failed = true;
    slot.endpoint.terminate();
    if (slot.current) queue.unshift(slot.current);
    slot.current = null;
    pump();
  }

  function start(slot: Slot, task: Task): void {
    slot.current = task;
    // The worker gets a copy (transferred): the original stays here, so a job survives a dying worker.
    const { rows, cols, data } = task.job;
    slot.endpoint.singularValues({ rows, cols, data: data.slice() }).then(
      (sigma) => finish(slot, task, () => task.resolve(sigma)),
      (error: unknown) => finish(slot, task, () => task.reject(error)),
    );
  }

  function finish(slot: Slot, task: Task, settle: () => void): void {
    // A late answer from a worker already given up on: its job was handed to someone else.
    if (slot.current !== task) return;
    slot.current = null;
    settle();
    pump();
  }

  function pump(): void {
    if (disposed) return;
    for (const slot of slots) {
      if (queue.length === 0) return;
      if (!slot.failed && slot.current === null) start(slot, queue.shift()!);
    }
    if (queue.length > 0 && !inlineRunning && slots.every((slot) => slot.failed)) void runInline();
  }

  async function runInline(): Promise<void> {
    inlineRunning = true;
    while (queue.length > 0 && !disposed) {
      const task = queue.shift()!;
      try {
        task.resolve(singularValues(task.job.data, task.job.rows, task.job.cols));
      } catch (error) {
        task.reject(error);
      }
      // Let messages (progress, pause, the page's calls) through between matrices.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    inlineRunning = false;
  }

  return {
    get size() {
      return slots.filter((slot) => !slot.failed).length;
    },
    run(job) {
      if (disposed) return Promise.reject(new Error('The SVD pool has been shut down.'));
      return new Promise<Float64Array>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        pump();
      });
    },
    dispose() {
      disposed = true;
      for (const slot of slots) slot.endpoint.terminate();
      const error = new Error('The SVD pool was shut down before this matrix was done.');
      for (const task of queue.splice(0)) task.reject(error);
      for (const slot of slots) slot.current?.reject(error);
    },
  };
}
