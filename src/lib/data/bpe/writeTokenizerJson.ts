/**
 * A BPE vocabulary in the Hugging Face `tokenizer.json` format, so the files `npm run data` writes are the
 * standard artefact: @huggingface/tokenizers (JS) and the Rust/Python `tokenizers` load them and give the same
 * ids as our encoder (the tests check this with the JS library).
 *
 * The pipeline it declares is the one bpeTokenizer.ts implements:
 * - no normalizer (the corpus files are normalised when they are prepared);
 * - pre_tokenizer: Split on PRE_TOKENIZER_PATTERN, behaviour "Isolated" (lossless; see preTokenize.ts);
 * - model: plain BPE over characters, unknown characters → [UNK] one by one (no byte fallback, no fusing);
 * - no post-processor (no [CLS]/[SEP]; the masked-LM batches add nothing either);
 * - decoder: Fuse, which concatenates the tokens — the exact inverse of the lossless split.
 * The special tokens are added tokens at ids 0–2 and also model vocabulary entries, as BERT's files have them:
 * the BPE model looks its unk_token up in its own vocab.
 *
 * One setting lives outside tokenizer.json: @huggingface/tokenizers' `decode` "cleans up tokenization spaces"
 * (" ." → ".") unless its config says `clean_up_tokenization_spaces: false` (HF_TOKENIZER_CONFIG).
 */
import { PRE_TOKENIZER_PATTERN } from './preTokenize';
import type { BpeAddedTokenJson, BpeTokenizerJson } from './tokenizerJsonTypes';
import { BPE_SPECIAL_TOKENS, checkVocabulary, type BpeVocabulary } from './vocabulary';
import { UNK_ID } from '../tokenizer';

/** The tokenizer config (tokenizer_config.json's part) to load our files with in @huggingface/tokenizers. */
export const HF_TOKENIZER_CONFIG = {
  clean_up_tokenization_spaces: false,
  pad_token: '[PAD]',
  mask_token: '[MASK]',
  unk_token: '[UNK]',
} as const;

export function toTokenizerJson(vocabulary: BpeVocabulary): BpeTokenizerJson {
  checkVocabulary(vocabulary);
  // fromEntries defines own properties, so even a token named "__proto__" would be an ordinary entry.
  const vocab: Record<string, number> = Object.fromEntries(vocabulary.tokens.map((token, id) => [token, id]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: BPE_SPECIAL_TOKENS.map((content, id): BpeAddedTokenJson => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'Split', pattern: { Regex: PRE_TOKENIZER_PATTERN }, behavior: 'Isolated', invert: false },
    post_processor: null,
    decoder: { type: 'Fuse' },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: BPE_SPECIAL_TOKENS[UNK_ID],
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: vocabulary.merges.map(([left, right]): [string, string] => [left, right]),
    },
  };
}

/**
 * The file's text: two-space indentation, one added token, vocabulary entry or merge per line, vocabulary in id
 * order. Written by hand rather than by JSON.stringify because a JS object lists integer-like keys ("1", "18")
 * first, which would scramble the id order; this way the same vocabulary always gives the same bytes and a
 * reader sees token 3, 4, 5, … in order. JSON.parse of the text gives exactly toTokenizerJson(vocabulary).
 */
export function tokenizerJsonText(vocabulary: BpeVocabulary): string {
  const json = toTokenizerJson(vocabulary);
  const { model } = json;
  const vocabLines = vocabulary.tokens.map((token, id) => `${JSON.stringify(token)}: ${id}`);
  const modelLines = [
    field('type', model.type),
    field('dropout', model.dropout),
    field('unk_token', model.unk_token),
    field('continuing_subword_prefix', model.continuing_subword_prefix),
    field('end_of_word_suffix', model.end_of_word_suffix),
    field('fuse_unk', model.fuse_unk),
    field('byte_fallback', model.byte_fallback),
    field('ignore_merges', model.ignore_merges),
    `"vocab": ${block(3, vocabLines, '{', '}')}`,
    `"merges": ${block(
      3,
      model.merges.map((merge) => JSON.stringify(merge)),
      '[',
      ']',
    )}`,
  ];
  const topLines = [
    field('version', json.version),
    field('truncation', json.truncation),
    field('padding', json.padding),
    `"added_tokens": ${block(
      2,
      json.added_tokens.map((token) => JSON.stringify(token)),
      '[',
      ']',
    )}`,
    field('normalizer', json.normalizer),
    field('pre_tokenizer', json.pre_tokenizer),
    field('post_processor', json.post_processor),
    field('decoder', json.decoder),
    `"model": ${block(2, modelLines, '{', '}')}`,
  ];
  return `${block(1, topLines, '{', '}')}\n`;
}

function field(key: string, value: unknown): string {
  return `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
}

/** `items` one per line at `depth` levels of two-space indentation, between `open` and `close`. */
function block(depth: number, items: string[], open: string, close: string): string {
  if (items.length === 0) return open + close;
  const indent = '  '.repeat(depth);
  return `${open}\n${items.map((item) => indent + item).join(',\n')}\n${'  '.repeat(depth - 1)}${close}`;
}
