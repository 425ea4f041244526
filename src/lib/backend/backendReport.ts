/** What the compute worker found out about the tfjs backends at start-up: plain data, safe to post. */

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

export function isBackendName(value: string | null | undefined): value is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(value ?? '');
}

/** The GPU adapter as WebGPU describes it (GPUAdapter.info and the limits the guard rails need). */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for a software fallback adapter (SwiftShader reports itself as one in some builds). */
  isFallbackAdapter: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  hasTimestampQuery: boolean;
}

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why it was not used, in words a user can act on. */
  reason?: string;
}

export interface BackendReport {
  active: BackendName;
  /** The backend forced with ?backend=NAME, if any. */
  requested: BackendName | null;
  attempts: BackendAttempt[];
  adapter: AdapterDescription | null;
  /** Why WebGPU is not the active backend; null when it is. */
  whyNotWebGpu: string | null;
  /** What the active backend means for speed. */
  speedNote: string;
  tfjsVersion: string;
}

export const SPEED_NOTES: Record<BackendName, string> = {
  webgpu: 'Compute shaders on the GPU: the fastest path, and the one the measurements in this lab are designed for.',
  webgl: 'WebGL emulates compute with textures: it works, but expect slower training and coarser timings than WebGPU.',
  wasm: 'WebAssembly on the CPU: small models only; training is many times slower than on a GPU.',
  cpu: 'Plain JavaScript on one CPU core: only tiny models are practical, and speed figures say nothing about GPUs.',
};
