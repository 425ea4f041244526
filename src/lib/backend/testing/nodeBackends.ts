/**
 * The backends the app offers, started in Node so unit tests, benchmarks and `npm run reproduce` run the same code
 * on them.
 *
 * - wasm: the tfjs-backend-wasm package loads its SIMD binary from its own folder in Node.
 * - webgpu: Dawn's node bindings (the `webgpu` package) give tfjs-backend-webgpu a real WebGPU device. Without a
 *   GPU, Dawn needs a Vulkan driver: vite.config.ts points VK_ICD_FILENAMES at the SwiftShader driver that Debian's
 *   chromium package installs (libvulkan1 must be installed too; .ci/run does both). The backend checks for a
 *   browser-like global, hence `window`. Only one test file per process may start one: vitest isolates files.
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
  await loadNodeBackends([backend], options);
  await activateNodeBackend(backend);
}

/**
 * Loads several backends into one process so a caller can switch between them (`npm run reproduce` times each):
 * every package is imported before the workarounds and fused kernels are installed, since those patch the
 * kernels of backends already registered. Call it once per process.
 */
export async function loadNodeBackends(
  backends: readonly NodeBackend[],
  options: { workarounds?: boolean; fusedKernels?: boolean } = {},
): Promise<void> {
  if (backends.includes('wasm')) await import('@tensorflow/tfjs-backend-wasm');
  if (backends.includes('webgpu')) await startNodeWebGpu();
  if (options.workarounds ?? true) installKernelWorkarounds();
  if (options.fusedKernels ?? true) registerFusedKernels();
}

/** Makes a loaded backend the active one; WebGPU errors from then on are collected in webGpuErrors. */
export async function activateNodeBackend(backend: NodeBackend): Promise<void> {
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed in Node.`);
  await tf.ready();
  if (backend === 'webgpu' && !listening) {
    listening = true;
    const device = (tf.backend() as unknown as { device: GPUDevice }).device;
    device.addEventListener('uncapturederror', (event) => webGpuErrors.push((event as GPUUncapturedErrorEvent).error.message));
  }
}

let listening = false;

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
