import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tinyCorpus, tinyValidationText } from './testing/tinyCorpus';
import { MASK_DISPLAY } from '../lib/data/tokenizer';
import { createEncoder } from '../lib/model';
import { tinyConfig } from '../lib/model/testConfigs';
import { lowRankApproximation } from '../lib/numerics/lowRank';
import { maxAbsDifference } from '../lib/numerics/testMatrices';
import { collectAttentionMatrices } from '../lib/spectra/attentionMatrices';
import { analysisBatches } from './analysisInputs';
import type { HeadAttentionRequest } from './headTypes';

const corpus = tinyCorpus;
vi.mock('./corpusCache', () => ({ prepareCorpus: async () => corpus }));

const { headAttention } = await import('./headSession');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const model = { ...tinyConfig({ seqLen: 16, attention: 'standard', seed: 7 }) };
const request = (overrides: Partial<HeadAttentionRequest> = {}): HeadAttentionRequest => ({
  source: 'initialised',
  corpus: 'moby-dick',
  model,
  samples: 5,
  sequence: 3,
  layer: 1,
  head: 0,
  ...overrides,
});

describe('headAttention', () => {
  it('returns the very matrix the spectrum analysis reads for that layer, head and sequence', async () => {
    const before = tf.memory().numTensors;
    const result = await headAttention(request());
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toMatchObject({ rows: 16, cols: 16, layer: 1, head: 0, sequence: 3, samples: 5, tokenizer: 'char' });
    // The spectrum analysis's path: the same model, its batches, the whole batch at once.
    const encoder = createEncoder({ ...model, vocabSize: corpus.tokenizer.vocabSize });
    const { batches } = analysisBatches(corpus, encoder.config, 5);
    const all = await collectAttentionMatrices(encoder, batches[0], { maxSequences: 5 });
    encoder.dispose();
    const same = all.find((m) => m.layer === 1 && m.head === 0 && m.sequence === 3)!;
    expect(maxAbsDifference(result.data, same.data)).toBeLessThan(1e-6);
    // Its SVD reconstructs it at full rank.
    expect(maxAbsDifference(lowRankApproximation(result.svd, 16), result.data)).toBeLessThan(1e-6);
  });

  it('labels every position with its token as read and as it was, marking the predicted ones', async () => {
    const result = await headAttention(request({ sequence: 0 }));
    expect(result.tokens).toHaveLength(16);
    // The first window starts the validation text.
    expect(result.originals.join('')).toBe(tinyValidationText.slice(0, 16));
    result.tokens.forEach((token, i) => {
      if (!result.predicted[i]) expect(token).toBe(result.originals[i]);
      if (token === MASK_DISPLAY) expect(result.predicted[i]).toBe(true);
    });
    expect(result.predicted.some(Boolean)).toBe(true);
  });

  it('gives Linformer’s n × k P̄ for the layer’s k', async () => {
    const result = await headAttention(request({ model: { ...model, attention: 'linformer', kPerLayer: [4, 6] } }));
    expect(result).toMatchObject({ rows: 16, cols: 6 });
    expect(result.svd.size).toBe(6);
  });

  it('refuses a selection the model or the samples do not have, in words', async () => {
    await expect(headAttention(request({ layer: 2 }))).rejects.toThrow('The model has 2 layers: there is no layer 3.');
    await expect(headAttention(request({ head: 5 }))).rejects.toThrow('there is no head 6');
    await expect(headAttention(request({ sequence: 5 }))).rejects.toThrow('Sequence 6 is not among the 5 sampled');
    await expect(headAttention(request({ source: 'trained' }))).rejects.toThrow('There is no trained model yet');
  });
});
