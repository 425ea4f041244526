import { useEffect } from 'react';
import { useBackendStore } from '../../shell/backendStore';
import { useRunStore } from '../training/runStore';
import { useFineTuneStore } from './finetuneStore';

/**
 * Keeps the fine-tune's list of trained models current: read once the backend is ready (the worker restores kept
 * models on it), and again whenever the training run changes or changes status (a run that ends is saved, and may
 * evict the oldest kept model).
 */
export function useTrainedModels(): void {
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const runId = useRunStore((s) => s.current?.id ?? null);
  const runStatus = useRunStore((s) => s.current?.status ?? null);
  useEffect(() => {
    if (backendReady) void useFineTuneStore.getState().loadTrainedModels();
  }, [backendReady, runId, runStatus]);
}
