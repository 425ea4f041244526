/**
 * The rest of the data layer on BPE ids: encodeCorpus with a ready tokenizer, masked-LM batches, the unigram
 * baseline and the context-blind floor, all unchanged.
 */
import { describe, expect, it } from 'vitest';
import { contextBlindPerplexity } from '../contextBlindFloor';
import { splitForCorpus } from '../corpora';
import { CORPUS_SPLIT, encodeCorpus } from '../encodedCorpus';
import { MlmDataSource } from '../mlmBatch';
import { readMobyDick } from '../testing/realCorpora';
import { SPECIAL_COUNT } from '../tokenizer';
import { scoredUnigramPerplexity } from '../unigramBaseline';
import { buildBpeTokenizer } from './bpeTokenizer';

describe('BPE ids through the data layer', () => {
  const text = readMobyDick();
  const { train } = splitForCorpus('moby-dick', text, CORPUS_SPLIT);
  const tokenizer = buildBpeTokenizer(train);

  it('encodeCorpus uses a given tokenizer and otherwise still the characters', () => {
    const bpe = encodeCorpus('moby-dick', text, tokenizer);
    const chars = encodeCorpus('moby-dick', text);
    expect(bpe.tokenizer).toBe(tokenizer);
    const direct = tokenizer.encode(train);
    // Element by element: a deep toEqual on 400 k ids would take seconds.
    expect(bpe.trainIds.length).toBe(direct.length);
    expect(bpe.trainIds.every((id, i) => id === direct[i])).toBe(true);
    expect(chars.tokenizer.vocabSize).toBeLessThan(100);
    expect(bpe.trainIds.length).toBeLessThan(chars.trainIds.length / 2);
    // Per token, a subword is harder to guess than a character; per character it is the other way round.
    expect(bpe.unigramPerplexity).toBeGreaterThan(chars.unigramPerplexity);
    expect(Number.isFinite(bpe.unigramPerplexity)).toBe(true);
  });

  it('gives a finite context-blind floor below the scored unigram baseline, as for characters', () => {
    const { trainIds, validationIds } = encodeCorpus('moby-dick', text, tokenizer);
    const data = new MlmDataSource({
      ids: trainIds,
      validationIds,
      tokenizer,
      seqLen: 32,
      batchSize: 8,
      validationBatchSize: 64,
      seed: 1,
    });
    const batches = data.validationBatches(4);
    // Random replacements are drawn from the subword tokens.
    for (const batch of batches) for (const id of batch.tokens) expect(id).toBeLessThan(tokenizer.vocabSize);
    const floor = contextBlindPerplexity(trainIds, batches, tokenizer.vocabSize);
    const unigram = scoredUnigramPerplexity(trainIds, batches, tokenizer.vocabSize);
    console.log(
      `Moby-Dick BPE-512 validation positions: context-blind floor ${floor.toFixed(1)}, unigram ${unigram.toFixed(1)}`,
    );
    expect(Number.isFinite(floor) && Number.isFinite(unigram)).toBe(true);
    expect(floor).toBeGreaterThan(1);
    expect(floor).toBeLessThan(0.85 * unigram);
    expect(unigram).toBeLessThan(tokenizer.vocabSize - SPECIAL_COUNT);
  });
});
