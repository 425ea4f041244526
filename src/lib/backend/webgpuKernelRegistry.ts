/** Registering the app's own WebGPU kernels in tfjs's kernel registry, and asking whether the active backend has one. */
import * as tf from '@tensorflow/tfjs';

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
