import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdamW, decaysByRank } from './adamw';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const owned: tf.Variable[] = [];
afterEach(() => {
  owned.splice(0).forEach((variable) => variable.dispose());
});
function variable(values: number[], shape: number[]): tf.Variable {
  const created = tf.variable(tf.tensor(values, shape));
  owned.push(created);
  return created;
}

const options = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01 };

/** Plain float64 AdamW on one number, written from the update rule, as an independent reference. */
function referenceAdamW(p0: number, gradients: number[], learningRates: number[], decays: boolean): number {
  let p = p0;
  let m = 0;
  let v = 0;
  gradients.forEach((g, i) => {
    const t = i + 1;
    m = options.beta1 * m + (1 - options.beta1) * g;
    v = options.beta2 * v + (1 - options.beta2) * g * g;
    const mHat = m / (1 - options.beta1 ** t);
    const vHat = v / (1 - options.beta2 ** t);
    p -= learningRates[i] * (mHat / (Math.sqrt(vHat) + options.epsilon) + (decays ? options.weightDecay * p : 0));
  });
  return p;
}

describe('AdamW', () => {
  it('matches a hand-computed first update on a 2-element weight matrix', async () => {
    // On update 1 the bias corrections cancel the (1 − β) factors: m̂ = g, v̂ = g², so the Adam step is
    // g / (|g| + ε) ≈ ±1. With lr = 0.1, λ = 0.01:
    //   p₀ =  1: 1 − 0.1·(1 + 0.01·1)    = 0.899
    //   p₁ = −2: −2 − 0.1·(−1 + 0.01·(−2)) = −1.898
    const weights = variable([1, -2], [1, 2]);
    const optimizer = new AdamW([weights], options);
    const gradient = tf.tensor([0.5, -0.25], [1, 2]);
    optimizer.applyGradients({ [weights.name]: gradient }, 0.1);
    gradient.dispose();
    const updated = await weights.data();
    expect(updated[0]).toBeCloseTo(0.899, 6);
    expect(updated[1]).toBeCloseTo(-1.898, 6);
    expect(optimizer.updateCount).toBe(1);
    optimizer.dispose();
  });

  it('follows a float64 reference over several updates with changing learning rates', async () => {
    const weights = variable([0.3, -0.7], [2, 1]);
    const optimizer = new AdamW([weights], options);
    const gradientSeries = [
      [0.5, -0.1],
      [0.1, 0.3],
      [-0.4, 0.02],
      [0.25, -0.6],
      [0.0, 0.05],
    ];
    const learningRates = [0.01, 0.02, 0.05, 0.03, 0.01];
    gradientSeries.forEach((values, i) => {
      const gradient = tf.tensor(values, [2, 1]);
      optimizer.applyGradients({ [weights.name]: gradient }, learningRates[i]);
      gradient.dispose();
    });
    const updated = await weights.data();
    const expected0 = referenceAdamW(0.3, gradientSeries.map((g) => g[0]), learningRates, true);
    const expected1 = referenceAdamW(-0.7, gradientSeries.map((g) => g[1]), learningRates, true);
    expect(updated[0]).toBeCloseTo(expected0, 6);
    expect(updated[1]).toBeCloseTo(expected1, 6);
    optimizer.dispose();
  });

  it('decays matrices but never vectors (biases, layer-norm parameters)', async () => {
    // With a zero gradient the Adam step is 0 / (0 + ε) = 0, so only decay can move a parameter:
    // a matrix shrinks by exactly (1 − lr·λ) per update, a vector stays where it is.
    const matrix = variable([2, -4, 6, 8], [2, 2]);
    const bias = variable([2, -4], [2]);
    const gain = variable([1, 1, 1], [3]);
    const optimizer = new AdamW([matrix, bias, gain], { ...options, weightDecay: 0.5 });
    expect(optimizer.decays(matrix)).toBe(true);
    expect(optimizer.decays(bias)).toBe(false);
    expect(optimizer.decays(gain)).toBe(false);
    const zeros = { [matrix.name]: tf.zeros([2, 2]), [bias.name]: tf.zeros([2]), [gain.name]: tf.zeros([3]) };
    optimizer.applyGradients(zeros, 0.1);
    optimizer.applyGradients(zeros, 0.1);
    Object.values(zeros).forEach((tensor) => tensor.dispose());
    const shrink = (1 - 0.1 * 0.5) ** 2;
    Array.from(await matrix.data()).forEach((value, i) => expect(value).toBeCloseTo([2, -4, 6, 8][i] * shrink, 6));
    expect(Array.from(await bias.data())).toEqual([2, -4]);
    expect(Array.from(await gain.data())).toEqual([1, 1, 1]);
    optimizer.dispose();
  });

  it('follows the reference for an undecayed vector too', async () => {
    const bias = variable([0.5], [1]);
    const optimizer = new AdamW([bias], options);
    const gradients = [0.2, -0.3, 0.1];
    const learningRates = [0.1, 0.1, 0.1];
    gradients.forEach((g, i) => {
      const gradient = tf.tensor([g], [1]);
      optimizer.applyGradients({ [bias.name]: gradient }, learningRates[i]);
      gradient.dispose();
    });
    expect((await bias.data())[0]).toBeCloseTo(referenceAdamW(0.5, gradients, learningRates, false), 6);
    optimizer.dispose();
  });

  it('accepts a custom decay rule', () => {
    const embedding = variable([1, 2, 3, 4], [2, 2]);
    const optimizer = new AdamW([embedding], { ...options, shouldDecay: () => false });
    expect(decaysByRank(embedding)).toBe(true);
    expect(optimizer.decays(embedding)).toBe(false);
    optimizer.dispose();
  });

  it('leaves a parameter without a gradient untouched', async () => {
    const used = variable([1, 1], [1, 2]);
    const unused = variable([3, 3], [1, 2]);
    const optimizer = new AdamW([used, unused], options);
    const gradient = tf.ones([1, 2]);
    optimizer.applyGradients({ [used.name]: gradient }, 0.1);
    gradient.dispose();
    expect(Array.from(await unused.data())).toEqual([3, 3]);
    expect(Array.from(await used.data())).not.toEqual([1, 1]);
    optimizer.dispose();
  });

  it('owns its moment variables: creates two per parameter, leaks nothing per update, frees them on dispose', () => {
    const weights = variable([1, 2, 3, 4], [2, 2]);
    const before = tf.memory().numTensors;
    const optimizer = new AdamW([weights], options);
    expect(tf.memory().numTensors).toBe(before + 2);
    const gradient = tf.ones([2, 2]);
    for (let i = 0; i < 3; i++) optimizer.applyGradients({ [weights.name]: gradient }, 0.01);
    gradient.dispose();
    expect(tf.memory().numTensors).toBe(before + 2);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => optimizer.applyGradients({}, 0.1)).toThrow(/after dispose/);
  });
});
