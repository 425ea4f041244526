import type { MlmBatch } from '../data';

/**
 * What the trainer needs from the data layer, and no more: the data layer's MlmDataSource satisfies it,
 * and tests can feed fixed or hand-made batches (for example one batch repeated, to check that a model
 * can overfit it).
 */
export interface BatchSource {
  /** The next training batch; a fresh draw each call. */
  nextTrainBatch(): MlmBatch;
  /** `count` validation batches, identical on every call, so validation losses are comparable over time. */
  validationBatches(count: number): MlmBatch[];
}

/** A source that returns the same training batch every time: for overfitting checks and benchmarks. */
export function repeatingBatchSource(trainBatch: MlmBatch, validation: readonly MlmBatch[] = [trainBatch]): BatchSource {
  return {
    nextTrainBatch: () => trainBatch,
    validationBatches: (count) => Array.from({ length: count }, (_, i) => validation[i % validation.length]),
  };
}

/** The number of positions a batch asks the model to predict (its total loss weight). */
export function predictedPositions(batch: MlmBatch): number {
  let total = 0;
  for (const weight of batch.weights) total += weight;
  return total;
}
