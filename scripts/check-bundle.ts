/**
 * Fails the build check when tfjs reached the page's bundle (see bundleTfjsCheck.ts). Run after `vite build`, by
 * `npm run test:e2e`. Usage: `tsx scripts/check-bundle.ts [distDir]` (default $E2E_DIST, else dist).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tfjsInPageBundle, type ChunkModules, type Manifest } from './bundleTfjsCheck';

const dist = process.argv[2] ?? process.env.E2E_DIST ?? 'dist';
const read = <T>(file: string): T => JSON.parse(readFileSync(join(dist, '.vite', file), 'utf8')) as T;

const manifest = read<Manifest>('manifest.json');
const chunkModules = read<ChunkModules>('chunk-modules.json');
// A listing that does not even hold the page's own entry module would make the check pass without looking.
const entryFile = manifest['index.html']?.file;
if (!entryFile || !chunkModules[entryFile]?.some((id) => id.endsWith('/src/main.tsx'))) {
  console.error(`check-bundle: ${dist}/.vite/chunk-modules.json does not list src/main.tsx in the entry chunk.`);
  process.exit(1);
}
const findings = tfjsInPageBundle(manifest, chunkModules);
if (findings.length > 0) {
  console.error('check-bundle: tfjs reached the page bundle (only the compute worker may load it):');
  for (const { chain, modules } of findings) console.error(`  ${chain.join(' → ')}: ${modules.join(', ')}`);
  process.exit(1);
}
console.log(`check-bundle: no tfjs in ${entryFile} or the chunks it imports.`);
