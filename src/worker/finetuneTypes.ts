/**
 * What the page asks of the compute worker for a fine-tune, and what comes back. Plain data only
 * (structured-cloneable), shared by the worker and the main thread.
 */
import type { CorpusId } from '../lib/data/corpora';
import type { ClassificationDatasetId } from '../lib/finetune/classificationDataset';
import type { Pooling } from '../lib/finetune/classifier';
import type { ModelConfig } from '../lib/model/config';

/** 'trained': a copy of the last masked-LM run's model; 'fresh': new weights, no pretraining (the baseline). */
export type FineTuneStart = 'trained' | 'fresh';

export interface FineTuneRequest {
  dataset: ClassificationDatasetId;
  start: FineTuneStart;
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
