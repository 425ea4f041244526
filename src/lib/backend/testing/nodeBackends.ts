/**
 * Test-only: the backends the app offers, started in Node so unit tests can run the same code on them.
 *
 * - wasm: the tfjs-backend-wasm package loads its SIMD binary from its own folder in Node.
 * - webgpu: Dawn's node bindings (the `webgpu` package) give tfjs-backend-webgpu a real WebGPU device. Without a
 *   GPU, Dawn needs a Vulkan driver: vite.config.ts points VK_ICD_FILENAMES at the SwiftShader driver that Debian's
 *   chromium package installs (libvulkan1 must be installed too; .ci/run does both). The backend checks for a
 *   browser-like global, hence `window`. Only one test file per process may call this: vitest isolates files.
 *
 * Every backend gets the app's kernel workarounds and fused kernels, as selectBackend gives them in the app.
 */
import * as tf from '@tensorflow/tfjs';
import { registerFusedKernels } from '../fusedKernels';
import { installKernelWorkarounds } from '../kernelWorkarounds';

export type NodeBackend = 'cpu' | 'wasm' | 'webgpu';

/** WebGPU validation errors raised since startNodeBackend('webgpu'): a test asserts there were none. */
export const webGpuErrors: string[] = [];

export async function startNodeBackend(
  backend: NodeBackend,
  options: { workarounds?: boolean; fusedKernels?: boolean } = {},
): Promise<void> {
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (backend === 'webgpu') await startNodeWebGpu();
  if (options.workarounds ?? true) installKernelWorkarounds();
  if (options.fusedKernels ?? true) registerFusedKernels();
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed in Node.`);
  await tf.ready();
  if (backend === 'webgpu') {
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    device.addEventListener('uncapturederror', (event) => webGpuErrors.push((event as GPUUncapturedErrorEvent).error.message));
  }
}

async function startNodeWebGpu(): Promise<void> {
  if (!('navigator' in globalThis && (globalThis.navigator as { gpu?: GPU }).gpu)) {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });
    Object.defineProperty(globalThis, 'window', { value: globalThis, configurable: true });
  }
  const adapter = await globalThis.navigator.gpu.requestAdapter();
  if (!adapter) {
    throw new Error(
      'Dawn found no WebGPU adapter in Node: install libvulkan1 and chromium (for its SwiftShader Vulkan driver), ' +
        'or set VK_ICD_FILENAMES to a Vulkan driver manifest.',
    );
  }
  await import('@tensorflow/tfjs-backend-webgpu');
}
