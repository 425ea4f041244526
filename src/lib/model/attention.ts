/**
 * Scaled dot-product attention, full (n×n) and compressed (n×k, Linformer).
 *
 * Shapes: q, k, v are [batch, heads, n, dHead]; a mask is [batch, n] with 1 for tokens and 0 for padding.
 * Both batched operands of every matMul here have the same batch dimensions, which tfjs differentiates
 * correctly (only batched × unbatched products break).
 */
import * as tf from '@tensorflow/tfjs';
import { fusedScaledSoftmax, fusedSoftmaxAvailable } from '../backend/fusedSoftmax';
import { MASKED, projectSequence, type SequenceCompressor } from './sequenceCompression';

export interface AttentionResult {
  /** [batch, heads, n, dHead] */
  output: tf.Tensor4D;
  /** [batch, heads, n, n] for standard attention, [batch, heads, n, k] for compressed attention. */
  probs: tf.Tensor4D;
}

/**
 * softmax(Q Kᵀ / √dHead) V. Padded keys get probability exactly 0: their logits are pushed to MASKED,
 * whose exponential underflows to 0, and the probabilities are then multiplied by the mask so the zero
 * is exact even in the degenerate case of a sequence that is all padding (whose rows become all zero).
 */
export function standardAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  mask?: tf.Tensor2D,
): AttentionResult {
  return tf.tidy(() => {
    const probs = scaledSoftmax(tf.matMul(q, k, false, true), 1 / Math.sqrt(q.shape[3]), mask);
    return { output: tf.matMul(probs, v) as tf.Tensor4D, probs };
  });
}

/**
 * softmax(scale·logits) over keys, with padded keys (mask 0) given probability exactly 0. On webgpu one fused kernel
 * forward and one backward (fusedSoftmax.ts); elsewhere composed of tfjs ops, the reference it is tested against.
 */
export function scaledSoftmax(logits: tf.Tensor4D, scale: number, mask?: tf.Tensor2D): tf.Tensor4D {
  if (fusedSoftmaxAvailable()) return fusedScaledSoftmax(logits, { scale, maskedLogit: MASKED }, mask);
  return tf.tidy(() => {
    const scaled = tf.mul(logits, scale);
    if (!mask) return tf.softmax(scaled) as tf.Tensor4D;
    const keyMask = tf.reshape(mask, [mask.shape[0], 1, 1, mask.shape[1]]);
    const maskedLogits = tf.add(scaled, tf.mul(tf.sub(1, keyMask), MASKED));
    return tf.mul(tf.softmax(maskedLogits), keyMask) as tf.Tensor4D;
  });
}

/**
 * Linformer attention: softmax(Q (E K)ᵀ / √dHead) (F V) with E, F ∈ R^{k×n} shared by all heads.
 * Padding is removed before projection (the rows of K and V at padded positions are zeroed), so padded
 * positions contribute nothing to the compressed keys and values.
 */
export function linformerAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  keyProjection: tf.Tensor2D,
  valueProjection: tf.Tensor2D,
  mask?: tf.Tensor2D,
): AttentionResult {
  return compressedAttention(
    q,
    k,
    v,
    (keys) => projectSequence(keys, keyProjection),
    (values) => projectSequence(values, valueProjection),
    mask,
  );
}

/**
 * Attention over a compressed sequence: the general form behind every Linformer projection kind
 * (learned, random, pooling, convolution). The compressors receive K and V with padded rows zeroed,
 * plus the mask for those (like max-pooling) that must also keep padding from being selected.
 */
export function compressedAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  compressKeys: SequenceCompressor,
  compressValues: SequenceCompressor,
  mask?: tf.Tensor2D,
): AttentionResult {
  return tf.tidy(() => {
    const [batch, , n, dHead] = q.shape;
    let keys = k;
    let values = v;
    if (mask) {
      const keep = tf.reshape(mask, [batch, 1, n, 1]);
      keys = tf.mul(k, keep);
      values = tf.mul(v, keep);
    }
    const compressedKeys = compressKeys(keys, mask);
    const compressedValues = compressValues(values, mask);
    const probs = scaledSoftmax(tf.matMul(q, compressedKeys, false, true), 1 / Math.sqrt(dHead));
    return { output: tf.matMul(probs, compressedValues) as tf.Tensor4D, probs };
  });
}
