/**
 * Builds the peer benchmark's two pages (ours.html, peer.html) into dist-bench-peer/, with the app's public/ folder
 * (the prepared corpora) beside them. Separate from the app's build: the peer never enters the app's bundle.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  publicDir: here('../../public'),
  logLevel: 'warn',
  build: {
    outDir: here('../../dist-bench-peer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    rollupOptions: { input: { ours: here('ours.html'), peer: here('peer.html') } },
  },
});
