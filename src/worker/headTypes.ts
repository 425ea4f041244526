/**
 * What the page asks of the compute worker for the head view (one head's attention for one validation sequence,
 * with its SVD), and what comes back. Plain data only (structured-cloneable), shared by the worker and the page.
 */
import type { CorpusId } from '../lib/data/corpora';
import type { TokenizerKind } from '../lib/experiments/runSpec';
import type { ModelConfig } from '../lib/model/config';
import type { SingularValueDecomposition } from '../lib/numerics/jacobiSvd';
import type { SpectraSource } from './spectraTypes';

export interface HeadAttentionRequest {
  /** Which model, as for the spectrum analysis: the last run's, or a fresh one from `model`. */
  source: SpectraSource;
  corpus: CorpusId;
  /** The model to build for 'initialised'; ignored for 'trained'. */
  model: Omit<ModelConfig, 'vocabSize'>;
  /**
   * The spectrum analysis's sample count: the validation windows are those it averages over, batched as it
   * batches them, so sequence s here is sequence s there.
   */
  samples: number;
  /** 0-based, below `samples`. */
  sequence: number;
  /** 0-based layer and head. */
  layer: number;
  head: number;
}

export interface HeadAttentionResult {
  source: SpectraSource;
  corpus: CorpusId;
  tokenizer: TokenizerKind;
  /** The analysed model's full configuration (for 'trained', the run's). */
  config: ModelConfig;
  layer: number;
  head: number;
  sequence: number;
  samples: number;
  /** Standard: real tokens × real tokens (P). Linformer: real tokens × k compressed key positions (P̄). */
  rows: number;
  cols: number;
  /** The probabilities, row-major, in float32 as tfjs computed them. */
  data: Float32Array;
  /** The float64 SVD of `data` (lib/numerics/jacobiSvd.ts): every rank-r approximation follows from it. */
  svd: SingularValueDecomposition;
  /** One string per row (query position): the token as the model read it, a masked one as █. */
  tokens: string[];
  /** The same positions before masking. */
  originals: string[];
  /** Whether each position is one the masked-LM loss predicts (masked, swapped, or kept as it was). */
  predicted: boolean[];
  backend: string;
  timing: { attentionMs: number; svdMs: number };
}

/**
 * The largest SVD the head view computes, as rows × min(rows, cols)²: that of a 512 × 512 P, about 7 s of
 * one-sided Jacobi in the worker here. Larger matrices are refused with a message.
 */
export const HEAD_SVD_MAX_WORK = 512 ** 3;
