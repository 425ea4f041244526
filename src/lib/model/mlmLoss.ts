/** The masked-language-modelling objective. */
import * as tf from '@tensorflow/tfjs';
import { fusedMaskedLmLoss, fusedMaskedLmLossAvailable } from '../backend/fusedMaskedLmLoss';

/**
 * Weighted mean cross-entropy (natural log) of `targets` under `logits`, over the positions whose weight
 * is non-zero: Σ w·(−log p(target)) / Σ w. Log-probabilities come from logSoftmax, which subtracts the
 * row maximum, so large logits do not overflow. With no weighted position the loss is 0.
 *
 * logits [batch, n, vocab]; targets int32 [batch, n]; weights float32 [batch, n] (1 at predicted positions).
 * On webgpu this is the app's fused kernel (src/lib/backend/fusedMaskedLmLoss.ts), which builds no one-hot.
 */
export function maskedLmLoss(logits: tf.Tensor3D, targets: tf.Tensor2D, weights: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [batch, n, vocab] = logits.shape;
    const rows = batch * n;
    if (fusedMaskedLmLossAvailable()) {
      const ids = targets.dtype === 'int32' ? targets : tf.cast(targets, 'int32');
      return fusedMaskedLmLoss(tf.reshape(logits, [rows, vocab]), tf.reshape(ids, [rows]), tf.reshape(weights, [rows]));
    }
    const logProbs = tf.logSoftmax(tf.reshape(logits, [rows, vocab]));
    const ids = targets.dtype === 'int32' ? targets : tf.cast(targets, 'int32');
    const targetLogProbs = tf.sum(tf.mul(logProbs, tf.oneHot(tf.reshape(ids, [rows]), vocab, 1, 0, 'float32')), 1);
    const flatWeights = tf.reshape(weights, [rows]);
    const total = tf.neg(tf.sum(tf.mul(targetLogProbs, flatWeights)));
    // The tiny floor only matters when nothing is weighted, where it turns 0/0 into 0.
    return tf.div(total, tf.maximum(tf.sum(flatWeights), 1e-12)) as tf.Scalar;
  });
}

/** Perplexity from a mean natural-log cross-entropy. */
export function perplexity(loss: number): number {
  return Math.exp(loss);
}
