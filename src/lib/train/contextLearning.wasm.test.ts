import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeBackend } from '../backend/testing/nodeBackends';
import {
  buildCharTokenizer,
  contextBlindPerplexity,
  MlmDataSource,
  scoredUnigramPerplexity,
  splitCorpus,
} from '../data';
import { readMobyDick } from '../data/testing/realCorpora';
import { createEncoder, type Encoder } from '../model';
import { defaultTrainConfig } from './trainConfig';
import { Trainer, type StepReport } from './trainer';

beforeAll(async () => {
  await startNodeBackend('wasm');
});

/**
 * A real run on Moby-Dick that must learn to read the context. Beating the unigram baseline proves nothing here:
 * the masking scheme leaks the answer at the 10% of positions that keep their character, so a model that only
 * looks at its own position already gets to the context-blind floor. Only a model that uses its neighbours gets
 * below it; this test asks for 0.8× the floor, scored on exactly the positions validation scores (the app's:
 * split seed 2020, 10% validation in 4096-character blocks, 4 batches of 64 windows, so ~300 predicted positions
 * at n = 8).
 *
 * The configuration is the encoder as built today (post-LN, N(0, 0.02²) init, dropout 0) with 2 layers, d 64,
 * 4 heads, ff 128, at n = 8, batch 32, AdamW lr 3e-3, 50 warm-up steps, linear decay to 0.1×, clip 1, seed 1:
 * 800 steps, 204,800 tokens. Measured on one core on wasm: perplexity 12.01 against a floor of 17.83 (0.67×) and
 * a unigram of 22.24, in about 65 s on an idle core and 82 s in vitest on a busy one (validation 19.3 at step 200,
 * 15.6 at 400, 13.4 at 600; with data seed 2, 11.60 = 0.65×; 1,000 steps reach 10.52 = 0.59×). The short window is
 * what makes this fast: the same model on ~280k tokens ends at 16.3 at n = 16 (0.86× its floor of 18.9) and at 17.7
 * at n = 32, still on the floor (17.3), which it needs ~2,000 steps of batch 16 to leave.
 */
describe('learning from context on Moby-Dick (wasm)', () => {
  let encoder: Encoder | undefined;
  let trainer: Trainer | undefined;
  afterAll(() => {
    trainer?.dispose();
    encoder?.dispose();
  });

  it('a 2-layer d 64 encoder at n = 8 ends at ≤ 0.8× the context-blind floor after 800 steps (measured 12.0 vs 17.8: 0.67×)', async () => {
    const text = readMobyDick();
    const { train, validation } = splitCorpus(text, { seed: 2020, validationFraction: 0.1, blockSize: 4096 });
    const tokenizer = buildCharTokenizer(train);
    const trainIds = tokenizer.encode(train);
    const validationIds = tokenizer.encode(validation);
    const seqLen = 8;
    const steps = 800;
    const config = defaultTrainConfig({
      learningRate: 3e-3,
      warmupSteps: 50,
      totalSteps: steps,
      evalInterval: steps,
      evalBatches: 4,
      clipNorm: 1,
      seed: 1,
    });
    const data = new MlmDataSource({
      ids: trainIds,
      validationIds,
      tokenizer,
      seqLen,
      batchSize: 32,
      validationBatchSize: 64,
      seed: 1,
    });
    encoder = createEncoder({
      layers: 2,
      heads: 4,
      dModel: 64,
      dFF: 128,
      seqLen,
      vocabSize: tokenizer.vocabSize,
      dropout: 0,
      attention: 'standard',
      sharing: 'none',
      projection: 'linear',
      kPerLayer: [seqLen, seqLen],
      seed: 1,
    });
    trainer = new Trainer(encoder, data, config);
    // Both references on the very batches the trainer validates on.
    const scored = trainer.validationBatches();
    const floor = contextBlindPerplexity(trainIds, scored, tokenizer.vocabSize);
    const unigram = scoredUnigramPerplexity(trainIds, scored, tokenizer.vocabSize);
    expect(floor).toBeLessThan(unigram);

    // Untrained, the model is close to uniform over the vocabulary (and wasm really computes: a broken OneHot
    // would score every loss as 0, perplexity 1).
    const before = await trainer.evaluate();
    expect(before.perplexity).toBeGreaterThan(2 * unigram);

    const started = performance.now();
    let last: StepReport | undefined;
    for (let step = 0; step < steps; step++) last = await trainer.step();
    const seconds = (performance.now() - started) / 1000;
    expect(last?.validation).toBeDefined();
    const perplexity = last!.validation!.perplexity;
    console.log(
      `after ${steps} steps (${steps * 32 * seqLen} tokens, ${seconds.toFixed(1)} s): validation perplexity ${perplexity.toFixed(2)}, ` +
        `context-blind floor ${floor.toFixed(2)} (${(perplexity / floor).toFixed(3)}×), unigram ${unigram.toFixed(2)} on the same positions`,
    );
    expect(perplexity).toBeLessThanOrEqual(0.8 * floor);
  }, 300_000); // about 65 s on an idle core; 4× that leaves room for a busy machine
});
