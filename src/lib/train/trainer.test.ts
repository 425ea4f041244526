import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCharTokenizer, MlmDataSource, type MlmBatch } from '../data';
import { createEncoder, encoderForward, maskedLmLoss, type Encoder, type ModelConfig } from '../model';
import { repeatingBatchSource, type BatchSource } from './batchSource';
import { TrainingDivergedError } from './errors';
import { defaultTrainConfig, type TrainConfig } from './trainConfig';
import { Trainer } from './trainer';
import { TrainingLoop } from './trainingLoop';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TEXT =
  'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, ' +
  'and nothing particular to interest me on shore, I thought I would sail about a little and see the watery ' +
  'part of the world. It is a way I have of driving off the spleen and regulating the circulation.';
const tokenizer = buildCharTokenizer(TEXT);
const ids = tokenizer.encode(TEXT);
const SEQ_LEN = 16;
const BATCH_SIZE = 4;

function modelConfig(overrides: Partial<ModelConfig> = {}): ModelConfig {
  return {
    layers: 2,
    heads: 2,
    dModel: 16,
    dFF: 32,
    seqLen: SEQ_LEN,
    vocabSize: tokenizer.vocabSize,
    dropout: 0.1,
    attention: 'standard',
    sharing: 'none',
    projection: 'linear',
    kPerLayer: [8, 8],
    seed: 7,
    ...overrides,
  };
}

function trainConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return defaultTrainConfig({ learningRate: 3e-3, warmupSteps: 2, totalSteps: 20, evalInterval: 0, evalBatches: 2, ...overrides });
}

function dataSource(seed = 3): MlmDataSource {
  // Training and validation share the text here: these tests check mechanics, not generalisation.
  return new MlmDataSource({ ids, validationIds: ids, tokenizer, seqLen: SEQ_LEN, batchSize: BATCH_SIZE, seed });
}

// Every model and trainer a test makes is freed afterwards, so leaks show up as test failures below.
const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).reverse().forEach((dispose) => dispose());
});
function setUp(model: Partial<ModelConfig> = {}, train: Partial<TrainConfig> = {}, data: BatchSource = dataSource()) {
  const encoder = createEncoder(modelConfig(model));
  cleanups.push(() => encoder.dispose());
  const trainer = new Trainer(encoder, data, trainConfig(train));
  cleanups.push(() => trainer.dispose());
  return { encoder, trainer };
}

async function lossesOf(trainer: Trainer, steps: number): Promise<number[]> {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) losses.push((await trainer.step()).loss);
  return losses;
}

/** The loss of `batch` under `encoder` without dropout, computed directly with the model's functions. */
async function directLoss(encoder: Encoder, batch: MlmBatch): Promise<number> {
  const loss = tf.tidy(() => {
    const shape: [number, number] = [batch.batchSize, batch.seqLen];
    const { logits } = encoderForward(encoder, tf.tensor2d(batch.tokens, shape, 'int32'), tf.tensor2d(batch.attentionMask, shape), {
      training: false,
    });
    return maskedLmLoss(logits, tf.tensor2d(batch.targets, shape, 'int32'), tf.tensor2d(batch.weights, shape));
  });
  const value = (await loss.data())[0];
  loss.dispose();
  return value;
}

/** Several batches as one: maskedLmLoss on it is the position-weighted mean over the parts. */
function concatenate(batches: MlmBatch[]): MlmBatch {
  const join = <T extends Int32Array | Float32Array>(make: new (n: number) => T, pick: (b: MlmBatch) => T): T => {
    const out = new make(batches.reduce((sum, b) => sum + pick(b).length, 0));
    let at = 0;
    for (const batch of batches) {
      out.set(pick(batch), at);
      at += pick(batch).length;
    }
    return out;
  };
  return {
    batchSize: batches.reduce((sum, b) => sum + b.batchSize, 0),
    seqLen: batches[0].seqLen,
    tokens: join(Int32Array, (b) => b.tokens),
    targets: join(Int32Array, (b) => b.targets),
    weights: join(Float32Array, (b) => b.weights),
    attentionMask: join(Float32Array, (b) => b.attentionMask),
  };
}

describe('Trainer', () => {
  it('repeats a run exactly with the same seeds, and differs when only the dropout seed changes', async () => {
    const first = await lossesOf(setUp({}, { seed: 11 }).trainer, 5);
    const again = await lossesOf(setUp({}, { seed: 11 }).trainer, 5);
    const otherSeed = await lossesOf(setUp({}, { seed: 12 }).trainer, 5);
    expect(again).toEqual(first);
    first.forEach((loss) => expect(Number.isFinite(loss)).toBe(true));
    // Same weights and batches; only dropout masks differ, so every loss differs.
    otherSeed.forEach((loss, i) => expect(loss).not.toBe(first[i]));
  });

  for (const attention of ['standard', 'linformer'] as const) {
    it(`keeps the tensor count constant across steps and evaluations (${attention})`, async () => {
      const baseline = tf.memory().numTensors;
      const { trainer } = setUp({ attention }, { evalInterval: 4, totalSteps: 10 });
      const counts: number[] = [];
      for (let i = 0; i < 10; i++) {
        const report = await trainer.step();
        expect(report.memory.numTensors).toBe(tf.memory().numTensors);
        counts.push(report.memory.numTensors);
        expect(report.validation !== undefined).toBe(report.step === 4 || report.step === 8 || report.step === 10);
      }
      expect(counts[9]).toBe(counts[2]);
      expect(new Set(counts).size).toBe(1);
      cleanups.splice(0).reverse().forEach((dispose) => dispose());
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }

  it('overfits one fixed batch', async () => {
    const batch = dataSource(5).nextTrainBatch();
    const { trainer } = setUp(
      { dropout: 0, layers: 1, kPerLayer: [8] },
      { learningRate: 1e-2, warmupSteps: 10, totalSteps: 60, weightDecay: 0 },
      repeatingBatchSource(batch),
    );
    const losses = await lossesOf(trainer, 60);
    // It starts near log(vocabulary) (uniform guessing) and must end up memorising the masked characters.
    expect(losses[0]).toBeGreaterThan(0.8 * Math.log(tokenizer.vocabSize));
    expect(Math.min(...losses.slice(-5))).toBeLessThan(0.05 * losses[0]);
  });

  it('reports the loss before the update, the gradient norm, the scheduled rate and the throughput', async () => {
    const batch = dataSource(9).nextTrainBatch();
    const { encoder, trainer } = setUp({ dropout: 0 }, { learningRate: 2e-3, warmupSteps: 4, totalSteps: 8 }, repeatingBatchSource(batch));
    const lossBefore = await directLoss(encoder, batch);
    // An independent gradient norm at the initial weights.
    const norm = tf.tidy(() => {
      const shape: [number, number] = [batch.batchSize, batch.seqLen];
      const { grads } = tf.variableGrads(() => {
        const { logits } = encoderForward(encoder, tf.tensor2d(batch.tokens, shape, 'int32'), tf.tensor2d(batch.attentionMask, shape), { training: true });
        return maskedLmLoss(logits, tf.tensor2d(batch.targets, shape, 'int32'), tf.tensor2d(batch.weights, shape));
      }, encoder.trainableVariables);
      return tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
    });
    const expectedNorm = (await norm.data())[0];
    norm.dispose();

    const report = await trainer.step();
    expect(report.step).toBe(1);
    expect(report.loss).toBeCloseTo(lossBefore, 5);
    expect(report.gradNorm).toBeCloseTo(expectedNorm, 5);
    expect(report.learningRate).toBeCloseTo(2e-3 / 4, 12);
    expect(report.tokensPerSecond).toBeCloseTo((BATCH_SIZE * SEQ_LEN) / (report.msPerStep / 1000), 6);
    expect(report.memory.peakBytes).toBeUndefined();
    const rates = [report.learningRate];
    for (let i = 0; i < 7; i++) rates.push((await trainer.step()).learningRate);
    // Warm-up to 2e-3 at step 4, then linear decay to the 10% floor at step 8.
    [0.5e-3, 1e-3, 1.5e-3, 2e-3, 1.55e-3, 1.1e-3, 0.65e-3, 0.2e-3].forEach((rate, i) => expect(rates[i]).toBeCloseTo(rate, 12));
    expect(trainer.stepCount).toBe(8);
  });

  it('applies AdamW with the scheduled rate: the first update moves each weight by lr·g/(|g|+ε) plus decay', async () => {
    const batch = dataSource(4).nextTrainBatch();
    const lr = 1e-3;
    const wd = 0.1;
    const { encoder, trainer } = setUp({ dropout: 0 }, { learningRate: lr, warmupSteps: 1, weightDecay: wd, clipNorm: 0, epsilon: 1e-8 }, repeatingBatchSource(batch));
    const shape: [number, number] = [batch.batchSize, batch.seqLen];
    const expected = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const { logits } = encoderForward(encoder, tf.tensor2d(batch.tokens, shape, 'int32'), tf.tensor2d(batch.attentionMask, shape), { training: true });
        return maskedLmLoss(logits, tf.tensor2d(batch.targets, shape, 'int32'), tf.tensor2d(batch.weights, shape));
      }, encoder.trainableVariables);
      // On update 1, m̂ = g and v̂ = g², so AdamW's step is g/(|g|+ε) (+ λ·p for matrices).
      return encoder.trainableVariables.map((p) => {
        const g = grads[p.name];
        const decay = p.rank >= 2 ? tf.mul(p, wd) : tf.zerosLike(p);
        return tf.sub(p, tf.mul(tf.add(tf.div(g, tf.add(tf.abs(g), 1e-8)), decay), lr));
      });
    });
    // A one-step warm-up puts update 1 exactly at the peak rate.
    expect((await trainer.step()).learningRate).toBe(lr);
    for (const [i, p] of encoder.trainableVariables.entries()) {
      const actual = await p.data();
      const wanted = await expected[i].data();
      let worst = 0;
      actual.forEach((value, j) => (worst = Math.max(worst, Math.abs(value - wanted[j]))));
      const name = [...encoder.weights].find(([, weight]) => weight === p)?.[0];
      expect(worst, name).toBeLessThan(1e-6);
    }
    tf.dispose(expected);
  });

  it('validates on fixed batches: loss is the mean over all predicted positions, perplexity its exp', async () => {
    const data = dataSource();
    const { encoder, trainer } = setUp({}, { evalBatches: 3 }, data);
    await lossesOf(trainer, 2);
    const result = await trainer.evaluate();
    // Three batches joined into one: maskedLmLoss over it weights every predicted position equally.
    const reference = await directLoss(encoder, concatenate(data.validationBatches(3)));
    expect(result.loss).toBeCloseTo(reference, 5);
    expect(result.perplexity).toBeCloseTo(Math.exp(result.loss), 8);
    // Dropout is off in evaluation, so it is repeatable.
    expect((await trainer.evaluate()).loss).toBe(result.loss);
  });

  it('draws its validation batches once and scores exactly the ones it exposes', async () => {
    const data = dataSource();
    let draws = 0;
    const counting: BatchSource = {
      nextTrainBatch: () => data.nextTrainBatch(),
      validationBatches: (count) => (draws++, data.validationBatches(count)),
    };
    const { encoder, trainer } = setUp({}, { evalBatches: 2 }, counting);
    const exposed = trainer.validationBatches();
    expect(exposed).toHaveLength(2);
    const result = await trainer.evaluate();
    expect(trainer.validationBatches()).toBe(exposed);
    expect(draws).toBe(1);
    expect(result.loss).toBeCloseTo(await directLoss(encoder, concatenate([...exposed])), 5);
  });

  it('measures peak memory only when asked', async () => {
    const { trainer } = setUp({}, { profileMemory: true });
    const report = await trainer.step();
    expect(report.memory.peakBytes).toBeGreaterThan(report.memory.numBytes);
  });

  it('throws TrainingDivergedError naming the step when the loss is not finite', async () => {
    const good = dataSource().nextTrainBatch();
    const poisoned: MlmBatch = { ...good, weights: good.weights.map(() => NaN) };
    let calls = 0;
    const source: BatchSource = { nextTrainBatch: () => (++calls === 3 ? poisoned : good), validationBatches: () => [good] };
    const { trainer } = setUp({}, {}, source);
    await trainer.step();
    await trainer.step();
    const failure = await trainer.step().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TrainingDivergedError);
    expect((failure as Error).message).toMatch(/step 3.*loss is NaN.*lower learning rate/);
  });

  it('a diverging run makes the training loop fail with that message, and leaks nothing', async () => {
    const good = dataSource().nextTrainBatch();
    const poisoned: MlmBatch = { ...good, weights: good.weights.map(() => NaN) };
    let calls = 0;
    const source: BatchSource = { nextTrainBatch: () => (++calls === 4 ? poisoned : good), validationBatches: () => [good] };
    const { trainer } = setUp({}, { totalSteps: 10 }, source);
    const countBefore = tf.memory().numTensors;
    const loop = new TrainingLoop(trainer, { totalSteps: 10 });
    const messages: Array<string | undefined> = [];
    loop.onStatus((status, message) => status === 'failed' && messages.push(message));
    await loop.start();
    expect(loop.status).toBe('failed');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Training diverged at step 4/);
    expect(trainer.stepCount).toBe(4);
    expect(tf.memory().numTensors).toBe(countBefore);
  });

  it('runs under the loop to totalSteps with pause, single step and resume', async () => {
    const { trainer } = setUp({}, { totalSteps: 6 });
    const loop = new TrainingLoop(trainer, { totalSteps: 6 });
    const steps: number[] = [];
    loop.onReport((report) => {
      steps.push(report.step);
      if (report.step === 2) loop.pause();
    });
    await loop.start();
    expect(loop.status).toBe('paused');
    expect((await loop.stepOnce())?.step).toBe(3);
    await loop.resume();
    expect(loop.status).toBe('finished');
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects batches of the wrong length, bad configs, and overlapping steps', async () => {
    const wrong = new MlmDataSource({ ids, validationIds: ids, tokenizer, seqLen: 8, batchSize: 2, seed: 1 });
    const { trainer } = setUp({}, {}, wrong);
    await expect(trainer.step()).rejects.toThrow(/length 8.*n = 16/);
    const encoder = createEncoder(modelConfig());
    cleanups.push(() => encoder.dispose());
    expect(() => new Trainer(encoder, dataSource(), trainConfig({ learningRate: -1, beta2: 1 }))).toThrow(/learning rate.*beta2/);
    const busy = new Trainer(encoder, dataSource(), trainConfig());
    cleanups.push(() => busy.dispose());
    const first = busy.step();
    await expect(busy.step()).rejects.toThrow(/already running/);
    await first;
  });
});
