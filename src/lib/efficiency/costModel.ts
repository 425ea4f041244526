/**
 * A counting model of what one encoder forward pass (and one training step) costs in arithmetic and in
 * memory, for standard and Linformer attention, from the config alone. It explains where the time and
 * memory go; the browser's measurements say how much they really are.
 *
 * Conventions:
 * - A multiply-add counts as 2 FLOPs, so an [a×b]·[b×c] product is 2·a·b·c.
 * - Architecture as in parameters.ts and src/lib/model/encoder.ts: token lookup as a one-hot product,
 *   post-LN layers (an embedding norm, two norms per layer), biases, GELU feed-forward, and an MLM head
 *   dense → GELU → norm → product with the tied token embedding, over every position. Bias adds and
 *   activations are counted in the block they belong to.
 * - The encoder always receives a padding mask: standard attention masks every score and zeroes padded
 *   probabilities (two passes over the n×n map); Linformer zeroes padded rows of K and V before compressing
 *   (two passes over [batch, n, d]). Both are counted, under attentionFlops.masking.
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
 * Attention maps tfjs keeps for the backward pass of Linformer's unmasked n×k attention: the raw product
 * Q·(EK)ᵀ (the scaling multiply saves its input) and the probabilities (softmax saves its output, which
 * P̄·(FV) saves again as the same buffer).
 */
export const ATTENTION_MAPS_STORED = 2;
/**
 * Maps kept by standard attention with its padding mask: also the scaled scores (the mask add saves its
 * inputs) and the probabilities after zeroing padded keys (P·V saves them): 4 n×n maps, against 2.
 */
export const MASKED_ATTENTION_MAPS_STORED = 4;
/**
 * n×n (or n×k) maps alive at once during one attention call at inference, inside its tf.tidy: standard
 * holds the product, the scaled and the masked scores, the softmax and the zeroed probabilities (5);
 * Linformer the product, the scaled scores and the softmax (3).
 */
export const MASKED_ATTENTION_MAPS_LIVE = 5;
export const ATTENTION_MAPS_LIVE = 3;
/** Masking per score in standard attention: adding the mask term, and zeroing padded probabilities. */
export const MASK_FLOPS_PER_SCORE = 2;
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
  /** MLM head: dense d→d with GELU, the tied d→V product, its bias and the softmax of the loss. */
  head: number;
  /** The one-hot token lookup product, position embedding add, layer norms, residual adds. */
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
  /** Padding mask: on every score (standard), or on the rows of K and V before compressing (Linformer). */
  masking: number;
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
  /**
   * Peak bytes above what was live before, of one inference forward of src/lib/model/encoder.ts as tfjs
   * runs it: the whole forward is one tf.tidy, so every layer's outputs (and each layer's attention
   * probabilities) stay alive until it returns, and the peak is all of them plus the larger of the head or
   * one attention call's short-lived maps. This is what tf.profile's peakBytes minus the bytes live before
   * a forward measures, so measured and theoretical memory savings compare like with like.
   */
  forwardPeakBytes: number;
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

  const attentionFlops: AttentionFlops = { scores: 0, softmax: 0, weightedValues: 0, compression: 0, masking: 0 };
  let attentionMapElements = 0;
  let otherActivationElements = 0;
  let peakLayerElements = 0;
  // See forwardPeakBytes: tensors the forward's outer tidy holds, and the largest short-lived extra.
  let forwardHeldElements = tokens * vocab + 3 * tokens * d;
  let forwardTransientElements = 0;
  for (let layer = 0; layer < layers; layer++) {
    const k = compressedLength(config, layer);
    // The number of positions each query attends over: n, or k after compression.
    const attended = k ?? n;
    const scoreCount = batch * heads * n * attended;
    attentionFlops.scores += 2 * scoreCount * dHead;
    attentionFlops.softmax += (SCALE_FLOPS_PER_SCORE + SOFTMAX_FLOPS_PER_ELEMENT) * scoreCount;
    attentionFlops.weightedValues += 2 * scoreCount * dHead;
    attentionFlops.compression += k === null ? 0 : compressionFlops(config, batch, k);
    attentionFlops.masking += k === null ? MASK_FLOPS_PER_SCORE * scoreCount : 2 * tokens * d;

    // E·K and F·V are operands of the scores and of P̄·(FV), so both are kept: 2·B·h·k·dHead = 2·B·k·d.
    const compressedElements = k === null ? 0 : 2 * batch * k * d;
    const dropoutMasks = config.dropout > 0 ? 2 * tokens * d : 0;
    attentionMapElements += (k === null ? MASKED_ATTENTION_MAPS_STORED : ATTENTION_MAPS_STORED) * scoreCount;
    otherActivationElements +=
      MODEL_WIDTH_TENSORS_STORED_PER_LAYER * tokens * d + 2 * tokens * dFF + compressedElements + dropoutMasks;

    // Inference: at the end of the attention call, the input (for the residual), Q, K, V, the compressed
    // K and V and every map of the call are live; in the feed-forward stage the residual stream, LN2's
    // output and the two hidden tensors.
    const liveMaps = k === null ? MASKED_ATTENTION_MAPS_LIVE : ATTENTION_MAPS_LIVE;
    const attentionStage = 4 * tokens * d + compressedElements + liveMaps * scoreCount;
    const feedForwardStage = 2 * tokens * d + 2 * tokens * dFF;
    peakLayerElements = Math.max(peakLayerElements, attentionStage, feedForwardStage);

    // Held per layer: Q, K, V (product, bias add, head split: 9), the attention output and its merge (2),
    // the output dense (2), residual and norm (2), then the feed-forward residual and norm (2) and its output
    // dense (2): 19 width tensors; the hidden product, bias add and GELU (3 of width dFF); the probabilities.
    forwardHeldElements += 19 * tokens * d + 3 * tokens * dFF + scoreCount;
    // Inside the attention call, beyond what it returns: the other maps and (Linformer) the masked K and V,
    // a transposed copy being projected and the compressed K and V.
    const callExtra = (liveMaps - 1) * scoreCount + (k === null ? 0 : 3 * tokens * d + compressedElements);
    forwardTransientElements = Math.max(forwardTransientElements, callExtra);
  }
  // The embedding keeps the one-hot ids (operand of the lookup product) and the sum before its norm. The
  // head keeps the last layer's output, its dense output, the GELU and norm outputs, then the logits and
  // log-probabilities.
  otherActivationElements += tokens * vocab + tokens * d + 4 * tokens * d + 2 * tokens * vocab;
  // The head's dense (2), GELU and norm, then the logits and the bias add, all held to the end.
  const headElements = 4 * tokens * d + 2 * tokens * vocab;
  const forwardPeakElements = forwardHeldElements + Math.max(headElements, forwardTransientElements);

  const attention =
    attentionFlops.scores +
    attentionFlops.softmax +
    attentionFlops.weightedValues +
    attentionFlops.compression +
    attentionFlops.masking;
  const projections = layers * 4 * (2 * tokens * d * d + tokens * d);
  const ffn = layers * (2 * 2 * tokens * d * dFF + tokens * dFF + tokens * d + GELU_FLOPS_PER_ELEMENT * tokens * dFF);
  // Dense d→d with bias and GELU, then the product with the tied embedding, the output bias and the softmax.
  const head =
    2 * tokens * d * d +
    tokens * d +
    GELU_FLOPS_PER_ELEMENT * tokens * d +
    2 * tokens * d * vocab +
    tokens * vocab +
    SOFTMAX_FLOPS_PER_ELEMENT * tokens * vocab;
  // The embedding norm, two per layer and the head's norm.
  const layerNorms = (2 * layers + 2) * LAYER_NORM_FLOPS_PER_ELEMENT * tokens * d;
  // The one-hot lookup product, the position add, the norms and the residual adds.
  const other = 2 * tokens * vocab * d + tokens * d + layerNorms + layers * 2 * tokens * d;
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
    forwardPeakBytes: forwardPeakElements * bytesPerElement,
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
