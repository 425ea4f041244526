import { describe, expect, it } from 'vitest';
import { readMobyDick } from './testing/realCorpora';
import { buildCharTokenizer } from './tokenizer';
import { scoredUnigramPerplexity, unigramPerplexity } from './unigramBaseline';

describe('unigramPerplexity', () => {
  it('matches a hand-computed case', () => {
    // Vocabulary of 5: PAD, MASK, UNK and characters 3, 4. Training counts (specials ignored): 3 → 3, 4 → 1,
    // N = 4, so p = (count + 1) / 9: p(3) = 4/9, p(4) = 2/9, p(UNK) = 1/9. Scoring 3, 4, UNK (PAD and MASK
    // skipped) gives perplexity (9·9·9 / (4·2·1))^(1/3) = 9/2.
    const train = Int32Array.of(3, 3, 0, 3, 4, 1, 2);
    const evaluation = Int32Array.of(3, 0, 4, 2, 1);
    expect(unigramPerplexity(train, evaluation, 5)).toBeCloseTo(4.5, 12);
  });

  it('is the vocabulary size when there is nothing to learn from', () => {
    expect(unigramPerplexity(new Int32Array(0), Int32Array.of(3, 4, 5, 6), 7)).toBeCloseTo(7, 12);
  });

  it('does not depend on the order of the evaluation tokens', () => {
    const train = Int32Array.of(3, 4, 4, 5, 5, 5, 6);
    const a = unigramPerplexity(train, Int32Array.of(3, 4, 5, 6, 6), 8);
    const b = unigramPerplexity(train, Int32Array.of(6, 5, 6, 3, 4), 8);
    expect(b).toBeCloseTo(a, 12);
  });

  it('agrees with a count of the characters themselves on real text', () => {
    const text = readMobyDick();
    const cut = Math.floor(text.length * 0.9);
    const train = text.slice(0, cut);
    const evaluation = text.slice(cut);
    const tokenizer = buildCharTokenizer(train);
    // Reference computed on strings, without ids: characters unseen in training have count 0.
    const counts = new Map<string, number>();
    for (const char of train) counts.set(char, (counts.get(char) ?? 0) + 1);
    let negLog = 0;
    let n = 0;
    for (const char of evaluation) {
      negLog += Math.log(train.length + tokenizer.vocabSize) - Math.log((counts.get(char) ?? 0) + 1);
      n++;
    }
    const expected = Math.exp(negLog / n);
    const actual = unigramPerplexity(tokenizer.encode(train), tokenizer.encode(evaluation), tokenizer.vocabSize);
    expect(actual).toBeCloseTo(expected, 9);
    // English characters: far better than uniform over the ~80 symbols, far worse than a real model.
    expect(actual).toBeGreaterThan(15);
    expect(actual).toBeLessThan(40);
  });

  it('rejects ids outside the vocabulary and evaluations with nothing to score', () => {
    expect(() => unigramPerplexity(Int32Array.of(3), Int32Array.of(9), 5)).toThrow(/outside/);
    expect(() => unigramPerplexity(Int32Array.of(3), Int32Array.of(0, 1), 5)).toThrow(/No tokens/);
  });
});

describe('scoredUnigramPerplexity', () => {
  it('scores only the targets of weighted positions, across all batches', () => {
    const trainIds = Int32Array.of(3, 3, 3, 4);
    // Targets at weight 0 (ids 4 and 5) must not count; the scored targets are 3, 4 and 3.
    const batch = (targets: number[], weights: number[]) => ({
      batchSize: 1,
      seqLen: targets.length,
      tokens: Int32Array.from(targets),
      targets: Int32Array.from(targets),
      weights: Float32Array.from(weights),
      attentionMask: new Float32Array(targets.length).fill(1),
    });
    const batches = [batch([3, 4, 5], [1, 0, 0]), batch([4, 3], [1, 1])];
    expect(scoredUnigramPerplexity(trainIds, batches, 6)).toBeCloseTo(
      unigramPerplexity(trainIds, Int32Array.of(3, 4, 3), 6),
      12,
    );
  });
});
