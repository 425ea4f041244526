/**
 * Σ x² over several tensors at once, as one WebGPU dispatch per group of inputs, for the global gradient norm:
 * tfjs needs a Square and a Sum per gradient (82 dispatches for a 2-layer encoder's 41 gradients), this needs one per
 * group of up to `maxStorageBuffersPerShaderStage − 1` gradients (6 for 41), then an AddN of the partial sums.
 * Registered for webgpu only; src/lib/train/clipByGlobalNorm.ts composes tfjs ops elsewhere (the tests' reference).
 *
 * One workgroup of 64 threads: each thread sums a strided share of every input, then thread 0 adds the 64 partial
 * sums in a fixed order, so the result repeats bit for bit.
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

export const SUM_OF_SQUARES_KERNEL = 'LinformerLabSumOfSquares';

const THREADS = WORKGROUP_SIZE;

function sumOfSquaresProgram(inputCount: number): WebGPUProgram {
  const names = Array.from({ length: inputCount }, (_, i) => `g${i}`);
  const sizes = names.map((name) => `size${name} : i32,`).join(' ');
  const loops = names
    .map((name) => `for (var i = index; i < uniforms.size${name}; i += ${THREADS}) { let v = ${name}[i]; sum += v * v; }`)
    .join('\n          ');
  return linearProgram({
    shaderKey: `linformerLabSumOfSquares${inputCount}`,
    variableNames: names,
    outputShape: [1],
    uniforms: sizes,
    threads: THREADS,
    code: `
      var<workgroup> partialSums : array<f32, ${THREADS}>;
      fn main(index : i32) {
        var sum = 0.0;
        ${loops}
        partialSums[index] = sum;
        workgroupBarrier();
        if (index == 0) {
          var total = 0.0;
          for (var t = 0; t < ${THREADS}; t++) { total += partialSums[t]; }
          setOutputAtIndex(0, total);
        }
      }`,
  });
}

const sumOfSquares: WebGpuKernelFunc = ({ inputs, backend }) => {
  const tensors = Object.keys(inputs)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((name) => inputs[name] as tf.TensorInfo);
  const uniforms = tensors.map((tensor) => ({ type: 'int32', data: [tensor.shape.reduce((product, d) => product * d, 1)] }));
  return (backend as WebGPUBackend).runWebGPUProgram(sumOfSquaresProgram(tensors.length), tensors, 'float32', uniforms);
};

export function registerFusedSumOfSquares(): void {
  registerWebGpuKernels([[SUM_OF_SQUARES_KERNEL, sumOfSquares]]);
}

export function fusedSumOfSquaresAvailable(): boolean {
  return kernelsOnActiveBackend(SUM_OF_SQUARES_KERNEL);
}

/** Σ over every tensor of Σ x², as a scalar, on the fused kernel (the caller checks availability first). */
export function fusedSumOfSquares(tensors: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    // One storage binding is the output's.
    const perDispatch = Math.max(1, device.limits.maxStorageBuffersPerShaderStage - 1);
    const partials: tf.Tensor[] = [];
    for (let start = 0; start < tensors.length; start += perDispatch) {
      const group = tensors.slice(start, start + perDispatch);
      const inputs = Object.fromEntries(group.map((tensor, i) => [`g${i}`, tensor]));
      partials.push(tf.engine().runKernel(SUM_OF_SQUARES_KERNEL, inputs) as tf.Tensor);
    }
    // Over 7 partials (more than 49 gradients) this AddN needs kernelWorkarounds.ts's split, which the app installs.
    const total = partials.length === 1 ? partials[0] : tf.addN(partials);
    return tf.reshape(total, []) as tf.Scalar;
  });
}
