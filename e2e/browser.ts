import { existsSync } from 'node:fs';

/**
 * Where the end-to-end tests and headless tools find a browser: $CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium (installed by `.ci/run` with apt-get).
 */
export function chromiumExecutable(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.`,
    );
  }
  return path;
}

/**
 * Flags that give headless Chromium a WebGPU adapter without a GPU (SwiftShader through Vulkan),
 * plus the quiet-network flags for a machine with no internet. `--disable-gpu` must NOT be added:
 * with it requestAdapter() returns null.
 */
export const chromiumWebGpuArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** The launch flags for the benchmarks: SwiftShader forced (as in CI), or, with `realGpu`, the machine's own GPU. */
export function benchmarkChromiumArgs(realGpu: boolean): string[] {
  return realGpu ? chromiumWebGpuArgs.filter((arg) => !arg.startsWith('--use-webgpu-adapter')) : chromiumWebGpuArgs;
}
