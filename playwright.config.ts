import { defineConfig } from '@playwright/test';
import { chromiumExecutable, chromiumWebGpuArgs } from './e2e/browser';

/**
 * End-to-end tests run the built app (vite preview) in the system's Chromium, headless, with WebGPU
 * on SwiftShader (software Vulkan): no GPU is needed, and `npx playwright install` is never used.
 */
// E2E_PORT and E2E_DIST let several checkouts (or people) test side by side without sharing a server.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  // SwiftShader runs shaders on the CPU: one browser at a time on a 2-core machine.
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumWebGpuArgs },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // The app's service worker (offline use) would answer requests that page.route cannot see; only the offline test
    // (reliability.spec.ts) allows it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
