import { create } from 'zustand';
import type { BackendName } from '../../lib/backend/backendReport';
import type { ParityCheckResult, ParityProgress } from '../../lib/train/parityCheck';
import { spawnParityWorker, type ParityWorkerHandle } from './parityClient';
import { describeError } from '../shared/format/describeError';

export type ParityPhase = 'idle' | 'running' | 'done' | 'failed' | 'stopped';

/** The status bar's backend check: one at a time, each in a worker of its own. */
export interface ParityState {
  phase: ParityPhase;
  /** The backend being or last checked. */
  backend: BackendName | null;
  /** What the check is doing before its first training step. */
  message: string | null;
  progress: ParityProgress | null;
  result: ParityCheckResult | null;
  error: string | null;
  run(backend: BackendName): Promise<void>;
  /** Terminates the running check's worker (the result so far is dropped). */
  stop(): void;
}

/** `spawn` starts a check worker; tests pass a fake. */
export function createParityStore(spawn: () => ParityWorkerHandle) {
  let current: { id: number; handle: ParityWorkerHandle } | null = null;
  let nextId = 0;
  return create<ParityState>((set, get) => ({
    phase: 'idle',
    backend: null,
    message: null,
    progress: null,
    result: null,
    error: null,
    async run(backend) {
      if (get().phase === 'running') return;
      const id = ++nextId;
      set({ phase: 'running', backend, message: 'Starting the check', progress: null, result: null, error: null });
      // Events and answers from a check that was stopped (or replaced) must not overwrite the state.
      const live = () => current?.id === id;
      let handle: ParityWorkerHandle;
      try {
        handle = spawn();
      } catch (error) {
        set({ phase: 'failed', message: null, error: describeError(error) });
        return;
      }
      current = { id, handle };
      try {
        const result = await handle.check(backend, {
          phase: (message) => {
            if (live()) set({ message });
          },
          progress: (progress) => {
            if (live()) set({ progress, message: null });
          },
        });
        if (live()) set({ phase: 'done', result, message: null });
      } catch (error) {
        if (live()) set({ phase: 'failed', error: describeError(error), message: null });
      } finally {
        if (live()) {
          current = null;
          handle.terminate();
        }
      }
    },
    stop() {
      if (!current) return;
      current.handle.terminate();
      current = null;
      set({ phase: 'stopped', message: null, progress: null });
    },
  }));
}

export const useParityStore = createParityStore(spawnParityWorker);
