/**
 * Replacements for two tfjs 4.22 kernels that give wrong numbers on the backends this app uses. Each wraps or
 * replaces the kernel in tfjs's own registry, so every op that reaches the kernel (the app's code, tfjs's
 * gradients, fine-tuning) gets the fixed version; nothing in the model has to know.
 *
 * - webgpu AddN: its shader binds one storage buffer per input and the backend never splits, so past
 *   `maxStorageBuffersPerShaderStage − 1` inputs (7 on a default device) the pipeline is invalid, Dawn drops the
 *   command buffer with every kernel batched into it, and the output is stale: `tf.addN` of 1..20 returns 0.
 *   Gradient clipping sums one squared norm per variable (41 for a 2-layer model) with it. Fixed by summing at
 *   most that many inputs per dispatch and then summing the partial sums (a tree, so any count works).
 *   The other ops the app reaches that bind one buffer per input are Concat and Pack (stack), which tfjs already
 *   splits the same way (Pack goes through Concat); the backward pass accumulates gradients pairwise with Add.
 * - wasm OneHot: the C++ kernel writes int32 bit patterns whatever the requested dtype, so a float32 one-hot
 *   reads 1 as 1.4e-45 and the embedding lookup and the loss (both one-hot products) see zeros. Replaced by a
 *   kernel written here that fills the output in the dtype asked for.
 *
 * Call installKernelWorkarounds() after importing the backend packages and before their first use; it is
 * idempotent and skips backends that are not registered.
 */
import type * as tf from '@tensorflow/tfjs';
import { replaceKernel, type KernelArgs, type KernelFunc } from './replaceKernel';

interface WebGpuLimitsBackend {
  device: { limits: { maxStorageBuffersPerShaderStage: number } };
  disposeData(dataId: tf.DataId): void;
}

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Keys `kernel/backend` of the kernels replaced so far (kept so a second call changes nothing). */
const replaced = new Set<string>();

export function installKernelWorkarounds(): void {
  replaceOnce('AddN', 'webgpu', splitAddN);
  replaceOnce('OneHot', 'wasm', () => oneHotInRequestedDtype);
}

/** The workarounds installed so far, as `kernel/backend` (for the status bar and tests). */
export function installedKernelWorkarounds(): string[] {
  return [...replaced];
}

function replaceOnce(kernelName: string, backendName: string, replacement: (original: KernelFunc) => KernelFunc): void {
  const key = `${kernelName}/${backendName}`;
  if (!replaced.has(key) && replaceKernel(kernelName, backendName, replacement)) replaced.add(key);
}

/** AddN that never binds more inputs than the device allows in one shader. */
function splitAddN(original: KernelFunc): KernelFunc {
  const addN = (args: KernelArgs): tf.TensorInfo => {
    const inputs = args.inputs as unknown as tf.TensorInfo[];
    const backend = args.backend as unknown as WebGpuLimitsBackend;
    // One storage buffer is the output's.
    const perDispatch = Math.max(2, backend.device.limits.maxStorageBuffersPerShaderStage - 1);
    if (inputs.length <= perDispatch) return original(args) as tf.TensorInfo;
    const partials: tf.TensorInfo[] = [];
    for (let start = 0; start < inputs.length; start += perDispatch) {
      const group = inputs.slice(start, start + perDispatch);
      partials.push(original({ ...args, inputs: group as unknown as KernelArgs['inputs'] }) as tf.TensorInfo);
    }
    const sum = addN({ ...args, inputs: partials as unknown as KernelArgs['inputs'] });
    partials.forEach((partial) => backend.disposeData(partial.dataId));
    return sum;
  };
  return addN as KernelFunc;
}

/** OneHot on the wasm heap, written in JavaScript so the output has the dtype the caller asked for. */
const oneHotInRequestedDtype = ((args: KernelArgs): tf.TensorInfo => {
  const { indices } = args.inputs as { indices: tf.TensorInfo };
  const { depth, onValue, offValue, dtype } = args.attrs as unknown as tf.OneHotAttrs;
  const backend = args.backend as unknown as WasmHeapBackend;
  const output = backend.makeOutput([...indices.shape, depth], dtype);
  const values = backend.typedArrayFromHeap(output);
  const ids = backend.typedArrayFromHeap(indices);
  values.fill(offValue);
  for (let row = 0; row < ids.length; row++) {
    const id = ids[row];
    if (id >= 0 && id < depth) values[row * depth + id] = onValue; // out-of-range ids give an all-off row, as in tfjs
  }
  return output;
}) as KernelFunc;
