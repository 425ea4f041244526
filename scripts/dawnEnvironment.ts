/**
 * Where Dawn (the `webgpu` package behind WebGPU in Node) finds a Vulkan driver for the benchmarks. Without a GPU it
 * is Chromium's SwiftShader (software: counts and ratios only). On a machine with a GPU and its Vulkan driver, set
 * REAL_GPU=1 (or VK_ICD_FILENAMES yourself) and the same command measures that GPU. vite.config.ts does the same
 * for the unit tests. Must run before the WebGPU backend starts: the Vulkan loader reads these when Dawn starts.
 */
import fs from 'node:fs';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export function prepareDawnEnvironment(): void {
  if (!process.env.VK_ICD_FILENAMES && !process.env.REAL_GPU && fs.existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
}
