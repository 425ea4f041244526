/**
 * What BPE training learns, in one plain structure: every token by id and the ranked merges. The tokenizer,
 * the tokenizer.json writer and reader all go through `checkVocabulary`, so a vocabulary read from a file is held
 * to the same rules as one just learned.
 *
 * Ids follow the character tokenizer: PAD 0, MASK 1, UNK 2, then the single characters of the training text in
 * code-point order, then each merge's new token in the order the merges were learned.
 */
import { MASK_ID, PAD_ID, SPECIAL_COUNT, UNK_ID } from '../tokenizer';

/**
 * The special tokens' text in tokenizer.json, indexed by id. BERT's names, as this is a masked-LM vocabulary.
 * (Our own encoder never produces them from text; @huggingface/tokenizers would, for a text that literally
 * contains "[MASK]" — the corpora never do.)
 */
export const BPE_SPECIAL_TOKENS: readonly string[] = (() => {
  const tokens: string[] = [];
  tokens[PAD_ID] = '[PAD]';
  tokens[MASK_ID] = '[MASK]';
  tokens[UNK_ID] = '[UNK]';
  return tokens;
})();

/** Ids are packed two to a number (left · 2^16 + right) as merge-table keys, so a vocabulary stays below 2^16. */
export const MAX_BPE_VOCAB_SIZE = 1 << 16;

export interface BpeVocabulary {
  /** Every token's text by id: the special tokens, single characters by code point, then merged tokens. */
  tokens: string[];
  /** The merges in rank order: merge i joins a left and a right token into the token left + right. */
  merges: [string, string][];
}

/** Throws a readable error unless `vocabulary` keeps the rules above; returns each token's id. */
export function checkVocabulary(vocabulary: BpeVocabulary): Map<string, number> {
  const { tokens, merges } = vocabulary;
  if (tokens.length <= SPECIAL_COUNT) throw new Error(`A BPE vocabulary needs at least one character token.`);
  if (tokens.length > MAX_BPE_VOCAB_SIZE)
    throw new Error(`A BPE vocabulary holds at most ${MAX_BPE_VOCAB_SIZE} tokens (got ${tokens.length}).`);
  for (let id = 0; id < SPECIAL_COUNT; id++) {
    if (tokens[id] !== BPE_SPECIAL_TOKENS[id]) {
      throw new Error(
        `BPE token ${id} must be ${JSON.stringify(BPE_SPECIAL_TOKENS[id])} (got ${JSON.stringify(tokens[id])}).`,
      );
    }
  }
  const ids = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (typeof token !== 'string' || token.length === 0)
      throw new Error(`BPE token ${id} must be a non-empty string (got ${JSON.stringify(token)}).`);
    const earlier = ids.get(token);
    if (earlier !== undefined) throw new Error(`BPE token ${JSON.stringify(token)} has two ids, ${earlier} and ${id}.`);
    ids.set(token, id);
  });
  const seenPairs = new Map<string, number>();
  merges.forEach((merge, rank) => {
    const where = `BPE merge ${rank} (${JSON.stringify(merge)})`;
    if (!Array.isArray(merge) || merge.length !== 2 || typeof merge[0] !== 'string' || typeof merge[1] !== 'string')
      throw new Error(`${where} must be a pair of token strings.`);
    // Training never learns a pair twice, and readers disagree on which rank a repeated pair has.
    const pair = JSON.stringify(merge);
    const earlier = seenPairs.get(pair);
    if (earlier !== undefined) throw new Error(`${where} repeats merge ${earlier}.`);
    seenPairs.set(pair, rank);
    for (const part of [merge[0], merge[1], merge[0] + merge[1]]) {
      const id = ids.get(part);
      if (id === undefined) throw new Error(`${where} uses ${JSON.stringify(part)}, which is not in the vocabulary.`);
      if (id < SPECIAL_COUNT) throw new Error(`${where} involves the special token ${JSON.stringify(part)}.`);
    }
  });
  return ids;
}
