/**
 * Runs the file-writing side of `npm run data` (scripts/prepare-data.ts) into a temporary folder.
 *
 * src/ is type-checked with the browser code and without Node's types (adding them would retype browser
 * globals such as setTimeout in every file), so Node's modules and the Node-only script are imported through
 * specifiers TypeScript does not follow, and the few members used here are typed by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpeTokenizerFromJson } from '../bpe/readTokenizerJson';
import { trainBpe } from '../bpe/trainBpe';
import { tokenizerJsonText } from '../bpe/writeTokenizerJson';
import { splitForCorpus, type CorpusManifest } from '../corpora';
import { CORPUS_SPLIT } from '../encodedCorpus';
import { readMobyDick } from './realCorpora';

interface PreparedFile {
  path: string;
  bytes: number;
  characters?: number;
  vocabSize?: number;
  written: boolean;
}
interface ScriptModule {
  prepareData(options: { nodeModulesDir: string; outDir: string; corpora?: string[] }): PreparedFile[];
}
interface NodeModules {
  fs: {
    mkdtempSync(prefix: string): string;
    readFileSync(file: string, encoding: 'utf8'): string;
    writeFileSync(file: string, content: string): void;
    rmSync(file: string, options: { recursive: boolean; force: boolean }): void;
  };
  tmpdir(): string;
  fileURLToPath(url: URL): string;
}

const importUntyped = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

let node: NodeModules;
let script: ScriptModule;
let outDir: string;
let nodeModulesDir: string;

beforeAll(async () => {
  const [fs, os, url] = (await Promise.all(['node:fs', 'node:os', 'node:url'].map(importUntyped))) as [
    NodeModules['fs'],
    { tmpdir(): string },
    { fileURLToPath(url: URL): string },
  ];
  node = { fs, tmpdir: os.tmpdir, fileURLToPath: url.fileURLToPath };
  script = (await importUntyped(new URL('../../../../scripts/prepare-data.ts', import.meta.url).href)) as ScriptModule;
  outDir = node.fs.mkdtempSync(`${node.tmpdir()}/linformer-lab-data-`);
  nodeModulesDir = node.fileURLToPath(new URL('../../../../node_modules/', import.meta.url));
});
afterAll(() => node?.fs.rmSync(outDir, { recursive: true, force: true }));

describe('scripts/prepare-data.ts', () => {
  it('writes moby-dick.txt and a manifest that describes it', () => {
    const results = script.prepareData({ nodeModulesDir, outDir, corpora: ['moby-dick'] });
    expect(results.map((r) => r.path.slice(r.path.lastIndexOf('/') + 1))).toEqual([
      'moby-dick.txt',
      'moby-dick.bpe512.tokenizer.json',
      'manifest.json',
    ]);
    expect(results.every((r) => r.written)).toBe(true);

    const text = node.fs.readFileSync(`${outDir}/moby-dick.txt`, 'utf8');
    expect(text).toBe(readMobyDick());
    const manifest = JSON.parse(node.fs.readFileSync(`${outDir}/manifest.json`, 'utf8')) as CorpusManifest;
    expect(manifest.corpora.map((c) => c.id)).toEqual(['moby-dick']);
    expect(manifest.corpora[0].characters).toBe(Array.from(text).length);
    expect(results[0].characters).toBe(manifest.corpora[0].characters);
    expect(results[0].bytes).toBe(new Blob([text]).size);
  });

  it('writes the BPE vocabulary learned on the training split of the very text it wrote', () => {
    const json = node.fs.readFileSync(`${outDir}/moby-dick.bpe512.tokenizer.json`, 'utf8');
    const { train } = splitForCorpus('moby-dick', readMobyDick(), CORPUS_SPLIT);
    expect(json).toBe(tokenizerJsonText(trainBpe(train, { vocabSize: 512 })));
    expect(bpeTokenizerFromJson(json).vocabSize).toBe(512);
    const manifest = JSON.parse(node.fs.readFileSync(`${outDir}/manifest.json`, 'utf8')) as CorpusManifest;
    const [entry] = manifest.corpora[0].tokenizers ?? [];
    expect(entry).toMatchObject({ kind: 'bpe', file: 'moby-dick.bpe512.tokenizer.json', vocabSize: 512 });
    expect(entry.charactersPerToken).toBeGreaterThan(2);
  });

  it('leaves unchanged files alone and repairs edited ones', () => {
    expect(script.prepareData({ nodeModulesDir, outDir, corpora: ['moby-dick'] }).map((r) => r.written)).toEqual([
      false,
      false,
      false,
    ]);
    node.fs.writeFileSync(`${outDir}/moby-dick.txt`, 'tampered');
    node.fs.writeFileSync(`${outDir}/moby-dick.bpe512.tokenizer.json`, '{"damaged":');
    expect(script.prepareData({ nodeModulesDir, outDir, corpora: ['moby-dick'] }).map((r) => r.written)).toEqual([
      true,
      true,
      false,
    ]);
    expect(node.fs.readFileSync(`${outDir}/moby-dick.txt`, 'utf8')).toBe(readMobyDick());
  });
});
