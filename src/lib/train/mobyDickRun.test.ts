import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCharTokenizer, MlmDataSource, scoredUnigramPerplexity, splitCorpus } from '../data';
import { readMobyDick } from '../data/testing/realCorpora';
import { createEncoder, type Encoder } from '../model';
import { defaultTrainConfig } from './trainConfig';
import { Trainer, type StepReport } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A real, short run on Moby-Dick: a model that learns anything from the surrounding characters must beat
 * the context-free unigram baseline on held-out text. The comparison is like for like: the baseline is scored on
 * exactly the masked positions validation scores (1,200 of them, so the sample's noise is a few per cent, not the
 * ±10% of a few hundred). Sized for the tfjs cpu backend (about 0.12 s a step here): one layer, d = 32, n = 32,
 * k = 8, batch 8, 300 steps at lr 0.005 — the configuration of the WebGPU end-to-end test, cut short.
 */
describe('a short Moby-Dick run', () => {
  let encoder: Encoder | undefined;
  let trainer: Trainer | undefined;
  afterAll(() => {
    trainer?.dispose();
    encoder?.dispose();
  });

  it('brings validation perplexity below the unigram baseline on the same positions', async () => {
    const text = readMobyDick();
    const { train, validation } = splitCorpus(text, { seed: 2020, validationFraction: 0.1, blockSize: 4096 });
    const tokenizer = buildCharTokenizer(train);
    const trainIds = tokenizer.encode(train);
    const validationIds = tokenizer.encode(validation);
    const steps = 300;
    const config = defaultTrainConfig({
      learningRate: 5e-3,
      warmupSteps: 20,
      totalSteps: steps,
      evalInterval: steps,
      evalBatches: 4,
    });

    const data = new MlmDataSource({
      ids: trainIds,
      validationIds,
      tokenizer,
      seqLen: 32,
      batchSize: 8,
      validationBatchSize: 64,
      seed: 1,
    });
    const baseline = scoredUnigramPerplexity(trainIds, data.validationBatches(config.evalBatches), tokenizer.vocabSize);
    encoder = createEncoder({
      layers: 1,
      heads: 2,
      dModel: 32,
      dFF: 64,
      seqLen: 32,
      vocabSize: tokenizer.vocabSize,
      dropout: 0,
      attention: 'linformer',
      sharing: 'none',
      projection: 'linear',
      kPerLayer: [8],
      seed: 1,
    });
    trainer = new Trainer(encoder, data, config);

    // Untrained, the model is close to uniform over the vocabulary: far worse than the baseline.
    const before = await trainer.evaluate();
    expect(before.perplexity).toBeGreaterThan(2 * baseline);

    let last: StepReport | undefined;
    for (let step = 0; step < steps; step++) last = await trainer.step();
    expect(last?.validation).toBeDefined();
    console.log(
      `validation perplexity ${last!.validation!.perplexity.toFixed(2)} vs unigram ${baseline.toFixed(2)} on the same positions`,
    );
    expect(last!.validation!.perplexity).toBeLessThan(0.95 * baseline);
  }, 240_000); // about 40 s on an idle core; the limit leaves room for a busy CI machine
});
