import { describe, expect, it } from 'vitest';
import { tfjsInPageBundle, type ChunkModules, type Manifest } from './bundleTfjsCheck';

const TFJS = '/app/node_modules/@tensorflow/tfjs-core/dist/engine.js';

const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', src: 'index.html', isEntry: true, imports: ['_shared.js'] },
  '_shared.js': { file: 'assets/shared.js', dynamicImports: ['src/lazy.ts'] },
  'src/lazy.ts': { file: 'assets/lazy.js', src: 'src/lazy.ts' },
};

describe('tfjsInPageBundle', () => {
  it('finds nothing when no chunk the entry reaches holds a tfjs module', () => {
    const modules: ChunkModules = {
      'assets/index.js': ['/app/src/main.tsx', '/app/node_modules/react/index.js'],
      'assets/shared.js': ['/app/src/app/shared/format.ts'],
      'assets/lazy.js': ['/app/src/lazy.ts'],
      // A worker's chunk is not the page's: tfjs there is expected.
      'assets/compute.worker.js': [TFJS],
    };
    expect(tfjsInPageBundle(manifest, modules)).toEqual([]);
  });

  it('names the chain of chunks to a tfjs module reached through a static, then a dynamic import', () => {
    const modules: ChunkModules = {
      'assets/index.js': ['/app/src/main.tsx'],
      'assets/shared.js': ['/app/src/lib/index.ts'],
      'assets/lazy.js': ['/app/src/lazy.ts', TFJS],
    };
    expect(tfjsInPageBundle(manifest, modules)).toEqual([
      { chain: ['assets/index.js', 'assets/shared.js', 'assets/lazy.js'], modules: [TFJS] },
    ]);
  });

  it('refuses to pass without the module listing or the entry', () => {
    expect(() => tfjsInPageBundle(manifest, {})).toThrow(/No module list for assets\/index.js/);
    expect(() => tfjsInPageBundle({}, {})).toThrow(/no entry index.html/);
  });
});
