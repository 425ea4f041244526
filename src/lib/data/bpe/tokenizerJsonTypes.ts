/**
 * The part of the Hugging Face `tokenizer.json` format that our BPE files use. Types only, and no imports, so
 * that tokenizer.ts can name this format in the `Tokenizer` interface without an import cycle.
 *
 * The field set follows what the Rust `tokenizers` library writes (version 1.0, merges as pairs), so the file
 * loads there as well as in @huggingface/tokenizers (JS).
 */

export interface BpeAddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface BpeSplitPreTokenizerJson {
  type: 'Split';
  pattern: { Regex: string };
  behavior: 'Isolated';
  invert: boolean;
}

export interface BpeModelJson {
  type: 'BPE';
  dropout: null;
  unk_token: string;
  continuing_subword_prefix: null;
  end_of_word_suffix: null;
  fuse_unk: boolean;
  byte_fallback: boolean;
  ignore_merges: boolean;
  /** Token → id, every id once, 0 … vocabSize − 1. */
  vocab: Record<string, number>;
  /** Ranked merges, first applied first; as pairs, because our tokens contain spaces ("a b" strings could not). */
  merges: [string, string][];
}

export interface BpeTokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: BpeAddedTokenJson[];
  normalizer: null;
  pre_tokenizer: BpeSplitPreTokenizerJson;
  post_processor: null;
  decoder: { type: 'Fuse' };
  model: BpeModelJson;
}
