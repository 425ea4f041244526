/**
 * AdamW as two WebGPU kernels per parameter instead of about twelve, registered in tfjs's kernel registry for the
 * webgpu backend only (src/lib/train/adamw.ts uses them where they are registered and composes tfjs ops elsewhere,
 * which is also the reference the tests compare them with).
 *
 * - AdamWMoments: the two moments packed in one tensor [2, ...shape] (first moment, then second), updated from the
 *   gradient in one pass: m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², where g may first be multiplied by a
 *   one-element `scale` input (gradient clipping's factor), which saves clipping a multiply per gradient.
 * - AdamWParameter: p ← p − lr·( (m / c₁) / (√(v / c₂) + ε) + λ·p ), with c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ.
 *
 * Every scalar (β, 1 − β, lr, ε, λ and the bias corrections) travels as a uniform, computed in double precision in
 * JavaScript exactly as the composed path computes them, so no scalar tensor is uploaded per step. Both kernels are
 * out of place (a new output each, which the optimizer assigns to its variables), as every tfjs kernel is; the
 * buffer pool reuses those buffers step after step, since their sizes repeat.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { elementwiseProgram, kernelsOnActiveBackend, registerWebGpuKernels } from './webgpuKernelRegistry';

export const ADAMW_MOMENTS_KERNEL = 'LinformerLabAdamWMoments';
export const ADAMW_PARAMETER_KERNEL = 'LinformerLabAdamWParameter';

export interface AdamWMomentsAttrs {
  beta1: number;
  beta2: number;
}

export interface AdamWParameterAttrs {
  learningRate: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ. */
  firstCorrection: number;
  secondCorrection: number;
  epsilon: number;
  /** λ for a parameter that decays, 0 for one that does not. */
  decay: number;
}

function adamWMoments(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { moments, gradient, scale } = args.inputs as { moments: tf.TensorInfo; gradient: tf.TensorInfo; scale?: tf.TensorInfo };
  const { beta1, beta2 } = args.attrs as unknown as AdamWMomentsAttrs;
  // With a scale (global-norm clipping's factor, a one-element tensor), the gradient is g·scale.
  const g = (at: string) => (scale ? `gradient[${at}] * scale[0]` : `gradient[${at}]`);
  const program = elementwiseProgram({
    shaderKey: scale ? 'linformerLabAdamWMomentsScaled' : 'linformerLabAdamWMoments',
    variableNames: scale ? ['moments', 'gradient', 'scale'] : ['moments', 'gradient'],
    outputShape: moments.shape,
    uniforms: 'beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32,',
    // The first half of the output is the first moment, the second half the second; both read gradient[j].
    body: `let half = uniforms.size / 2;
          if (index < half) {
            setOutputAtIndex(index, moments[index] * uniforms.beta1 + ${g('index')} * uniforms.oneMinusBeta1);
          } else {
            let g = ${g('index - half')};
            setOutputAtIndex(index, moments[index] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2);
          }`,
  });
  const uniforms = [beta1, 1 - beta1, beta2, 1 - beta2].map((value) => ({ type: 'float32', data: [value] }));
  const inputs = scale ? [moments, gradient, scale] : [moments, gradient];
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, inputs, 'float32', uniforms);
}

function adamWParameter(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { parameter, moments } = args.inputs as { parameter: tf.TensorInfo; moments: tf.TensorInfo };
  const { learningRate, firstCorrection, secondCorrection, epsilon, decay } = args.attrs as unknown as AdamWParameterAttrs;
  const program = elementwiseProgram({
    shaderKey: 'linformerLabAdamWParameter',
    variableNames: ['parameter', 'moments'],
    outputShape: parameter.shape,
    uniforms: 'learningRate : f32, firstCorrection : f32, secondCorrection : f32, epsilon : f32, decay : f32,',
    // The same order of operations as the composed path, so the two agree to float32 rounding.
    body: `let p = parameter[index];
          let m = moments[index] / uniforms.firstCorrection;
          let v = moments[index + uniforms.size] / uniforms.secondCorrection;
          let step = m / (sqrt(v) + uniforms.epsilon) + p * uniforms.decay;
          setOutputAtIndex(index, p - step * uniforms.learningRate);`,
  });
  const uniforms = [learningRate, firstCorrection, secondCorrection, epsilon, decay].map((value) => ({
    type: 'float32',
    data: [value],
  }));
  return (args.backend as WebGPUBackend).runWebGPUProgram(program, [parameter, moments], 'float32', uniforms);
}

/** Registers both kernels for webgpu (idempotent). */
export function registerFusedAdamW(): void {
  registerWebGpuKernels([
    [ADAMW_MOMENTS_KERNEL, adamWMoments],
    [ADAMW_PARAMETER_KERNEL, adamWParameter],
  ]);
}

/** Whether the active backend has the fused kernels. */
export function fusedAdamWAvailable(): boolean {
  return kernelsOnActiveBackend(ADAMW_MOMENTS_KERNEL, ADAMW_PARAMETER_KERNEL);
}
