import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, type ModelConfig, type ProjectionKind } from './config';
import { createEncoder, encoderForward, parameterCount, projectionWeights, type Encoder } from './encoder';
import { maskedLmLoss } from './mlmLoss';
import { tinyConfig } from './testConfigs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// n = 8; the first sequence has 5 tokens, the second 7.
const tokenIds = [
  [3, 1, 4, 1, 5, 0, 0, 0],
  [2, 7, 1, 8, 2, 8, 1, 0],
];
const padding = [
  [1, 1, 1, 1, 1, 0, 0, 0],
  [1, 1, 1, 1, 1, 1, 1, 0],
];

async function logitsFor(model: Encoder, ids: number[][]): Promise<Float32Array> {
  const tokens = tf.tensor2d(ids, undefined, 'int32');
  const mask = tf.tensor2d(padding);
  const { logits } = encoderForward(model, tokens, mask, { training: false });
  const values = (await logits.data()) as Float32Array;
  tf.dispose([tokens, mask, logits]);
  return values;
}

/** The logits of the real (unpadded) positions only. */
function realPositions(logits: Float32Array, vocab: number): number[][] {
  const rows: number[][] = [];
  padding.forEach((row, b) =>
    row.forEach((isToken, i) => {
      if (isToken) rows.push(Array.from(logits.subarray((b * 8 + i) * vocab, (b * 8 + i + 1) * vocab)));
    }),
  );
  return rows;
}

const variants: { name: string; config: Partial<ModelConfig> }[] = [
  { name: 'standard', config: { attention: 'standard' } },
  ...(['linear', 'random', 'mean-pool', 'max-pool', 'conv'] as ProjectionKind[]).map((projection) => ({
    name: `linformer ${projection}`,
    config: { attention: 'linformer' as const, projection, kPerLayer: [4, 2] },
  })),
  { name: 'linformer linear, kv sharing', config: { attention: 'linformer', projection: 'linear', sharing: 'kv', kPerLayer: [4, 2] } },
];

describe('encoderForward', () => {
  it('gives logits [batch, n, vocab] and, on request, attention [batch, heads, n, n or k] per layer', () => {
    for (const { config } of variants) {
      const model = createEncoder(tinyConfig(config));
      const tokens = tf.tensor2d(tokenIds, undefined, 'int32');
      const mask = tf.tensor2d(padding);
      const result = encoderForward(model, tokens, mask, { training: false, collectAttention: true });
      expect(result.logits.shape).toEqual([2, 8, 11]);
      const lengths = model.config.attention === 'standard' ? [8, 8] : model.config.kPerLayer;
      expect(result.attention.map((probs) => probs.shape)).toEqual(lengths.map((length) => [2, 2, 8, length]));
      const quiet = encoderForward(model, tokens, mask, { training: false });
      expect(quiet.attention).toEqual([]);
      tf.dispose([tokens, mask, result.logits, ...result.attention, quiet.logits]);
      model.dispose();
    }
  });

  for (const { name, config } of variants) {
    it(`${name}: token ids at padded positions change no logit at a real position`, async () => {
      const model = createEncoder(tinyConfig(config));
      const original = realPositions(await logitsFor(model, tokenIds), 11);
      const otherPadding = tokenIds.map((row, b) => row.map((id, i) => (padding[b][i] ? id : (id + 3 + i) % 11)));
      expect(realPositions(await logitsFor(model, otherPadding), 11)).toEqual(original);
      // The control: changing one real token does move the logits of the other real positions.
      const otherToken = tokenIds.map((row, b) => row.map((id, i) => (b === 0 && i === 2 ? (id + 5) % 11 : id)));
      const moved = realPositions(await logitsFor(model, otherToken), 11);
      expect(moved[0]).not.toEqual(original[0]);
      model.dispose();
    });
  }

  it('is deterministic for one dropout seed, differs for another, and has no dropout when not training', async () => {
    const model = createEncoder(tinyConfig({ dropout: 0.3 }));
    const withoutDropout = createEncoder(tinyConfig({ dropout: 0 }));
    const tokens = tf.tensor2d(tokenIds, undefined, 'int32');
    const mask = tf.tensor2d(padding);
    const run = async (target: Encoder, training: boolean, dropoutSeed?: number) => {
      const { logits } = encoderForward(target, tokens, mask, { training, dropoutSeed });
      const values = Array.from(await logits.data());
      logits.dispose();
      return values;
    };
    const first = await run(model, true, 5);
    expect(await run(model, true, 5)).toEqual(first);
    expect(await run(model, true, 6)).not.toEqual(first);
    const inference = await run(model, false, 5);
    expect(inference).not.toEqual(first);
    // The dropout rate is not part of the initial weights, so the two models differ only in dropout.
    expect(inference).toEqual(await run(withoutDropout, true, 5));
    tf.dispose([tokens, mask]);
    model.dispose();
    withoutDropout.dispose();
  });

  it('standard attention on a shorter sequence equals the full length with the rest padded', async () => {
    const model = createEncoder(tinyConfig({ attention: 'standard' }));
    const ids = [[3, 1, 4, 1, 5, 9]];
    const short = tf.tensor2d(ids, undefined, 'int32');
    const shortMask = tf.ones([1, 6]) as tf.Tensor2D;
    const long = tf.tensor2d([[...ids[0], 2, 6]], undefined, 'int32');
    const longMask = tf.tensor2d([[1, 1, 1, 1, 1, 1, 0, 0]]);
    const a = encoderForward(model, short, shortMask, { training: false }).logits;
    const b = encoderForward(model, long, longMask, { training: false }).logits;
    const bReal = tf.slice(b, [0, 0, 0], [1, 6, 11]);
    const [shortValues, longValues] = await Promise.all([a.data(), bReal.data()]);
    let worst = 0;
    shortValues.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - longValues[i]))));
    expect(worst).toBeLessThan(1e-5);
    tf.dispose([short, shortMask, long, longMask, a, b, bReal]);
    model.dispose();
  });

  it('refuses sequences of the wrong shape', () => {
    const model = createEncoder(tinyConfig({ attention: 'linformer' }));
    const short = tf.zeros([2, 6], 'int32') as tf.Tensor2D;
    const shortMask = tf.ones([2, 6]) as tf.Tensor2D;
    const mask = tf.ones([2, 8]) as tf.Tensor2D;
    expect(() => encoderForward(model, short, shortMask, { training: false })).toThrow(/exactly n = 8/);
    expect(() => encoderForward(model, short, mask, { training: false })).toThrow(/mask/);
    tf.dispose([short, shortMask, mask]);
    model.dispose();
  });
});

describe('createEncoder', () => {
  const refusals: { problem: string; config: Partial<ModelConfig>; message: RegExp }[] = [
    { problem: 'k larger than n', config: { attention: 'linformer', kPerLayer: [4, 16] }, message: /k in layer 2 \(16\) is larger than n \(8\)/ },
    {
      problem: 'n not divisible by the pooling stride',
      config: { attention: 'linformer', projection: 'mean-pool', kPerLayer: [3, 4] },
      message: /n \(8\) is not divisible by k in layer 1 \(3\)/,
    },
    { problem: 'heads not dividing dModel', config: { heads: 3 }, message: /heads \(3\) must divide dModel \(8\)/ },
  ];
  for (const { problem, config, message } of refusals) {
    it(`refuses ${problem} with a ConfigError naming it, creating no tensors`, () => {
      const before = tf.memory().numTensors;
      let thrown: unknown;
      try {
        createEncoder(tinyConfig(config));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).message).toMatch(message);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('gives identical weights for the same seed and different ones for another seed', async () => {
    const config = tinyConfig({ attention: 'linformer', kPerLayer: [4, 2] });
    const [first, again, other] = [config, config, { ...config, seed: config.seed + 1 }].map(createEncoder);
    expect([...again.weights.keys()]).toEqual([...first.weights.keys()]);
    for (const [name, weight] of first.weights) {
      expect(Array.from(await again.weights.get(name)!.data())).toEqual(Array.from(await weight.data()));
    }
    const embedding = async (model: Encoder) => Array.from(await model.weights.get('embedding/token')!.data());
    const projection = async (model: Encoder) => Array.from(await projectionWeights(model).get('projection/layer0/head0/E')!.data());
    expect(await embedding(other)).not.toEqual(await embedding(first));
    expect(await projection(other)).not.toEqual(await projection(first));
    [first, again, other].forEach((model) => model.dispose());
  });

  it('gives a standard and a Linformer model of one seed the same weights outside the projections', async () => {
    const standard = createEncoder(tinyConfig({ attention: 'standard' }));
    const linformer = createEncoder(tinyConfig({ attention: 'linformer' }));
    for (const [name, weight] of standard.weights) {
      expect(Array.from(await linformer.weights.get(name)!.data())).toEqual(Array.from(await weight.data()));
    }
    standard.dispose();
    linformer.dispose();
  });

  it('counts its parameters: embeddings, layers and head', () => {
    const model = createEncoder(tinyConfig());
    const [d, ff, v, n, layers] = [8, 16, 11, 8, 2];
    const perLayer = 4 * (d * d + d) + 2 * 2 * d + (d * ff + ff) + (ff * d + d);
    const expected = v * d + n * d + 2 * d + layers * perLayer + (d * d + d) + 2 * d + v;
    expect(parameterCount(model)).toEqual({ total: expected, trainable: expected });
    model.dispose();
  });
});

describe('tensor memory', () => {
  it('leaves no tensor behind after createEncoder + dispose, or after a forward inside tf.tidy', () => {
    const before = tf.memory().numTensors;
    const model = createEncoder(tinyConfig({ attention: 'linformer', projection: 'conv', dropout: 0.1 }));
    expect(tf.memory().numTensors).toBe(before + model.weights.size);
    const tokens = tf.tensor2d(tokenIds, undefined, 'int32');
    const mask = tf.tensor2d(padding);
    const withInputs = tf.memory().numTensors;
    tf.tidy(() => {
      encoderForward(model, tokens, mask, { training: true, dropoutSeed: 3, collectAttention: true });
    });
    expect(tf.memory().numTensors).toBe(withInputs);
    // Outside a tidy, only the results remain: the logits and one attention map per layer.
    const result = encoderForward(model, tokens, mask, { training: true, dropoutSeed: 3, collectAttention: true });
    expect(tf.memory().numTensors).toBe(withInputs + 1 + model.config.layers);
    tf.dispose([result.logits, ...result.attention, tokens, mask]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('training', () => {
  const targets = tokenIds.map((row) => row.map((id) => (id + 1) % 11));
  // Predict three positions of the first sequence and four of the second.
  const predicted = [
    [1, 0, 1, 0, 1, 0, 0, 0],
    [0, 1, 1, 0, 1, 0, 1, 0],
  ];

  for (const { name, config } of variants) {
    it(`${name}: every trainable variable gets a finite, non-zero gradient`, () => {
      const model = createEncoder(tinyConfig({ ...config, dropout: 0.1 }));
      const tokens = tf.tensor2d(tokenIds, undefined, 'int32');
      const mask = tf.tensor2d(padding);
      const targetTensor = tf.tensor2d(targets, undefined, 'int32');
      const weights = tf.tensor2d(predicted);
      const before = tf.memory().numTensors;
      const { value, grads } = tf.variableGrads(() => {
        const { logits } = encoderForward(model, tokens, mask, { training: true, dropoutSeed: 9 });
        return maskedLmLoss(logits, targetTensor, weights);
      }, model.trainableVariables);
      expect(Object.keys(grads).sort()).toEqual(model.trainableVariables.map((v) => v.name).sort());
      for (const variable of model.trainableVariables) {
        const g = grads[variable.name].dataSync();
        expect(g.every(Number.isFinite)).toBe(true);
        expect(g.some((x) => x !== 0)).toBe(true);
      }
      tf.dispose([value, ...Object.values(grads)]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([tokens, mask, targetTensor, weights]);
      model.dispose();
    });
  }

  it('fits a fixed batch with optimizer.minimize, leaving random projections untouched', async () => {
    const model = createEncoder(tinyConfig({ attention: 'linformer', projection: 'random', sharing: 'headwise' }));
    const projections = projectionWeights(model);
    const fixedBefore = await Promise.all([...projections.values()].map((w) => w.data()));
    const tokens = tf.tensor2d(tokenIds, undefined, 'int32');
    const mask = tf.tensor2d(padding);
    const targetTensor = tf.tensor2d(targets, undefined, 'int32');
    const weights = tf.tensor2d(predicted);
    const optimizer = tf.train.adam(0.01);
    const losses: number[] = [];
    for (let step = 0; step < 30; step++) {
      const loss = optimizer.minimize(
        () => maskedLmLoss(encoderForward(model, tokens, mask, { training: false }).logits, targetTensor, weights),
        true,
        model.trainableVariables,
      );
      losses.push((await loss!.data())[0]);
      loss!.dispose();
    }
    // ln 11 ≈ 2.4 at the start; 30 Adam steps on 7 targets should more than halve it.
    expect(losses[0]).toBeGreaterThan(2);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 2);
    const fixedAfter = await Promise.all([...projections.values()].map((w) => w.data()));
    expect(fixedAfter.map((values) => Array.from(values))).toEqual(fixedBefore.map((values) => Array.from(values)));
    optimizer.dispose();
    tf.dispose([tokens, mask, targetTensor, weights]);
    model.dispose();
  });
});
