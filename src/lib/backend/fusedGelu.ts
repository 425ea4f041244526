/**
 * GELU, x·Φ(x), as one WebGPU kernel forward and one backward instead of the five (and about eight) that tfjs
 * composes; registered for webgpu only, src/lib/model/layers.ts composes tfjs ops elsewhere (the tests' reference).
 *
 * Φ(x) = ½·(1 + erf(x/√2)) with tfjs's own erf approximation (Abramowitz and Stegun 7.1.26, the constants in
 * tf.backend_util), so the fused forward matches the composed one to float32 rounding. The backward is what tfjs
 * derives for the composed form: dy·(Φ(x) + x·φ(x)), φ the standard normal density (erf's gradient is the exact
 * 2/√π·e^(−z²), not the approximation's).
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { elementwiseProgram, kernelsOnActiveBackend, registerWebGpuKernels } from './webgpuKernelRegistry';

export const GELU_KERNEL = 'LinformerLabGelu';
export const GELU_GRAD_KERNEL = 'LinformerLabGeluGrad';

const { ERF_P, ERF_A1, ERF_A2, ERF_A3, ERF_A4, ERF_A5 } = tf.backend_util;

/** WGSL: Φ(x) through tfjs's erf approximation. */
const NORMAL_CDF = `
  fn normalCdf(x : f32) -> f32 {
    let z = x * ${Math.SQRT1_2};
    let v = abs(z);
    let t = 1.0 / (1.0 + ${ERF_P} * v);
    let erf = sign(z) * (1.0 - (((((${ERF_A5} * t + ${ERF_A4}) * t) + ${ERF_A3}) * t + ${ERF_A2}) * t + ${ERF_A1}) * t * exp(-v * v));
    return 0.5 * (1.0 + erf);
  }`;

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

function geluForward(args: KernelArgs): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const program = elementwiseProgram({
    shaderKey: 'linformerLabGelu',
    variableNames: ['x'],
    outputShape: x.shape,
    helpers: NORMAL_CDF,
    body: 'let value = x[index]; setOutputAtIndex(index, value * normalCdf(value));',
  });
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, [x], 'float32');
}

function geluBackward(args: KernelArgs): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const density = `exp(-0.5 * value * value) * ${1 / Math.sqrt(2 * Math.PI)}`;
  const program = elementwiseProgram({
    shaderKey: 'linformerLabGeluGrad',
    variableNames: ['x', 'dy'],
    outputShape: x.shape,
    helpers: NORMAL_CDF,
    body: `let value = x[index]; setOutputAtIndex(index, dy[index] * (normalCdf(value) + value * ${density}));`,
  });
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, [x, dy], 'float32');
}

/** Registers both kernels for webgpu (idempotent). */
export function registerFusedGelu(): void {
  registerWebGpuKernels([
    [GELU_KERNEL, geluForward],
    [GELU_GRAD_KERNEL, geluBackward],
  ]);
}

export function fusedGeluAvailable(): boolean {
  return kernelsOnActiveBackend(GELU_KERNEL);
}

/** GELU on the fused kernels, differentiable (the caller checks fusedGeluAvailable first). */
export function fusedGelu<T extends tf.Tensor>(x: T): T {
  const gelu = tf.customGrad(((...args: [tf.Tensor, tf.GradSaveFunc]) => {
    const [input, save] = args;
    save([input]);
    const value = tf.engine().runKernel(GELU_KERNEL, { x: input }) as tf.Tensor;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.engine().runKernel(GELU_GRAD_KERNEL, { x: saved[0], dy }) as tf.Tensor;
    return { value, gradFunc };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return gelu(x) as T;
}
