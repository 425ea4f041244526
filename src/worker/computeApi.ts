/**
 * The typed surface of the compute worker, shared by the worker and the main thread.
 * Calls go through comlink; events come back through callbacks the main thread passes in (proxied).
 */
import type { BackendName, BackendReport } from '../lib/backend/backendReport';
import type { RunInfo, TokenizerKind, TrainingRunSpec } from '../lib/experiments/runSpec';
import type { CorpusId } from '../lib/data/corpora';
import type { LoopStatus, StepReport } from '../lib/train';
import type { SpectraEvents, SpectraRequest, SpectraResult, SpectraTiming } from './spectraTypes';
import type { BenchmarkEvents, BenchmarkOutcome, BenchmarkRequest, SweepTiming } from './benchTypes';
import type {
  FineTuneEvents,
  FineTuneRequest,
  FineTuneResult,
  FineTuneTiming,
  TrainedModelChoice,
} from './finetuneTypes';
import type { HeadAttentionRequest, HeadAttentionResult } from './headTypes';
import type { SavedModelInfo } from './savedModel';
import type { ImportWeightsOutcome, ImportWeightsRequest, TorchExportRequest, TorchExportResult } from './torchBundleTypes';
import type { GpuFaultKind } from './gpuFault';

export type { SavedModelInfo } from './savedModel';

export interface WorkerEvents {
  /**
   * The GPU faulted: its device was lost (driver reset, out of memory, tab backgrounded too long) or it reported an
   * uncaptured error (a kernel it rejected). The job in progress stops with the same message (gpuFault.ts).
   */
  gpuFault(kind: GpuFaultKind, message: string): void;
}

export type { RunInfo, TrainingRunSpec } from '../lib/experiments/runSpec';

export type RunStatus = LoopStatus | 'preparing';

export interface TrainingEvents {
  report(report: StepReport): void;
  status(status: RunStatus, message?: string): void;
}

export interface ComputeApi {
  /** Selects and initialises the tfjs backend; resolves with what was found. */
  start(requested: BackendName | null, events: WorkerEvents, options?: { testHooks?: boolean }): Promise<BackendReport>;
  /** Starts a training run (stopping any other); rejects with a readable message on a bad spec. */
  startRun(spec: TrainingRunSpec, events: TrainingEvents, runId?: string): Promise<RunInfo>;
  pauseRun(): void;
  resumeRun(): void;
  stepRun(): Promise<void>;
  stopRun(): Promise<void>;
  /**
   * ms per training step of a spec on the active backend (a few steps on a model of its own; the current run is
   * kept), and with `validation` the ms of one validation pass.
   */
  timeSteps(
    spec: TrainingRunSpec,
    steps: number,
    options?: { validation?: boolean },
  ): Promise<{ msPerStep: number; msPerValidation?: number }>;
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
  /** Times the sweep's costliest point once, for the estimate before it starts (refused while a sweep runs). */
  timeCostliestPoint(request: BenchmarkRequest): Promise<SweepTiming>;
  /** The vocabulary size (specials included) of a corpus read with a tokenizer, as a training run has it. */
  corpusVocabSize(corpus: CorpusId, tokenizer: TokenizerKind): Promise<number>;
  /** Singular value spectra of every layer's and head's attention (rejects with a readable message). */
  /** Resolves with the analysis, or with null when cancelSpectra stopped it first. */
  computeSpectra(request: SpectraRequest, events: SpectraEvents): Promise<SpectraResult | null>;
  cancelSpectra(): void;
  /** Times one forward and one SVD of an analysis, for the estimate before it starts (refused while one runs). */
  timeSpectra(request: SpectraRequest): Promise<SpectraTiming>;
  /**
   * One head's attention for one masked validation sequence (the spectrum analysis's windows), its tokens and its
   * full SVD: the head view (rejects with a readable message on a selection the model does not have).
   */
  headAttention(request: HeadAttentionRequest): Promise<HeadAttentionResult>;
  /** Fine-tunes a classifier on labelled sentences and scores its dev split (rejects with a readable message). */
  runFineTune(request: FineTuneRequest, events: FineTuneEvents): Promise<FineTuneResult>;
  /** Stops a running fine-tune after its current step; it still reports the dev accuracy reached. */
  cancelFineTune(): void;
  /** The trained models a fine-tune can start from (this session's run first, then those kept), latest first. */
  trainedModels(): Promise<TrainedModelChoice[]>;
  /** Times a few steps and one dev batch of a fine-tune, for the estimate before it starts (refused while busy). */
  timeFineTune(request: FineTuneRequest, steps?: number): Promise<FineTuneTiming>;
  /**
   * "Clear all saved data" for the kept trained models: stops later saves, waits for a save in flight, then empties
   * the weights store, so a save cannot land after the clear.
   */
  clearSavedModels(): Promise<void>;
  /** The PyTorch bundle of a run: its weights when the worker holds them, else its initial weights (the result says which). */
  exportTorchBundle(request: TorchExportRequest): Promise<TorchExportResult>;
  /** Opens config.json + .safetensors weights as the trained model on offer, or refuses, naming the tensor or field. */
  importTrainedWeights(request: ImportWeightsRequest): Promise<ImportWeightsOutcome>;
  /** Test hook (only after start with testHooks): destroys the WebGPU device, as a lost device would end. */
  destroyDeviceForTest(): void;
  /** Test hook (only after start with testHooks): causes one uncaptured WebGPU validation error. */
  raiseGpuErrorForTest(): void;
}
