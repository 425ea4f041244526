import * as tf from '@tensorflow/tfjs';
import {
  BACKEND_ORDER,
  SPEED_NOTES,
  type AdapterDescription,
  type BackendAttempt,
  type BackendName,
  type BackendReport,
} from './backendReport';
import { registerFusedKernels } from './fusedKernels';
import { installKernelWorkarounds } from './kernelWorkarounds';

/**
 * Chooses the tfjs backend: webgpu, then webgl, wasm, cpu — or the one forced with ?backend=NAME.
 * The caller must have imported the backend packages it wants available (registration is a side effect).
 * WebGPU is probed by hand first, so that when it is not used the report can say precisely why. The kernels
 * that tfjs 4.22 gets wrong on webgpu and wasm are replaced first (kernelWorkarounds.ts), and the app's own fused
 * WebGPU kernels registered (fusedAdamW.ts).
 */
export async function selectBackend(requested: BackendName | null, gpu: GPU | undefined): Promise<BackendReport> {
  installKernelWorkarounds();
  registerFusedKernels();
  const attempts: BackendAttempt[] = [];
  const probe = await probeWebGpu(gpu);
  const adapter: AdapterDescription | null = probe.adapter;
  let whyNotWebGpu: string | null = probe.problem ?? null;

  const order: BackendName[] = requested
    ? [requested, ...BACKEND_ORDER.filter((b) => b !== requested)]
    : [...BACKEND_ORDER];
  for (const backend of order) {
    if (backend === 'webgpu' && probe.problem) {
      attempts.push({ backend, ok: false, reason: probe.problem });
      continue;
    }
    const reason = await trySetBackend(backend);
    attempts.push({ backend, ok: reason === null, ...(reason ? { reason } : {}) });
    if (reason === null) {
      if (backend !== 'webgpu') {
        whyNotWebGpu ??=
          requested === backend
            ? `?backend=${backend} in the address forced the ${backend} backend.`
            : (attempts.find((a) => a.backend === 'webgpu')?.reason ?? 'WebGPU was not tried.');
      } else {
        whyNotWebGpu = null;
      }
      return {
        active: backend,
        requested,
        attempts,
        adapter,
        whyNotWebGpu,
        speedNote: SPEED_NOTES[backend],
        tfjsVersion: tf.version.tfjs,
      };
    }
    if (backend === 'webgpu') whyNotWebGpu = `WebGPU failed to start: ${reason}`;
  }
  throw new Error(
    `No TensorFlow.js backend could start: ${attempts.map((a) => `${a.backend}: ${a.reason}`).join('; ')}`,
  );
}

/** Null when the backend is active, else the reason it could not start. */
async function trySetBackend(backend: BackendName): Promise<string | null> {
  if (!tf.findBackendFactory(backend)) return `the ${backend} backend is not registered in this build or browser.`;
  try {
    const ok = await tf.setBackend(backend);
    if (!ok) return `tf.setBackend('${backend}') reported failure.`;
    await tf.ready();
    // A trivial computation catches backends that initialise but cannot run kernels.
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    const value = (await probe.data())[0];
    probe.dispose();
    return value === 3 ? null : `a test computation on ${backend} returned ${value} instead of 3.`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function probeWebGpu(
  gpu: GPU | undefined,
): Promise<{ adapter: AdapterDescription | null; problem: string | null }> {
  if (!gpu) {
    return {
      adapter: null,
      problem: 'This browser does not expose WebGPU here (navigator.gpu is missing). Chrome or Edge 113+ have it.',
    };
  }
  let gpuAdapter: GPUAdapter | null;
  try {
    gpuAdapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return {
      adapter: null,
      problem: `navigator.gpu.requestAdapter() failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!gpuAdapter) {
    return {
      adapter: null,
      problem:
        'WebGPU is present but offered no adapter (the GPU may be blocklisted, or WebGPU disabled by a flag or policy).',
    };
  }
  const info = gpuAdapter.info;
  return {
    adapter: {
      vendor: info?.vendor || 'unknown',
      architecture: info?.architecture || 'unknown',
      device: info?.device || '',
      description: info?.description || '',
      isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter),
      maxBufferSize: gpuAdapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: gpuAdapter.limits.maxStorageBufferBindingSize,
      hasTimestampQuery: gpuAdapter.features.has('timestamp-query'),
    },
    problem: null,
  };
}
