import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { existsSync, readFileSync } from 'node:fs';

// WebGPU unit tests run on Dawn's node bindings; without a GPU they need a Vulkan driver, and the SwiftShader one
// that Debian's chromium package installs is the one the e2e tests' Chromium uses too.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const vulkanEnv: Record<string, string> =
  process.env.VK_ICD_FILENAMES || !existsSync(SWIFTSHADER_ICD) ? {} : { VK_ICD_FILENAMES: SWIFTSHADER_ICD };
if (!process.env.XDG_RUNTIME_DIR) vulkanEnv.XDG_RUNTIME_DIR = '/tmp';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * index.html carries the app's Content-Security-Policy. The dev server cannot run under it: React's fast refresh
 * injects an inline script and Vite's client talks to the server over a WebSocket. So the dev server serves the page
 * without it; every build (what the e2e tests run) keeps it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'linformer-lab:dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

/**
 * Writes, beside Vite's manifest, which source modules went into each emitted chunk of the page's bundle, so that
 * scripts/check-bundle.ts can tell whether tfjs reached the page (the manifest names chunks, not their modules).
 */
function chunkModuleList(): Plugin {
  return {
    name: 'linformer-lab:chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      const modules: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') modules[output.fileName] = [...output.moduleIds];
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunk-modules.json', source: JSON.stringify(modules, null, 1) });
    },
  };
}

/**
 * Offline after the first load: nothing is downloaded at run time, so a service worker that precaches every built
 * file (the page, the worker chunks, tfjs's wasm binaries and the prepared corpora, vocabularies and sentence sets
 * in public/data) lets the notebook open and train with no network. It is registered in src/main.tsx. Not under
 * vitest, which builds nothing.
 */
const offline = VitePWA({
  strategies: 'generateSW',
  registerType: 'autoUpdate',
  injectRegister: false,
  // No install prompt or icons: this is about working offline, not about installing the notebook as an app.
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,svg,json,txt}'],
    // The compute worker chunk is about 2.4 MB and the State of the Union corpus 3.5 MB; the default limit is 2 MiB.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    // autoUpdate's behaviour, which the plugin applies only with its own registration: a new version takes over at
    // once (used from the next load; src/main.tsx does not reload open pages), and the first page is controlled.
    skipWaiting: true,
    clientsClaim: true,
    // The build's own listings (manifest, chunk modules) are for scripts/check-bundle.ts, not for the page.
    globIgnores: ['.vite/**'],
  },
});

// The app is a static SPA. Compute runs in a module Web Worker, so workers are bundled as ES modules.
export default defineConfig({
  plugins: [react(), devWithoutCsp(), chunkModuleList(), ...(process.env.VITEST ? [] : [offline])],
  define: { __APP_VERSION__: JSON.stringify(version) },
  worker: { format: 'es' },
  // The manifest lists each chunk's static imports: scripts/check-bundle.ts reads it to keep tfjs off the page.
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, manifest: true },
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
