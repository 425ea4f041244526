/**
 * The plumbing the app's own WebGPU kernels share: registering them in tfjs's kernel registry, asking whether the active
 * backend has them, and building the tfjs WebGPU programs they run.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export type WebGpuKernelFunc = (args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }) => tf.TensorInfo;

/** Registers each kernel for webgpu unless it already is (so calling twice changes nothing). */
export function registerWebGpuKernels(kernels: readonly (readonly [string, WebGpuKernelFunc])[]): void {
  for (const [kernelName, kernelFunc] of kernels) {
    if (!tf.getKernel(kernelName, 'webgpu')) {
      tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
    }
  }
}

/** Whether every named kernel is registered for the active backend. */
export function kernelsOnActiveBackend(...kernelNames: string[]): boolean {
  const backend = tf.getBackend();
  return Boolean(backend) && kernelNames.every((name) => tf.getKernel(name, backend) !== undefined);
}

/** Threads per workgroup of every program here: a multiple of the 32 or 64 lanes GPUs schedule together. */
export const WORKGROUP_SIZE = 64;

export interface LinearProgramSpec {
  shaderKey: string;
  /** The inputs, bound in this order and readable in WGSL as arrays of these names. */
  variableNames: string[];
  outputShape: number[];
  /** Extra uniform fields, as WGSL struct members ("rows : i32, eps : f32,"); tfjs appends them to its own. */
  uniforms?: string;
  /** How many threads to launch, numbered 0 … threads − 1 (rounded up to whole workgroups). */
  threads: number;
  /** Adds tfjs's `uniforms.size` (the output's element count). */
  size?: boolean;
  /** WGSL defining `fn main(index : i32)`, the thread's number, plus any helpers it needs. */
  code: string;
}

/** A tfjs WebGPU program over a line of threads; tfjs adds the bindings, the uniforms and the entry point. */
export function linearProgram(spec: LinearProgramSpec): WebGPUProgram {
  return {
    shaderKey: spec.shaderKey,
    variableNames: spec.variableNames,
    outputShape: spec.outputShape,
    ...(spec.size ? { size: true } : {}),
    ...(spec.uniforms ? { uniforms: spec.uniforms } : {}),
    workgroupSize: [WORKGROUP_SIZE, 1, 1],
    dispatchLayout: { x: spec.outputShape.length > 0 ? spec.outputShape.map((_, axis) => axis) : [0] },
    dispatch: [Math.ceil(spec.threads / WORKGROUP_SIZE), 1, 1],
    getUserCode: () => spec.code,
  };
}

/** A program with one thread per output element; `body` runs for `index` < uniforms.size, after `helpers`. */
export function elementwiseProgram(
  spec: Omit<LinearProgramSpec, 'threads' | 'size' | 'code'> & { body: string; helpers?: string },
): WebGPUProgram {
  const { body, helpers = '', ...rest } = spec;
  return linearProgram({
    ...rest,
    size: true,
    threads: spec.outputShape.reduce((product, d) => product * d, 1),
    code: `${helpers}
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${body}
        }
      }`,
  });
}
