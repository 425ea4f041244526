/**
 * How many numbers an encoder stores as weights, counted from its config alone.
 *
 * The architecture of src/lib/model/encoder.ts (and costModel.ts): learned token and position embeddings
 * and a norm over their sum; per layer Q, K, V and output projections d→d with biases, two layer norms
 * (gain and shift) and a feed-forward d→dFF→d with biases; an MLM head of a dense d→d, a layer norm and
 * an output bias, whose d→V product reuses the token embedding (tied, no weights of its own).
 */
import type { ModelConfig } from '../model/config';

export interface ParameterCounts {
  /** Every stored weight, including fixed random projections. */
  total: number;
  /** The weights an optimizer updates (fixed random projections excluded). */
  trainable: number;
  /** Linformer's compression weights alone (part of both totals above when trainable). */
  projections: number;
}

export function parameterCounts(config: ModelConfig): ParameterCounts {
  const { layers, dModel: d, dFF, seqLen: n, vocabSize: vocab } = config;
  const embeddings = vocab * d + n * d + 2 * d;
  const attentionWeights = 4 * (d * d + d);
  const feedForward = d * dFF + dFF + dFF * d + d;
  const layerNorms = 2 * (2 * d);
  const head = d * d + d + 2 * d + vocab;
  const dense = embeddings + layers * (attentionWeights + feedForward + layerNorms) + head;
  const projections = projectionParameters(config);
  const frozen = config.projection === 'random' ? projections : 0;
  return { total: dense + projections, trainable: dense + projections - frozen, projections };
}

/**
 * Compression weights: a k×n matrix for learned and random projections, a kernel of n/k taps for the
 * strided convolution, nothing for pooling. Sharing decides how many there are: each head its own E and F
 * (none), one E and one F per layer (headwise), one matrix per layer used as both (kv), or one for the
 * whole model (layerwise, where every layer has the same k).
 */
export function projectionParameters(config: ModelConfig): number {
  if (config.attention !== 'linformer') return 0;
  const perMatrix = (k: number): number => {
    switch (config.projection) {
      case 'linear':
      case 'random':
        return k * config.seqLen;
      case 'conv':
        return config.seqLen / k;
      case 'mean-pool':
      case 'max-pool':
        return 0;
    }
  };
  if (config.sharing === 'layerwise') return perMatrix(config.kPerLayer[0]);
  const matricesPerLayer = { none: 2 * config.heads, headwise: 2, kv: 1 }[config.sharing];
  return config.kPerLayer.reduce((sum, k) => sum + matricesPerLayer * perMatrix(k), 0);
}
