/**
 * The masked-LM loss, Σᵢ wᵢ·(−log softmax(zᵢ)[tᵢ]) / Σᵢ wᵢ, as one WebGPU dispatch forward and two backward instead
 * of the ~30 tfjs composes from logSoftmax, a [rows, vocab] one-hot and reductions; registered for webgpu only,
 * src/lib/model/mlmLoss.ts composes tfjs ops elsewhere (the tests' reference). No one-hot is ever built.
 *
 * Forward: one workgroup of 64 threads, each taking every 64th row: log-sum-exp of the row (shifted by its maximum,
 * as tf.logSoftmax does), minus the target's logit, times the row's weight; then thread 0 adds the partial sums and
 * the weights in a fixed order and divides (by at least 1e-12, so no weighted row gives 0, as the composed loss).
 * Backward: ∂loss/∂zᵢ = dy · wᵢ / Σw · (softmax(zᵢ) − onehot(tᵢ)), one thread per row, with Σw from a tfjs sum.
 * Only the logits get a gradient: targets and weights are data.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import {
  kernelsOnActiveBackend,
  linearProgram,
  registerWebGpuKernels,
  WORKGROUP_SIZE,
  type WebGpuKernelFunc,
} from './webgpuKernelRegistry';

export const MASKED_LM_LOSS_KERNEL = 'LinformerLabMaskedLmLoss';
export const MASKED_LM_LOSS_GRAD_KERNEL = 'LinformerLabMaskedLmLossGrad';

const THREADS = WORKGROUP_SIZE;

/** WGSL: the maximum and the log of Σ exp(z − max) of row `row` of `logits` (width uniforms.vocab). */
const ROW_LOG_SUM_EXP = `
  fn rowLogSumExp(row : i32) -> vec2<f32> {
    let start = row * uniforms.vocab;
    var largest = logits[start];
    for (var v = 1; v < uniforms.vocab; v++) { largest = max(largest, logits[start + v]); }
    var total = 0.0;
    for (var v = 0; v < uniforms.vocab; v++) { total += exp(logits[start + v] - largest); }
    return vec2<f32>(largest, log(total));
  }`;

function program(shaderKey: string, variableNames: string[], outputShape: number[], threads: number, code: string): WebGPUProgram {
  return linearProgram({ shaderKey, variableNames, outputShape, threads, code, uniforms: 'rows : i32, vocab : i32,' });
}

const shapeUniforms = (logits: tf.TensorInfo) => [
  { type: 'int32', data: [logits.shape[0]] },
  { type: 'int32', data: [logits.shape[1]] },
];

const maskedLmLossForward: WebGpuKernelFunc = ({ inputs, backend }) => {
  const { logits, targets, weights } = inputs as Record<'logits' | 'targets' | 'weights', tf.TensorInfo>;
  const code = `${ROW_LOG_SUM_EXP}
    var<workgroup> partialLoss : array<f32, ${THREADS}>;
    var<workgroup> partialWeight : array<f32, ${THREADS}>;
    fn main(index : i32) {
      var loss = 0.0;
      var weight = 0.0;
      for (var row = index; row < uniforms.rows; row += ${THREADS}) {
        let w = weights[row];
        if (w != 0.0) {
          let statistics = rowLogSumExp(row);
          let logProbability = logits[row * uniforms.vocab + targets[row]] - statistics.x - statistics.y;
          loss -= w * logProbability;
        }
        weight += w;
      }
      partialLoss[index] = loss;
      partialWeight[index] = weight;
      workgroupBarrier();
      if (index == 0) {
        var totalLoss = 0.0;
        var totalWeight = 0.0;
        for (var t = 0; t < ${THREADS}; t++) { totalLoss += partialLoss[t]; totalWeight += partialWeight[t]; }
        setOutputAtIndex(0, totalLoss / max(totalWeight, 1e-12));
      }
    }`;
  const built = program('linformerLabMaskedLmLoss', ['logits', 'targets', 'weights'], [], THREADS, code);
  return (backend as WebGPUBackend).runWebGPUProgram(built, [logits, targets, weights], 'float32', shapeUniforms(logits));
};

const maskedLmLossBackward: WebGpuKernelFunc = ({ inputs, backend }) => {
  const { logits, targets, weights, weightSum, dy } = inputs as Record<
    'logits' | 'targets' | 'weights' | 'weightSum' | 'dy',
    tf.TensorInfo
  >;
  const code = `${ROW_LOG_SUM_EXP}
    fn main(row : i32) {
      if (row < uniforms.rows) {
        let start = row * uniforms.vocab;
        let factor = dy[0] * weights[row] / max(weightSum[0], 1e-12);
        if (factor == 0.0) {
          for (var v = 0; v < uniforms.vocab; v++) { setOutputAtIndex(start + v, 0.0); }
        } else {
          let statistics = rowLogSumExp(row);
          for (var v = 0; v < uniforms.vocab; v++) {
            let probability = exp(logits[start + v] - statistics.x - statistics.y);
            setOutputAtIndex(start + v, factor * (probability - select(0.0, 1.0, v == targets[row])));
          }
        }
      }
    }`;
  const rows = logits.shape[0];
  const built = program(
    'linformerLabMaskedLmLossGrad',
    ['logits', 'targets', 'weights', 'weightSum', 'dy'],
    logits.shape,
    rows,
    code,
  );
  return (backend as WebGPUBackend).runWebGPUProgram(
    built,
    [logits, targets, weights, weightSum, dy],
    'float32',
    shapeUniforms(logits),
  );
};

export function registerFusedMaskedLmLoss(): void {
  registerWebGpuKernels([
    [MASKED_LM_LOSS_KERNEL, maskedLmLossForward],
    [MASKED_LM_LOSS_GRAD_KERNEL, maskedLmLossBackward],
  ]);
}

export function fusedMaskedLmLossAvailable(): boolean {
  return kernelsOnActiveBackend(MASKED_LM_LOSS_KERNEL, MASKED_LM_LOSS_GRAD_KERNEL);
}

/**
 * The loss of logits [rows, vocab] against int32 targets [rows] with float32 weights [rows], differentiable in the
 * logits, on the fused kernels (the caller checks fusedMaskedLmLossAvailable first).
 */
export function fusedMaskedLmLoss(logits: tf.Tensor2D, targets: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  const loss = tf.customGrad(((...args: [tf.Tensor, tf.GradSaveFunc]) => {
    const [input, save] = args;
    save([input]);
    const value = tf.engine().runKernel(MASKED_LM_LOSS_KERNEL, { logits: input, targets, weights }) as tf.Scalar;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.tidy(() => {
        const weightSum = tf.sum(weights);
        return tf.engine().runKernel(MASKED_LM_LOSS_GRAD_KERNEL, { logits: saved[0], targets, weights, weightSum, dy }) as tf.Tensor;
      });
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return loss(logits) as tf.Scalar;
}
