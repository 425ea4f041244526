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

/**
 * Software renderers that WebGPU can hand out as an adapter, by the words they put in the adapter's info: Google's
 * SwiftShader (Chromium's fallback, and what headless tests here run on: vendor "google", architecture
 * "swiftshader"), Mesa's llvmpipe and lavapipe, and Windows' WARP ("Microsoft Basic Render Driver").
 */
const SOFTWARE_RENDERERS: readonly [RegExp, string][] = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/softpipe/i, 'softpipe'],
  [/basic render driver/i, 'Microsoft Basic Render Driver'],
];

/**
 * The software renderer behind `adapter`, by name, or null for a hardware GPU (or no adapter). A fallback adapter
 * that names no known renderer is still software (WebGPU's isFallbackAdapter means "may be a CPU").
 */
export function softwareRenderer(adapter: AdapterDescription | null): string | null {
  if (!adapter) return null;
  const words = [adapter.vendor, adapter.architecture, adapter.device, adapter.description].join(' ');
  const known = SOFTWARE_RENDERERS.find(([pattern]) => pattern.test(words));
  if (known) return known[1];
  return adapter.isFallbackAdapter ? 'a fallback adapter' : null;
}

/**
 * What the status bar says when WebGPU runs on a software renderer, or null when it does not (another backend
 * already says why it is slower). Timings measured on it are the CPU's, so they must not be read as a GPU's.
 */
export function softwareAdapterNote(report: Pick<BackendReport, 'active' | 'adapter'>): string | null {
  if (report.active !== 'webgpu') return null;
  const renderer = softwareRenderer(report.adapter);
  if (renderer === null) return null;
  return `Software GPU (${renderer}): every time and speed measured here is that of a CPU emulating a GPU; a real GPU is much faster.`;
}
