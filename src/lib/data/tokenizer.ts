/**
 * A character-level tokenizer. A character model keeps the vocabulary (and so the embedding and output
 * layers) tiny, which is what a browser-sized encoder can afford; the interesting costs in this project
 * are in attention over the sequence, not in the vocabulary.
 *
 * Ids: PAD = 0, MASK = 1, UNK = 2, then every character of the training text in code-point order, so the
 * same text always gives the same ids whatever order its characters first appear in.
 *
 * `Tokenizer` is also what the subword (BPE) tokenizer in bpe/ implements, with the same special ids, so
 * everything downstream (masked-LM batches, baselines) works on either kind of id.
 */
import type { BpeTokenizerJson } from './bpe/tokenizerJsonTypes';

export const PAD_ID = 0;
export const MASK_ID = 1;
export const UNK_ID = 2;
/** The number of special ids before the first character id. */
export const SPECIAL_COUNT = 3;

/**
 * What `decode` writes for the special ids. PAD is not text, so it disappears; MASK and UNK get symbols
 * that are easy to spot in a decoded sample (U+2588 full block, U+FFFD replacement character).
 */
export const MASK_DISPLAY = '\u2588';
export const UNK_DISPLAY = '\uFFFD';

export interface CharTokenizerJSON {
  kind: 'char';
  /** The characters for ids SPECIAL_COUNT, SPECIAL_COUNT + 1, …, one code point each; specials are implicit. */
  symbols: string[];
}

export interface Tokenizer {
  readonly vocabSize: number;
  readonly padId: number;
  readonly maskId: number;
  readonly unkId: number;
  encode(text: string): Int32Array;
  decode(ids: ArrayLike<number>): string;
  /** What the vocabulary is saved as: our own small format for characters, Hugging Face tokenizer.json for BPE. */
  toJSON(): CharTokenizerJSON | BpeTokenizerJson;
}

/** The character tokenizer: its `toJSON` is the character format. */
export interface CharTokenizer extends Tokenizer {
  toJSON(): CharTokenizerJSON;
}

/** Build the tokenizer whose characters are exactly the distinct code points of `text`. */
export function buildCharTokenizer(text: string): CharTokenizer {
  const distinct = new Set<number>();
  for (const char of text) distinct.add(char.codePointAt(0)!);
  const codePoints = [...distinct].sort((a, b) => a - b);
  return createCharTokenizer(codePoints.map((codePoint) => String.fromCodePoint(codePoint)));
}

/** Rebuild a tokenizer saved with `toJSON`, so a trained model and its vocabulary travel together. */
export function tokenizerFromJSON(json: unknown): CharTokenizer {
  if (typeof json !== 'object' || json === null) throw new Error('Tokenizer JSON must be an object.');
  const { kind, symbols } = json as Partial<CharTokenizerJSON>;
  if (kind !== 'char') throw new Error(`Unknown tokenizer kind ${JSON.stringify(kind)}; expected "char".`);
  if (!Array.isArray(symbols)) throw new Error('Tokenizer JSON needs a "symbols" array.');
  const seen = new Set<string>();
  for (const symbol of symbols) {
    if (typeof symbol !== 'string' || [...symbol].length !== 1) {
      throw new Error(`Every tokenizer symbol must be one character (got ${JSON.stringify(symbol)}).`);
    }
    if (seen.has(symbol)) throw new Error(`Tokenizer symbol ${JSON.stringify(symbol)} appears twice.`);
    seen.add(symbol);
  }
  return createCharTokenizer([...symbols]);
}

function createCharTokenizer(symbols: string[]): CharTokenizer {
  const vocabSize = SPECIAL_COUNT + symbols.length;
  // A flat table for the Basic Multilingual Plane makes encoding millions of characters a tight loop;
  // the rare astral characters (emoji, some CJK) go through a map.
  const bmpIds = new Int32Array(0x10000).fill(UNK_ID);
  const astralIds = new Map<number, number>();
  symbols.forEach((symbol, index) => {
    const codePoint = symbol.codePointAt(0)!;
    if (codePoint < 0x10000) bmpIds[codePoint] = SPECIAL_COUNT + index;
    else astralIds.set(codePoint, SPECIAL_COUNT + index);
  });
  const display = ['', MASK_DISPLAY, UNK_DISPLAY, ...symbols];

  return {
    vocabSize,
    padId: PAD_ID,
    maskId: MASK_ID,
    unkId: UNK_ID,
    encode(text: string): Int32Array {
      // There are at most text.length code points; trim to the real count at the end.
      const ids = new Int32Array(text.length);
      let count = 0;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        const isHighSurrogate = unit >= 0xd800 && unit <= 0xdbff;
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) {
          const codePoint = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
          ids[count++] = astralIds.get(codePoint) ?? UNK_ID;
          i++;
        } else {
          // A lone surrogate is not a character; bmpIds holds UNK for it unless the training text had one.
          ids[count++] = bmpIds[unit];
        }
      }
      return count === ids.length ? ids : ids.slice(0, count);
    },
    decode: (ids: ArrayLike<number>) => decodeWithTable(ids, display),
    toJSON: () => ({ kind: 'char', symbols: [...symbols] }),
  };
}

/** Text of `ids` from the display string of each id; an id outside the vocabulary shows as UNK. Shared by both tokenizers. */
export function decodeWithTable(ids: ArrayLike<number>, display: readonly string[]): string {
  const parts: string[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    parts[i] = id >= 0 && id < display.length ? display[id] : UNK_DISPLAY;
  }
  return parts.join('');
}
