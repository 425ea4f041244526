/**
 * Our BPE encoder: a `Tokenizer` over a learned vocabulary, interchangeable with the character tokenizer.
 *
 * Same contract as tokenizer.ts: PAD 0, MASK 1, UNK 2, `vocabSize` ids in all, `encode` → Int32Array, `decode`
 * writing nothing for PAD and MASK_DISPLAY / UNK_DISPLAY for MASK and UNK. Characters the training text did not
 * have become UNK, one id each, as in the character tokenizer (and as the tokenizer.json's BPE model does with
 * fuse_unk off). So MlmDataSource, the unigram baseline and the context-blind floor run unchanged on BPE ids;
 * there random replacements are drawn from every non-special id, i.e. from subword tokens.
 *
 * Encoding: pre-tokenize (preTokenize.ts), then apply the ranked merges to each piece (applyMerges.ts). Prose
 * repeats its words, so each distinct piece is merged once and cached.
 */
import { decodeWithTable, MASK_DISPLAY, MASK_ID, PAD_ID, SPECIAL_COUNT, UNK_DISPLAY, UNK_ID, type Tokenizer } from '../tokenizer';
import { applyMerges, buildMergeTable } from './applyMerges';
import { forEachPiece } from './preTokenize';
import type { BpeTokenizerJson } from './tokenizerJsonTypes';
import { trainBpe, type TrainBpeOptions } from './trainBpe';
import { checkVocabulary, type BpeVocabulary } from './vocabulary';
import { toTokenizerJson } from './writeTokenizerJson';

export interface BpeTokenizer extends Tokenizer {
  readonly kind: 'bpe';
  /** A copy of the tokens and merges it encodes with. */
  readonly vocabulary: BpeVocabulary;
  /** The tokens `encode` would give, as text (unknown characters as themselves), for showing how text is cut. */
  tokenize(text: string): string[];
  /** The Hugging Face tokenizer.json object (JSON.stringify(tokenizer) writes it too). */
  toJSON(): BpeTokenizerJson;
}

/** Distinct pieces kept encoded; past this the cache starts afresh (a long-lived worker sees arbitrary text). */
const PIECE_CACHE_LIMIT = 100_000;

/** Learn a vocabulary on `text` (trainBpe) and return its tokenizer: the BPE counterpart of buildCharTokenizer. */
export function buildBpeTokenizer(text: string, options: TrainBpeOptions = {}): BpeTokenizer {
  return bpeTokenizerFromVocabulary(trainBpe(text, options));
}

/** The tokenizer for a learned (or read) vocabulary; throws if the vocabulary breaks its rules. */
export function bpeTokenizerFromVocabulary(vocabulary: BpeVocabulary): BpeTokenizer {
  const ids = checkVocabulary(vocabulary);
  const tokens = [...vocabulary.tokens];
  const merges = vocabulary.merges.map(([left, right]): [string, string] => [left, right]);
  const vocabSize = tokens.length;
  const table = buildMergeTable(
    merges.map(([left, right]) => [ids.get(left)!, ids.get(right)!, ids.get(left + right)!]),
  );

  // Single characters: a flat table for the Basic Multilingual Plane, a map for the rest (as tokenizer.ts).
  const bmpIds = new Int32Array(0x10000).fill(UNK_ID);
  const astralIds = new Map<number, number>();
  tokens.forEach((token, id) => {
    if (id < SPECIAL_COUNT) return;
    const codePoint = token.codePointAt(0)!;
    if (token.length !== (codePoint >= 0x10000 ? 2 : 1)) return;
    if (codePoint < 0x10000) bmpIds[codePoint] = id;
    else astralIds.set(codePoint, id);
  });

  const cache = new Map<string, Int32Array>();
  const encodePiece = (piece: string): Int32Array => {
    const cached = cache.get(piece);
    if (cached !== undefined) return cached;
    const symbols: number[] = [];
    // for…of walks code points, as the HF BPE model's Array.from(piece) does; a lone surrogate is one symbol.
    for (const char of piece) {
      const codePoint = char.codePointAt(0)!;
      symbols.push(codePoint < 0x10000 ? bmpIds[codePoint] : (astralIds.get(codePoint) ?? UNK_ID));
    }
    const encoded = Int32Array.from(applyMerges(symbols, table));
    if (cache.size >= PIECE_CACHE_LIMIT) cache.clear();
    cache.set(piece, encoded);
    return encoded;
  };

  const display = tokens.map((token, id) => (id < SPECIAL_COUNT ? '' : token));
  display[MASK_ID] = MASK_DISPLAY;
  display[UNK_ID] = UNK_DISPLAY;

  return {
    kind: 'bpe',
    vocabSize,
    padId: PAD_ID,
    maskId: MASK_ID,
    unkId: UNK_ID,
    get vocabulary(): BpeVocabulary {
      return { tokens: [...tokens], merges: merges.map(([left, right]): [string, string] => [left, right]) };
    },
    encode(text: string): Int32Array {
      // Never more tokens than UTF-16 units.
      const out = new Int32Array(text.length);
      let count = 0;
      forEachPiece(text, (piece) => {
        const encoded = encodePiece(piece);
        out.set(encoded, count);
        count += encoded.length;
      });
      return count === out.length ? out : out.slice(0, count);
    },
    decode: (ids: ArrayLike<number>) => decodeWithTable(ids, display),
    tokenize(text: string): string[] {
      const out: string[] = [];
      forEachPiece(text, (piece) => {
        const encoded = encodePiece(piece);
        // An UNK stands for one code point of the piece; give that character back rather than "[UNK]".
        const chars = Array.from(piece);
        let at = 0;
        for (const id of encoded) {
          const token = id === UNK_ID ? chars[at] : tokens[id];
          out.push(token);
          at += id === UNK_ID ? 1 : Array.from(token).length;
        }
      });
      return out;
    },
    toJSON: () => toTokenizerJson({ tokens, merges }),
  };
}
