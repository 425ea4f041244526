/**
 * Scaled dot-product attention, full (n×n) and compressed (n×k, Linformer).
 *
 * Shapes: q, k, v are [batch, heads, n, dHead]; a mask is [batch, n] with 1 for tokens and 0 for padding.
 * Both batched operands of every matMul here have the same batch dimensions, which tfjs differentiates
 * correctly (only batched × unbatched products break).
 */
import * as tf from '@tensorflow/tfjs';
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
    const [batch, , n, dHead] = q.shape;
    const logits = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dHead));
    let probs: tf.Tensor4D;
    if (mask) {
      const keyMask = tf.reshape(mask, [batch, 1, 1, n]);
      const maskedLogits = tf.add(logits, tf.mul(tf.sub(1, keyMask), MASKED));
      probs = tf.mul(tf.softmax(maskedLogits), keyMask) as tf.Tensor4D;
    } else {
      probs = tf.softmax(logits) as tf.Tensor4D;
    }
    return { output: tf.matMul(probs, v) as tf.Tensor4D, probs };
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
    const logits = tf.mul(tf.matMul(q, compressedKeys, false, true), 1 / Math.sqrt(dHead));
    const probs = tf.softmax(logits) as tf.Tensor4D;
    return { output: tf.matMul(probs, compressedValues) as tf.Tensor4D, probs };
  });
}
