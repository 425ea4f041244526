import * as tf from '@tensorflow/tfjs';
import { fusedSumOfSquares, fusedSumOfSquaresAvailable } from '../backend/fusedSumOfSquares';

/**
 * Global-norm gradient clipping: if the norm of all gradients taken together, ‖g‖ = √(Σᵢ ‖gᵢ‖²),
 * exceeds `maxNorm`, every gradient is scaled by maxNorm / ‖g‖ so the joint norm is exactly maxNorm.
 *
 * Why global rather than per-tensor: scaling every tensor by one factor keeps the direction of the
 * update; clipping tensors separately would bend it. This caps the occasional huge step a spike in the
 * loss would otherwise cause.
 */

/**
 * The global norm and the factor clipping scales every gradient by: maxNorm / max(‖g‖, maxNorm), which is 1 while
 * the norm is within bounds, computed without a branch that would need the norm read back from the device. `scale`
 * is null when clipping is off (a non-positive or infinite `maxNorm`). The optimizer can apply the scale inside its
 * own update (AdamW.applyGradients does), which saves a multiply per gradient. On webgpu the squared norms are
 * summed by the app's fused kernel, a few gradients per dispatch.
 */
export function globalNormAndClipScale(
  gradients: readonly tf.Tensor[],
  maxNorm: number,
): { globalNorm: tf.Scalar; scale: tf.Scalar | null } {
  const clips = maxNorm > 0 && Number.isFinite(maxNorm);
  // tf.tidy keeps the tensors it returns; the null is added back outside it.
  const kept = tf.tidy(() => {
    if (gradients.length === 0) return clips ? [tf.scalar(0), tf.scalar(1)] : [tf.scalar(0)];
    const sumOfSquares = fusedSumOfSquaresAvailable()
      ? fusedSumOfSquares(gradients)
      : // One input per gradient: on webgpu (without the fused kernel) this relies on kernelWorkarounds.ts's AddN split.
        tf.addN(gradients.map((gradient) => tf.sum(tf.square(gradient))));
    const globalNorm = tf.sqrt(sumOfSquares) as tf.Scalar;
    return clips ? [globalNorm, tf.div(maxNorm, tf.maximum(globalNorm, maxNorm))] : [globalNorm];
  }) as tf.Scalar[];
  return { globalNorm: kept[0], scale: kept[1] ?? null };
}

/**
 * The gradients clipped as above. Returns new tensors (the caller owns them, or calls this inside tf.tidy) and the
 * norm before clipping, which the trainer reports. A non-positive or infinite `maxNorm` turns clipping off but
 * still measures.
 */
export function clipByGlobalNorm<T extends tf.Tensor>(
  gradients: readonly T[],
  maxNorm: number,
): { clipped: T[]; globalNorm: tf.Scalar } {
  return tf.tidy(() => {
    const { globalNorm, scale } = globalNormAndClipScale(gradients, maxNorm);
    // tf.clone gives the caller fresh handles it may dispose without touching the inputs.
    const clipped = gradients.map((gradient) => (scale ? (tf.mul(gradient, scale) as T) : tf.clone(gradient)));
    return { clipped, globalNorm };
  });
}
