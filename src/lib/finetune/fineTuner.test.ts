import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharTokenizer } from '../data/tokenizer';
import { createEncoder, encoderForward, encoderHiddenStates } from '../model/encoder';
import { tinyConfig } from '../model/testConfigs';
import { poolHidden } from './classifier';
import { copyEncoder } from './copyEncoder';
import { encodeExamples } from './encodeExamples';
import { FineTuner } from './fineTuner';
import { devEvaluationSteps } from './curves';
import { runFineTuneWithCurves } from './fineTuneRun';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// A separable set: the class is whether the sentence is made of x's or of y's, in varying lengths.
const tokenizer = buildCharTokenizer('xy z');
const texts: string[] = [];
const labels: number[] = [];
for (let length = 1; length <= 6; length++) {
  texts.push('x'.repeat(length), 'y'.repeat(length), `${'x'.repeat(length)} x`, `${'y'.repeat(length)} y`);
  labels.push(0, 1, 0, 1);
}
const config = tinyConfig({ layers: 1, seqLen: 8, vocabSize: tokenizer.vocabSize, dModel: 16, dFF: 32 });

describe('FineTuner', () => {
  it.each(['mean', 'first'] as const)(
    'learns a tiny separable set with %s pooling, without leaking tensors',
    async (pooling) => {
      const encoder = createEncoder(config);
      const examples = encodeExamples(tokenizer, texts, labels, config.seqLen);
      const tuner = new FineTuner(encoder, examples, {
        pooling,
        classes: 2,
        batchSize: 8,
        totalSteps: 60,
        learningRate: 0.01,
        seed: 3,
      });
      const before = await tuner.evaluate(examples);
      const tensorsBefore = tf.memory().numTensors;
      for (let i = 0; i < 60; i++) await tuner.step();
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      const after = await tuner.evaluate(examples);
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      expect(after.accuracy).toBe(1);
      expect(after.loss).toBeLessThan(before.loss / 4);
      tuner.dispose();
      encoder.dispose();
    },
  );

  it('frees its head and optimizer state on dispose', () => {
    const encoder = createEncoder(config);
    const start = tf.memory().numTensors;
    const tuner = new FineTuner(encoder, encodeExamples(tokenizer, texts, labels, config.seqLen), {
      pooling: 'mean',
      classes: 2,
      batchSize: 4,
      totalSteps: 5,
      learningRate: 0.01,
      seed: 1,
    });
    tuner.dispose();
    expect(tf.memory().numTensors).toBe(start);
    encoder.dispose();
  });

  it('refuses bad settings with a message', () => {
    const encoder = createEncoder(config);
    const examples = encodeExamples(tokenizer, texts, labels, config.seqLen);
    expect(
      () =>
        new FineTuner(encoder, examples, {
          pooling: 'mean',
          classes: 2,
          batchSize: 0,
          totalSteps: 5,
          learningRate: 2,
          seed: 1,
        }),
    ).toThrow(/Batch size must be a positive whole number.*learning rate must be between 0 and 1/);
    expect(
      () =>
        new FineTuner(encoder, encodeExamples(tokenizer, texts, labels, 4), {
          pooling: 'mean',
          classes: 2,
          batchSize: 4,
          totalSteps: 5,
          learningRate: 0.01,
          seed: 1,
        }),
    ).toThrow(/n = 4/);
    encoder.dispose();
  });
});

describe('copyEncoder', () => {
  it.each([
    ['standard', config],
    [
      'Linformer with fixed random projections',
      {
        ...config,
        attention: 'linformer' as const,
        projection: 'random' as const,
        sharing: 'kv' as const,
        kPerLayer: [4],
      },
    ],
  ])('gives an independent %s model with the same outputs', async (_, modelConfig) => {
    const source = createEncoder({ ...modelConfig, seed: 99 });
    const copy = copyEncoder(source);
    const tokens = tf.tensor2d([[1, 3, 4, 5, 0, 0, 0, 0]], [1, 8], 'int32');
    const mask = tf.tensor2d([[1, 1, 1, 1, 0, 0, 0, 0]]);
    const a = encoderForward(source, tokens, mask, { training: false }).logits;
    const b = encoderForward(copy, tokens, mask, { training: false }).logits;
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    // Changing the copy leaves the source alone.
    const firstCopy = [...copy.weights.values()][0];
    firstCopy.assign(tf.zerosLike(firstCopy));
    expect(Array.from(await [...source.weights.values()][0].data()).some((value) => value !== 0)).toBe(true);
    tf.dispose([tokens, mask, a, b]);
    source.dispose();
    copy.dispose();
  });
});

describe('poolHidden', () => {
  it('averages real positions only, or reads the first', async () => {
    const hidden = tf.tensor3d([
      [
        [1, 2],
        [3, 4],
        [100, 100],
      ],
    ]);
    const mask = tf.tensor2d([[1, 1, 0]]);
    expect(Array.from(await poolHidden(hidden, mask, 'mean').data())).toEqual([2, 3]);
    expect(Array.from(await poolHidden(hidden, mask, 'first').data())).toEqual([1, 2]);
    tf.dispose([hidden, mask]);
  });

  it('reads the same hidden states the masked-LM head sees', async () => {
    const encoder = createEncoder(config);
    const tokens = tf.tensor2d([[1, 3, 4, 5, 3, 4, 0, 0]], [1, 8], 'int32');
    const mask = tf.tensor2d([[1, 1, 1, 1, 1, 1, 0, 0]]);
    const { hidden } = encoderHiddenStates(encoder, tokens, mask, { training: false });
    expect(hidden.shape).toEqual([1, 8, config.dModel]);
    // Post-LN: the last layer's output is layer-normalised, so every position has mean ≈ 0 and variance ≈ 1.
    const values = await hidden.data();
    const row = Array.from(values.slice(0, config.dModel));
    expect(row.reduce((s, v) => s + v, 0) / config.dModel).toBeCloseTo(0, 4);
    tf.dispose([tokens, mask, hidden]);
    encoder.dispose();
  });
});

describe('runFineTuneWithCurves', () => {
  const makeTuner = (totalSteps: number) => {
    const encoder = createEncoder(config);
    const examples = encodeExamples(tokenizer, texts, labels, config.seqLen);
    // A batch of 24 sentences and a dev split of 24 make an evaluation cheap, so a 40-step run is scored often.
    const tuner = new FineTuner(encoder, examples, {
      pooling: 'mean',
      classes: 2,
      batchSize: 24,
      totalSteps,
      learningRate: 0.01,
      seed: 5,
    });
    return { encoder, examples, tuner };
  };

  it('scores the dev split at the scheduled steps, ending on the final evaluation, and records every step’s loss', async () => {
    const { encoder, examples, tuner } = makeTuner(40);
    const losses: number[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const outcome = await runFineTuneWithCurves(tuner, examples, {
      shouldStop: () => false,
      onStep: (_step, loss) => losses.push(loss),
    });
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const planned = devEvaluationSteps(40, examples.count, 24);
    expect(planned.length).toBeGreaterThan(2);
    expect(outcome.curves.plannedEvaluations).toBe(planned.length);
    expect(outcome.curves.dev.map((point) => point.step)).toEqual(planned);
    // The curve's last point is the result itself, and a fresh evaluation of the trained tuner agrees with it.
    const last = outcome.curves.dev.at(-1)!;
    expect(last).toEqual({ step: 40, accuracy: outcome.evaluation.accuracy, loss: outcome.evaluation.loss });
    const again = await tuner.evaluate(examples);
    expect(again.accuracy).toBe(last.accuracy);
    expect(again.loss).toBeCloseTo(last.loss, 6);
    // One point per step (lossWindow(40) = 1), each the loss that step reported.
    expect(outcome.curves.trainingLoss).toEqual(losses.map((loss, i) => ({ step: i + 1, loss })));
    expect(outcome.steps).toBe(40);
    tuner.dispose();
    encoder.dispose();
  });

  it('trains exactly as a run scored only at the end: the dev evaluations change no step’s loss', async () => {
    const scored = makeTuner(40);
    const scoredLosses: number[] = [];
    const outcome = await runFineTuneWithCurves(scored.tuner, scored.examples, {
      shouldStop: () => false,
      onStep: (_step, loss) => scoredLosses.push(loss),
    });
    expect(outcome.curves.dev.length).toBeGreaterThan(2);
    const plain = makeTuner(40);
    const plainLosses: number[] = [];
    for (let i = 0; i < 40; i++) plainLosses.push((await plain.tuner.step()).loss);
    expect(scoredLosses).toEqual(plainLosses);
    for (const { tuner, encoder } of [scored, plain]) {
      tuner.dispose();
      encoder.dispose();
    }
  });

  it('stopped early, ends on one evaluation where it stopped (none repeated) and flushes the partial loss window', async () => {
    const { encoder, examples, tuner } = makeTuner(1000); // lossWindow(1000) = 3
    let steps = 0;
    const outcome = await runFineTuneWithCurves(tuner, examples, {
      shouldStop: () => steps >= 7,
      onStep: () => (steps += 1),
    });
    expect(outcome.steps).toBe(7);
    expect(outcome.curves.dev).toHaveLength(1);
    expect(outcome.curves.dev[0]).toEqual({ step: 7, accuracy: outcome.evaluation.accuracy, loss: outcome.evaluation.loss });
    expect(outcome.curves.trainingLoss.map((point) => point.step)).toEqual([3, 6, 7]);
    tuner.dispose();
    encoder.dispose();
  });
});
