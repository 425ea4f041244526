import * as tf from '@tensorflow/tfjs';
import {
  ADAMW_MOMENTS_KERNEL,
  ADAMW_PARAMETER_KERNEL,
  fusedAdamWAvailable,
  type AdamWMomentsAttrs,
  type AdamWParameterAttrs,
} from '../backend/fusedAdamW';

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov & Hutter), written over tf.Variables so the
 * trainer controls exactly which parameters decay and the learning rate of every update.
 *
 * For update t (counted from 1), gradient g and parameter p:
 *   m ← β₁·m + (1 − β₁)·g            v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ)                v̂ = v / (1 − β₂ᵗ)          (bias correction: m and v start at 0)
 *   p ← p − lr·( m̂ / (√v̂ + ε) + λ·p )   where λ·p is applied only to parameters chosen to decay.
 * "Decoupled" means λ·p is added to the step, not to the gradient, so it is not rescaled by √v̂: every
 * decayed weight shrinks by the same fraction lr·λ per update, whatever its gradient history.
 *
 * Where the active backend has the fused kernels of src/lib/backend/fusedAdamW.ts (webgpu), an update is two
 * dispatches per parameter, with the moments packed in one variable; elsewhere it is composed of tfjs ops (about
 * twelve per parameter), which is also the reference the fused kernels are tested against.
 */

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** λ, the decoupled decay rate (multiplied by the learning rate each update). */
  weightDecay: number;
  /**
   * Which variables decay. Default: matrices and higher (rank ≥ 2). Biases, layer-norm gains and
   * offsets are vectors, and pulling them toward 0 would fight their job of shifting and scaling, so the
   * default leaves them alone. The rule needs no naming convention, so it holds for any model.
   */
  shouldDecay?: (variable: tf.Variable) => boolean;
}

/** The default decay rule: decay weight matrices (and embeddings, which are matrices), not vectors. */
export function decaysByRank(variable: tf.Variable): boolean {
  return variable.rank >= 2;
}

interface ParameterSlot {
  parameter: tf.Variable;
  /** Composed path: the two moments, each shaped like the parameter. */
  firstMoment?: tf.Variable;
  secondMoment?: tf.Variable;
  /** Fused path: both moments in one variable [2, ...shape], first moment first. */
  moments?: tf.Variable;
  decays: boolean;
}

export class AdamW {
  private readonly slots: ParameterSlot[];
  /** The backend whose fused kernels this optimizer uses, or null when it composes tfjs ops. */
  private readonly fusedBackend: string | null;
  private updates = 0;
  private disposed = false;

  constructor(
    parameters: readonly tf.Variable[],
    private readonly options: AdamWOptions,
  ) {
    const shouldDecay = options.shouldDecay ?? decaysByRank;
    this.fusedBackend = fusedAdamWAvailable() ? tf.getBackend() : null;
    // The moments are created up front (not on the first update) so the tensor count is the same
    // before and after every step, which keeps the trainer's leak check simple.
    const zeros = (shape: number[]) => tf.tidy(() => tf.variable(tf.zeros(shape), false));
    this.slots = parameters.map((parameter) =>
      this.fusedBackend
        ? { parameter, moments: zeros([2, ...parameter.shape]), decays: shouldDecay(parameter) }
        : { parameter, firstMoment: zeros(parameter.shape), secondMoment: zeros(parameter.shape), decays: shouldDecay(parameter) },
    );
  }

  /** How many updates have been applied; the next one is number updateCount + 1. */
  get updateCount(): number {
    return this.updates;
  }

  /** Whether `parameter` receives weight decay (false for variables this optimizer does not own). */
  decays(parameter: tf.Variable): boolean {
    return this.slots.some((slot) => slot.parameter === parameter && slot.decays);
  }

  /**
   * Applies one update with `learningRate`. `gradients` is keyed by variable name, as tf.variableGrads
   * returns it. A parameter without a gradient (not connected to the loss) is left untouched, moments
   * included, rather than being moved by stale momentum and decay. `gradientScale`, if given, multiplies every
   * gradient first (global-norm clipping's factor from globalNormAndClipScale), inside the fused kernel on webgpu.
   */
  applyGradients(
    gradients: Readonly<Record<string, tf.Tensor | null | undefined>>,
    learningRate: number,
    gradientScale?: tf.Scalar,
  ): void {
    if (this.disposed) throw new Error('AdamW.applyGradients called after dispose().');
    const { beta1, beta2, epsilon, weightDecay } = this.options;
    const t = this.updates + 1;
    // Bias corrections are plain numbers: computed in double precision on the CPU, no device round trip.
    const firstCorrection = 1 - beta1 ** t;
    const secondCorrection = 1 - beta2 ** t;
    if (this.fusedBackend) {
      if (tf.getBackend() !== this.fusedBackend) {
        throw new Error(`This optimizer was built for the ${this.fusedBackend} backend; the active one is ${tf.getBackend()}.`);
      }
      tf.tidy(() => {
        for (const slot of this.slots) {
          const gradient = gradients[slot.parameter.name];
          if (gradient == null) continue;
          const moments = slot.moments as tf.Variable;
          const momentAttrs: AdamWMomentsAttrs = { beta1, beta2 };
          const inputs: tf.NamedTensorMap = gradientScale ? { moments, gradient, scale: gradientScale } : { moments, gradient };
          const updatedMoments = tf.engine().runKernel(ADAMW_MOMENTS_KERNEL, inputs, { ...momentAttrs }) as tf.Tensor;
          moments.assign(updatedMoments);
          const parameterAttrs: AdamWParameterAttrs = {
            learningRate,
            firstCorrection,
            secondCorrection,
            epsilon,
            decay: slot.decays ? weightDecay : 0,
          };
          const updated = tf.engine().runKernel(ADAMW_PARAMETER_KERNEL, { parameter: slot.parameter, moments }, { ...parameterAttrs });
          slot.parameter.assign(updated as tf.Tensor);
        }
      });
      this.updates = t;
      return;
    }
    tf.tidy(() => {
      for (const slot of this.slots) {
        const rawGradient = gradients[slot.parameter.name];
        if (rawGradient == null || !slot.firstMoment || !slot.secondMoment) continue;
        const gradient = gradientScale ? tf.mul(rawGradient, gradientScale) : rawGradient;
        const firstMoment = tf.add(tf.mul(slot.firstMoment, beta1), tf.mul(gradient, 1 - beta1));
        const secondMoment = tf.add(tf.mul(slot.secondMoment, beta2), tf.mul(tf.square(gradient), 1 - beta2));
        slot.firstMoment.assign(firstMoment);
        slot.secondMoment.assign(secondMoment);
        const correctedFirst = tf.div(firstMoment, firstCorrection);
        const correctedSecond = tf.div(secondMoment, secondCorrection);
        let step: tf.Tensor = tf.div(correctedFirst, tf.add(tf.sqrt(correctedSecond), epsilon));
        if (slot.decays && weightDecay !== 0) step = tf.add(step, tf.mul(slot.parameter, weightDecay));
        slot.parameter.assign(tf.sub(slot.parameter, tf.mul(step, learningRate)));
      }
    });
    this.updates = t;
  }

  /** Frees the moment variables; the parameters belong to the model and are not touched. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const slot of this.slots) {
      slot.firstMoment?.dispose();
      slot.secondMoment?.dispose();
      slot.moments?.dispose();
    }
  }
}
