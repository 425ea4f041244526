/**
 * A counting model of what one encoder forward pass (and one training step) costs in arithmetic and in
 * memory, for standard and Linformer attention, from the config alone. It explains where the time and
 * memory go; the browser's measurements say how much they really are.
 *
 * Conventions:
 * - A multiply-add counts as 2 FLOPs, so an [a×b]·[b×c] product is 2·a·b·c.
 * - Architecture as in parameters.ts (pre-norm layers, biases, GELU feed-forward, final layer norm, untied
 *   MLM head over every position). Bias adds and activations are counted in the block they belong to.
 * - Padding masks are not counted: they add a few elementwise passes over tensors already counted.
 */
import { assertValidConfig, type ModelConfig } from '../model/config';
import { parameterCounts } from './parameters';

/** Softmax per element: subtract the row maximum (the max itself is a compare), exponentiate, sum, divide. */
export const SOFTMAX_FLOPS_PER_ELEMENT = 5;
/** Scaling the scores by 1/√dHead: one multiply per score. */
export const SCALE_FLOPS_PER_SCORE = 1;
/** Layer norm per element: add to the mean, centre, square, add to the variance, normalise, gain, shift. */
export const LAYER_NORM_FLOPS_PER_ELEMENT = 7;
/** GELU (tanh form) per element: x³ (2), ·c (1), +x (1), ·√(2/π) (1), tanh (1), +1 (1), ·x (1), ·½ (1). */
export const GELU_FLOPS_PER_ELEMENT = 9;
/**
 * A training step ≈ 3 forward passes: the backward pass computes, for every product, the gradient with
 * respect to both operands (two products of the same size), so it costs about twice the forward. The
 * optimizer update (a few FLOPs per weight) is left out; it does not grow with n or the batch.
 */
export const TRAINING_STEP_FORWARD_MULTIPLE = 3;
/**
 * Attention maps kept for the backward pass: the softmax gradient needs only the probabilities, but an
 * unfused implementation (tfjs included) keeps the scores it computed them from as well.
 */
export const ATTENTION_MAPS_STORED = 2;
/**
 * [batch, n, dModel] tensors kept per layer for the backward pass: the layer input and LN1's output (for
 * the LN1 and QKV gradients), Q, K, V (scores and P·V), the merged attention output (output projection),
 * the residual sum (LN2) and LN2's output (first feed-forward product). The two feed-forward hidden
 * tensors (before and after GELU) are [batch, n, dFF] and counted separately.
 */
export const MODEL_WIDTH_TENSORS_STORED_PER_LAYER = 8;

export interface FlopBreakdown {
  total: number;
  /** The attention core: scores, scaling and softmax, P·V and (Linformer) compressing K and V. */
  attention: number;
  /** Q, K, V and output projections with their biases. */
  projections: number;
  ffn: number;
  /** MLM head: the d→V product, its bias and the softmax of the loss. */
  head: number;
  /** Position embedding add, layer norms, residual adds. */
  other: number;
}

/** The parts of FlopBreakdown.attention, so the UI can show what Linformer trades. */
export interface AttentionFlops {
  /** Q·Kᵀ, or Q·(EK)ᵀ. */
  scores: number;
  /** Scaling by 1/√dHead and softmax. */
  softmax: number;
  /** P·V, or P̄·(FV). */
  weightedValues: number;
  /** E·K and F·V (or pooling / convolution); 0 for standard attention. */
  compression: number;
}

export interface ActivationBreakdown {
  total: number;
  attentionMaps: number;
  other: number;
}

export interface EncoderCost {
  batch: number;
  bytesPerElement: number;
  /** One forward pass over a batch. */
  flops: FlopBreakdown;
  attentionFlops: AttentionFlops;
  /** flops.total × TRAINING_STEP_FORWARD_MULTIPLE. */
  trainingStepFlops: number;
  /** Bytes of the activations a training step keeps from the forward for the backward pass. */
  activationBytes: ActivationBreakdown;
  /**
   * Peak bytes of tensors live during one layer's inference forward (the costliest layer): the larger of
   * its attention stage and its feed-forward stage, each counting the residual stream it keeps. Weights
   * are not included, nor is anything else already live, which tf.profile's peakBytes does count: compare
   * against the peak minus the bytes live before. Inside one tf.tidy intermediates live until the scope
   * ends, so a measured peak can approach the layer's whole share of activationBytes instead.
   */
  peakInferenceBytes: number;
  parameterCount: number;
  trainableParameterCount: number;
  parameterBytes: number;
}

/** The cost of `config` on batches of `batch` sequences. Throws ConfigError for an unusable config. */
export function encoderCost(config: ModelConfig, batch: number, bytesPerElement = 4): EncoderCost {
  assertValidConfig(config);
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`batch must be a positive whole number (got ${batch}).`);
  }
  const { layers, heads, dModel: d, dFF, seqLen: n, vocabSize: vocab } = config;
  const tokens = batch * n;
  const dHead = d / heads;

  const attentionFlops: AttentionFlops = { scores: 0, softmax: 0, weightedValues: 0, compression: 0 };
  let attentionMapElements = 0;
  let otherActivationElements = 0;
  let peakLayerElements = 0;
  for (let layer = 0; layer < layers; layer++) {
    const k = compressedLength(config, layer);
    // The number of positions each query attends over: n, or k after compression.
    const attended = k ?? n;
    const scoreCount = batch * heads * n * attended;
    attentionFlops.scores += 2 * scoreCount * dHead;
    attentionFlops.softmax += (SCALE_FLOPS_PER_SCORE + SOFTMAX_FLOPS_PER_ELEMENT) * scoreCount;
    attentionFlops.weightedValues += 2 * scoreCount * dHead;
    attentionFlops.compression += k === null ? 0 : compressionFlops(config, batch, k);

    // E·K and F·V are operands of the scores and of P̄·(FV), so both are kept: 2·B·h·k·dHead = 2·B·k·d.
    const compressedElements = k === null ? 0 : 2 * batch * k * d;
    const dropoutMasks = config.dropout > 0 ? 2 * tokens * d : 0;
    attentionMapElements += ATTENTION_MAPS_STORED * scoreCount;
    otherActivationElements +=
      MODEL_WIDTH_TENSORS_STORED_PER_LAYER * tokens * d + 2 * tokens * dFF + compressedElements + dropoutMasks;

    // Inference: while the softmax runs, the input (for the residual), Q, K, V, the compressed K and V,
    // the scores and the probabilities are live; in the feed-forward stage the residual stream, LN2's
    // output and the two hidden tensors.
    const attentionStage = 4 * tokens * d + compressedElements + 2 * scoreCount;
    const feedForwardStage = 2 * tokens * d + 2 * tokens * dFF;
    peakLayerElements = Math.max(peakLayerElements, attentionStage, feedForwardStage);
  }
  // The head keeps the last layer's output and the final norm's output, then the logits and log-probabilities.
  otherActivationElements += 2 * tokens * d + 2 * tokens * vocab;

  const attention =
    attentionFlops.scores + attentionFlops.softmax + attentionFlops.weightedValues + attentionFlops.compression;
  const projections = layers * 4 * (2 * tokens * d * d + tokens * d);
  const ffn = layers * (2 * 2 * tokens * d * dFF + tokens * dFF + tokens * d + GELU_FLOPS_PER_ELEMENT * tokens * dFF);
  const head = 2 * tokens * d * vocab + tokens * vocab + SOFTMAX_FLOPS_PER_ELEMENT * tokens * vocab;
  const layerNorms = (2 * layers + 1) * LAYER_NORM_FLOPS_PER_ELEMENT * tokens * d;
  const other = tokens * d + layerNorms + layers * 2 * tokens * d;
  const total = attention + projections + ffn + head + other;

  const parameters = parameterCounts(config);
  return {
    batch,
    bytesPerElement,
    flops: { total, attention, projections, ffn, head, other },
    attentionFlops,
    trainingStepFlops: TRAINING_STEP_FORWARD_MULTIPLE * total,
    activationBytes: {
      total: (attentionMapElements + otherActivationElements) * bytesPerElement,
      attentionMaps: attentionMapElements * bytesPerElement,
      other: otherActivationElements * bytesPerElement,
    },
    peakInferenceBytes: peakLayerElements * bytesPerElement,
    parameterCount: parameters.total,
    trainableParameterCount: parameters.trainable,
    parameterBytes: parameters.total * bytesPerElement,
  };
}

/** k for a Linformer layer, or null when the layer attends over the whole sequence. */
export function compressedLength(config: ModelConfig, layer: number): number | null {
  return config.attention === 'linformer' ? config.kPerLayer[layer] : null;
}

/**
 * Compressing K and V from n to k positions in one layer. Sharing does not change this: even with E = F
 * the keys and values differ, so both products are computed.
 * - linear, random: E·K is [k×n]·[n×dHead] per batch item and head: 2·k·n·dHead.
 * - conv: each of the k·dHead outputs is a weighted sum of n/k inputs: 2·n·dHead.
 * - mean-pool: n·dHead adds, then one divide per output (k·dHead); max-pool: n·dHead compares.
 */
function compressionFlops(config: ModelConfig, batch: number, k: number): number {
  const dHead = config.dModel / config.heads;
  const inputs = batch * config.heads * config.seqLen * dHead;
  const outputs = batch * config.heads * k * dHead;
  const perProduct = {
    linear: 2 * k * inputs,
    random: 2 * k * inputs,
    conv: 2 * inputs,
    'mean-pool': inputs + outputs,
    'max-pool': inputs,
  }[config.projection];
  return 2 * perProduct;
}
