/**
 * Learning a BPE vocabulary (Sennrich et al., 2016) from a corpus's training text, at build time.
 *
 * Written here because no JavaScript library trains BPE: @huggingface/tokenizers (JS) only encodes with a
 * vocabulary trained elsewhere, and the Rust/Python trainers would add a native build step to `npm run data`.
 *
 * The algorithm is the usual one, organised so a million characters take seconds:
 * 1. Pre-tokenize (preTokenize.ts) and count each distinct piece: Moby-Dick's 1.1 M characters are ~220 k pieces
 *    but only ~25 k distinct ones, and all the work below is over distinct pieces weighted by their counts.
 * 2. Start every piece as its characters and count every adjacent pair (weighted), remembering which pieces
 *    contain each pair.
 * 3. Repeatedly take the most frequent pair, add its join as a new token, and rewrite only the pieces that
 *    contain it, updating the pair counts by the difference (incremental, never a recount of the corpus). A heap
 *    with lazily dropped stale entries (pairQueue.ts) finds the most frequent pair.
 * Until the vocabulary (specials + characters + merged tokens) has `vocabSize` tokens or no pair is left.
 *
 * Determinism: ties between equally frequent pairs go to the pair whose left token, then right token, sorts
 * first (by UTF-16 code units), so the same text always gives the same merges, whatever the Map iteration order.
 */
import { SPECIAL_COUNT } from '../tokenizer';
import { pairKey } from './applyMerges';
import { PairQueue } from './pairQueue';
import { forEachPiece } from './preTokenize';
import { BPE_SPECIAL_TOKENS, MAX_BPE_VOCAB_SIZE, type BpeVocabulary } from './vocabulary';

/** The vocabulary size the app's BPE files are learned with. */
export const DEFAULT_BPE_VOCAB_SIZE = 512;

export interface TrainBpeOptions {
  /** Tokens in all, specials and characters included (default DEFAULT_BPE_VOCAB_SIZE). */
  vocabSize?: number;
}

/**
 * Learn merges on `text` until the vocabulary holds `vocabSize` tokens. A text too small to have that many
 * distinct pairs gives a smaller vocabulary (check `tokens.length`); a `vocabSize` below the specials plus the
 * text's characters is an error.
 */
export function trainBpe(text: string, options: TrainBpeOptions = {}): BpeVocabulary {
  const vocabSize = options.vocabSize ?? DEFAULT_BPE_VOCAB_SIZE;
  if (!Number.isInteger(vocabSize) || vocabSize > MAX_BPE_VOCAB_SIZE)
    throw new Error(`vocabSize must be a whole number up to ${MAX_BPE_VOCAB_SIZE} (got ${vocabSize}).`);

  const pieceCounts = new Map<string, number>();
  forEachPiece(text, (piece) => pieceCounts.set(piece, (pieceCounts.get(piece) ?? 0) + 1));

  const codePoints = new Set<number>();
  for (const piece of pieceCounts.keys()) for (const char of piece) codePoints.add(char.codePointAt(0)!);
  const alphabet = [...codePoints].sort((a, b) => a - b).map((codePoint) => String.fromCodePoint(codePoint));
  if (alphabet.length === 0) throw new Error('Cannot learn a BPE vocabulary from an empty text.');
  if (SPECIAL_COUNT + alphabet.length > vocabSize) {
    throw new Error(
      `vocabSize ${vocabSize} is too small: the ${SPECIAL_COUNT} special tokens and the text's ${alphabet.length} ` +
        `distinct characters already need ${SPECIAL_COUNT + alphabet.length}.`,
    );
  }

  const tokens = [...BPE_SPECIAL_TOKENS, ...alphabet];
  const idOf = new Map(tokens.map((token, id) => [token, id]));

  // Pieces of one character have no pair to merge; they need no further attention.
  const words: number[][] = [];
  const weights: number[] = [];
  for (const [piece, count] of pieceCounts) {
    const symbols = Array.from(piece, (char) => idOf.get(char)!);
    if (symbols.length < 2) continue;
    words.push(symbols);
    weights.push(count);
  }

  // pairCounts holds only pairs that occur (count > 0); pairWords may list a word twice or a word that has lost
  // the pair since (both are checked when used), never miss one that has it.
  const pairCounts = new Map<number, number>();
  const pairWords = new Map<number, number[]>();
  words.forEach((symbols, word) => {
    for (let i = 0; i + 1 < symbols.length; i++) {
      const key = pairKey(symbols[i], symbols[i + 1]);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + weights[word]);
      addWord(pairWords, key, word);
    }
  });

  const queue = new PairQueue((countA, keyA, countB, keyB) => {
    if (countA !== countB) return countA > countB;
    const leftA = tokens[Math.floor(keyA / 65536)];
    const leftB = tokens[Math.floor(keyB / 65536)];
    if (leftA !== leftB) return leftA < leftB;
    return tokens[keyA % 65536] < tokens[keyB % 65536];
  });
  for (const [key, count] of pairCounts) queue.push(count, key);

  const merges: [string, string][] = [];
  const lastVisit = new Int32Array(words.length).fill(-1);
  while (tokens.length < vocabSize) {
    const key = popCurrent(queue, pairCounts);
    if (key === undefined) break;
    const left = Math.floor(key / 65536);
    const right = key % 65536;
    // The same text can arise from two different merges ("a"+"bc", "ab"+"c"); it keeps its first id.
    const joined = tokens[left] + tokens[right];
    let merged = idOf.get(joined);
    if (merged === undefined) {
      merged = tokens.length;
      tokens.push(joined);
      idOf.set(joined, merged);
    }
    merges.push([tokens[left], tokens[right]]);

    const deltas = new Map<number, number>();
    const step = merges.length;
    for (const word of pairWords.get(key) ?? []) {
      if (lastVisit[word] === step) continue;
      lastVisit[word] = step;
      const rewritten = mergeInWord(words[word], left, right, merged);
      if (rewritten === null) continue;
      const weight = weights[word];
      const old = words[word];
      for (let i = 0; i + 1 < old.length; i++) addDelta(deltas, pairKey(old[i], old[i + 1]), -weight);
      for (let i = 0; i + 1 < rewritten.length; i++) {
        const newKey = pairKey(rewritten[i], rewritten[i + 1]);
        addDelta(deltas, newKey, weight);
        // Every adjacency the merge created involves the new token; the others were listed already.
        if (rewritten[i] === merged || rewritten[i + 1] === merged) addWord(pairWords, newKey, word);
      }
      words[word] = rewritten;
    }
    pairWords.delete(key);
    for (const [changed, delta] of deltas) {
      if (delta === 0) continue;
      const count = (pairCounts.get(changed) ?? 0) + delta;
      if (count > 0) {
        pairCounts.set(changed, count);
        queue.push(count, changed);
      } else {
        pairCounts.delete(changed);
      }
    }
  }
  return { tokens, merges };
}

/** Pop until an entry whose count is still its pair's count (the others are stale); undefined when none is left. */
function popCurrent(queue: PairQueue, pairCounts: Map<number, number>): number | undefined {
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
    if (pairCounts.get(entry.key) === entry.count) return entry.key;
  }
  return undefined;
}

/** `symbols` with every (left, right), left to right and not overlapping, joined into `merged`; null if none. */
function mergeInWord(symbols: number[], left: number, right: number, merged: number): number[] | null {
  let out: number[] | null = null;
  for (let i = 0; i < symbols.length; i++) {
    if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
      out ??= symbols.slice(0, i);
      out.push(merged);
      i++;
    } else if (out !== null) {
      out.push(symbols[i]);
    }
  }
  return out;
}

function addWord(pairWords: Map<number, number[]>, key: number, word: number): void {
  const list = pairWords.get(key);
  if (list === undefined) pairWords.set(key, [word]);
  // Consecutive duplicates are the common case (a pair twice in one word); skip them cheaply.
  else if (list[list.length - 1] !== word) list.push(word);
}

function addDelta(deltas: Map<number, number>, key: number, delta: number): void {
  deltas.set(key, (deltas.get(key) ?? 0) + delta);
}
