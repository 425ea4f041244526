import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { MlmDataSource, makePaddedBatch, maskTokens, type MlmBatch } from './mlmBatch';
import { readMobyDick } from './testing/realCorpora';
import { PAD_ID, SPECIAL_COUNT, buildCharTokenizer } from './tokenizer';

const text = readMobyDick();
const tokenizer = buildCharTokenizer(text);
const ids = tokenizer.encode(text);

/** Real-text rows of random lengths 16..seqLen, plus an empty row and a one-token row, right-padded. */
function paddedRows(rows: number, seqLen: number, seed: number) {
  const rng = createRng(seed);
  const sequences = Array.from({ length: rows }, () => {
    const length = 16 + rng.int(seqLen - 15);
    const start = rng.int(ids.length - length);
    return ids.subarray(start, start + length);
  });
  sequences.push(new Int32Array(0), ids.subarray(0, 1));
  return makePaddedBatch(sequences, seqLen, tokenizer);
}

/** Element-wise equality by a plain loop: vitest's deep equality is slow on arrays of 50 000 numbers. */
function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function expectSameBatch(a: MlmBatch, b: MlmBatch) {
  expect(sameArray(a.tokens, b.tokens)).toBe(true);
  expect(sameArray(a.targets, b.targets)).toBe(true);
  expect(sameArray(a.weights, b.weights)).toBe(true);
  expect(sameArray(a.attentionMask, b.attentionMask)).toBe(true);
}

describe('maskTokens', () => {
  const seqLen = 128;
  const padded = paddedRows(400, seqLen, 1);
  const batch = maskTokens(padded.tokens, padded.attentionMask, tokenizer, createRng(7), 0.15, seqLen);
  const characterCount = tokenizer.vocabSize - SPECIAL_COUNT;

  // Tolerance: 4 binomial standard deviations, so a correct implementation fails about once in 16 000 runs.
  const within = (observed: number, p: number, n: number) =>
    expect(Math.abs(observed - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));

  it('chooses 15% of the real tokens, per row floor or ceil of 0.15·length, at least one', () => {
    let real = 0;
    let chosen = 0;
    for (let row = 0; row < batch.batchSize; row++) {
      let rowReal = 0;
      let rowChosen = 0;
      for (let i = row * seqLen; i < (row + 1) * seqLen; i++) {
        rowReal += batch.attentionMask[i];
        rowChosen += batch.weights[i];
      }
      if (rowReal > 0) {
        expect(rowChosen).toBeGreaterThanOrEqual(Math.max(1, Math.floor(0.15 * rowReal)));
        expect(rowChosen).toBeLessThanOrEqual(Math.max(1, Math.ceil(0.15 * rowReal)));
      } else {
        expect(rowChosen).toBe(0);
      }
      // The empty and one-token rows are the last two: excluded from the rate, which they would bias.
      if (row < batch.batchSize - 2) {
        real += rowReal;
        chosen += rowChosen;
      }
    }
    within(chosen / real, 0.15, real);
    expect(batch.weights.filter((w, i) => w === 1 && batch.attentionMask[i] === 1).length).toBe(
      batch.weights.filter((w) => w !== 0).length,
    );
    expect(batch.weights[(batch.batchSize - 1) * seqLen]).toBe(1);
  });

  it('replaces 80% of the chosen tokens with MASK, 10% with a random character and keeps 10%', () => {
    let chosen = 0;
    let masked = 0;
    let swapped = 0;
    let kept = 0;
    for (let i = 0; i < batch.tokens.length; i++) {
      if (batch.weights[i] !== 1) continue;
      chosen++;
      if (batch.tokens[i] === tokenizer.maskId) masked++;
      else if (batch.tokens[i] !== batch.targets[i]) {
        swapped++;
        expect(batch.tokens[i]).toBeGreaterThanOrEqual(SPECIAL_COUNT);
        expect(batch.tokens[i]).toBeLessThan(tokenizer.vocabSize);
      } else kept++;
    }
    // A random replacement equals the original one time in `characterCount`, and then looks kept.
    within(masked / chosen, 0.8, chosen);
    within(swapped / chosen, 0.1 * (1 - 1 / characterCount), chosen);
    within(kept / chosen, 0.1 + 0.1 / characterCount, chosen);
  });

  it('changes nothing outside the chosen positions and never touches padding', () => {
    expect(sameArray(batch.targets, padded.tokens)).toBe(true);
    expect(sameArray(batch.attentionMask, padded.attentionMask)).toBe(true);
    let changedUnchosen = 0;
    let touchedPadding = 0;
    let padding = 0;
    for (let i = 0; i < batch.tokens.length; i++) {
      if (batch.weights[i] === 0 && batch.tokens[i] !== batch.targets[i]) changedUnchosen++;
      if (batch.attentionMask[i] === 0) {
        padding++;
        if (batch.weights[i] !== 0 || batch.tokens[i] !== PAD_ID) touchedPadding++;
      }
    }
    expect(changedUnchosen).toBe(0);
    expect(touchedPadding).toBe(0);
    // The rows really are padded, so the check above had something to look at.
    expect(padding).toBeGreaterThan(1000);
  });

  it('is reproducible from the seed and does not modify its inputs', () => {
    const before = padded.tokens.slice();
    const again = maskTokens(padded.tokens, padded.attentionMask, tokenizer, createRng(7), 0.15, seqLen);
    expectSameBatch(again, batch);
    expect(sameArray(padded.tokens, before)).toBe(true);
    const other = maskTokens(padded.tokens, padded.attentionMask, tokenizer, createRng(8), 0.15, seqLen);
    expect(sameArray(other.weights, batch.weights)).toBe(false);
  });

  it('rejects ids that do not make whole sequences', () => {
    expect(() => maskTokens(new Int32Array(10), new Float32Array(10), tokenizer, createRng(1), 0.15, 3)).toThrow(
      /whole sequences/,
    );
  });
});

describe('makePaddedBatch', () => {
  it('right-pads with PAD, truncates long sequences and marks real tokens in attentionMask', () => {
    const batch = makePaddedBatch([Int32Array.of(5, 6), Int32Array.of(7, 8, 9, 10, 11)], 4, tokenizer);
    expect(batch.batchSize).toBe(2);
    expect(Array.from(batch.tokens)).toEqual([5, 6, PAD_ID, PAD_ID, 7, 8, 9, 10]);
    expect(Array.from(batch.attentionMask)).toEqual([1, 1, 0, 0, 1, 1, 1, 1]);
  });
});

describe('MlmDataSource', () => {
  const split = Math.floor(ids.length * 0.9);
  const options = {
    ids: ids.subarray(0, split),
    validationIds: ids.subarray(split),
    tokenizer,
    seqLen: 64,
    batchSize: 8,
  };

  it('gives identical validation batches on every call, and to runs with different seeds', () => {
    const source = new MlmDataSource({ ...options, seed: 1 });
    const first = source.validationBatches(3);
    source.nextTrainBatch();
    const second = source.validationBatches(3);
    const otherRun = new MlmDataSource({ ...options, seed: 2 }).validationBatches(3);
    for (let b = 0; b < 3; b++) {
      expectSameBatch(second[b], first[b]);
      expectSameBatch(otherRun[b], first[b]);
    }
    // Windows spread from the start to the end of the validation text.
    expect(sameArray(first[0].targets.subarray(0, 64), options.validationIds.subarray(0, 64))).toBe(true);
    expect(
      sameArray(first[2].targets.subarray(7 * 64), options.validationIds.subarray(options.validationIds.length - 64)),
    ).toBe(true);
  });

  it('makes validation batches of validationBatchSize windows, spread over the same text', () => {
    const source = new MlmDataSource({ ...options, seed: 1, validationBatchSize: 32 });
    const batches = source.validationBatches(2);
    expect(batches.map((b) => b.batchSize)).toEqual([32, 32]);
    expect(source.nextTrainBatch().batchSize).toBe(8);
    expect(sameArray(batches[0].targets.subarray(0, 64), options.validationIds.subarray(0, 64))).toBe(true);
    expect(
      sameArray(batches[1].targets.subarray(31 * 64), options.validationIds.subarray(options.validationIds.length - 64)),
    ).toBe(true);
    expect(() => new MlmDataSource({ ...options, seed: 1, validationBatchSize: 0 })).toThrow(/validationBatchSize/);
  });

  it('draws training windows of contiguous text, reproducibly from the seed', () => {
    // Ids that count upward make contiguity visible: within a window each id is the previous plus one.
    const counting = new Int32Array(10_000).map((_, i) => i);
    const countingTokenizer = { ...tokenizer, vocabSize: 10_000 };
    const make = (seed: number) =>
      new MlmDataSource({ ...options, ids: counting, validationIds: counting, tokenizer: countingTokenizer, seed });
    const source = make(3);
    const batch = source.nextTrainBatch();
    for (let row = 0; row < batch.batchSize; row++) {
      const window = batch.targets.subarray(row * 64, (row + 1) * 64);
      expect(
        sameArray(
          window,
          window.map((_, j) => window[0] + j),
        ),
      ).toBe(true);
    }
    expectSameBatch(make(3).nextTrainBatch(), batch);
    expect(sameArray(source.nextTrainBatch().targets, batch.targets)).toBe(false);
    expect(sameArray(make(4).nextTrainBatch().targets, batch.targets)).toBe(false);
  });

  it('refuses texts shorter than one window', () => {
    expect(() => new MlmDataSource({ ...options, validationIds: ids.subarray(0, 10), seed: 1 })).toThrow(
      /validation text/,
    );
  });
});
