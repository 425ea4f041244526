/**
 * Which tfjs modules reached the page's bundle: the page must load none (only the compute worker owns tfjs). Reads
 * Vite's manifest (the entry chunk and the chunks it imports) and the list of source
 * modules in each chunk that vite.config.ts writes beside it. A source-level check (src/app/pageImportsNoTfjs.test.ts)
 * cannot see what the bundler does with barrels, re-exports and side-effect imports; this reads what was emitted.
 */

/** The part of one entry of Vite's `.vite/manifest.json` that matters here. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export type Manifest = Record<string, ManifestChunk>;

/** Emitted chunk file → the source modules bundled into it (vite.config.ts, chunkModuleList). */
export type ChunkModules = Record<string, string[]>;

export interface BundleFinding {
  /** The chunks from the entry to the one holding tfjs. */
  chain: string[];
  /** The tfjs modules in the last chunk of the chain (at most a few, for the message). */
  modules: string[];
}

const TFJS_MODULE = /[\\/]node_modules[\\/]@tensorflow[\\/]/;

/**
 * Every tfjs module in the page's entry chunk or the chunks it imports, statically (they load with it) or dynamically
 * (the page may load them later); empty when the page is free of tfjs.
 */
export function tfjsInPageBundle(
  manifest: Manifest,
  chunkModules: ChunkModules,
  entry = 'index.html',
): BundleFinding[] {
  const start = manifest[entry];
  if (!start?.isEntry) throw new Error(`The manifest has no entry ${entry}: was the app built with build.manifest?`);
  const findings: BundleFinding[] = [];
  const seen = new Set<string>([entry]);
  const queue: Array<{ key: string; chain: string[] }> = [{ key: entry, chain: [start.file] }];
  while (queue.length > 0) {
    const { key, chain } = queue.shift()!;
    const chunk = manifest[key];
    const modules = chunkModules[chunk.file];
    if (!modules) throw new Error(`No module list for ${chunk.file}: vite.config.ts's chunkModuleList did not run.`);
    const tfjs = modules.filter((id) => TFJS_MODULE.test(id));
    if (tfjs.length > 0) findings.push({ chain, modules: tfjs.slice(0, 5) });
    for (const imported of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) {
      if (seen.has(imported) || !manifest[imported]) continue;
      seen.add(imported);
      queue.push({ key: imported, chain: [...chain, manifest[imported].file] });
    }
  }
  return findings;
}
