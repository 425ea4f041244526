/**
 * Masked-language-model batches, as BERT and RoBERTa build them: pick ~15% of the real tokens as the
 * positions to predict; hide 80% of those behind MASK, swap 10% for a random character and leave 10% as
 * they are (so the model cannot learn that only MASK positions matter). The loss is taken only where
 * `weights` is 1.
 */
import { createRng, type Rng } from '../random';
import { SPECIAL_COUNT, type Tokenizer } from './tokenizer';

export interface MlmBatch {
  batchSize: number;
  seqLen: number;
  /** [batchSize·seqLen] model inputs, after masking. */
  tokens: Int32Array;
  /** [batchSize·seqLen] the original ids: what the model should predict. */
  targets: Int32Array;
  /** [batchSize·seqLen] 1 at the positions chosen for prediction, 0 elsewhere. */
  weights: Float32Array;
  /** [batchSize·seqLen] 1 for real tokens, 0 for padding. */
  attentionMask: Float32Array;
}

/** Sequences before masking: ids right-padded with PAD to a common length. */
export interface PaddedBatch {
  batchSize: number;
  seqLen: number;
  tokens: Int32Array;
  attentionMask: Float32Array;
}

export const DEFAULT_MASK_RATE = 0.15;

/**
 * What happens to a position chosen for prediction: replaced by MASK, by a character drawn uniformly from the
 * vocabulary's characters (possibly itself), or left as it is (the rest, 10%). The context-blind floor needs them.
 */
export const MASKING_SCHEME = { mask: 0.8, random: 0.1 } as const;

/**
 * Choose and corrupt prediction positions in each sequence of `ids` (a flat [batch·seqLen] array; by
 * default one sequence). Each sequence with n real tokens gets floor(maskRate·n + u) chosen positions,
 * u ~ U[0, 1) — the exact expected count with little spread (the rule fairseq uses) — and at least one,
 * so every sequence contributes to the loss. Padding (attentionMask 0) is never chosen or changed.
 */
export function maskTokens(
  ids: Int32Array,
  attentionMask: Float32Array,
  tokenizer: Tokenizer,
  rng: Rng,
  maskRate = DEFAULT_MASK_RATE,
  seqLen = ids.length,
): MlmBatch {
  if (attentionMask.length !== ids.length)
    throw new Error(`attentionMask has ${attentionMask.length} entries for ${ids.length} ids.`);
  if (!Number.isInteger(seqLen) || seqLen < 1 || ids.length % seqLen !== 0) {
    throw new Error(`${ids.length} ids do not make whole sequences of length ${seqLen}.`);
  }
  if (!(maskRate > 0 && maskRate <= 1)) throw new Error(`maskRate must be in (0, 1] (got ${maskRate}).`);
  const characterCount = tokenizer.vocabSize - SPECIAL_COUNT;
  if (characterCount < 1) throw new Error('The tokenizer has no characters to draw random replacements from.');

  const batchSize = ids.length / seqLen;
  const tokens = ids.slice();
  const weights = new Float32Array(ids.length);
  const realPositions = new Int32Array(seqLen);
  for (let row = 0; row < batchSize; row++) {
    const offset = row * seqLen;
    let realCount = 0;
    for (let i = 0; i < seqLen; i++) if (attentionMask[offset + i] > 0) realPositions[realCount++] = offset + i;
    if (realCount === 0) continue;
    const chosenCount = Math.min(realCount, Math.max(1, Math.floor(maskRate * realCount + rng.next())));
    // A partial Fisher–Yates shuffle: the first chosenCount entries become a uniform random subset.
    for (let c = 0; c < chosenCount; c++) {
      const pick = c + rng.int(realCount - c);
      const position = realPositions[pick];
      realPositions[pick] = realPositions[c];
      realPositions[c] = position;

      weights[position] = 1;
      const action = rng.next();
      if (action < MASKING_SCHEME.mask) tokens[position] = tokenizer.maskId;
      else if (action < MASKING_SCHEME.mask + MASKING_SCHEME.random) tokens[position] = SPECIAL_COUNT + rng.int(characterCount);
      // else: left unchanged, still predicted.
    }
  }
  return { batchSize, seqLen, tokens, targets: ids.slice(), weights, attentionMask: attentionMask.slice() };
}

/**
 * Right-pad (and, when longer, truncate) sequences to `seqLen` with PAD; attentionMask is 0 on padding.
 * Used for variable-length inputs: padding-invariance checks and sentence classification.
 */
export function makePaddedBatch(sequences: Int32Array[], seqLen: number, tokenizer: Tokenizer): PaddedBatch {
  if (!Number.isInteger(seqLen) || seqLen < 1)
    throw new Error(`seqLen must be a positive whole number (got ${seqLen}).`);
  const tokens = new Int32Array(sequences.length * seqLen).fill(tokenizer.padId);
  const attentionMask = new Float32Array(sequences.length * seqLen);
  sequences.forEach((sequence, row) => {
    const length = Math.min(sequence.length, seqLen);
    tokens.set(sequence.subarray(0, length), row * seqLen);
    attentionMask.fill(1, row * seqLen, row * seqLen + length);
  });
  return { batchSize: sequences.length, seqLen, tokens, attentionMask };
}

export interface MlmDataSourceOptions {
  /** The encoded training text. */
  ids: Int32Array;
  /** The encoded validation text. */
  validationIds: Int32Array;
  tokenizer: Tokenizer;
  seqLen: number;
  batchSize: number;
  /** Seeds the training windows and masks. */
  seed: number;
  /** Seeds the validation masks; fixed by default so that runs with different seeds score the same batches. */
  validationSeed?: number;
  /** Fraction of real tokens chosen for prediction (default 0.15). */
  maskRate?: number;
  /**
   * Windows per validation batch (default: batchSize). Validation needs no gradients, so it can afford larger
   * batches than training, and it needs them: at 15% masking a few small batches predict only a few hundred
   * tokens, and the perplexity of so small a sample wanders by ±10% from one evaluation to the next.
   */
  validationBatchSize?: number;
}

/** The default validation seed: any fixed number will do, what matters is that it never changes. */
export const VALIDATION_SEED = 20_200_608;

/**
 * Feeds a trainer: random windows of the training text, masked afresh each time, and a fixed set of
 * masked validation windows so that validation perplexity measures the model, not the luck of the draw.
 */
export class MlmDataSource {
  readonly seqLen: number;
  readonly batchSize: number;
  readonly validationBatchSize: number;
  private readonly ids: Int32Array;
  private readonly validationIds: Int32Array;
  private readonly tokenizer: Tokenizer;
  private readonly windowRng: Rng;
  private readonly maskRng: Rng;
  private readonly validationSeed: number;
  private readonly maskRate: number;

  constructor(options: MlmDataSourceOptions) {
    const { ids, validationIds, tokenizer, seqLen, batchSize, seed } = options;
    if (!Number.isInteger(seqLen) || seqLen < 1)
      throw new Error(`seqLen must be a positive whole number (got ${seqLen}).`);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error(`batchSize must be a positive whole number (got ${batchSize}).`);
    if (ids.length < seqLen)
      throw new Error(`The training text (${ids.length} tokens) is shorter than one window of ${seqLen}.`);
    if (validationIds.length < seqLen) {
      throw new Error(`The validation text (${validationIds.length} tokens) is shorter than one window of ${seqLen}.`);
    }
    this.ids = ids;
    this.validationIds = validationIds;
    this.tokenizer = tokenizer;
    this.seqLen = seqLen;
    this.batchSize = batchSize;
    // Separate streams, so changing how masks are drawn does not move the windows (and vice versa).
    const root = createRng(seed);
    this.windowRng = createRng(root.fork());
    this.maskRng = createRng(root.fork());
    this.validationSeed = options.validationSeed ?? VALIDATION_SEED;
    this.maskRate = options.maskRate ?? DEFAULT_MASK_RATE;
    this.validationBatchSize = options.validationBatchSize ?? batchSize;
    if (!Number.isInteger(this.validationBatchSize) || this.validationBatchSize < 1) {
      throw new Error(`validationBatchSize must be a positive whole number (got ${this.validationBatchSize}).`);
    }
  }

  /** batchSize windows starting at uniformly random offsets of the training text. */
  nextTrainBatch(): MlmBatch {
    const starts = Array.from({ length: this.batchSize }, () => this.windowRng.int(this.ids.length - this.seqLen + 1));
    return this.maskWindows(this.ids, starts, this.maskRng);
  }

  /**
   * `count` batches whose windows are spread evenly over the validation text (first window at its start,
   * last at its end), masked from the validation seed: identical on every call.
   */
  validationBatches(count: number): MlmBatch[] {
    if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive whole number (got ${count}).`);
    const size = this.validationBatchSize;
    const windowCount = count * size;
    const lastStart = this.validationIds.length - this.seqLen;
    const starts = Array.from({ length: windowCount }, (_, i) =>
      windowCount === 1 ? 0 : Math.round((i * lastStart) / (windowCount - 1)),
    );
    const rng = createRng(this.validationSeed);
    return Array.from({ length: count }, (_, b) =>
      this.maskWindows(this.validationIds, starts.slice(b * size, (b + 1) * size), rng),
    );
  }

  private maskWindows(source: Int32Array, starts: number[], rng: Rng): MlmBatch {
    const windows = new Int32Array(starts.length * this.seqLen);
    starts.forEach((start, row) => windows.set(source.subarray(start, start + this.seqLen), row * this.seqLen));
    const attentionMask = new Float32Array(windows.length).fill(1);
    return maskTokens(windows, attentionMask, this.tokenizer, rng, this.maskRate, this.seqLen);
  }
}
