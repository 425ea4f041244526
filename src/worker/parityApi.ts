/**
 * The typed surface of the backend-check worker (parity.worker.ts), shared by the worker and the main thread.
 * The page starts one such worker per check and terminates it afterwards; it never shares tfjs with the compute
 * worker, so switching its backends cannot touch the compute worker's models.
 */
import type { BackendName } from '../lib/backend/backendReport';
import type { ParityCheckResult, ParityProgress } from '../lib/train/parityCheck';

export interface ParityEvents {
  /** What the check is doing before training starts (loading the text, starting the backend). */
  phase(message: string): void;
  progress(progress: ParityProgress): void;
}

export interface ParityWorkerApi {
  /**
   * Trains the parity run on `backend` and on the cpu backend and compares them; rejects with a readable
   * message when the text cannot be loaded or `backend` cannot start in this worker.
   */
  check(backend: BackendName, events: ParityEvents): Promise<ParityCheckResult>;
}
