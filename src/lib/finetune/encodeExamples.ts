/**
 * Sentences as model input: [SUMMARY, c₁, c₂, …] cut or right-padded to the model's n.
 *
 * A character model has no [CLS] token, so the MASK id stands in as the first position: every model has
 * it, pretraining taught the model that it is a slot to fill from context, and first-token pooling then
 * reads a position that no particular character occupies. Characters the corpus never had become UNK
 * (the tokenizer's job), so a model pretrained on one corpus can read any sentence.
 */
import { MASK_ID, PAD_ID, type Tokenizer } from '../data/tokenizer';

export interface EncodedExamples {
  count: number;
  seqLen: number;
  /** [count·seqLen] ids. */
  tokens: Int32Array;
  /** [count·seqLen] 1 for real positions (the summary slot included), 0 for padding. */
  mask: Float32Array;
  labels: Int32Array;
  /** How many sentences were longer than n − 1 characters and lost their end. */
  truncated: number;
}

export function encodeExamples(
  tokenizer: Tokenizer,
  texts: readonly string[],
  labels: readonly number[],
  seqLen: number,
): EncodedExamples {
  if (texts.length !== labels.length) throw new Error(`${texts.length} texts but ${labels.length} labels.`);
  if (!Number.isInteger(seqLen) || seqLen < 2)
    throw new Error(`Sentences need n ≥ 2 (one summary slot and a character); got ${seqLen}.`);
  const count = texts.length;
  const tokens = new Int32Array(count * seqLen).fill(PAD_ID);
  const mask = new Float32Array(count * seqLen);
  let truncated = 0;
  texts.forEach((text, row) => {
    const ids = tokenizer.encode(text);
    const length = Math.min(ids.length, seqLen - 1);
    if (ids.length > length) truncated++;
    const offset = row * seqLen;
    tokens[offset] = MASK_ID;
    tokens.set(ids.subarray(0, length), offset + 1);
    mask.fill(1, offset, offset + 1 + length);
  });
  return { count, seqLen, tokens, mask, labels: Int32Array.from(labels), truncated };
}

/** The rows `indices` of `examples`, copied into a batch. */
export function selectRows(examples: EncodedExamples, indices: readonly number[]): EncodedExamples {
  const { seqLen } = examples;
  const tokens = new Int32Array(indices.length * seqLen);
  const mask = new Float32Array(indices.length * seqLen);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, row) => {
    if (!(index >= 0 && index < examples.count)) throw new Error(`Row ${index} is outside 0…${examples.count - 1}.`);
    tokens.set(examples.tokens.subarray(index * seqLen, (index + 1) * seqLen), row * seqLen);
    mask.set(examples.mask.subarray(index * seqLen, (index + 1) * seqLen), row * seqLen);
    labels[row] = examples.labels[index];
  });
  return { count: indices.length, seqLen, tokens, mask, labels, truncated: 0 };
}
