/**
 * Swapping a kernel in tfjs's registry for one that wraps it: every op that reaches the kernel (the app's code, tfjs's
 * own gradients, fine-tuning) then runs the replacement, and nothing that calls it has to know.
 */
import * as tf from '@tensorflow/tfjs';

export type KernelFunc = tf.KernelConfig['kernelFunc'];
export type KernelArgs = Parameters<KernelFunc>[0];

/**
 * Replaces `kernelName` on `backendName` by `replacement(original)`. Returns false, changing nothing, when that backend
 * has no such kernel (e.g. webgpu in a build or browser without it). Not idempotent: callers remember what they did.
 */
export function replaceKernel(kernelName: string, backendName: string, replacement: (original: KernelFunc) => KernelFunc): boolean {
  const original = tf.getKernel(kernelName, backendName);
  if (!original) return false;
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...original, kernelFunc: replacement(original.kernelFunc) });
  return true;
}
