/**
 * What defines a masked-LM training run, and what the run reports about its data before the first step. The
 * compute worker, the app's run files and the headless reproduction share these types.
 */
import type { CorpusId } from '../data/corpora';
import type { ModelConfig } from '../model/config';
import type { TrainConfig } from '../train/trainConfig';

/** How a corpus is cut into tokens: characters, or the BPE vocabulary of 512 learned by `npm run data`. */
export type TokenizerKind = 'char' | 'bpe512';

/** Everything that defines a masked-LM training run; the vocabulary comes from the corpus and the tokenizer. */
export interface TrainingRunSpec {
  corpus: CorpusId;
  /** Absent: characters (every run before subwords existed). */
  tokenizer?: TokenizerKind;
  model: Omit<ModelConfig, 'vocabSize'>;
  train: Partial<TrainConfig> & Pick<TrainConfig, 'learningRate' | 'totalSteps' | 'seed'>;
  batchSize: number;
  /** Prepare everything but wait for resume() or step() (used by step-by-step inspection). */
  startPaused?: boolean;
}

/**
 * Validation runs forward only, so it takes larger batches than training: up to 64 windows, or about 8k
 * tokens per batch at long n (so that an n×n attention map of every head still fits), never fewer than the
 * training batch. At n = 32 that is ~1,200 predicted tokens per evaluation of 4 batches, enough to
 * hold the sampling noise of the perplexity to a few per cent. Here (no tfjs) so the page's time estimates use it too.
 */
export function validationBatchSize(batchSize: number, seqLen: number): number {
  return Math.max(batchSize, Math.min(64, Math.floor(8192 / seqLen)));
}

export interface RunInfo {
  vocabSize: number;
  parameters: { total: number; trainable: number };
  trainTokens: number;
  validationTokens: number;
  /** Perplexity of the validation text under the training text's character frequencies. */
  unigramPerplexity: number;
  /** The same baseline on exactly the masked positions validation scores (the like-for-like comparison). */
  scoredUnigramPerplexity?: number;
  /**
   * The context-blind floor on those same scored positions: the best perplexity any predictor reaches from the
   * token at its own position alone (lib/data/contextBlindFloor.ts). Only a validation perplexity below it shows
   * that a model uses context. Absent in runs recorded before the app computed it.
   */
  contextBlindPerplexity?: number;
}
