/**
 * The first GPU fault of this worker: an uncaptured WebGPU error (a kernel or buffer the GPU rejected, whose
 * command buffer Dawn then dropped, so every result computed in it is stale) or the loss of the device. Either
 * makes further WebGPU results untrustworthy, so the fault is kept for the life of the worker: every job loop
 * checks it between steps (throwIfGpuFault) and stops with its message, and every later job is refused with it.
 * The results a job reported before the fault are the page's and stay where they are.
 *
 * WebGPU reports both asynchronously (an event, a promise), never as an exception from the call that caused
 * them: without this module a rejected kernel changes results without a word (issue 17).
 */

export type GpuFaultKind = 'device-lost' | 'gpu-error';

export interface GpuFault {
  kind: GpuFaultKind;
  /** What the browser said (the error's or the loss's message). */
  cause: string;
  /** The whole sentence shown to the user: the cause, that results so far are kept, and what to do. */
  message: string;
}

/** Thrown by a job that stops because of the fault; its message is the fault's. */
export class GpuFaultError extends Error {
  constructor(readonly fault: GpuFault) {
    super(fault.message);
    this.name = 'GpuFaultError';
  }
}

let first: GpuFault | null = null;
const listeners = new Set<(fault: GpuFault) => void>();

export function describeGpuFault(kind: GpuFaultKind, cause: string): string {
  // Browsers end their messages with a full stop; inside parentheses mid-sentence it would read twice.
  const said = cause.trim().replace(/\.+$/, '');
  return kind === 'device-lost'
    ? `The GPU device was lost (${said}). Results measured before it are kept. Reload the page to get a new ` +
        'device, or reload on the wasm backend; if it happens again, try a smaller n, batch or model.'
    : `The GPU rejected work (${said}), so results computed from here on could be wrong: the job was stopped. ` +
        'Results measured before it are kept. Reload the page, or reload on the wasm backend.';
}

/** Records a fault (only the first counts: later ones are usually its consequences) and tells the listeners. */
export function recordGpuFault(kind: GpuFaultKind, cause: string): GpuFault {
  if (first) return first;
  first = { kind, cause, message: describeGpuFault(kind, cause) };
  const fault = first;
  listeners.forEach((listener) => listener(fault));
  return fault;
}

/** The fault so far, or null while the GPU is healthy (always null off WebGPU). */
export function currentGpuFault(): GpuFault | null {
  return first;
}

/** Called once, with the first fault (at once if there already is one). Returns an unsubscribe function. */
export function onGpuFault(listener: (fault: GpuFault) => void): () => void {
  if (first) {
    listener(first);
    return () => {};
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ends a job between two of its steps once the GPU has faulted. */
export function throwIfGpuFault(): void {
  if (first) throw new GpuFaultError(first);
}

/**
 * Runs one step of a GPU job between two fault checks: a fault before it refuses the step, and a fault raised while
 * it ran discards its result (its kernels may be the ones the GPU rejected), so only results from before the fault
 * reach the page. An error the step throws is reported as the fault behind it, when there is one.
 */
export async function guardGpuStep<T>(step: () => Promise<T>): Promise<T> {
  throwIfGpuFault();
  try {
    const result = await step();
    throwIfGpuFault();
    return result;
  } catch (error) {
    throw await explainGpuFailure(error);
  }
}

/**
 * What to report for an error a GPU job threw: the fault behind it when there is one. A lost device makes
 * buffer reads reject with a generic message, and the loss (or the uncaptured error) may be dispatched just after
 * that rejection, so this waits up to `waitMs` for it before giving the original error back.
 */
export async function explainGpuFailure(error: unknown, waitMs = 500): Promise<unknown> {
  if (error instanceof GpuFaultError) return error;
  const fault =
    first ??
    (await new Promise<GpuFault | null>((resolve) => {
      const timer = setTimeout(() => {
        unsubscribe();
        resolve(null);
      }, waitMs);
      const unsubscribe = onGpuFault((f) => {
        clearTimeout(timer);
        resolve(f);
      });
    }));
  return fault ? new GpuFaultError(fault) : error;
}

/** Watches a WebGPU device for uncaptured errors and for its loss (every loss counts: the app never destroys it). */
export function watchGpuDevice(device: GPUDevice): void {
  device.addEventListener('uncapturederror', (event) => {
    recordGpuFault('gpu-error', (event as GPUUncapturedErrorEvent).error.message || 'an uncaptured WebGPU error');
  });
  void device.lost.then((info) => recordGpuFault('device-lost', info.message || `reason: ${info.reason}`));
}

/** For unit tests only: forget the fault. */
export function resetGpuFaultForTest(): void {
  first = null;
  listeners.clear();
}
