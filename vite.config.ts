import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { existsSync, readFileSync } from 'node:fs';

// WebGPU unit tests run on Dawn's node bindings; without a GPU they need a Vulkan driver, and the SwiftShader one
// that Debian's chromium package installs is the one the e2e tests' Chromium uses too.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const vulkanEnv: Record<string, string> =
  process.env.VK_ICD_FILENAMES || !existsSync(SWIFTSHADER_ICD) ? {} : { VK_ICD_FILENAMES: SWIFTSHADER_ICD };
if (!process.env.XDG_RUNTIME_DIR) vulkanEnv.XDG_RUNTIME_DIR = '/tmp';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The app is a static SPA. Compute runs in a module Web Worker, so workers are bundled as ES modules.
export default defineConfig({
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    env: vulkanEnv,
    testTimeout: 60_000,
    // Models on the tfjs cpu backend are CPU-heavy: keep to the two cores this project is sized for.
    maxWorkers: 2,
  },
});
