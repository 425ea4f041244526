import * as tf from '@tensorflow/tfjs';

/**
 * Global-norm gradient clipping: if the norm of all gradients taken together, ‖g‖ = √(Σᵢ ‖gᵢ‖²),
 * exceeds `maxNorm`, every gradient is scaled by maxNorm / ‖g‖ so the joint norm is exactly maxNorm.
 *
 * Why global rather than per-tensor: scaling every tensor by one factor keeps the direction of the
 * update; clipping tensors separately would bend it. This caps the occasional huge step a spike in the
 * loss would otherwise cause.
 *
 * Returns new tensors (the caller owns them, or calls this inside tf.tidy) and the norm before clipping,
 * which the trainer reports. A non-positive or infinite `maxNorm` turns clipping off but still measures.
 */
export function clipByGlobalNorm<T extends tf.Tensor>(
  gradients: readonly T[],
  maxNorm: number,
): { clipped: T[]; globalNorm: tf.Scalar } {
  return tf.tidy(() => {
    if (gradients.length === 0) return { clipped: [], globalNorm: tf.scalar(0) };
    const squaredNorms = gradients.map((gradient) => tf.sum(tf.square(gradient)));
    const globalNorm = tf.sqrt(tf.addN(squaredNorms)) as tf.Scalar;
    if (!(maxNorm > 0 && Number.isFinite(maxNorm))) {
      // tf.clone gives the caller fresh handles it may dispose without touching the inputs.
      return { clipped: gradients.map((gradient) => tf.clone(gradient)), globalNorm };
    }
    // maxNorm / max(‖g‖, maxNorm) is 1 while the norm is within bounds and shrinks it to maxNorm otherwise,
    // without a branch that would need the norm read back from the device.
    const scale = tf.div(maxNorm, tf.maximum(globalNorm, maxNorm));
    const clipped = gradients.map((gradient) => tf.mul(gradient, scale) as T);
    return { clipped, globalNorm };
  });
}
