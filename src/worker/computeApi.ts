/**
 * The typed surface of the compute worker, shared by the worker and the main thread.
 * Calls go through comlink; events come back through callbacks the main thread passes in (proxied).
 */
import type { BackendName, BackendReport } from '../lib/backend/backendReport';
import type { RunInfo, TrainingRunSpec } from '../lib/experiments/runSpec';
import type { LoopStatus, StepReport } from '../lib/train';
import type { SpectraEvents, SpectraRequest, SpectraResult } from './spectraTypes';
import type { BenchmarkEvents, BenchmarkOutcome, BenchmarkRequest } from './benchTypes';
import type { FineTuneEvents, FineTuneRequest, FineTuneResult } from './finetuneTypes';
import type { HeadAttentionRequest, HeadAttentionResult } from './headTypes';
import type { SavedModelInfo } from './savedModel';

export type { SavedModelInfo } from './savedModel';

export interface WorkerEvents {
  /** The GPU device was lost (driver reset, out of memory, tab backgrounded too long). */
  deviceLost(message: string): void;
}

export type { RunInfo, TrainingRunSpec } from '../lib/experiments/runSpec';

export type RunStatus = LoopStatus | 'preparing';

export interface TrainingEvents {
  report(report: StepReport): void;
  status(status: RunStatus, message?: string): void;
}

export interface ComputeApi {
  /** Selects and initialises the tfjs backend; resolves with what was found. */
  start(requested: BackendName | null, events: WorkerEvents): Promise<BackendReport>;
  /** Starts a training run (stopping any other); rejects with a readable message on a bad spec. */
  startRun(spec: TrainingRunSpec, events: TrainingEvents): Promise<RunInfo>;
  pauseRun(): void;
  resumeRun(): void;
  stepRun(): Promise<void>;
  stopRun(): Promise<void>;
  /** ms per training step of a spec on the active backend (a few steps on a model of its own; the current run is kept). */
  timeSteps(spec: TrainingRunSpec, steps: number): Promise<{ msPerStep: number }>;
  /**
   * The trained model kept in this browser from an earlier page session (saved when its run finished or was
   * stopped), while it is the trained model on offer (no run started in this session); null when none is kept, or
   * the kept one was damaged (it is then deleted).
   */
  savedModelInfo(): Promise<SavedModelInfo | null>;
  /** Runs an efficiency sweep, streaming rows; resolves when it ends, is cancelled or fails (rows kept). */
  runBenchmark(request: BenchmarkRequest, events: BenchmarkEvents): Promise<BenchmarkOutcome>;
  /** Stops a running sweep between two timed runs. */
  cancelBenchmark(): void;
  /** Singular value spectra of every layer's and head's attention (rejects with a readable message). */
  /** Resolves with the analysis, or with null when cancelSpectra stopped it first. */
  computeSpectra(request: SpectraRequest, events: SpectraEvents): Promise<SpectraResult | null>;
  cancelSpectra(): void;
  /**
   * One head's attention for one masked validation sequence (the spectrum analysis's windows), its tokens and its
   * full SVD: the head view (rejects with a readable message on a selection the model does not have).
   */
  headAttention(request: HeadAttentionRequest): Promise<HeadAttentionResult>;
  /** Fine-tunes a classifier on labelled sentences and scores its dev split (rejects with a readable message). */
  runFineTune(request: FineTuneRequest, events: FineTuneEvents): Promise<FineTuneResult>;
  /** Stops a running fine-tune after its current step; it still reports the dev accuracy reached. */
  cancelFineTune(): void;
}
