/**
 * Ways to shorten the sequence axis of keys or values from n to k: Linformer's E·K in its several forms.
 * All take and give [batch, heads, length, dHead] tensors.
 *
 * The learned forms avoid matMul of a batched tensor with an unbatched weight, whose gradient breaks in
 * tfjs 4.22 (issues 8548, 8721): the sequence axis is moved to the front and the rest flattened, so the
 * projection is one plain 2-D (or equally batched 3-D) product.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Compresses [B, H, n, d] to [B, H, k, d]. `mask` ([B, n], 1 for tokens, 0 for padding) is given for
 * compressions that must treat padding specially (pooling); rows of padding in x are already zero.
 */
export type SequenceCompressor = (x: tf.Tensor4D, mask?: tf.Tensor2D) => tf.Tensor4D;

/**
 * Large enough that exp(logit + MASKED) underflows to exactly 0 in float32 and that a padded position never
 * wins a max. Finite on purpose: WGSL lets WebGPU implementations assume there are no infinities.
 */
export const MASKED = -1e9;

/** E·X along the sequence for every batch item and head: E [k, n] shared by all heads. */
export function projectSequence(x: tf.Tensor4D, projection: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, heads, n, dHead] = x.shape;
    const k = projection.shape[0];
    assertLength(projection.shape[1], n);
    const columns = tf.reshape(tf.transpose(x, [2, 0, 1, 3]), [n, batch * heads * dHead]);
    const projected = tf.matMul(projection, columns);
    return tf.transpose(tf.reshape(projected, [k, batch, heads, dHead]), [1, 2, 0, 3]);
  });
}

/** E_h·X_h along the sequence with a separate E per head: projections [H, k, n]. */
export function projectSequencePerHead(x: tf.Tensor4D, projections: tf.Tensor3D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, heads, n, dHead] = x.shape;
    const [projectionHeads, k, length] = projections.shape;
    if (projectionHeads !== heads) throw new Error(`${projectionHeads} projections given for ${heads} heads.`);
    assertLength(length, n);
    // Heads become the (equal) batch dimension of both operands, which differentiates fine.
    const columns = tf.reshape(tf.transpose(x, [1, 2, 0, 3]), [heads, n, batch * dHead]);
    const projected = tf.matMul(projections, columns);
    return tf.transpose(tf.reshape(projected, [heads, k, batch, dHead]), [2, 0, 1, 3]);
  });
}

/**
 * Strided convolution with kernel = stride = n/k: output j = Σ_t w_t · x[j·s + t]. `kernels` is [1, s]
 * (one kernel for every head) or [H, s] (one per head); a kernel is shared by all dHead channels. As a
 * matrix this is E[j, j·s + t] = w_t, so it is a linear projection with only s free numbers.
 */
export function convolveSequence(x: tf.Tensor4D, kernels: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, heads, n, dHead] = x.shape;
    const [kernelHeads, stride] = kernels.shape;
    const windows = toWindows(x, stride);
    const k = n / stride;
    const weights = tf.reshape(kernels, [1, kernelHeads, 1, stride, 1]);
    return tf.reshape(tf.sum(tf.mul(windows, weights), 3), [batch, heads, k, dHead]);
  });
}

/** Mean over windows of n/k positions, counting only tokens; a window of only padding gives 0. */
export function meanPoolSequence(x: tf.Tensor4D, k: number, mask?: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, , n] = x.shape;
    const stride = n / k;
    if (!mask) return tf.mean(toWindows(x, stride), 3) as tf.Tensor4D;
    // Averaging over the tokens present (not over the whole window) keeps a half-padded window on the
    // same scale as a full one.
    const keep = tf.reshape(mask, [batch, 1, n, 1]);
    const sums = tf.sum(toWindows(tf.mul(x, keep), stride), 3);
    const counts = tf.sum(tf.reshape(mask, [batch, 1, k, stride, 1]), 3);
    return tf.div(sums, tf.maximum(counts, 1)) as tf.Tensor4D;
  });
}

/** Max over windows of n/k positions; padding never wins, and a window of only padding gives 0. */
export function maxPoolSequence(x: tf.Tensor4D, k: number, mask?: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, , n] = x.shape;
    const stride = n / k;
    if (!mask) return tf.max(toWindows(x, stride), 3) as tf.Tensor4D;
    const keep = tf.reshape(mask, [batch, 1, n, 1]);
    // Arithmetic rather than tf.where: x·1 + 0 is exactly x at tokens, and padding becomes MASKED.
    const candidates = tf.add(tf.mul(x, keep), tf.mul(tf.sub(1, keep), MASKED)) as tf.Tensor4D;
    const maxima = tf.max(toWindows(candidates, stride), 3);
    const windowHasToken = tf.max(tf.reshape(mask, [batch, 1, k, stride, 1]), 3);
    return tf.mul(maxima, windowHasToken) as tf.Tensor4D;
  });
}

/** [B, H, n, d] → [B, H, n/stride, stride, d]: consecutive positions grouped into windows. */
function toWindows(x: tf.Tensor4D, stride: number): tf.Tensor5D {
  const [batch, heads, n, dHead] = x.shape;
  if (!Number.isInteger(stride) || stride < 1 || n % stride !== 0) {
    throw new Error(`Cannot split a sequence of ${n} positions into windows of ${stride}.`);
  }
  return tf.reshape(x, [batch, heads, n / stride, stride, dHead]);
}

function assertLength(projectionLength: number, n: number): void {
  if (projectionLength !== n) throw new Error(`A projection over ${projectionLength} positions cannot compress ${n}.`);
}
