import { describe, expect, it } from 'vitest';
import { contextBlindPerplexity, contextBlindPredictor } from './contextBlindFloor';
import { MlmDataSource, type MlmBatch } from './mlmBatch';
import { readMobyDick } from './testing/realCorpora';
import { splitCorpus } from './corpora';
import { buildCharTokenizer, MASK_ID, SPECIAL_COUNT } from './tokenizer';
import { scoredUnigramPerplexity, smoothedUnigram } from './unigramBaseline';

function batchOf(tokens: number[], targets: number[], weights = targets.map(() => 1)): MlmBatch {
  return {
    batchSize: 1,
    seqLen: tokens.length,
    tokens: Int32Array.from(tokens),
    targets: Int32Array.from(targets),
    weights: Float32Array.from(weights),
    attentionMask: new Float32Array(tokens.length).fill(1),
  };
}

describe('contextBlindPerplexity', () => {
  it('matches a hand-computed case', () => {
    // Vocabulary 5: PAD, MASK, UNK, characters 3 and 4 (C = 2). Training counts 3 → 2, 4 → 0, N = 2, so
    // u = (count + 1) / 7: u(3) = 3/7, u(4) = 1/7, u(UNK) = 1/7. Masking m 0.8, r 0.1, k 0.1, r/C = 0.05.
    //   MASK → 3:   p = u(3) = 3/7
    //   3 → 3 (kept): p = u(3)(0.1 + 0.05) / (0.1·u(3) + 0.05) = (0.45/7) / (0.65/7) = 9/13
    //   3 → 4 (random): p = u(4)·0.05 / (0.1·u(3) + 0.05) = (0.05/7) / (0.65/7) = 1/13
    //   UNK → UNK:  p = 1
    const train = Int32Array.of(3, 3, 0, 1);
    const batch = batchOf([MASK_ID, 3, 3, 2, 4], [3, 3, 4, 2, 4], [1, 1, 1, 1, 0]);
    const expected = Math.pow((7 / 3) * (13 / 9) * 13 * 1, 1 / 4);
    expect(contextBlindPerplexity(train, [batch], 5)).toBeCloseTo(expected, 12);
  });

  it('is the unigram perplexity when every scored position is masked', () => {
    const train = Int32Array.of(3, 4, 4, 5, 5, 5);
    const batch = batchOf([MASK_ID, MASK_ID, MASK_ID, 4], [3, 5, 5, 4], [1, 1, 1, 0]);
    expect(contextBlindPerplexity(train, [batch], 6)).toBeCloseTo(scoredUnigramPerplexity(train, [batch], 6), 12);
  });

  it('gives the posterior a true probability distribution over targets for every input', () => {
    // Summing the predictor's p(t | x) over t must give 1; checked through single-position batches.
    const train = Int32Array.of(3, 4, 4, 5, 6, 6, 6);
    const vocab = 7;
    for (const input of [MASK_ID, 3, 4, 5, 6]) {
      let total = 0;
      for (let target = 0; target < vocab; target++) {
        total += 1 / contextBlindPerplexity(train, [batchOf([input], [target])], vocab);
      }
      expect(total).toBeCloseTo(1, 12);
    }
  });

  it('is the best context-blind predictor in expectation: mixing it with unigram only makes it worse', () => {
    // Positions drawn from the training distribution itself, masked with the app's masking, so the Bayes posterior
    // with the training unigram as prior is optimal in expectation; any mixture away from it scores worse.
    const text = readMobyDick().slice(0, 200_000);
    const tokenizer = buildCharTokenizer(text);
    const ids = tokenizer.encode(text);
    const data = new MlmDataSource({ ids, validationIds: ids, tokenizer, seqLen: 64, batchSize: 64, seed: 1 });
    const batches = data.validationBatches(8);
    const floor = contextBlindPerplexity(ids, batches, tokenizer.vocabSize);
    const unigram = scoredUnigramPerplexity(ids, batches, tokenizer.vocabSize);
    const prior = smoothedUnigram(ids, tokenizer.vocabSize);
    const predict = contextBlindPredictor(ids, tokenizer.vocabSize);
    for (const weight of [0.5, 0.9]) {
      // p_mix(t | x) = weight·p_floor(t | x) + (1 − weight)·u(t), scored position by position.
      let negLog = 0;
      let count = 0;
      for (const batch of batches) {
        batch.weights.forEach((w, i) => {
          if (w <= 0) return;
          const pFloor = predict(batch.tokens[i], batch.targets[i]);
          negLog -= Math.log(weight * pFloor + (1 - weight) * prior[batch.targets[i]]);
          count++;
        });
      }
      expect(Math.exp(negLog / count)).toBeGreaterThan(floor);
    }
    expect(floor).toBeLessThan(unigram);
  });

  it('sits far below unigram on the app’s Moby-Dick validation positions: beating unigram shows no context use', () => {
    // The app's split and validation batches (seed 2020, 4096-character blocks; n 32, 4 batches of 64 windows).
    const { train, validation } = splitCorpus(readMobyDick(), { seed: 2020, validationFraction: 0.1, blockSize: 4096 });
    const tokenizer = buildCharTokenizer(train);
    const trainIds = tokenizer.encode(train);
    const data = new MlmDataSource({
      ids: trainIds,
      validationIds: tokenizer.encode(validation),
      tokenizer,
      seqLen: 32,
      batchSize: 8,
      validationBatchSize: 64,
      seed: 1,
    });
    const batches = data.validationBatches(4);
    const floor = contextBlindPerplexity(trainIds, batches, tokenizer.vocabSize);
    const unigram = scoredUnigramPerplexity(trainIds, batches, tokenizer.vocabSize);
    console.log(`Moby-Dick validation positions: context-blind floor ${floor.toFixed(2)}, unigram ${unigram.toFixed(2)}`);
    expect(floor).toBeLessThan(0.85 * unigram);
    expect(tokenizer.vocabSize - SPECIAL_COUNT).toBeGreaterThan(70);
  });
});
