/**
 * What the page asks of the compute worker for a fine-tune, and what comes back. Plain data only
 * (structured-cloneable), shared by the worker and the main thread.
 */
import type { CorpusId } from '../lib/data/corpora';
import type { ClassificationDatasetId } from '../lib/finetune/classificationDataset';
import type { Pooling } from '../lib/finetune/classifier';
import type { FineTuneCurves } from '../lib/finetune/fineTuneRun';
import type { ModelConfig } from '../lib/model/config';
import type { TrainingRunSpec } from '../lib/experiments/runSpec';

export type { FineTuneCurves } from '../lib/finetune/fineTuneRun';
export type { DevPoint, LossPoint } from '../lib/finetune/curves';

/** 'trained': a copy of a masked-LM run's model (trainedRunId's, else the latest); 'fresh': new weights, no pretraining (the baseline). */
export type FineTuneStart = 'trained' | 'fresh';

export interface FineTuneRequest {
  dataset: ClassificationDatasetId;
  start: FineTuneStart;
  /** For 'trained': the training run whose model to copy (a TrainedModelChoice's id); absent: the latest. */
  trainedRunId?: string;
  /**
   * For 'fresh': the model to build and the corpus whose vocabulary it reads with (the experiment's settings).
   * Ignored for 'trained', which brings its own.
   */
  fresh: { corpus: CorpusId; model: Omit<ModelConfig, 'vocabSize'> };
  pooling: Pooling;
  steps: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

export const FINETUNE_LIMITS = { steps: { min: 1, max: 20_000 }, batchSize: { min: 1, max: 256 } } as const;

export interface FineTuneProgress {
  stage: 'preparing' | 'training' | 'evaluating' | 'done';
  step: number;
  totalSteps: number;
  /** The last step's training loss. */
  loss?: number;
  message: string;
  /** The curves so far (from the first training step on): training loss, dev evaluations. */
  curves?: FineTuneCurves;
  /** Dev accuracy of always answering the training set's most frequent class (the curves' reference line). */
  majorityAccuracy?: number;
}

/** A trained model a fine-tune can start from: this session's run, or one kept in IndexedDB. */
export interface TrainedModelChoice {
  /** The training run's id ('latest' for the one model versions before per-run keys kept). */
  id: string;
  label: string;
  steps: number;
  corpus: CorpusId;
  /** What the run trained: the settings a result's link sets up. */
  spec: TrainingRunSpec;
  /** ISO time it was kept; null while only in memory (this session's run, paused or still saving). */
  savedAt: string | null;
  /** This session's run (or the one restored for it): what the spectra analyse as "the trained model". */
  current: boolean;
  /** Still stepping: a fine-tune from it is refused until it is paused or stopped. */
  training: boolean;
}

/** What a timed estimate of a fine-tune measured, for the page to scale to the run's steps and say how. */
export interface FineTuneTiming {
  /** Mean ms per fine-tune step over `timedSteps` steps (after one untimed step that compiles the kernels). */
  msPerStep: number;
  timedSteps: number;
  /** ms of one dev evaluation: one batch of EVALUATION_BATCH timed (after an untimed one), times the batches. */
  msPerEvaluation: number;
  devExamples: number;
  /** The tfjs backend the steps ran on. */
  backend: string;
}

export interface FineTuneEvents {
  progress(progress: FineTuneProgress): void;
}

export interface FineTuneResult {
  dataset: ClassificationDatasetId;
  start: FineTuneStart;
  /** The fine-tuned model's configuration (for 'trained', the pretraining run's). */
  model: ModelConfig;
  corpus: CorpusId;
  /** Masked-LM updates behind the starting weights (0 for 'fresh'). */
  pretrainingSteps: number;
  /**
   * For 'trained': the training run whose model was copied (its id and the run in words, as the trained-model
   * choice named it), so a result says which of the kept runs it started from. Absent for 'fresh', and in results
   * kept or exported before it was recorded.
   */
  trainedRunId?: string;
  trainedRunLabel?: string;
  pooling: Pooling;
  steps: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  trainExamples: number;
  devExamples: number;
  /** Fraction of dev sentences longer than n − 1 characters (cut). */
  devTruncated: number;
  devAccuracy: number;
  devLoss: number;
  /** Dev accuracy of always answering the training set's most frequent class. */
  majorityAccuracy: number;
  /** Fraction of dev characters the corpus vocabulary did not know (read as UNK). */
  unknownCharacters: number;
  seconds: number;
  /** True when stopped early: the accuracy is then that of a partly trained classifier. */
  stoppedEarly: boolean;
}
