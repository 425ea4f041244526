/**
 * Attention's softmax as one WebGPU kernel forward and one backward, with the 1/√dHead scale and the padding mask
 * folded in: tfjs composes the forward of a Mul by the scale, the mask's Sub, Mul and Add, its Softmax and the Mul
 * that zeroes padded keys exactly, and the backward of about six more. Registered for webgpu only;
 * src/lib/model/attention.ts composes tfjs ops elsewhere, which is the reference the tests compare this with.
 *
 * Over the last axis (length m) of logits s, with the key mask k ∈ {0, 1}^m of the row's sequence (all ones when
 * there is none): z = scale·s + (1 − k)·MASKED, p = softmax(z) ⊙ k. Backward: since p is 0 wherever k is 0, the
 * composed gradient reduces to ds = scale · p ⊙ (dp − Σ dp ⊙ p), which needs only p, not the mask.
 *
 * One thread per row (batch·heads·n rows of n or k numbers): a few passes over a row of at most a few thousand,
 * a fixed order of summation (bit-for-bit repeatable), and no workgroup barriers.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { kernelsOnActiveBackend, linearProgram, registerWebGpuKernels } from './webgpuKernelRegistry';

export const SCALED_SOFTMAX_KERNEL = 'LinformerLabScaledSoftmax';
export const SCALED_MASKED_SOFTMAX_KERNEL = 'LinformerLabScaledMaskedSoftmax';
export const SCALED_SOFTMAX_GRAD_KERNEL = 'LinformerLabScaledSoftmaxGrad';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

export interface ScaledSoftmaxAttrs {
  scale: number;
  /** What a masked logit becomes (sequenceCompression's MASKED). */
  maskedLogit: number;
}

/** Rows and row length of a tensor whose last axis is the softmax's. */
function rowsOf(shape: number[]): { rows: number; cols: number } {
  const cols = shape[shape.length - 1];
  return { rows: shape.reduce((product, d) => product * d, 1) / cols, cols };
}

/**
 * WGSL for one row: `logit` is the expression for the row's masked, scaled logit at column c and `keep` its mask.
 * Three passes: the maximum, the sum of exponentials, and the probabilities. `maskStart` is where the row's
 * sequence starts in the mask.
 */
const softmaxRow = (logit: string, keep: string) => `
  fn main(row : i32) {
    if (row < uniforms.rows) {
      let start = row * uniforms.cols;
      let maskStart = (row / uniforms.rowsPerSequence) * uniforms.cols;
      var largest = -3.402823e38;
      for (var c = 0; c < uniforms.cols; c++) { largest = max(largest, ${logit}); }
      var total = 0.0;
      for (var c = 0; c < uniforms.cols; c++) { total += exp(${logit} - largest); }
      for (var c = 0; c < uniforms.cols; c++) {
        setOutputAtIndex(start + c, exp(${logit} - largest) / total * ${keep});
      }
    }
  }`;

function scaledSoftmax(args: KernelArgs, masked: boolean): tf.TensorInfo {
  const { logits, mask } = args.inputs as { logits: tf.TensorInfo; mask?: tf.TensorInfo };
  const { scale, maskedLogit } = args.attrs as unknown as ScaledSoftmaxAttrs;
  const { rows, cols } = rowsOf(logits.shape);
  const scaled = 'logits[start + c] * uniforms.scale';
  const code = masked
    ? softmaxRow(`(${scaled} + (1.0 - mask[maskStart + c]) * uniforms.maskedLogit)`, 'mask[maskStart + c]')
    : softmaxRow(`(${scaled})`, '1.0');
  // A mask is [batch, m]: the rows of one sequence (heads · n of them) share its row of the mask.
  const rowsPerSequence = masked ? rows / mask!.shape[0] : rows;
  const program = linearProgram({
    shaderKey: masked ? 'linformerLabScaledMaskedSoftmax' : 'linformerLabScaledSoftmax',
    variableNames: masked ? ['logits', 'mask'] : ['logits'],
    outputShape: logits.shape,
    threads: rows,
    uniforms: 'rows : i32, cols : i32, rowsPerSequence : i32, scale : f32, maskedLogit : f32,',
    code,
  });
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, masked ? [logits, mask!] : [logits], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
    { type: 'int32', data: [rowsPerSequence] },
    { type: 'float32', data: [scale] },
    { type: 'float32', data: [maskedLogit] },
  ]);
}

function scaledSoftmaxGrad(args: KernelArgs): tf.TensorInfo {
  const { probs, dy } = args.inputs as { probs: tf.TensorInfo; dy: tf.TensorInfo };
  const { scale } = args.attrs as unknown as ScaledSoftmaxAttrs;
  const { rows, cols } = rowsOf(probs.shape);
  const program = linearProgram({
    shaderKey: 'linformerLabScaledSoftmaxGrad',
    variableNames: ['probs', 'dy'],
    outputShape: probs.shape,
    threads: rows,
    uniforms: 'rows : i32, cols : i32, scale : f32,',
    code: `
      fn main(row : i32) {
        if (row < uniforms.rows) {
          let start = row * uniforms.cols;
          var dot = 0.0;
          for (var c = 0; c < uniforms.cols; c++) { dot += dy[start + c] * probs[start + c]; }
          for (var c = 0; c < uniforms.cols; c++) {
            setOutputAtIndex(start + c, uniforms.scale * probs[start + c] * (dy[start + c] - dot));
          }
        }
      }`,
  });
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, [probs, dy], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [cols] },
    { type: 'float32', data: [scale] },
  ]);
}

/** Registers the three kernels for webgpu (idempotent). */
export function registerFusedSoftmax(): void {
  registerWebGpuKernels([
    [SCALED_SOFTMAX_KERNEL, (args) => scaledSoftmax(args, false)],
    [SCALED_MASKED_SOFTMAX_KERNEL, (args) => scaledSoftmax(args, true)],
    [SCALED_SOFTMAX_GRAD_KERNEL, scaledSoftmaxGrad],
  ]);
}

export function fusedSoftmaxAvailable(): boolean {
  return kernelsOnActiveBackend(SCALED_SOFTMAX_KERNEL, SCALED_MASKED_SOFTMAX_KERNEL, SCALED_SOFTMAX_GRAD_KERNEL);
}

/**
 * softmax(scale·logits + (1 − mask)·maskedLogit) ⊙ mask over the last axis, differentiable in the logits (the mask is
 * data). `mask` is [batch, m] for logits [batch, …, m]; without it no position is masked. The caller checks
 * fusedSoftmaxAvailable first.
 */
export function fusedScaledSoftmax<T extends tf.Tensor>(logits: T, attrs: ScaledSoftmaxAttrs, mask?: tf.Tensor2D): T {
  const namedAttrs = attrs as unknown as tf.NamedAttrMap;
  const softmax = tf.customGrad(((...args: [tf.Tensor, tf.GradSaveFunc]) => {
    const [input, save] = args;
    const value = (
      mask
        ? tf.engine().runKernel(SCALED_MASKED_SOFTMAX_KERNEL, { logits: input, mask }, namedAttrs)
        : tf.engine().runKernel(SCALED_SOFTMAX_KERNEL, { logits: input }, namedAttrs)
    ) as tf.Tensor;
    save([value]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.engine().runKernel(SCALED_SOFTMAX_GRAD_KERNEL, { probs: saved[0], dy }, namedAttrs) as tf.Tensor;
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return softmax(logits) as T;
}
